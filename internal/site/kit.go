package site

import (
	"html/template"

	"guides/internal/content"
)

// kitPage is the data of templates/kit.html: a guide turned into a
// printable interview plan. A hiring manager ticks the questions to ask and
// prints; the print stylesheet drops the unticked ones (CSS :has(), no
// JavaScript), or keeps all when none is ticked.
type kitPage struct {
	Guide   *content.Page
	Minutes int       // the rounds' total
	Items   []kitItem // questions and coding exercises in the guide's order
}

// kitItem is a question or coding exercise with its notes.
type kitItem struct {
	Pick   string // the checkbox's ID
	URL    string // where the guide asks it
	Kind   string
	Label  string        // the kind's localized name
	Sample template.HTML // a coding exercise's sample title (sampleTitle)
	Body   template.HTML
	Strong template.HTML
	Weak   template.HTML
}

func (p *plan) kitView(j job) *view {
	pg := p.byKey[j.key][j.locale]
	v := p.readerBase(j)
	v.Page, v.Title = pg, v.T("kit_title")+": "+pg.Guide.Title
	v.Description = v.Title + ". " + v.T("kit_description") // each kit its own description
	v.Kit = &kitPage{Guide: pg, Minutes: totalMinutes(pg.Guide), Items: p.kitItems(pg)}
	v.JSONLD = &jsonLD{Context: schemaOrg, Type: "WebPage", Name: v.Title, Description: v.Description,
		InLanguage: j.locale, URL: v.Canonical, IsBasedOn: p.abs(pg.URL)}
	return v
}

// kitItems are a guide's questions and try blocks in the order it asks
// them, with the HTML the guide page leaves out: the notes on what a strong
// and a weak answer look like.
func (p *plan) kitItems(pg *content.Page) []kitItem {
	var items []kitItem
	for _, a := range p.askedIn(pg) {
		items = append(items, kitItem{Pick: "pick-" + a.Anchor, URL: pg.URL + "#" + a.Anchor, Kind: a.Kind, Label: a.Label, Sample: a.Sample,
			Body: template.HTML(a.Body), Strong: template.HTML(a.Strong), Weak: template.HTML(a.Weak)})
	}
	return items
}
