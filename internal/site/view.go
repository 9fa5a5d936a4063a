package site

import (
	"html/template"
	"strings"

	"guides/internal/content"
	"guides/internal/markdown"
)

// view is the data every page template gets.
type view struct {
	p      *plan
	Locale string

	Title, Description, Canonical string
	OGType, OGLocale              string
	NoIndex                       bool
	Alternates                    []link // hreflang alternates, x-default last
	Languages                     []link // the language switcher
	Scripts                       []string
	JSONLD                        *jsonLD
	Head                          template.HTML

	Page         *content.Page
	Body         template.HTML
	Intro        template.HTML // a guide's text before its first section, shown above the rest
	TOC          []markdown.Heading
	TotalMinutes int
	Families     []family // home page
	Originals    []link   // untranslated page: the versions that exist
	Heading      string   // untranslated page: the guide's title, in another version's language
	TitleLang    string   // untranslated page: the language of Heading

	Filters *roleFilters // home page: role filters (filters.go)
	Library *libraryPage // question library page
	Kit     *kitPage     // interview kit page
}

// jsonLD is a page's schema.org description. Its fields are in the order
// encoding/json gives a map's keys, the order pages have always printed.
type jsonLD struct {
	Context      string   `json:"@context,omitempty"`
	Type         string   `json:"@type"`
	DateModified string   `json:"dateModified,omitempty"`
	Description  string   `json:"description,omitempty"`
	Headline     string   `json:"headline,omitempty"`
	InLanguage   string   `json:"inLanguage,omitempty"`
	IsBasedOn    string   `json:"isBasedOn,omitempty"`
	IsPartOf     *jsonLD  `json:"isPartOf,omitempty"`
	Keywords     []string `json:"keywords,omitempty"`
	Name         string   `json:"name,omitempty"`
	URL          string   `json:"url,omitempty"`
}

// schemaOrg is the context of a page's description.
const schemaOrg = "https://schema.org"

type link struct {
	Lang, URL, Name, Title string
	Current                bool
}

// family is a group of guides on a home page.
type family struct {
	Slug, Name string
	Guides     []card
	Cards      []template.HTML // Guides, rendered
}

type card struct {
	URL, Title, Summary string
	Stack               []string
	Tags                string // the stack's tag slugs, space-separated, for the filters
	Rounds, Minutes     int
	Untranslated        bool
	Lang                string        // the language of Title and Summary, when not the page's (untranslated)
	page                *content.Page // the version the card shows
}

// cardData is the data of templates/home-card.html.
type cardData struct {
	card
	localizer
}

// size guesses the length of the page's HTML: its largest parts and room
// for the layout, so its buffer grows at most once.
func (v *view) size() int {
	n := len(v.Intro) + len(v.Body) + 16<<10
	if v.Library != nil {
		n += len(v.Library.Filters)
		for _, s := range v.Library.Sections {
			n += len(s)
		}
	}
	for _, f := range v.Families {
		for _, c := range f.Cards {
			n += len(c)
		}
	}
	return n
}

// T localizes a message in the page's locale.
func (v *view) T(id string, n ...any) string { return v.p.b.cat.T(v.Locale, id, n...) }

// OGAlternateLocales are the Open Graph locales of the page's translations:
// those its hreflang alternates name, not every locale of the site.
func (v *view) OGAlternateLocales() []string {
	var out []string
	for _, a := range v.Alternates {
		if a.Lang != "x-default" && a.Lang != v.Locale {
			out = append(out, v.p.b.cat.T(a.Lang, "og_locale"))
		}
	}
	return out
}

// Asset returns the fingerprinted URL of an asset entry.
func (v *view) Asset(name string) string { return v.p.b.bundle.URLs[name] }

// Date formats a day in the page's locale: "22 November 2026".
func (v *view) Date(d content.Date) string {
	months := strings.Fields(v.T("months"))
	if len(months) != 12 {
		return d.String()
	}
	return d.Format("2") + " " + months[d.Month()-1] + " " + d.Format("2006")
}

// FamilyName is a family's localized name, or its slug in title case.
func (v *view) FamilyName(slug string) string { return familyName(v.p, v.Locale, slug) }

func familyName(p *plan, locale, slug string) string {
	if p.b.cat.Has(locale, "family_"+slug) || p.b.cat.Has(DefaultLocale, "family_"+slug) {
		return p.b.cat.T(locale, "family_"+slug)
	}
	return strings.ToUpper(slug[:1]) + strings.ReplaceAll(slug[1:], "-", " ")
}

func totalMinutes(g content.GuideMeta) int {
	n := 0
	for _, r := range g.Process {
		n += r.Minutes
	}
	return n
}
