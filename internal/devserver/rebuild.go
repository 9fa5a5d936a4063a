package devserver

import (
	"bytes"
	"context"
	"path"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"guides/internal/diag"
	"guides/internal/output"
	"guides/internal/site"
	"guides/internal/watch"
)

// maxListed is how many changed pages a reload event names before it says
// "*" (every page) instead.
const maxListed = 100

// rebuilder is the one goroutine that builds: it owns the Builder and the
// Live site, so neither needs a lock.
type rebuilder struct {
	s      *Server
	b      *site.Builder // nil until site.New succeeds
	stale  bool          // templates, locales or assets changed since b was made
	live   *site.Live    // the last good build; nil until one succeeds
	failed bool          // the last build failed: changes wait to be published
}

func newRebuilder(s *Server) *rebuilder { return &rebuilder{s: s} }

// run builds once, then once per batch of changes until ctx is done. A
// batch holds every change made during the previous build, so a build that
// missed some is followed by exactly one more.
func (r *rebuilder) run(ctx context.Context, w *watch.Watcher) {
	r.full(ctx, false)
	close(r.s.ready)
	for {
		b, err := w.Next(ctx)
		if err != nil {
			return
		}
		r.apply(ctx, b)
	}
}

// batch is a watch.Batch sorted by what it touches.
type batch struct {
	content   []string // slash paths relative to the content directory
	rebuild   bool     // templates, locales or assets changed, or events were lost
	cssOnly   bool     // every change is to a stylesheet
	templates []string // the template files changed, when they are all that changed besides content
}

func (s *Server) classify(b watch.Batch) batch {
	out := batch{rebuild: b.Overflow, cssOnly: !b.Overflow && len(b.Paths) > 0}
	d := s.opts.Dirs
	onlyTemplates := !b.Overflow
	for _, p := range b.Paths {
		if rel, ok := under(d.Content, p); ok {
			out.content = append(out.content, rel)
			out.cssOnly = false
			continue
		}
		_, asset := under(d.Assets, p)
		rel, tmpl := under(d.Templates, p)
		out.rebuild = true
		out.cssOnly = out.cssOnly && asset && filepath.Ext(p) == ".css"
		onlyTemplates = onlyTemplates && tmpl
		if tmpl {
			out.templates = append(out.templates, rel)
		}
	}
	if !onlyTemplates {
		out.templates = nil
	}
	return out
}

// under returns p relative to dir, with slashes, if p is dir or below it.
func under(dir, p string) (string, bool) {
	rel, err := filepath.Rel(dir, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

func (r *rebuilder) apply(ctx context.Context, wb watch.Batch) {
	for _, err := range wb.Errs {
		r.s.log.Warn("watch", "err", err)
	}
	b := r.s.classify(wb)
	current := !r.stale && !r.failed && r.live != nil && r.live.Builder() == r.b
	cssOnly := b.cssOnly && current
	if cssOnly && r.refreshAssets() {
		return
	}
	if len(b.templates) > 0 && len(b.content) == 0 && current && r.retemplate(ctx, b.templates) {
		return
	}
	r.stale = r.stale || b.rebuild
	if r.stale || r.live == nil || r.live.Builder() != r.b { // a template edit made while content was broken waits here
		r.full(ctx, cssOnly)
		return
	}
	if len(b.content) == 0 {
		return
	}
	start := time.Now()
	ch, errs := r.live.Update(ctx, b.content, r.s.site.Load())
	switch {
	case ctx.Err() != nil:
	case ch.Full:
		r.full(ctx, false)
	case len(errs) > 0:
		r.fail(errs)
	default:
		r.failed = false
		r.s.hub.reload(ch.Pages, false)
		r.s.log.Info("rebuilt", "pages", len(ch.Pages), "took", time.Since(start).Round(time.Microsecond))
	}
}

// refreshAssets bundles the assets again after a stylesheet edit and tells
// open pages to swap their stylesheets: with stable asset names no page
// changes. It reports whether that was all the edit needed.
func (r *rebuilder) refreshAssets() bool {
	start := time.Now()
	ok, errs := r.b.RefreshAssets(r.s.site.Load())
	switch {
	case len(errs) > 0:
		r.fail(errs)
		return true
	case !ok:
		return false
	}
	r.s.hub.reload(nil, true)
	r.s.log.Info("rebuilt", "assets", true, "took", time.Since(start).Round(time.Microsecond))
	return true
}

// retemplate renders again only the pages of the page templates that
// changed (kit.html: the interview kits), with a Builder that has the new
// templates. It reports whether that was all the edit needed; when a
// shared template (the layout, a partial) changed, the caller builds
// everything.
func (r *rebuilder) retemplate(ctx context.Context, files []string) bool {
	start := time.Now()
	b, errs := site.New(r.s.opts.Site)
	if len(errs) > 0 {
		r.fail(errs)
		r.stale = true
		return true
	}
	ch, err := r.live.Retemplate(ctx, b, files, r.s.site.Load())
	switch {
	case ctx.Err() != nil:
		return true
	case err != nil:
		r.fail(diag.List{b.TemplateError(err)})
		r.stale = true
		return true
	case ch.Full:
		return false
	}
	r.b = b
	r.s.hub.reload(ch.Pages, false)
	r.s.log.Info("rebuilt", "templates", strings.Join(files, " "), "pages", len(ch.Pages), "took", time.Since(start).Round(time.Millisecond))
	return true
}

// full builds the whole site into fresh memory and swaps it in, making a
// new Builder first when templates, locales or assets changed.
func (r *rebuilder) full(ctx context.Context, cssOnly bool) {
	start := time.Now()
	if r.b == nil || r.stale {
		b, errs := site.New(r.s.opts.Site)
		if len(errs) > 0 {
			r.fail(errs)
			return
		}
		r.b, r.stale = b, false
	}
	mem := output.NewMemory()
	live, errs := r.b.BuildLive(ctx, mem)
	if ctx.Err() != nil {
		return
	}
	if len(errs) > 0 {
		r.fail(errs)
		return
	}
	paths, css := changed(r.s.site.Swap(mem), mem)
	r.live, r.failed = live, false
	debug.FreeOSMemory() // a full build's garbage is several times the site: give it back now
	if cssOnly {
		paths = nil
	}
	r.s.hub.reload(paths, css)
	r.s.log.Info("built", "files", len(mem.Paths()), "changed", len(paths), "took", time.Since(start).Round(time.Millisecond))
}

func (r *rebuilder) fail(errs diag.List) {
	r.failed = true
	errs = errs.Sort()
	for _, e := range errs {
		r.s.log.Error(e.Error())
	}
	r.s.hub.fail(errs)
}

// changed lists the site paths of the HTML pages that differ between two
// builds, or "*" (every page) when there are too many to list or a script
// or other file a page loads changed; css reports a changed stylesheet,
// which open pages swap without reloading.
func changed(old, cur *output.Memory) (pages []string, css bool) {
	if old == nil {
		return []string{"*"}, false
	}
	every := false
	note := func(name string) {
		switch path.Ext(name) {
		case ".html":
			pages = append(pages, PagePath(name))
		case ".css":
			css = true
		case ".xml", ".txt", ".json": // feeds, sitemap, robots, search data: no page loads them
		default:
			every = true
		}
	}
	for _, name := range cur.Paths() {
		was, ok := old.Get(name)
		if now, _ := cur.Get(name); !ok || !bytes.Equal(was, now) {
			note(name)
		}
	}
	for _, name := range old.Paths() {
		if _, ok := cur.Get(name); !ok {
			note(name)
		}
	}
	if every || len(pages) > maxListed {
		return []string{"*"}, css
	}
	return pages, css
}

// PagePath is the site path a browser shows for an output file:
// en/roles/x/index.html is /en/roles/x/, en/404.html is /en/404.html.
func PagePath(file string) string {
	if file == "index.html" || strings.HasSuffix(file, "/index.html") {
		return "/" + strings.TrimSuffix(file, "index.html")
	}
	return "/" + file
}
