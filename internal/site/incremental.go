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
	"testing/fstest"

	"guides/internal/content"
	"guides/internal/diag"
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
// re-renders that guide in every locale (a translation's language switcher,
// an untranslated placeholder's list of originals) and the home pages only
// if its card on them changed, instead of the whole site.
//
// It keeps the last good plan: the loaded pages and each page's converted
// metadata (headings, links), but no page's HTML, which lives in the Store.
// An edit reloads only the changed files and their translations (so checks
// that span a guide's versions still run), converts them, re-checks their
// links and every link into a page whose anchors changed, and renders the
// affected pages. Anything else — a page added, removed or moved to another
// URL, a sample, a file it does not know — asks for a full build instead.
//
// A Live is not safe for concurrent use: one goroutine owns it.
type Live struct {
	b       *Builder
	p       *plan                      // the last good build
	byFile  map[string]*content.Page   // p's pages by File
	targets map[string]map[string]bool // the anchors of p's pages by URL
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
	p, _, errs := b.build(ctx, w)
	if len(errs) > 0 {
		return nil, errs
	}
	l := &Live{b: b, p: p, byFile: map[string]*content.Page{}, targets: p.anchors(),
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
	if full {
		return Change{Full: true}, nil
	}
	if len(errs) > 0 {
		return Change{}, errs.Sort()
	}
	pages, err := e.write(ctx, w)
	if err != nil {
		return Change{}, diag.List{diag.Errorf(diag.Pos{File: l.b.cfg.ContentDir}, "%v", err)}
	}
	l.commit(e)
	return Change{Pages: pages}, nil
}

// reload lists the files to read again: each changed page and every version
// of a changed guide. full is set for a change only a full build handles.
func (l *Live) reload() (files []string, full bool) {
	keys := map[string]bool{}
	for rel := range l.pending {
		switch kindOf(rel, l.p.s.Locales) {
		case skipped:
			continue
		case unknown:
			return nil, true
		}
		st, err := fs.Stat(l.b.cfg.Content, rel)
		old := l.byFile[l.file(rel)]
		switch {
		case err != nil && old == nil:
			continue // came and went
		case err != nil || st.IsDir() || old == nil:
			return nil, true // removed, replaced by a directory, or new
		}
		files = append(files, rel)
		if old.Kind == content.Guide {
			keys[old.Key] = true
		}
	}
	for _, pg := range l.p.s.Pages {
		if rel := l.rel(pg.File); pg.Kind == content.Guide && keys[pg.Key] && !slices.Contains(files, rel) {
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

// kindOf sorts a path the way content.Load would treat it.
func kindOf(rel string, locales []string) int {
	name := path.Base(rel)
	if strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") {
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
	targets map[string]map[string]bool
}

// edit loads files, derives the new plan and checks it.
func (l *Live) edit(ctx context.Context, files []string) (*edit, diag.List, bool) {
	loaded, errs, err := l.load(files)
	if err != nil {
		return nil, nil, true // read failed: the file is changing again
	}
	e := &edit{l: l, repl: map[*content.Page]*content.Page{}}
	for _, np := range loaded {
		old := l.byFile[np.File]
		if old == nil || old.URL != np.URL || old.Kind != np.Kind || old.Key != np.Key {
			return nil, nil, true
		}
		e.repl[old] = np
	}
	e.derive()
	for old, np := range e.repl {
		if l.p.publishes(old) != e.q.publishes(np) {
			return nil, nil, true // a draft flag changed what is published
		}
	}
	e.homes = e.homesChange()
	errs.Append(e.convert(ctx))
	errs.Append(e.checkLinks())
	return e, errs, false
}

// load reads files and loads them as a site of their own, so content.Load
// checks them (and what spans a guide's versions) by its own rules. The
// files are read into an fstest.MapFS, a complete in-memory fs.FS.
func (l *Live) load(files []string) ([]*content.Page, diag.List, error) {
	fsys := fstest.MapFS{}
	for _, f := range files {
		data, err := fs.ReadFile(l.b.cfg.Content, f)
		if err != nil {
			return nil, nil, err
		}
		fsys[f] = &fstest.MapFile{Data: data}
	}
	s, errs := content.Load(fsys, content.Options{Locales: l.p.s.Locales, Root: l.b.cfg.ContentDir})
	return s.Pages, errs, nil
}

// derive makes the new plan: the old one's pages with the loaded ones in
// their place (same URLs, same order), its samples' panels and every
// unchanged page's converted metadata.
func (e *edit) derive() {
	old := e.l.p
	s := &content.Site{Locales: old.s.Locales, Samples: old.s.Samples, Pages: slices.Clone(old.s.Pages)}
	for i, pg := range s.Pages {
		if np, ok := e.repl[pg]; ok {
			s.Pages[i] = np
		}
	}
	e.q = newPlan(e.l.b, s)
	e.q.panels = old.panels
	e.q.docs = maps.Clone(old.docs)
	for pg := range e.repl {
		delete(e.q.docs, pg)
	}
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
	var errs diag.List
	if err := parallel(ctx, len(pages), func(i int) error { e.q.convert(pages[i]); return nil }); err != nil {
		errs.Add(diag.Pos{File: e.l.b.cfg.ContentDir}, "%v", err)
	}
	for _, pg := range pages {
		errs.Append(e.q.docs[pg].Errs)
	}
	return errs
}

// checkLinks checks the loaded pages' links, and the links into every page
// whose anchors changed, against the anchors of the new plan.
func (e *edit) checkLinks() diag.List {
	e.targets = maps.Clone(e.l.targets)
	moved := map[string]bool{}
	for _, pg := range e.anchored() {
		ids := e.q.pageAnchors(pg)
		if !maps.Equal(ids, e.targets[pg.URL]) {
			moved[pg.URL] = true
		}
		e.targets[pg.URL] = ids
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
			if was != is || !reflect.DeepEqual(c1, c2) {
				return true
			}
		}
	}
	return false
}

// write renders the affected pages and writes those that changed, and the
// sitemap when a guide's date changed. It returns the changed pages' paths.
func (e *edit) write(ctx context.Context, w Store) ([]string, error) {
	jobs := e.jobs()
	changed := make([]bool, len(jobs))
	err := parallel(ctx, len(jobs), func(i int) error {
		j := jobs[i]
		doc := e.q.docs[j.src]
		if j.src != nil && (doc == nil || doc.HTML == nil) {
			doc = e.q.convert(j.src) // a home page: its HTML went out with the last render
		}
		r, err := e.q.render(j, doc)
		if err != nil {
			return err
		}
		if was, ok := w.Get(r.File); ok && bytes.Equal(was, r.html) {
			return nil
		}
		changed[i] = true
		return w.Write(r.File, r.html)
	})
	if err != nil {
		return nil, err
	}
	if err := e.writeSitemap(w); err != nil {
		return nil, err
	}
	var pages []string
	for i, j := range jobs {
		if changed[i] {
			pages = append(pages, j.url)
		}
	}
	return pages, nil
}

// jobs lists the pages to render again: every locale's page of each edited
// guide, and the home pages if they change.
func (e *edit) jobs() []job {
	keys := map[string]bool{}
	for _, np := range e.repl {
		if np.Kind == content.Guide {
			keys[np.Key] = true
		}
	}
	var out []job
	for _, j := range e.q.jobs() {
		switch {
		case j.template == "home" && e.homes,
			j.template == "guide" && keys[j.src.Key],
			j.template == "untranslated" && keys[j.key]:
			out = append(out, j)
		}
	}
	return out
}

// writeSitemap writes the sitemap again if a guide's date changed: its URLs
// and alternates cannot have, or the edit would have needed a full build.
func (e *edit) writeSitemap(w Store) error {
	for old, np := range e.repl {
		if !old.Guide.Updated.Equal(np.Guide.Updated.Time) {
			sm, err := e.q.sitemap(e.q.jobs())
			if err != nil {
				return err
			}
			return w.Write("sitemap.xml", sm)
		}
	}
	return nil
}

// commit makes the edit's plan the last good one.
func (l *Live) commit(e *edit) {
	l.p, l.targets = e.q, e.targets
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
	for _, link := range p.docs[pg].Links {
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
