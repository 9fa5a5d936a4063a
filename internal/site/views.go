package site

import (
	"cmp"
	"html/template"
	"slices"
	"strings"
	"unsafe"

	"guides/internal/content"
	"guides/internal/markdown"
)

// bodyHTML is a page's converted body for its template, not copied: a
// guide's is tens of kilobytes, and Convert never writes to a Doc's HTML
// once it has returned it.
func bodyHTML(html []byte) template.HTML {
	return template.HTML(unsafe.String(unsafe.SliceData(html), len(html)))
}

func (p *plan) homeView(pg *content.Page, doc *markdown.Doc) (*view, error) {
	v := p.baseView(pg.Locale, pg.URL)
	v.Page, v.Title, v.Description = pg, pg.Home.Title, pg.Home.Summary
	v.Body = bodyHTML(doc.HTML)
	p.withTranslations(v, p.homes, func(loc string) string { return "/" + loc + "/" })
	v.Families = p.families(pg.Locale)
	if err := p.renderCards(pg.Locale, v.Families); err != nil {
		return nil, err
	}
	v.Filters = p.roleFilters(v.Families)
	v.JSONLD = &jsonLD{Context: schemaOrg, Type: "WebSite", Name: v.T("site_name"), Description: v.Description,
		URL: v.Canonical, InLanguage: pg.Locale}
	return v, nil
}

// renderCards renders each family's cards, each card once per guide and
// locale for as long as the guide does not change: a home page lists every
// guide, and an edit to one should not render the others again.
func (p *plan) renderCards(loc string, families []family) error {
	for i := range families {
		f := &families[i]
		for _, c := range f.Guides {
			html, err := p.cardHTML(loc, c)
			if err != nil {
				return err
			}
			f.Cards = append(f.Cards, html)
		}
	}
	return nil
}

func (p *plan) cardHTML(loc string, c card) (template.HTML, error) {
	g := p.parts.of(c.page)
	g.mu.Lock()
	defer g.mu.Unlock()
	return memo(&g.cards, loc, func() (template.HTML, error) {
		return p.partial("home-card", cardData{c, localizer{p, loc}})
	})
}

// families groups a locale's guides by family; a guide not yet translated
// is listed with its original's card, marked as such.
func (p *plan) families(loc string) []family {
	groups := map[string]*family{}
	for _, key := range p.keys() {
		slug, c := p.card(loc, key)
		f := groups[slug]
		if f == nil {
			f = &family{Slug: slug, Name: familyName(p, loc, slug)}
			groups[slug] = f
		}
		f.Guides = append(f.Guides, c)
	}
	var out []family
	for _, f := range groups {
		slices.SortFunc(f.Guides, func(a, b card) int { return cmp.Compare(a.Title, b.Title) })
		out = append(out, *f)
	}
	slices.SortFunc(out, func(a, b family) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

// card is a guide's entry on a locale's home page and the family it is
// listed under.
func (p *plan) card(loc, key string) (string, card) {
	pg, untranslated := p.byKey[key][loc], false
	if pg == nil {
		pg, untranslated = p.anyVersion(key), true
	}
	url := keyURL(loc, key)
	if !untranslated {
		url = pg.URL
	}
	var slugs []string
	for _, t := range p.tagsOf(pg) {
		if t.Slug != "" {
			slugs = append(slugs, t.Slug)
		}
	}
	return pg.Guide.Family, card{URL: url, Title: pg.Guide.Title, Summary: pg.Guide.Summary, Stack: pg.Guide.Stack,
		Tags: strings.Join(slugs, " "), Rounds: len(pg.Guide.Process), Minutes: totalMinutes(pg.Guide), Untranslated: untranslated, Lang: langIf(untranslated, pg.Locale), page: pg}
}

func langIf(other bool, lang string) string {
	if other {
		return lang
	}
	return ""
}

// anyVersion returns a guide's version in the default locale, or any.
func (p *plan) anyVersion(key string) *content.Page {
	if pg := p.byKey[key][DefaultLocale]; pg != nil {
		return pg
	}
	for _, loc := range p.s.Locales {
		if pg := p.byKey[key][loc]; pg != nil {
			return pg
		}
	}
	return nil
}

func (p *plan) guideView(pg *content.Page, doc *markdown.Doc) *view {
	v := p.baseView(pg.Locale, pg.URL)
	g := pg.Guide
	v.Page, v.Title, v.Description, v.OGType = pg, g.Title, g.Summary, "article"
	intro := min(doc.Intro, len(doc.HTML))
	v.Intro, v.Body = bodyHTML(doc.HTML[:intro]), bodyHTML(doc.HTML[intro:])
	v.TOC = slices.DeleteFunc(slices.Clone(doc.Headings), func(h markdown.Heading) bool { return h.Level != 2 })
	v.TotalMinutes = totalMinutes(g)
	v.Scripts = p.scripts(doc)
	p.withTranslations(v, p.byKey[pg.Key], func(loc string) string { return keyURL(loc, pg.Key) })
	v.JSONLD = &jsonLD{Context: schemaOrg, Type: "Article", Headline: g.Title, Description: g.Summary,
		InLanguage: pg.Locale, DateModified: g.Updated.String(), URL: v.Canonical, Keywords: g.Stack,
		IsPartOf: &jsonLD{Type: "WebSite", Name: v.T("site_name"), URL: p.abs("/" + pg.Locale + "/")}}
	return v
}

// untranslatedView is the page a locale shows for a guide it lacks.
func (p *plan) untranslatedView(loc, key string) *view {
	orig := p.anyVersion(key)
	url := keyURL(loc, key)
	v := p.baseView(loc, url)
	// The head speaks the page's language; the heading names the guide as written.
	v.Title, v.Description, v.NoIndex = orig.Guide.Title+" · "+v.T("not_translated_badge"), v.T("not_translated_lead"), true
	v.Heading, v.TitleLang = orig.Guide.Title, orig.Locale
	v.Canonical = p.abs(orig.URL)
	p.withTranslations(v, p.byKey[key], func(l string) string { return keyURL(l, key) })
	for _, l := range p.s.Locales {
		if pg := p.byKey[key][l]; pg != nil {
			v.Originals = append(v.Originals, link{Lang: l, URL: pg.URL, Name: p.b.cat.T(l, "language_name"), Title: pg.Guide.Title})
		}
	}
	v.JSONLD = &jsonLD{Context: schemaOrg, Type: "WebPage", Name: v.Title, Description: v.Description,
		InLanguage: loc, URL: p.abs(url)}
	return v
}

func (p *plan) notFoundView(loc string) *view {
	v := p.baseView(loc, "/"+loc+"/404.html")
	v.Title, v.Description, v.NoIndex = v.T("not_found_title"), v.T("not_found_text"), true
	p.withTranslations(v, map[string]*content.Page{}, func(l string) string { return "/" + l + "/" })
	v.JSONLD = &jsonLD{Context: schemaOrg, Type: "WebPage", Name: v.Title, InLanguage: loc}
	return v
}

// rootView is "/": it sends visitors to the default locale and lists the others.
func (p *plan) rootView() *rootData {
	v := &rootData{view: p.baseView(DefaultLocale, "/"), Home: p.b.base + "/" + DefaultLocale + "/"}
	v.Canonical = p.abs("/" + DefaultLocale + "/") // a redirect's canonical is where it leads, as Hugo's aliases have it
	p.withTranslations(v.view, p.homes, func(loc string) string { return "/" + loc + "/" })
	return v
}

type rootData struct {
	*view
	Home string
}
