package content

import (
	"cmp"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"

	"guides/internal/diag"
	"guides/internal/sample"
	"guides/internal/yamlfile"
)

// Kind tells a home page from a guide.
type Kind int

const (
	Home Kind = iota
	Guide
)

// Page is one source page.
type Page struct {
	Kind   Kind
	Locale string
	Key    string // translation key: the file's slug; pages with one Key in two locales are translations
	Slug   string // the URL's last segment
	File   string // path for messages, as the user named it (content/en/roles/x.md)
	URL    string // site path, e.g. /en/roles/backend-engineer/
	Guide  GuideMeta
	Home   HomeMeta
	Body   []byte // Markdown, padded so its lines are the file's lines

	invalid bool // its front matter did not decode
}

// Site is all loaded content.
type Site struct {
	Locales []string // in the order given to Load; the first is the default
	Pages   []*Page  // sorted by locale order, then home first, then by Key
	Invalid []*Page  // pages whose front matter did not decode: not published, their Markdown still checked
	Samples map[string]*sample.Sample
}

// Options configure Load.
type Options struct {
	Locales []string // known locales; the first is the default
	Root    string   // the content directory as the user named it, for messages
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Load reads every page and sample of fsys and validates them all.
func Load(fsys fs.FS, opts Options) (*Site, diag.List) {
	l := &loader{fsys: fsys, opts: opts}
	s := &Site{Locales: opts.Locales}
	s.Samples, l.errs = sample.LoadAll(fsys, "samples", sample.Options{})
	for i, e := range l.errs {
		e.Pos.File = path.Join(opts.Root, e.Pos.File)
		l.errs[i] = e
	}
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		return l.visit(p, d, err)
	})
	pages := l.readPages()
	s.Invalid = slices.DeleteFunc(slices.Clone(pages), func(p *Page) bool { return !p.invalid })
	s.Pages = slices.DeleteFunc(pages, func(p *Page) bool { return p.invalid })
	l.checkURLs(s.Pages)
	l.checkFamilies(s.Pages)
	slices.SortFunc(s.Pages, func(a, b *Page) int {
		return cmp.Or(cmp.Compare(slices.Index(opts.Locales, a.Locale), slices.Index(opts.Locales, b.Locale)),
			cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Key, b.Key))
	})
	return s, l.errs
}

type loader struct {
	fsys  fs.FS
	opts  Options
	files []string // page files found by the walk

	mu   sync.Mutex
	errs diag.List
}

// readPages reads and decodes the files found, on every core.
func (l *loader) readPages() []*Page {
	pages := make([]*Page, len(l.files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				top, rest, _ := strings.Cut(l.files[i], "/")
				pages[i] = l.page(top, rest, l.files[i])
			}
		})
	}
	for i := range l.files {
		next <- i
	}
	close(next)
	wg.Wait()
	return slices.DeleteFunc(pages, func(p *Page) bool { return p == nil })
}

// add records a problem; pages are read concurrently.
func (l *loader) add(pos diag.Pos, format string, args ...any) {
	l.mu.Lock()
	l.errs.Add(pos, format, args...)
	l.mu.Unlock()
}

func (l *loader) pos(p string, line int) diag.Pos {
	return diag.Pos{File: path.Join(l.opts.Root, p), Line: line}
}

func (l *loader) visit(p string, d fs.DirEntry, err error) error {
	if err != nil {
		l.add(l.pos(p, 0), "%v", err)
		return nil
	}
	name := d.Name()
	if p != "." && (strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~")) {
		if d.IsDir() {
			return fs.SkipDir
		}
		return nil
	}
	top, _, _ := strings.Cut(p, "/")
	switch {
	case p == ".":
		return nil
	case top == "samples":
		if d.IsDir() {
			return fs.SkipDir // loaded by package sample
		}
		return nil
	case d.IsDir():
		return nil // files are checked one by one, so each error names a file
	case !slices.Contains(l.opts.Locales, top):
		if top == p && (name == "go.mod" || name == "README.md") {
			return nil
		}
		l.add(l.pos(p, 1), "outside a known locale directory: %q is not a locale (known: %s)", top, strings.Join(l.opts.Locales, ", "))
		return nil
	}
	l.files = append(l.files, p)
	return nil
}

// page reads one file of a locale tree.
func (l *loader) page(locale, rel, p string) *Page {
	switch {
	case rel == "_index.md":
		return l.home(locale, p)
	case strings.HasPrefix(rel, "roles/") && path.Ext(rel) == ".md":
		return l.guide(locale, strings.TrimSuffix(strings.TrimPrefix(rel, "roles/"), ".md"), p)
	}
	l.add(l.pos(p, 1), "unexpected file: a locale holds _index.md and roles/<slug>.md")
	return nil
}

func (l *loader) read(p string) (split, bool) {
	src, err := fs.ReadFile(l.fsys, p)
	if err != nil {
		l.add(l.pos(p, 0), "%v", err)
		return split{}, false
	}
	sp, err := splitFrontMatter(src)
	if err != nil {
		l.add(l.pos(p, 1), "%v", err)
		return split{}, false
	}
	return sp, true
}

// decode decodes front matter strictly. It returns a function giving the
// file line of a top-level key, which parses again only when asked: only
// errors need it.
func (l *loader) decode(p string, sp split, v any) (func(key string) int, bool) {
	errs := yamlfile.Load(sp.YAML, v)
	for _, e := range errs {
		l.add(l.pos(p, max(e.Line, 1)+sp.YAMLLine-1), "%s", e.Msg)
	}
	lineOf := func(key string) int {
		if n := yamlfile.KeyLines(sp.YAML)[key]; n > 0 {
			return n + sp.YAMLLine - 1
		}
		return 1
	}
	return lineOf, len(errs) == 0
}

func (l *loader) home(locale, p string) *Page {
	page := &Page{Kind: Home, Locale: locale, File: path.Join(l.opts.Root, p), URL: "/" + locale + "/"}
	sp, ok := l.read(p)
	if !ok {
		page.invalid = true // so that the locale has a copy, reported for its own error
		return page
	}
	page.Body = sp.Body
	if _, ok := l.decode(p, sp, &page.Home); !ok {
		page.invalid = true
		return page
	}
	l.required(p, map[string]string{"title": page.Home.Title, "summary": page.Home.Summary})
	return page
}

func (l *loader) guide(locale, key, p string) *Page {
	sp, ok := l.read(p)
	if !ok {
		return nil
	}
	if !slugRE.MatchString(strings.ToLower(key)) {
		l.add(l.pos(p, 1), "file name %q is not a slug: use lowercase letters, digits and dashes", key)
		return nil
	}
	page := &Page{Kind: Guide, Locale: locale, Key: strings.ToLower(key), File: path.Join(l.opts.Root, p), Body: sp.Body}
	line, ok := l.decode(p, sp, &page.Guide)
	if !ok {
		page.invalid = true
		return page
	}
	l.checkGuide(p, page, line)
	page.Slug = cmp.Or(page.Guide.Slug, page.Key)
	page.URL = "/" + locale + "/roles/" + page.Slug + "/"
	return page
}

func (l *loader) required(p string, fields map[string]string) {
	for _, name := range slices.Sorted(maps.Keys(fields)) {
		if strings.TrimSpace(fields[name]) == "" {
			l.add(l.pos(p, 1), "missing required field %q", name)
		}
	}
}

func (l *loader) checkGuide(p string, page *Page, line func(string) int) {
	g := page.Guide
	l.required(p, map[string]string{"title": g.Title, "family": g.Family, "summary": g.Summary})
	if g.Updated.IsZero() {
		l.add(l.pos(p, 1), "missing required field %q", "updated")
	}
	if g.Family != "" && !slugRE.MatchString(g.Family) {
		l.add(l.pos(p, line("family")), "family %q is not a slug: use lowercase letters, digits and dashes", g.Family)
	}
	if g.Slug != "" && !slugRE.MatchString(g.Slug) {
		l.add(l.pos(p, line("slug")), "slug %q: use lowercase letters, digits and dashes", g.Slug)
	}
	for i, r := range g.Process {
		if strings.TrimSpace(r.Name) == "" || r.Minutes <= 0 {
			l.add(l.pos(p, line("process")), "process round %d needs a name and a positive number of minutes", i+1)
		}
	}
}

// checkURLs reports two pages that would be written to one URL.
func (l *loader) checkURLs(pages []*Page) {
	seen := map[string]*Page{}
	for _, p := range pages {
		if first, ok := seen[p.URL]; ok {
			a, b := first, p
			if b.File < a.File {
				a, b = b, a
			}
			l.add(diag.Pos{File: b.File, Line: 1}, "page URL %s is also the URL of %s", p.URL, a.File)
			continue
		}
		seen[p.URL] = p
	}
}

// checkFamilies reports a translation filed under another family: the home
// pages group by family, so the pair must agree.
func (l *loader) checkFamilies(pages []*Page) {
	byKey := map[string]*Page{}
	for _, p := range pages {
		if p.Kind != Guide {
			continue
		}
		if o, ok := byKey[p.Key]; ok && o.Guide.Family != p.Guide.Family {
			l.add(diag.Pos{File: p.File, Line: 1}, "family %q differs from %q in %s", p.Guide.Family, o.Guide.Family, o.File)
		}
		byKey[p.Key] = p
	}
}
