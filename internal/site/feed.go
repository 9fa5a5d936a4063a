package site

import (
	"cmp"
	"encoding/xml"
	"slices"
	"time"

	"guides/internal/content"
)

// An Atom feed per locale, /<locale>/feed.xml (RFC 4287), lists the
// locale's maxFeedEntries most recently updated guides, newest first, so
// readers learn of new and revised guides. Every page of the locale links
// it from its <head>.

// maxFeedEntries caps a feed: readers poll it for what is new, and a feed
// of every guide of a large site would be megabytes.
const maxFeedEntries = 50

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Links    []atomLink  `xml:"link"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Author   atomAuthor  `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	Link       atomLink       `xml:"link"`
	ID         string         `xml:"id"`
	Updated    string         `xml:"updated"`
	Summary    string         `xml:"summary"`
	Categories []atomCategory `xml:"category"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

// feed is a locale's Atom feed: its own guides (not placeholders), newest
// first. The feed is as recent as its newest guide, so an unchanged site
// gives an unchanged feed.
func (p *plan) feed(loc string) ([]byte, error) {
	guides := slices.Clone(p.index(loc).guides)
	slices.SortStableFunc(guides, func(a, b *content.Page) int {
		return cmp.Compare(b.Guide.Updated.Unix(), a.Guide.Updated.Unix())
	})
	home := "/" + loc + "/"
	f := atomFeed{Lang: loc, Title: p.b.cat.T(loc, "site_name"), ID: p.abs(home), Author: atomAuthor{Name: p.b.cat.T(loc, "site_name")},
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: p.abs(home + "feed.xml")}, {Rel: "alternate", Type: "text/html", Href: p.abs(home)}}}
	if h := p.homes[loc]; h != nil {
		f.Subtitle = h.Home.Summary
	}
	for _, pg := range guides[:min(len(guides), maxFeedEntries)] {
		f.Entries = append(f.Entries, p.feedEntry(pg))
	}
	f.Updated = atomTime(content.Date{})
	if len(guides) > 0 {
		f.Updated = atomTime(guides[0].Guide.Updated)
	}
	out, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(out, '\n')...), nil
}

func (p *plan) feedEntry(pg *content.Page) atomEntry {
	g := pg.Guide
	e := atomEntry{Title: g.Title, Link: atomLink{Rel: "alternate", Type: "text/html", Href: p.abs(pg.URL)},
		ID: p.abs(pg.URL), Updated: atomTime(g.Updated), Summary: g.Summary}
	for _, t := range g.Stack {
		e.Categories = append(e.Categories, atomCategory{Term: t})
	}
	return e
}

// atomTime writes a day as the RFC 3339 time Atom wants: its midnight, UTC.
func atomTime(d content.Date) string {
	if d.IsZero() {
		return time.Unix(0, 0).UTC().Format(time.RFC3339)
	}
	return d.UTC().Format(time.RFC3339)
}
