// Package site runs one build: it loads content, converts every page's
// Markdown, checks links across pages, and only when nothing is wrong renders
// every page, the sitemap and the assets into an output.Writer.
package site

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"strings"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"guides/internal/assets"
	"guides/internal/content"
	"guides/internal/diag"
	"guides/internal/i18n"
	"guides/internal/markdown"
	"guides/internal/output"
	"guides/internal/render"
)

// Config says where a build reads from and how it writes.
type Config struct {
	Content    fs.FS  // the content directory
	ContentDir string // its name as the user gave it, for messages
	Templates  fs.FS
	Locales    fs.FS
	// TemplatesDir and LocalesDir name the two for messages; "templates"
	// and "locales" when empty.
	TemplatesDir, LocalesDir string
	AssetsDir                string
	BaseURL                  string // absolute site URL for canonical links and the sitemap
	RunnerURL                string // where try blocks send code
	Minify                   bool
	Drafts                   bool // render draft guides too (serve)
	Head                     string
	// StableAssets names the bundled assets without a content hash, so
	// RefreshAssets can replace them without touching a page (serve).
	StableAssets bool
}

// DefaultLocale is the locale "/" sends visitors to and x-default points at.
const DefaultLocale = "en"

// Builder holds what every build of a run shares: one goldmark, the parsed
// templates, the message catalog, the bundled assets and the minifier.
type Builder struct {
	cfg  Config
	base string // the path of cfg.BaseURL ("/guides"), given to every page's site paths
	// baseAttr is base escaped for an HTML attribute value (a path may hold &).
	baseAttr string
	md       *markdown.Markdown
	cat      *i18n.Catalog
	tmpl     *render.Templates
	bundle   *assets.Bundle
	min      *assets.Minifier

	// buffers are the buffers pages render into, kept across garbage
	// collections (which empty a sync.Pool). A page's HTML lives only until
	// it is written (an output.Writer keeps no reference to it), and growing
	// a fresh buffer for each of thousands of pages cost more than their
	// templates.
	buffers chan *bytes.Buffer
	// large are kept buffers of the library pages, megabytes each at
	// thousands of guides: a fresh one for each such page cost about as
	// much, in first-touched memory, as rendering it.
	large chan *bytes.Buffer
}

// maxKeptBuffer is the largest buffer b.buffers keeps for the next page;
// b.large keeps keptLarge larger ones, up to maxLargeBuffer.
const (
	maxKeptBuffer  = 1 << 20
	maxLargeBuffer = 32 << 20
	keptLarge      = 4
)

// keptBuffers is how many buffers b.buffers keeps: enough for the pages
// queued for the writer, one per renderer and the fragments they render,
// so that a page's buffer rarely has to be made.
const keptBuffers = writeQueue + 64

// buffer is an empty buffer, from b.buffers when one is free.
func (b *Builder) buffer() *bytes.Buffer {
	select {
	case buf := <-b.buffers:
		buf.Reset()
		return buf
	default:
		return bytes.NewBuffer(make([]byte, 0, 64<<10))
	}
}

// release gives a buffer back for the next page.
func (b *Builder) release(buf *bytes.Buffer) {
	keep := b.buffers
	switch {
	case buf.Cap() > maxLargeBuffer:
		return
	case buf.Cap() > maxKeptBuffer:
		keep = b.large
	}
	select {
	case keep <- buf:
	default:
	}
}

// fit readies the empty buf for n bytes: when it is smaller, it takes a
// kept large buffer's memory if there is one, and grows.
func (b *Builder) fit(buf *bytes.Buffer, n int) {
	if n <= buf.Cap() {
		return
	}
	select {
	case lb := <-b.large:
		*buf, *lb = *lb, *buf
		buf.Reset()
		b.release(lb)
	default:
	}
	buf.Grow(n)
}

// New prepares a Builder; its problems are the templates', locales' and
// assets' own.
func New(cfg Config) (*Builder, diag.List) {
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	base := basePath(cfg.BaseURL)
	b := &Builder{cfg: cfg, base: base, baseAttr: html.EscapeString(base), md: markdown.New(), min: assets.NewMinifier(),
		buffers: make(chan *bytes.Buffer, keptBuffers), large: make(chan *bytes.Buffer, keptLarge)}
	var errs diag.List
	var err error
	if b.cat, err = i18n.Load(cfg.Locales, DefaultLocale); err != nil {
		errs = append(errs, b.localesError(err))
	}
	if b.tmpl, err = render.Parse(cfg.Templates); err != nil {
		errs = append(errs, b.TemplateError(err))
	} else if b.cat != nil {
		for _, loc := range b.cat.Locales {
			if err := b.tmpl.Localize(loc, b.constants(loc)); err != nil {
				errs = append(errs, b.TemplateError(err))
				break
			}
		}
		errs.Append(b.checkMessages())
	}
	var aerrs diag.List
	b.bundle, aerrs = b.buildAssets()
	errs.Append(aerrs)
	return b, errs
}

// TemplateError places an error of the templates at its file, line and
// column when it has them ("template: kit.html:7:3: ..."), else at the
// templates directory.
func (b *Builder) TemplateError(err error) *diag.Error {
	dir := cmp.Or(b.cfg.TemplatesDir, "templates")
	if file, line, col, msg, ok := render.Where(err); ok {
		return diag.Errorf(diag.Pos{File: path.Join(dir, file), Line: line, Col: col}, "%s", msg)
	}
	return diag.Errorf(diag.Pos{File: dir}, "%v", err)
}

// checkMessages refuses a message the templates print that the default
// locale lacks: the others fall back to its text, so with none every page
// would print the message's ID.
func (b *Builder) checkMessages() diag.List {
	var errs diag.List
	dir := cmp.Or(b.cfg.TemplatesDir, "templates")
	file := path.Join(cmp.Or(b.cfg.LocalesDir, "locales"), DefaultLocale+".toml")
	for _, m := range b.tmpl.Messages() {
		if !b.cat.Has(DefaultLocale, m.ID) {
			errs.Add(diag.Pos{File: path.Join(dir, m.File), Line: m.Line, Col: m.Col}, "message %q is not in %s: add it there, or correct the ID", m.ID, file)
		}
	}
	return errs
}

// localesError places an error of the message files at its file and line.
func (b *Builder) localesError(err error) *diag.Error {
	dir := cmp.Or(b.cfg.LocalesDir, "locales")
	var ferr *i18n.FileError
	if errors.As(err, &ferr) {
		return diag.Errorf(diag.Pos{File: path.Join(dir, ferr.File), Line: cmp.Or(ferr.Line, 1), Col: ferr.Col}, "%s", ferr.Msg)
	}
	return diag.Errorf(diag.Pos{File: dir}, "%v", err)
}

// constants are what every page of loc prints alike, for its templates to
// have written in: its plain messages, and the fields baseView gives every
// page of it (TestConstantsAreBaseViewFields holds the two together).
func (b *Builder) constants(loc string) render.Constants {
	return render.Constants{
		Message: func(id string) (string, bool) { return b.cat.Simple(loc, id) },
		Fields:  map[string]string{"Locale": loc, "OGLocale": b.cat.T(loc, "og_locale")},
	}
}

func (b *Builder) buildAssets() (*assets.Bundle, diag.List) {
	return assets.Build(assets.Options{
		Dir:     b.cfg.AssetsDir,
		Virtual: map[string]string{"highlight.css": b.md.HighlightCSS()},
		Stable:  b.cfg.StableAssets,
	})
}

// linked are the asset URLs pages link; the others are chunks that only
// the scripts load, by whatever name the scripts give.
func linked(urls map[string]string) map[string]string {
	return maps.Collect(func(yield func(string, string) bool) {
		for name, url := range urls {
			if !strings.HasPrefix(url, "/assets/chunks/") && !yield(name, url) {
				return
			}
		}
	})
}

// RefreshAssets bundles the assets again and writes them to w, for serve:
// with StableAssets, an edit to a stylesheet changes no page. ok is false,
// and nothing written, when the entries' URLs changed (an entry added or
// removed, or names not stable): then the pages must be built again.
func (b *Builder) RefreshAssets(w output.Writer) (ok bool, errs diag.List) {
	bundle, errs := b.buildAssets()
	if len(errs) > 0 {
		return false, errs
	}
	if !maps.Equal(linked(bundle.URLs), linked(b.bundle.URLs)) {
		return false, nil
	}
	for name, data := range bundle.Files {
		if err := w.Write(name, data); err != nil {
			return false, diag.List{diag.Errorf(diag.Pos{File: b.cfg.AssetsDir}, "%v", err)}
		}
	}
	b.bundle = bundle
	return true, nil
}

// Catalog is the builder's message catalog (for translation reports).
func (b *Builder) Catalog() *i18n.Catalog { return b.cat }

// Result describes a successful build.
type Result struct {
	Site  *content.Site
	Pages []*Rendered // every HTML page written, in order
	Base  string      // the base path the pages' links start with: "/guides", or "" at a host's root
	// Sums is the PageSum of each page the search indexes, by output path:
	// the key of its cached index (IndexSearch).
	Sums map[string]PageSum
}

// Rendered is one page of output. Its HTML is in the output.Writer.
type Rendered struct {
	URL  string // site path, e.g. /en/roles/x/
	File string // output path, e.g. en/roles/x/index.html
	Src  *content.Page
	Doc  *markdown.Doc // without HTML
	html []byte
	sum  *PageSum // of the HTML, for pages the search indexes
}

// Build loads and checks everything, then writes the site to w. When the
// returned list is not empty nothing was written.
func (b *Builder) Build(ctx context.Context, w output.Writer) (*Result, diag.List) {
	_, res, errs := b.build(ctx, w, false)
	return res, errs
}

// build is Build that also returns its plan, which a Live site keeps (and
// then keeps every page's Markdown, to render pages again).
func (b *Builder) build(ctx context.Context, w output.Writer, live bool) (*plan, *Result, diag.List) {
	s, errs := content.Load(b.cfg.Content, b.contentOptions(b.cat.Locales))
	if s == nil {
		return nil, nil, errs.Sort()
	}
	p := newPlan(b, s)
	p.live, p.docs.release = live, !live
	errs.Append(p.checkHomes())
	errs.Append(p.renderPanels())
	if len(errs) > 0 {
		_, more := p.run(ctx, w, false) // convert anyway: report every problem in one run
		errs.Append(more)
		return nil, nil, errs.Sort()
	}
	res, errs := p.run(ctx, w, true)
	return p, res, errs.Sort()
}

// contentOptions are how a build, and serve after an edit, load content.
func (b *Builder) contentOptions(locales []string) content.Options {
	return content.Options{Locales: locales, Root: b.cfg.ContentDir, TagKey: tagSlug}
}

// parallel runs f for each index, stopping at the first error. Its workers
// outnumber the cores, so that the cores convert other pages while a page's
// file write blocks, and they live for the whole run: a page's deep template
// calls find the stack the pages before it grew (a goroutine per page grew
// a new one each time, a sixtieth of a build's CPU).
func parallel(ctx context.Context, n int, f func(i int) error) error {
	g, ctx := errgroup.WithContext(ctx)
	var next atomic.Int64
	for range min(n, 4*runtime.GOMAXPROCS(0)) {
		g.Go(func() error {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				if err := ctx.Err(); err != nil {
					return err
				}
				if err := f(i); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	return nil
}
