package site

import (
	"bytes"
	"context"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing/fstest"

	"guides/internal/content"
	"guides/internal/diag"
	"guides/internal/markdown"
	"guides/internal/output"
)

// Store is an output a Live site reads back, to tell which pages an edit
// really changed. output.Memory is one.
type Store interface {
	output.Writer
	Get(path string) ([]byte, bool)
}

var _ Store = (*output.Memory)(nil)

// Live is a built site kept between edits, for serve: an edit to a guide
// re-renders that guide's pages and interview kits in every locale (a
// translation's language switcher, an untranslated placeholder's list of
// originals), and the pages that list it only where its entry on them
// changed: the home pages for its card, the question library's pages for
// its title, tags and questions, the feed for its title, summary, tags and
// date, the sitemap for its date. Each is compared by the function that
// makes it, before and after, so what the lists show and what Live
// re-renders cannot drift apart.
//
// It keeps the last good plan: the loaded pages and each page's converted
// metadata (headings, links, questions), but no page's HTML, which lives in
// the Store. An edit reloads only the changed files and their translations
// (so checks that span a guide's versions still run), converts them,
// re-checks their links and every link into a page whose anchors changed,
// and renders the affected pages. Anything else — a page added, removed or
// moved to another URL, a new or vanished library page, a sample, a file it
// does not know — asks for a full build instead.
//
// A Live is not safe for concurrent use: one goroutine owns it.
type Live struct {
	b       *Builder
	p       *plan                      // the last good build
	byFile  map[string]*content.Page   // p's pages by File
	targets anchors                    // the anchors of p's pages by URL
	inbound map[string]map[string]bool // page path → files that link to it; never pruned, so a superset
	pending map[string]bool            // content paths changed since p
}

// Change is what an Update did.
type Change struct {
	Full  bool     // the edits need a full build (BuildLive); nothing was written
	Pages []string // site paths of the pages whose HTML changed
}

// BuildLive builds the whole site into w, as Build does, and keeps what an
// Update needs.
func (b *Builder) BuildLive(ctx context.Context, w Store) (*Live, diag.List) {
	p, _, errs := b.build(ctx, w, true)
	if len(errs) > 0 {
		return nil, errs
	}
	l := &Live{b: b, p: p, byFile: map[string]*content.Page{}, targets: p.anchors(p.jobs()),
		inbound: map[string]map[string]bool{}, pending: map[string]bool{}}
	for _, pg := range p.s.Pages {
		l.byFile[pg.File] = pg
	}
	for _, pg := range p.pages {
		l.addInbound(p, pg)
	}
	return l, nil
}

// Update applies edits to content files, named by slash paths relative to
// the content directory, and writes the pages they change to w, which holds
// what the last good build wrote. When the edits have problems nothing is
// written and they are kept: the next Update applies them again along with
// its own.
// Builder is the Builder the live site's pages were rendered with.
func (l *Live) Builder() *Builder { return l.b }

func (l *Live) Update(ctx context.Context, paths []string, w Store) (Change, diag.List) {
	for _, p := range paths {
		l.pending[p] = true
	}
	files, full := l.reload()
	if full {
		return Change{Full: true}, nil
	}
	if len(files) == 0 {
		clear(l.pending)
		return Change{}, nil
	}
	e, errs, full := l.edit(ctx, files)
	if e != nil {
		defer e.forget()
	}
	if full {
		return Change{Full: true}, nil
	}
	if len(errs) > 0 {
		return Change{}, errs.Sort()
	}
	pages, full, err := e.write(ctx, w)
	if err != nil { // a template failed: what was written stays, the edits stay pending
		return Change{}, diag.List{e.q.runError(err)}
	}
	if full {
		return Change{Full: true}, nil
	}
	l.commit(e)
	return Change{Pages: pages}, nil
}

// Retemplate renders again, with b, every page of the page templates
// files names ("kit.html", relative to the templates directory), and
// writes those that changed. b must be the Live's Builder but for those
// templates: serve makes it anew when a template changes. Files that are
// not templates (*.html) are ignored. When a template is not a page
// template in both Builders (the layout or a partial, which every page
// shows, or a page template added or removed), it asks for a full build
// and changes nothing.
func (l *Live) Retemplate(ctx context.Context, b *Builder, files []string, w Store) (Change, error) {
	names := map[string]bool{}
	for _, f := range files {
		if path.Ext(f) != ".html" {
			continue // not a template: an editor's temporary file, say
		}
		name := strings.TrimSuffix(f, ".html")
		if strings.Contains(name, "/") || !slices.Contains(b.tmpl.Pages(), name) || !slices.Contains(l.b.tmpl.Pages(), name) {
			return Change{Full: true}, nil
		}
		names[name] = true
	}
	if len(l.pending) > 0 {
		return Change{Full: true}, nil // content edits wait to be applied: let a full build take both
	}
	old := l.b
	l.b, l.p.b = b, b
	e := &edit{l: l, q: l.p}
	var jobs []job
	for _, j := range l.p.jobs() {
		if names[j.template] {
			jobs = append(jobs, j)
		}
	}
	changed := make([]bool, len(jobs))
	staged := &overlay{Store: w, files: map[string][]byte{}}
	err := parallel(ctx, len(jobs), func(i int) error {
		var err error
		changed[i], err = e.render(jobs[i], staged)
		return err
	})
	if err == nil {
		err = staged.commit()
	}
	if err != nil {
		l.b, l.p.b = old, old // a template that fails on one page publishes on none
		return Change{}, err
	}
	var ch Change
	for i, j := range jobs {
		if changed[i] {
			ch.Pages = append(ch.Pages, j.url)
		}
	}
	return ch, nil
}

// overlay holds what is written to it until commit, reading through to
// the Store beneath for the rest.
type overlay struct {
	Store
	mu    sync.Mutex
	files map[string][]byte
}

func (o *overlay) Write(p string, data []byte) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.files[p] = bytes.Clone(data) // callers reuse their buffers
	return nil
}

func (o *overlay) Get(p string) ([]byte, bool) {
	o.mu.Lock()
	data, ok := o.files[p]
	o.mu.Unlock()
	if ok {
		return data, true
	}
	return o.Store.Get(p)
}

// commit writes everything held to the Store beneath.
func (o *overlay) commit() error {
	for p, data := range o.files {
		if err := o.Store.Write(p, data); err != nil {
			return err
		}
	}
	return nil
}

// reload lists the files to read again: each changed page and every version
// of a changed guide. full is set for a change only a full build handles.
func (l *Live) reload() (files []string, full bool) {
	keys := map[string]bool{}
	for rel := range l.pending {
		if rel == "." || rel == "" {
			return nil, true // the content directory itself moved or was replaced
		}
		kind := kindOf(rel, l.p.s.Locales)
		if kind == skipped {
			continue
		}
		st, err := fs.Stat(l.b.cfg.Content, rel)
		old := l.byFile[l.file(rel)]
		switch {
		case err != nil && old == nil:
			continue // came and went: the temporary file of an atomic save (sed -i, mkstemp)
		case kind == unknown:
			return nil, true
		case err != nil || st.IsDir() || old == nil:
			return nil, true // removed, replaced by a directory, or new
		}
		files = append(files, rel)
		if old.Kind == content.Guide {
			keys[old.Key] = true
		}
	}
	for _, pg := range l.p.s.Pages {
		if pg.Kind != content.Guide || !keys[pg.Key] {
			continue
		}
		if rel := l.rel(pg.File); !slices.Contains(files, rel) {
			files = append(files, rel)
		}
	}
	return files, false
}

const (
	skipped = iota // a file content.Load skips
	page           // a locale's home page or guide
	unknown        // anything else
)

// kindOf sorts a path the way content.Load would treat it. Whether it is a
// directory is not known (it may be gone): only what content.Skipped skips
// either way is skipped here.
func kindOf(rel string, locales []string) int {
	if content.Skipped(path.Base(rel), true) {
		return skipped
	}
	loc, rest, _ := strings.Cut(rel, "/")
	slug, guide := strings.CutPrefix(rest, "roles/")
	switch {
	case !slices.Contains(locales, loc):
		return unknown
	case rest == "_index.md", guide && path.Ext(slug) == ".md" && !strings.Contains(slug, "/"):
		return page
	}
	return unknown
}

func (l *Live) file(rel string) string { return path.Join(l.b.cfg.ContentDir, rel) }

func (l *Live) rel(file string) string {
	if root := l.b.cfg.ContentDir; root != "" && root != "." {
		return strings.TrimPrefix(file, root+"/")
	}
	return file
}

// edit is one Update in progress: a plan derived from the last good one.
type edit struct {
	l       *Live
	q       *plan
	repl    map[*content.Page]*content.Page // old page → the page that replaces it
	homes   bool                            // the home pages change
	targets anchorEdits
}

// edit loads files, derives the new plan and checks it.
func (l *Live) edit(ctx context.Context, files []string) (*edit, diag.List, bool) {
	loaded, errs, full := l.load(files)
	if full {
		return nil, nil, true
	}
	e := &edit{l: l, repl: map[*content.Page]*content.Page{}}
	for _, np := range loaded {
		old := l.byFile[np.File]
		if old == nil || old.URL != np.URL || old.Kind != np.Kind || old.Key != np.Key {
			return nil, nil, true
		}
		if l.b.publishable(old) != l.b.publishable(np) {
			return nil, nil, true // a draft flag changed what is published
		}
		e.repl[old] = np
	}
	e.derive()
	e.homes = e.homesChange()
	errs.Append(e.convert(ctx))
	errs.Append(e.checkLinks())
	return e, errs, false
}

// load reads files and loads them as a site of their own, so content.Load
// checks them (and what spans a guide's versions) by its own rules. The
// files are read into an fstest.MapFS, a complete in-memory fs.FS. full
// is set when a file could not be read (it is changing again) or its front
// matter failed: a full build reports all that spoils (the page's body,
// the links to it), as build and check do.
func (l *Live) load(files []string) (pages []*content.Page, errs diag.List, full bool) {
	fsys := fstest.MapFS{}
	for _, f := range files {
		data, err := fs.ReadFile(l.b.cfg.Content, f)
		if err != nil {
			return nil, nil, true
		}
		fsys[f] = &fstest.MapFile{Data: data}
	}
	s, errs := content.Load(fsys, l.b.contentOptions(l.p.s.Locales))
	return s.Pages, errs, len(s.Invalid) > 0
}

// derive makes the new plan: the old one's pages with the loaded ones in
// their place (same URLs, same order), sharing its samples' panels, its
// converted pages and its library parts, which edited pages, being new
// pages, never find. It builds nothing that does not change: at thousands
// of pages, copying the old plan's maps cost more than the edit.
func (e *edit) derive() {
	old := e.l.p
	s := &content.Site{Locales: old.s.Locales, Samples: old.s.Samples, Pages: e.swap(old.s.Pages)}
	q := &plan{b: e.l.b, s: s, pages: e.swap(old.pages), drafts: e.swap(old.drafts), docs: old.docs,
		byKey: maps.Clone(old.byKey), homes: maps.Clone(old.homes), panels: old.panels, parts: old.parts}
	for was, np := range e.repl {
		if np.Kind == content.Home {
			q.homes[np.Locale] = np
		} else if versions := q.byKey[np.Key]; versions[np.Locale] == was {
			versions = maps.Clone(versions)
			versions[np.Locale] = np
			q.byKey[np.Key] = versions
		}
	}
	e.q = q
	e.deriveIndex()
}

// swap is a copy of pages with each edited page in place of the one it
// replaces.
func (e *edit) swap(pages []*content.Page) []*content.Page {
	out := slices.Clone(pages)
	for i, pg := range out {
		if np, ok := e.repl[pg]; ok {
			out[i] = np
		}
	}
	return out
}

// publishable reports whether a build publishes pg: drafts only with Drafts.
func (b *Builder) publishable(pg *content.Page) bool {
	return pg.Kind != content.Guide || !bool(pg.Guide.Draft) || b.cfg.Drafts
}

// deriveIndex gives the new plan the old one's reader index with the edited
// pages in place of the ones they replace, sorted again if a title changed,
// when no edit changed a stack (which the index groups guides by);
// otherwise the new plan builds its own on first use. Building it again
// took more than the rest of an edit.
func (e *edit) deriveIndex() {
	retitled := false
	for was, np := range e.repl {
		if np.Kind != content.Guide {
			continue
		}
		if !slices.Equal(was.Guide.Stack, np.Guide.Stack) {
			return
		}
		retitled = retitled || was.Guide.Title != np.Guide.Title
	}
	locs := map[string]*localeIndex{}
	for _, loc := range e.l.p.s.Locales {
		idx := e.l.p.index(loc)
		n := &localeIndex{guides: e.swap(idx.guides), tags: idx.tags, tagged: map[string][]*content.Page{}, tagsOf: maps.Clone(idx.tagsOf)}
		for slug, pages := range idx.tagged {
			n.tagged[slug] = e.swap(pages)
			if retitled {
				sortByTitle(n.tagged[slug])
			}
		}
		if retitled {
			sortByTitle(n.guides)
		}
		for was, np := range e.repl {
			if tags, ok := n.tagsOf[was]; ok {
				delete(n.tagsOf, was)
				n.tagsOf[np] = tags
			}
		}
		locs[loc] = n
	}
	e.q.lookup.once.Do(func() { e.q.lookup.locs = locs })
}

// publishes reports whether pg is one of the plan's published pages.
func (p *plan) publishes(pg *content.Page) bool {
	if pg.Kind == content.Home {
		return p.homes[pg.Locale] == pg
	}
	return p.byKey[pg.Key][pg.Locale] == pg
}

// convert converts the loaded pages' Markdown.
func (e *edit) convert(ctx context.Context) diag.List {
	pages := slices.Collect(maps.Values(e.repl))
	docs := make([]*markdown.Doc, len(pages))
	err := parallel(ctx, len(pages), func(i int) error { docs[i] = e.q.convert(pages[i]); return nil })
	if err != nil { // cancelled: some pages are not converted
		return diag.List{diag.Errorf(diag.Pos{File: e.l.b.cfg.ContentDir}, "%v", err)}
	}
	var errs diag.List
	for _, d := range docs {
		errs.Append(d.Errs)
	}
	return errs
}

// checkLinks checks the loaded pages' links, and the links into every page
// whose anchors changed, against the anchors of the new plan.
func (e *edit) checkLinks() diag.List {
	e.targets = anchorEdits{base: e.q.readerAnchors(e.l.targets, nil), own: anchors{}}
	moved := map[string]bool{}
	for _, pg := range e.anchored() {
		ids := e.q.pageAnchors(pg)
		if was, _ := e.l.targets.idsOf(pg.URL); !maps.Equal(ids, was) {
			moved[pg.URL] = true
		}
		e.targets.own[pg.URL] = ids
	}
	var errs diag.List
	checked := map[*content.Page]bool{}
	check := func(pg *content.Page) {
		if pg != nil && !checked[pg] && e.q.publishes(pg) {
			checked[pg] = true
			errs.Append(e.q.checkPageLinks(pg, e.targets))
		}
	}
	for _, np := range e.repl {
		check(np)
	}
	for url := range moved {
		for file := range e.l.inbound[url] {
			check(e.page(file))
		}
	}
	return errs
}

// anchored lists the published pages whose anchors may have changed.
func (e *edit) anchored() []*content.Page {
	var out []*content.Page
	for _, np := range e.repl {
		if e.q.publishes(np) {
			out = append(out, np)
		}
	}
	if e.homes {
		out = append(out, slices.Collect(maps.Values(e.q.homes))...)
	}
	return out
}

// page is the new plan's page of a file.
func (e *edit) page(file string) *content.Page {
	old := e.l.byFile[file]
	if np, ok := e.repl[old]; ok {
		return np
	}
	return old
}

// homesChange reports whether the home pages change: a home page was
// edited, or a guide's card on a home page (or the family it is under).
func (e *edit) homesChange() bool {
	for old, np := range e.repl {
		if np.Kind == content.Home {
			return true
		}
		if e.l.p.byKey[old.Key] == nil {
			continue // not published: on no home page
		}
		for _, loc := range e.q.s.Locales {
			was, c1 := e.l.p.card(loc, old.Key)
			is, c2 := e.q.card(loc, np.Key)
			c1.page, c2.page = nil, nil // a new page, but maybe the same card
			if was != is || !reflect.DeepEqual(c1, c2) {
				return true
			}
		}
	}
	return false
}

// write renders the affected pages and writes those that changed, and the
// feeds and the sitemap if what they list changed. It returns the changed
// pages' paths; full is set, and nothing written, when the edit changes
// which library pages exist.
func (e *edit) write(ctx context.Context, w Store) (pages []string, full bool, err error) {
	jobs, full := e.jobs()
	if full {
		return nil, true, nil
	}
	changed := make([]bool, len(jobs))
	err = parallel(ctx, len(jobs), func(i int) error {
		var err error
		changed[i], err = e.render(jobs[i], w)
		return err
	})
	if err == nil {
		err = e.writeSiteFiles(w)
	}
	if err != nil {
		return nil, false, err
	}
	for i, j := range jobs {
		if changed[i] {
			pages = append(pages, j.url)
		}
	}
	return pages, false, nil
}

// render renders a job and writes it if it changed.
func (e *edit) render(j job, w Store) (bool, error) {
	var doc *markdown.Doc
	if j.src != nil {
		if doc = e.q.doc(j.src); doc.HTML == nil {
			doc = e.q.convert(j.src) // its HTML went out with the last render
		}
	}
	buf := e.l.b.buffer()
	defer e.l.b.release(buf)
	r, err := e.q.render(j, doc, buf)
	if err != nil {
		return false, err
	}
	if was, ok := w.Get(r.File); ok && bytes.Equal(was, r.html) {
		return false, nil
	}
	return true, w.Write(r.File, r.html)
}

// jobs lists the pages to render again: every locale's page and interview
// kit of each edited guide, the home pages if a card on them changed, and
// the library pages that list what changed.
func (e *edit) jobs() ([]job, bool) {
	keys := map[string]bool{}
	for _, np := range e.repl {
		if np.Kind == content.Guide && e.q.byKey[np.Key] != nil {
			keys[np.Key] = true
		}
	}
	var out []job
	for _, loc := range e.q.s.Locales {
		if e.homes {
			out = append(out, e.q.homeJob(loc))
		}
		for key := range keys {
			out = e.q.appendReaderJob(append(out, e.q.guideJob(loc, key)), tmplKit, loc, key)
		}
		filters, full := e.library(loc)
		if full {
			return nil, true
		}
		for _, f := range filters {
			out = e.q.appendReaderJob(out, tmplQuestions, loc, f)
		}
	}
	return out, false
}

// library lists the library pages of a locale that list an edited guide's
// entry (its title, family, tags and questions) if that changed, or every
// library page of the locale if the filter nav they all share changed.
// full is set if the set of library pages changed.
func (e *edit) library(loc string) (filters []string, full bool) {
	old, cur := e.l.p, e.q
	set := map[string]bool{}
	for was, np := range e.repl {
		if np.Kind != content.Guide || np.Locale != loc || !cur.publishes(np) {
			continue
		}
		a, b := old.libraryGuide(was, old.entries(was)), cur.libraryGuide(np, cur.entries(np))
		if reflect.DeepEqual(a, b) {
			continue
		}
		set[""], set["role/"+np.Key] = true, true
		for _, en := range append(a.Entries, b.Entries...) {
			set["kind/"+en.Kind] = true
		}
		for _, t := range append(a.Tags, b.Tags...) {
			if s := tagSlug(t.Name); s != "" {
				set["stack/"+s] = true
			}
		}
	}
	if len(set) == 0 {
		return nil, false
	}
	all := cur.libraryFilters(loc)
	if !slices.Equal(slices.Sorted(slices.Values(old.libraryFilters(loc))), slices.Sorted(slices.Values(all))) {
		return nil, true
	}
	probe := "kind/" + libraryKinds()[0] // a page whose nav is every other page's
	if !reflect.DeepEqual(old.libraryNav(loc, probe), cur.libraryNav(loc, probe)) {
		return all, false
	}
	return slices.Sorted(maps.Keys(set)), false
}

// writeSiteFiles writes a locale's feed again if an entry in it (or its
// home page's summary) changed, and the sitemap if a guide's date did: its
// URLs and alternates cannot have, or the edit would need a full build.
func (e *edit) writeSiteFiles(w Store) error {
	feeds, dated := map[string]bool{}, false
	for was, np := range e.repl {
		switch {
		case np.Kind == content.Home:
			feeds[np.Locale] = true
		case e.q.publishes(np):
			feeds[np.Locale] = feeds[np.Locale] || !reflect.DeepEqual(e.l.p.feedEntry(was), e.q.feedEntry(np))
			dated = dated || !was.Guide.Updated.Equal(np.Guide.Updated.Time)
		}
	}
	for _, loc := range slices.Sorted(maps.Keys(feeds)) {
		if !feeds[loc] {
			continue
		}
		data, err := e.q.feed(loc)
		if err == nil {
			err = w.Write(loc+"/feed.xml", data)
		}
		if err != nil {
			return err
		}
	}
	if !dated {
		return nil
	}
	files, err := e.q.sitemaps(e.q.jobs())
	if err != nil {
		return err
	}
	return writeSorted(w, files)
}

// forget drops the library parts of the pages the live plan no longer
// has: the replaced ones if the edit was committed, else the edit's own.
func (e *edit) forget() {
	var gone []*content.Page
	for old, np := range e.repl {
		if e.l.p == e.q {
			gone = append(gone, old)
		} else {
			gone = append(gone, np)
		}
	}
	e.q.parts.drop(gone)
	e.q.docs.drop(gone)
}

// commit makes the edit's plan the last good one.
func (l *Live) commit(e *edit) {
	l.p = e.q
	maps.Copy(l.targets, e.targets.own)
	for _, np := range e.repl {
		l.byFile[np.File] = np
		if e.q.publishes(np) {
			l.addInbound(e.q, np)
		}
	}
	clear(l.pending)
}

// addInbound records the pages pg links to.
func (l *Live) addInbound(p *plan, pg *content.Page) {
	for _, link := range p.doc(pg).Links {
		t, err := resolveLink(pg.URL, link.Dest)
		if err != nil || t == nil {
			continue
		}
		if l.inbound[t.Path] == nil {
			l.inbound[t.Path] = map[string]bool{}
		}
		l.inbound[t.Path][pg.File] = true
	}
}
