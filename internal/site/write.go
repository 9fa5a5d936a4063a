package site

import (
	"bytes"
	"context"
	"errors"
	"html/template"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"guides/internal/content"
	"guides/internal/diag"
	"guides/internal/markdown"
	"guides/internal/output"
	"guides/internal/render"
)

// job is one HTML file to render, or (template "") a draft to check only.
type job struct {
	file     string // output path
	url      string // site path
	template string
	src      *content.Page
	key      string // guide key of an untranslated placeholder
	locale   string
}

// run converts every page and, while nothing is wrong, renders and writes
// it at once, so a page's HTML is never held longer than its write. Links
// across pages are checked at the end; when the list is not empty the
// output must be discarded.
func (p *plan) run(ctx context.Context, w output.Writer, publish bool) (*Result, diag.List) {
	jobs := p.jobs()
	res := &Result{Site: p.s, Pages: make([]*Rendered, len(jobs)), Base: p.b.base}
	var mu sync.Mutex
	var errs diag.List
	var failed atomic.Bool
	failed.Store(!publish)
	wr := p.startWriter(w)
	files := p.startSiteFiles(w, jobs, publish)
	err := parallel(ctx, len(jobs), func(i int) error {
		j := jobs[i]
		var doc *markdown.Doc
		if j.src != nil {
			doc = p.doc(j.src)
		}
		if doc != nil && len(doc.Errs) > 0 {
			failed.Store(true)
			mu.Lock()
			errs.Append(doc.Errs)
			mu.Unlock()
		}
		if failed.Load() || j.template == "" {
			return nil
		}
		buf := p.b.buffer()
		r, err := p.render(j, doc, buf)
		if err != nil {
			p.b.release(buf)
			return err
		}
		res.Pages[i] = r
		if searchable(r.File) {
			sum := sumPage(r.html)
			r.sum = &sum
		}
		r.html = nil // the writer has it, and reuses buf once written: a site of many pages must not hold them all
		return wr.write(ctx, r.File, buf)
	})
	if werr := wr.wait(); err == nil {
		err = werr
	}
	if err != nil {
		errs = append(errs, p.runError(err))
	}
	errs.Append(p.checkLinks(jobs))
	if len(errs) > 0 || failed.Load() {
		<-files
		return nil, errs
	}
	res.Pages = slices.DeleteFunc(res.Pages, func(r *Rendered) bool { return r == nil })
	res.Sums = map[string]PageSum{}
	for _, r := range res.Pages {
		if r.sum != nil {
			res.Sums[r.File] = *r.sum
		}
	}
	err = <-files
	if err == nil {
		err = p.writeAssets(w)
	}
	if err != nil {
		return nil, diag.List{diag.Errorf(diag.Pos{File: "public"}, "%v", err)}
	}
	return res, nil
}

// runError places what stopped the renderers: a template's error at its
// template (at the templates directory when it has no place, as a call of
// a template that is gone), any other (a write that failed) at the content
// directory.
func (p *plan) runError(err error) *diag.Error {
	if exec, ok := errors.AsType[*render.ExecError](err); ok {
		return p.b.TemplateError(exec)
	}
	return diag.Errorf(diag.Pos{File: p.b.cfg.ContentDir}, "%v", err)
}

// startSiteFiles makes the site files (siteFiles) beside the renderers and
// writes them as soon as they are made, when the build publishes: the
// sitemap of a large site takes a core a few hundred milliseconds, which at
// the end of a build the other waits out, and megabytes, which the heap
// need not hold while every page renders. A build that fails discards them
// with its pages.
func (p *plan) startSiteFiles(w output.Writer, jobs []job, publish bool) <-chan error {
	ch := make(chan error, 1)
	if !publish {
		ch <- nil
		return ch
	}
	go func() {
		files, err := p.siteFiles(jobs)
		if err == nil {
			err = writeSorted(w, files)
		}
		ch <- err
	}()
	return ch
}

// writer writes the rendered pages through one goroutine, while the others
// render: file systems create files and directories faster one at a time
// than from many goroutines contending for the same directories' locks
// (measured on ext4: half the system time).
type writer struct {
	b     *Builder
	pages chan queued
	done  chan error
}

// writeQueue is how many rendered pages wait for the writer at most.
const writeQueue = 32

// queued is a rendered page on its way to the output, its HTML in buf.
type queued struct {
	file string
	buf  *bytes.Buffer
}

func (p *plan) startWriter(w output.Writer) *writer {
	wr := &writer{b: p.b, pages: make(chan queued, writeQueue), done: make(chan error, 1)}
	go func() {
		var first error
		for pg := range wr.pages {
			if first == nil {
				first = w.Write(pg.file, pg.buf.Bytes())
			}
			wr.b.release(pg.buf)
		}
		wr.done <- first
	}()
	return wr
}

// write queues a page; the writer releases buf once the page is written.
func (wr *writer) write(ctx context.Context, file string, buf *bytes.Buffer) error {
	select {
	case wr.pages <- queued{file, buf}:
		return nil
	case <-ctx.Done():
		wr.b.release(buf)
		return ctx.Err()
	}
}

// wait waits for every queued page to be written and returns the first
// write error.
func (wr *writer) wait() error {
	close(wr.pages)
	return <-wr.done
}

// convert converts a page's Markdown again and records it, for serve.
func (p *plan) convert(pg *content.Page) *markdown.Doc {
	d := p.convertPage(pg)
	p.docs.set(pg, d)
	return d
}

// render renders a job into buf, which the Rendered's HTML then aliases.
func (p *plan) render(j job, doc *markdown.Doc, buf *bytes.Buffer) (*Rendered, error) {
	buf.Reset()
	var err error
	if j.template == "root" {
		err = p.b.tmpl.Partial(buf, "root", p.rootView())
	} else {
		var v *view
		if v, err = p.viewOf(j, doc); err == nil {
			p.b.fit(buf, v.size())
			err = p.b.tmpl.Page(buf, v.Locale, j.template, v)
		}
	}
	if err == nil {
		err = p.finish(buf)
	}
	if err != nil {
		return nil, err
	}
	html := buf.Bytes()
	if doc != nil {
		doc.HTML = nil // rendered into the page; keep only what link checks need
	}
	return &Rendered{URL: j.url, File: j.file, Src: j.src, Doc: doc, html: html}, nil
}

// finish gives a rendered page in buf the site's base path and, with
// -minify, minifies it.
func (p *plan) finish(buf *bytes.Buffer) error {
	if p.b.base != "" {
		out := p.b.buffer()
		p.b.fit(out, buf.Len()+buf.Len()/8)
		out.Write(withBasePath(out.AvailableBuffer(), buf.Bytes(), p.b.baseAttr))
		*buf, *out = *out, *buf
		p.b.release(out)
	}
	if p.b.cfg.Minify {
		html, err := p.b.min.HTML(buf.Bytes())
		if err != nil {
			return err
		}
		buf.Reset()
		buf.Write(html)
	}
	return nil
}

func (p *plan) viewOf(j job, doc *markdown.Doc) (*view, error) {
	switch j.template {
	case "home":
		return p.homeView(j.src, doc)
	case "guide":
		return p.guideView(j.src, doc), nil
	case "untranslated":
		return p.untranslatedView(j.locale, j.key), nil
	case tmplQuestions, tmplKit, tmplSearch:
		return p.readerView(j)
	}
	return p.notFoundView(j.locale), nil
}

// jobs lists every HTML page of the site, then the drafts and the pages
// with invalid front matter, to check.
func (p *plan) jobs() []job {
	var jobs []job
	for _, loc := range p.s.Locales {
		jobs = append(jobs, p.homeJob(loc))
		for _, key := range p.keys() {
			jobs = append(jobs, p.guideJob(loc, key))
		}
		jobs = append(jobs, job{file: loc + "/404.html", url: "/" + loc + "/404.html", template: "404", locale: loc})
	}
	jobs = append(jobs,
		job{file: "index.html", url: "/", template: "root", locale: DefaultLocale},
		job{file: "404.html", url: "/404.html", template: "404", locale: DefaultLocale})
	jobs = append(jobs, p.extraJobs()...)
	for _, pg := range slices.Concat(p.drafts, p.s.Invalid) {
		jobs = append(jobs, job{src: pg})
	}
	return jobs
}

// homeJob is a locale's home page. A locale without its home page copy
// fails checkHomes, and its job has nothing to convert.
func (p *plan) homeJob(loc string) job {
	return job{file: loc + "/index.html", url: "/" + loc + "/", template: "home", src: p.homes[loc], locale: loc}
}

// guideJob is a guide's page in a locale, or its placeholder there.
func (p *plan) guideJob(loc, key string) job {
	if pg := p.byKey[key][loc]; pg != nil {
		return job{file: fileOf(pg.URL), url: pg.URL, template: "guide", src: pg, locale: loc}
	}
	url := keyURL(loc, key)
	return job{file: fileOf(url), url: url, template: "untranslated", key: key, locale: loc}
}

// keyURL is where a guide's page is in a locale by its key: the locale's
// placeholder for a guide it lacks, and the page a guide without a slug of
// its own gets.
func keyURL(loc, key string) string { return "/" + loc + "/roles/" + key + "/" }

// fileOf is the output file of a page's URL: its index.html, unless the URL
// names a file.
func fileOf(url string) string {
	if strings.HasSuffix(url, ".html") {
		return strings.TrimPrefix(url, "/")
	}
	return strings.TrimPrefix(url, "/") + "index.html"
}

// baseView fills what every page of a locale has.
func (p *plan) baseView(loc, url string) *view {
	v := &view{p: p, Locale: loc, Canonical: p.abs(url), OGType: "website", Head: template.HTML(p.b.cfg.Head)}
	v.OGLocale = v.T("og_locale")
	return v
}

// withTranslations sets the switcher and hreflang alternates of a page that
// has versions in other locales; a missing version links its placeholder.
func (p *plan) withTranslations(v *view, versions map[string]*content.Page, placeholder func(loc string) string) {
	for _, loc := range p.s.Locales {
		l := link{Lang: loc, Name: p.b.cat.T(loc, "language_name"), Current: loc == v.Locale, URL: placeholder(loc)}
		if pg := versions[loc]; pg != nil {
			l.URL = pg.URL
		}
		v.Languages = append(v.Languages, l)
	}
	v.Alternates = p.alternates(versions)
}

// alternates are the hreflang links of a page's versions, x-default last.
func (p *plan) alternates(versions map[string]*content.Page) []link {
	var out []link
	for _, loc := range p.s.Locales {
		if pg := versions[loc]; pg != nil {
			out = append(out, link{Lang: loc, URL: p.abs(pg.URL)})
		}
	}
	if def := versions[DefaultLocale]; def != nil {
		out = append(out, link{Lang: "x-default", URL: p.abs(def.URL)})
	} else if len(out) > 0 {
		out = append(out, link{Lang: "x-default", URL: out[0].URL})
	}
	return out
}

func (p *plan) abs(url string) string { return p.b.cfg.BaseURL + url }

func (p *plan) scripts(doc *markdown.Doc) []string {
	if len(doc.Samples) == 0 {
		return nil
	}
	if u, ok := p.b.bundle.URLs["try.js"]; ok {
		return []string{u}
	}
	return nil
}
