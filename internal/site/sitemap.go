package site

import (
	"fmt"
	"maps"
	"slices"

	"guides/internal/content"
	"guides/internal/output"
)

// siteFiles are the files besides the pages and assets, by output path:
// the sitemap, robots.txt and each locale's feed. They need the page list,
// not the pages, so a build makes them while its pages render.
func (p *plan) siteFiles(jobs []job) (map[string][]byte, error) {
	files := map[string][]byte{}
	sm, err := p.sitemaps(jobs)
	if err != nil {
		return nil, err
	}
	maps.Copy(files, sm)
	files["robots.txt"] = fmt.Appendf(nil, "User-agent: *\nAllow: /\n\nSitemap: %s/sitemap.xml\n", p.b.cfg.BaseURL)
	for _, loc := range p.s.Locales {
		if files[loc+"/feed.xml"], err = p.feed(loc); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// writeAssets writes the bundled assets.
func (p *plan) writeAssets(w output.Writer) error {
	for name, data := range p.b.bundle.Files {
		if err := w.Write(name, data); err != nil {
			return err
		}
	}
	return nil
}

// writeSorted writes files by output path, in path order.
func writeSorted(w output.Writer, files map[string][]byte) error {
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := w.Write(name, files[name]); err != nil {
			return err
		}
	}
	return nil
}

// sitemaps lists every real page (not placeholders or 404s) with its
// translations as xhtml:link alternates, by output path: sitemap.xml alone,
// or an index of parts when the pages are more than one sitemap may list.
func (p *plan) sitemaps(jobs []job) (map[string][]byte, error) {
	return splitSitemap(p.sitemapURLs(jobs), p.abs("/"), sitemapMaxURLs, sitemapMaxBytes)
}

func (p *plan) sitemapURLs(jobs []job) []smURL {
	var urls []smURL
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
		urls = append(urls, u)
	}
	return append(urls, p.extraSitemap(jobs)...)
}
