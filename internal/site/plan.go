package site

import (
	"bytes"
	"io/fs"
	"strings"

	"path"
	"slices"
	"sync"

	"guides/internal/content"
	"guides/internal/diag"
	"guides/internal/markdown"
	"guides/internal/sample"
)

// plan is one build in progress: the loaded site, each page's converted
// Markdown and the try panels, indexed for the templates.
type plan struct {
	b      *Builder
	s      *content.Site
	pages  []*content.Page                     // pages to publish
	drafts []*content.Page                     // drafts: checked, not published
	docs   *docStore                           // converted bodies
	byKey  map[string]map[string]*content.Page // guide key → locale → page
	homes  map[string]*content.Page            // locale → home page
	panels map[string]map[string][]byte        // sample → locale → try panel HTML
	stmts  map[string][]markdown.Link          // sample statement file → its links, checked with the pages'
	lookup readerIndex                         // the reader pages' index, built on first use (library.go)
	parts  *partsCache                         // what library and home pages show of each guide (questions.go)
	groups sync.Map                            // groupKey → template.HTML: filter nav groups shared by many pages (questions.go)
	live   bool                                // serve's: later plans reuse what this one renders
}

func newPlan(b *Builder, s *content.Site) *plan {
	p := &plan{b: b, s: s, docs: &docStore{m: map[*content.Page]*docEntry{}}, byKey: map[string]map[string]*content.Page{},
		homes: map[string]*content.Page{}, panels: map[string]map[string][]byte{}, stmts: map[string][]markdown.Link{},
		parts: &partsCache{}}
	for _, pg := range s.Pages {
		if pg.Kind == content.Guide && bool(pg.Guide.Draft) && !b.cfg.Drafts {
			p.drafts = append(p.drafts, pg)
			continue
		}
		p.pages = append(p.pages, pg)
		if pg.Kind == content.Home {
			p.homes[pg.Locale] = pg
			continue
		}
		if p.byKey[pg.Key] == nil {
			p.byKey[pg.Key] = map[string]*content.Page{}
		}
		p.byKey[pg.Key][pg.Locale] = pg
	}
	return p
}

// docStore holds converted pages, safe for concurrent use: each page is
// converted once, by whichever job asks first (a guide's own page, or a kit
// or library page that lists it), the others waiting for it. In serve every
// plan derived from another shares its store: an edited page is a new
// *content.Page, so it never finds the Doc of the page it replaced.
type docStore struct {
	mu sync.Mutex
	m  map[*content.Page]*docEntry
	// release drops each page's Markdown once converted: a build needs it
	// no more, and at thousands of pages it is a large part of the heap.
	// Serve keeps it to render pages again.
	release bool
}

type docEntry struct {
	once sync.Once
	doc  *markdown.Doc
}

func (d *docStore) entry(pg *content.Page) *docEntry {
	d.mu.Lock()
	defer d.mu.Unlock()
	e := d.m[pg]
	if e == nil {
		e = &docEntry{}
		d.m[pg] = e
	}
	return e
}

// get returns pg's Doc, converting it with convert the first time.
func (d *docStore) get(pg *content.Page, convert func() *markdown.Doc) *markdown.Doc {
	e := d.entry(pg)
	e.once.Do(func() {
		e.doc = convert()
		if d.release {
			pg.Body = nil
		}
	})
	d.mu.Lock()
	defer d.mu.Unlock()
	return e.doc
}

// set replaces pg's Doc with one converted again.
func (d *docStore) set(pg *content.Page, doc *markdown.Doc) {
	e := d.entry(pg)
	e.once.Do(func() {})
	d.mu.Lock()
	e.doc = doc
	d.mu.Unlock()
}

func (d *docStore) drop(pages []*content.Page) {
	d.mu.Lock()
	for _, pg := range pages {
		delete(d.m, pg)
	}
	d.mu.Unlock()
}

// doc is a page's converted Markdown, converted now if no job did yet.
func (p *plan) doc(pg *content.Page) *markdown.Doc {
	return p.docs.get(pg, func() *markdown.Doc { return p.convertPage(pg) })
}

// convertPage converts a page's Markdown, which may take no ID of its
// page's layout.
func (p *plan) convertPage(pg *content.Page) *markdown.Doc {
	d := p.b.md.Convert(pg.File, pg.Body, resolver{p, pg.Locale, path.Dir(pg.Path)}, markdown.Reserved(layoutIDs(pg.Kind)))
	if pg.Kind == content.Home {
		for _, q := range d.Questions {
			d.Errs.Add(diag.Pos{File: pg.File, Line: q.Line}, ":::question belongs in a guide: a home page lists none")
		}
		for _, t := range d.Tries {
			d.Errs.Add(diag.Pos{File: pg.File, Line: t.Line}, ":::try belongs in a guide: a home page loads no try script")
		}
	}
	return &d
}

// resolver answers a page's directives in its locale, and its links to
// Markdown files from its directory in the content directory.
type resolver struct {
	p      *plan
	locale string
	dir    string // en/roles, samples/rate-limiter
}

// SampleExists reports a sample directory, loaded or not: one that failed
// to load is reported for its own errors, not again by every try block.
func (r resolver) SampleExists(id string) bool {
	if _, ok := r.p.s.Samples[id]; ok {
		return true
	}
	st, err := fs.Stat(r.p.b.cfg.Content, path.Join("samples", id))
	return err == nil && st.IsDir() && !strings.ContainsAny(id, "/\\")
}

func (r resolver) KindLabel(kind string) string { return r.p.b.cat.T(r.locale, "kind_"+kind) }

func (r resolver) TryPanel(id string) []byte { return r.p.panels[id][r.locale] }

func (r resolver) BacklinkLabel(n int) string { return r.p.b.cat.T(r.locale, "footnote_back", n) }

func (r resolver) TaskLabel(done bool) string {
	if done {
		return r.p.b.cat.T(r.locale, "task_done")
	}
	return r.p.b.cat.T(r.locale, "task_todo")
}

// translations returns a page's versions by locale, itself included.
func (p *plan) translations(pg *content.Page) map[string]*content.Page {
	if pg.Kind == content.Home {
		return p.homes
	}
	return p.byKey[pg.Key]
}

// keys lists guide keys in a stable order.
func (p *plan) keys() []string {
	var out []string
	for k := range p.byKey {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// checkHomes reports a locale without its home page copy. A copy that did
// not load is reported for its own errors alone.
func (p *plan) checkHomes() diag.List {
	var errs diag.List
	for _, loc := range p.s.Locales {
		invalid := slices.ContainsFunc(p.s.Invalid, func(pg *content.Page) bool { return pg.Kind == content.Home && pg.Locale == loc })
		if p.homes[loc] == nil && !invalid {
			errs.Add(diag.Pos{File: path.Join(p.b.cfg.ContentDir, loc, "_index.md"), Line: 1}, "missing home page copy for locale %q", loc)
		}
	}
	return errs
}

// renderPanels renders each sample's try panel once per locale.
func (p *plan) renderPanels() diag.List {
	var errs diag.List
	for id, s := range p.s.Samples {
		p.panels[id] = map[string][]byte{}
		for _, loc := range p.s.Locales {
			html, perrs := p.panel(s, loc)
			errs.Append(perrs)
			p.panels[id][loc] = html
		}
	}
	return errs
}

func (p *plan) panel(s *sample.Sample, loc string) ([]byte, diag.List) {
	stmtLoc := loc
	if s.Statements[loc] == "" {
		stmtLoc = DefaultLocale
	}
	file := path.Join(p.b.cfg.ContentDir, s.Dir, "statement."+stmtLoc+".md")
	doc := p.b.md.Convert(file, []byte(s.Statements[stmtLoc]), statementResolver{resolver{p, stmtLoc, s.Dir}}, markdown.Embedded(s.ID+"--"), markdown.Reserved(panelIDs(s.ID)))
	p.stmts[file] = doc.Links
	if len(doc.Errs) > 0 {
		return nil, doc.Errs
	}
	var buf bytes.Buffer
	v := newPanelView(p, s, loc, stmtLoc, doc.HTML)
	if err := p.b.tmpl.Partial(&buf, "try", v); err != nil {
		return nil, diag.List{p.b.TemplateError(err)}
	}
	return buf.Bytes(), nil
}

// statementResolver allows no directives in a sample statement; its other
// words are in the statement's language.
type statementResolver struct{ resolver }

func (statementResolver) SampleExists(string) bool { return false }
func (statementResolver) TryPanel(string) []byte   { return nil }
