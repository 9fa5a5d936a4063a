package site

import (
	"bytes"
	"context"
	"html/template"
	"strings"

	"guides/internal/content"
	"guides/internal/output"
)

// job is one HTML file to render.
type job struct {
	file     string // output path
	url      string // site path
	template string
	view     any
	src      *content.Page
}

// write renders every page and the site files into w.
func (p *plan) write(ctx context.Context, w output.Writer) (*Result, error) {
	jobs := p.jobs()
	res := &Result{Site: p.s, Pages: make([]*Rendered, len(jobs))}
	err := parallel(ctx, len(jobs), func(i int) error {
		r, err := p.render(jobs[i])
		if err != nil {
			return err
		}
		res.Pages[i] = r
		return w.Write(r.File, r.HTML)
	})
	if err != nil {
		return nil, err
	}
	return res, p.writeSiteFiles(w, jobs)
}

func (p *plan) render(j job) (*Rendered, error) {
	var buf bytes.Buffer
	buf.Grow(32 << 10)
	var err error
	if j.template == "root" {
		err = p.b.tmpl.Partial(&buf, "root", j.view)
	} else {
		err = p.b.tmpl.Page(&buf, j.template, j.view)
	}
	if err != nil {
		return nil, err
	}
	html := buf.Bytes()
	if p.b.cfg.Minify {
		if html, err = p.b.min.HTML(html); err != nil {
			return nil, err
		}
	}
	return &Rendered{URL: j.url, File: j.file, Src: j.src, Doc: p.docs[j.src], HTML: html}, nil
}

// jobs lists every HTML page of the site.
func (p *plan) jobs() []job {
	var jobs []job
	for _, loc := range p.s.Locales {
		home := p.homes[loc]
		jobs = append(jobs, job{file: loc + "/index.html", url: home.URL, template: "home", view: p.homeView(home), src: home})
		for _, key := range p.keys() {
			if pg := p.byKey[key][loc]; pg != nil {
				jobs = append(jobs, job{file: fileOf(pg.URL), url: pg.URL, template: "guide", view: p.guideView(pg), src: pg})
			} else {
				url := "/" + loc + "/roles/" + key + "/"
				jobs = append(jobs, job{file: fileOf(url), url: url, template: "untranslated", view: p.untranslatedView(loc, key)})
			}
		}
		jobs = append(jobs, job{file: loc + "/404.html", url: "/" + loc + "/404.html", template: "404", view: p.notFoundView(loc)})
	}
	jobs = append(jobs,
		job{file: "index.html", url: "/", template: "root", view: p.rootView()},
		job{file: "404.html", url: "/404.html", template: "404", view: p.notFoundView(DefaultLocale)})
	return jobs
}

func fileOf(url string) string { return strings.TrimPrefix(url, "/") + "index.html" }

// baseView fills what every page of a locale has.
func (p *plan) baseView(loc, url string) *view {
	v := &view{p: p, Locale: loc, Canonical: p.abs(url), OGType: "website", Head: template.HTML(p.b.cfg.Head)}
	v.OGLocale = v.T("og_locale")
	for _, other := range p.s.Locales {
		if other != loc {
			v.OGAlternateLocales = append(v.OGAlternateLocales, p.b.cat.T(other, "og_locale"))
		}
	}
	return v
}

// withTranslations sets the switcher and hreflang alternates of a page that
// has versions in other locales; a missing version links its placeholder.
func (p *plan) withTranslations(v *view, versions map[string]*content.Page, placeholder func(loc string) string) {
	for _, loc := range p.s.Locales {
		l := link{Lang: loc, Name: p.b.cat.T(loc, "language_name"), Current: loc == v.Locale}
		if pg := versions[loc]; pg != nil {
			l.URL = pg.URL
			v.Alternates = append(v.Alternates, link{Lang: loc, URL: p.abs(pg.URL)})
		} else {
			l.URL = placeholder(loc)
		}
		v.Languages = append(v.Languages, l)
	}
	if def := versions[DefaultLocale]; def != nil {
		v.Alternates = append(v.Alternates, link{Lang: "x-default", URL: p.abs(def.URL)})
	} else if len(v.Alternates) > 0 {
		v.Alternates = append(v.Alternates, link{Lang: "x-default", URL: v.Alternates[0].URL})
	}
}

func (p *plan) abs(url string) string { return p.b.cfg.BaseURL + url }

func (p *plan) scripts(pg *content.Page) []string {
	doc := p.docs[pg]
	if doc == nil || len(doc.Samples) == 0 {
		return nil
	}
	if u, ok := p.b.bundle.URLs["try.js"]; ok {
		return []string{u}
	}
	return nil
}
