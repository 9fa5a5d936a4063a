package site

import (
	"encoding/xml"
	"fmt"
	"maps"
	"slices"

	"guides/internal/content"
	"guides/internal/output"
)

type urlset struct {
	XMLName xml.Name `xml:"urlset"`
	NS      string   `xml:"xmlns,attr"`
	XHTML   string   `xml:"xmlns:xhtml,attr"`
	URLs    []smURL  `xml:"url"`
}

type smURL struct {
	Loc     string   `xml:"loc"`
	LastMod string   `xml:"lastmod,omitempty"`
	Links   []smLink `xml:"xhtml:link"`
}

type smLink struct {
	Rel      string `xml:"rel,attr"`
	HrefLang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// siteFiles are the files besides the pages and assets, by output path:
// the sitemap, robots.txt and each locale's feed. They need the page list,
// not the pages, so a build makes them while its pages render.
func (p *plan) siteFiles(jobs []job) (map[string][]byte, error) {
	files := map[string][]byte{}
	sm, err := p.sitemap(jobs)
	if err != nil {
		return nil, err
	}
	files["sitemap.xml"] = sm
	files["robots.txt"] = fmt.Appendf(nil, "User-agent: *\nAllow: /\n\nSitemap: %s/sitemap.xml\n", p.b.cfg.BaseURL)
	for _, loc := range p.s.Locales {
		if files[loc+"/feed.xml"], err = p.feed(loc); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// writeSiteFiles writes files (siteFiles) and the bundled assets.
func (p *plan) writeSiteFiles(w output.Writer, files map[string][]byte) error {
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := w.Write(name, files[name]); err != nil {
			return err
		}
	}
	for name, data := range p.b.bundle.Files {
		if err := w.Write(name, data); err != nil {
			return err
		}
	}
	return nil
}

// sitemap lists every real page (not placeholders or 404s) with its
// translations as xhtml:link alternates.
func (p *plan) sitemap(jobs []job) ([]byte, error) {
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", XHTML: "http://www.w3.org/1999/xhtml"}
	for _, j := range jobs {
		if j.src == nil || j.template == "" {
			continue
		}
		u := smURL{Loc: p.abs(j.url)}
		switch j.src.Kind {
		case content.Guide:
			u.LastMod = j.src.Guide.Updated.String()
		case content.Home: // as Hugo dates a list: by its newest entry
			u.LastMod = newest(p.index(j.locale).guides)
		}
		for _, alt := range p.alternates(p.translations(j.src)) {
			u.Links = append(u.Links, smLink{Rel: "alternate", HrefLang: alt.Lang, Href: alt.URL})
		}
		set.URLs = append(set.URLs, u)
	}
	set.URLs = append(set.URLs, p.extraSitemap(jobs)...)
	out, err := xml.MarshalIndent(set, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(out, '\n')...), nil
}
