package site

import (
	"encoding/xml"
	"fmt"

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

// writeSiteFiles writes the sitemap, robots.txt and the bundled assets.
func (p *plan) writeSiteFiles(w output.Writer, jobs []job) error {
	sm, err := p.sitemap(jobs)
	if err != nil {
		return err
	}
	if err := w.Write("sitemap.xml", sm); err != nil {
		return err
	}
	robots := fmt.Sprintf("User-agent: *\nAllow: /\n\nSitemap: %s/sitemap.xml\n", p.b.cfg.BaseURL)
	if err := w.Write("robots.txt", []byte(robots)); err != nil {
		return err
	}
	if err := p.writeFeeds(w); err != nil {
		return err
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
		if j.src.Kind == content.Guide {
			u.LastMod = j.src.Guide.Updated.String()
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
