package site

import (
	"cmp"
	"html"
	"html/template"
	"regexp"
	"slices"
	"strings"
	"sync"

	"guides/internal/content"
	"guides/internal/markdown"
	"guides/internal/sample"
)

// Reader pages are what hiring managers use beside the guides: per locale a
// question library with one static page per filter value (so filtering
// needs no JavaScript), an interview kit per guide and a search page. They
// are jobs like any page, listed after the guides; the library and the kits
// read the guides' converted Markdown.
const (
	tmplQuestions = "questions"
	tmplKit       = "kit"
	tmplSearch    = "search"
)

// kindCoding is the library's kind for a :::try block.
const kindCoding = "coding"

// maxNavRoles caps the role links in the filter nav of every library page
// but the index: a nav listing every role on every role's page would grow
// the site with the square of its guides.
const maxNavRoles = 40

// extraJobs lists the reader pages. They come after the guides in jobs(),
// so when one renders the guides it reads are converted already, or nearly.
func (p *plan) extraJobs() []job {
	var jobs []job
	for _, loc := range p.s.Locales {
		for _, key := range p.keys() {
			jobs = p.appendReaderJob(jobs, tmplKit, loc, key)
		}
	}
	for _, loc := range p.s.Locales {
		for _, filter := range p.libraryFilters(loc) {
			jobs = p.appendReaderJob(jobs, tmplQuestions, loc, filter)
		}
		jobs = p.appendReaderJob(jobs, tmplSearch, loc, "")
	}
	return jobs
}

func (p *plan) appendReaderJob(jobs []job, tmpl, loc, key string) []job {
	url, ok := p.readerURL(tmpl, loc, key)
	if !ok {
		return jobs
	}
	return append(jobs, job{file: fileOf(url), url: url, template: tmpl, key: key, locale: loc})
}

// libraryFilters lists a locale's library pages by filter: "" for all
// questions, then "kind/<kind>", "role/<guide key>" and "stack/<tag slug>".
func (p *plan) libraryFilters(loc string) []string {
	out := []string{""}
	for _, kind := range libraryKinds() {
		out = append(out, "kind/"+kind)
	}
	idx := p.index(loc)
	for _, pg := range idx.guides {
		out = append(out, "role/"+pg.Key)
	}
	for _, t := range idx.tags {
		out = append(out, "stack/"+t.Slug)
	}
	return out
}

func libraryKinds() []string { return append(markdown.QuestionKinds(), kindCoding) }

// readerURL is the site path of a reader page in a locale, if the locale
// has that page. key is a guide key for a kit, a filter for the library.
// Kits and filtered library pages are files (kit.html, role/<slug>.html,
// kind/<kind>.html): each guide has a kit and a role page, and a directory
// for each would triple the directories a large site's build creates, its
// costliest file system work.
func (p *plan) readerURL(tmpl, loc, key string) (string, bool) {
	switch tmpl {
	case tmplKit:
		if pg := p.byKey[key][loc]; pg != nil {
			return kitURL(pg), true
		}
		return "", false
	case tmplSearch:
		return "/" + loc + "/search/", true
	}
	base := "/" + loc + "/questions/"
	by, value, _ := strings.Cut(key, "/")
	switch by {
	case "":
		return base, true
	case "kind":
		return base + key + ".html", true
	case "role":
		if pg := p.byKey[value][loc]; pg != nil {
			return base + "role/" + pg.Slug + ".html", true
		}
	case "stack":
		if _, ok := p.index(loc).tagged[value]; ok {
			return base + key + ".html", true
		}
	}
	return "", false
}

// kitURL is the site path of a guide's interview kit.
func kitURL(pg *content.Page) string { return pg.URL + "kit.html" }

// readerVersions maps each locale that has the page of j to its URL.
func (p *plan) readerVersions(j job) map[string]string {
	out := map[string]string{}
	for _, loc := range p.s.Locales {
		if url, ok := p.readerURL(j.template, loc, j.key); ok {
			out[loc] = url
		}
	}
	return out
}

// readerView dispatches a reader page to its view.
func (p *plan) readerView(j job) (*view, error) {
	switch j.template {
	case tmplKit:
		return p.kitView(j), nil
	case tmplSearch:
		return p.searchView(j), nil
	}
	return p.libraryView(j)
}

// readerBase fills what every reader page has: the locale's basics, the
// language switcher and the hreflang alternates of the page's versions. A
// locale without a version links its fallback: a kit the guide's
// placeholder, any other page the locale's library.
func (p *plan) readerBase(j job) *view {
	v := p.baseView(j.locale, j.url)
	versions := p.readerVersions(j)
	for _, loc := range p.s.Locales {
		url, ok := versions[loc]
		switch {
		case ok:
		case j.template == tmplKit:
			url = keyURL(loc, j.key)
		default:
			url = "/" + loc + "/questions/"
		}
		v.Languages = append(v.Languages, link{Lang: loc, Name: p.b.cat.T(loc, "language_name"), Current: loc == j.locale, URL: url})
	}
	v.Alternates = p.urlAlternates(versions)
	return v
}

// urlAlternates are the hreflang links of a page's versions by locale,
// x-default last.
func (p *plan) urlAlternates(versions map[string]string) []link {
	var out []link
	for _, loc := range p.s.Locales {
		if url, ok := versions[loc]; ok {
			out = append(out, link{Lang: loc, URL: p.abs(url)})
		}
	}
	if def, ok := versions[DefaultLocale]; ok {
		out = append(out, link{Lang: "x-default", URL: p.abs(def)})
	} else if len(out) > 0 {
		out = append(out, link{Lang: "x-default", URL: out[0].URL})
	}
	return out
}

// extraSitemap lists the reader pages worth indexing (the library and the
// kits; not search) with their translations and the date of the newest
// guide each draws on.
func (p *plan) extraSitemap(jobs []job) []smURL {
	var out []smURL
	for _, j := range jobs {
		if j.template != tmplQuestions && j.template != tmplKit {
			continue
		}
		u := smURL{Loc: p.abs(j.url), LastMod: p.readerUpdated(j)}
		for _, alt := range p.urlAlternates(p.readerVersions(j)) {
			u.Links = append(u.Links, smLink{Rel: "alternate", HrefLang: alt.Lang, Href: alt.URL})
		}
		out = append(out, u)
	}
	return out
}

// readerUpdated is the newest "updated" among the guides a page draws on.
func (p *plan) readerUpdated(j job) string {
	if j.template == tmplKit {
		return newest([]*content.Page{p.byKey[j.key][j.locale]})
	}
	return newest(p.libraryGuides(j.locale, j.key))
}

// newest is the latest "updated" of guides, as the sitemap writes it; ""
// when there is none.
func newest(guides []*content.Page) string {
	var last content.Date
	for _, pg := range guides {
		if pg.Guide.Updated.After(last.Time) {
			last = pg.Guide.Updated
		}
	}
	if last.IsZero() {
		return ""
	}
	return last.String()
}

// readerIndex is what the reader pages look up, built once per plan on
// first use. It holds metadata only, so it is ready before any page is
// converted; and it keeps each of the thousands of filter pages of a large
// site from sorting and scanning every guide again.
type readerIndex struct {
	once sync.Once
	locs map[string]*localeIndex
}

// localeIndex is one locale's share of the readerIndex.
type localeIndex struct {
	guides []*content.Page            // the locale's own guides (not placeholders) by title
	tags   []tag                      // their stack tags by slug
	tagged map[string][]*content.Page // tag slug → its guides by title
	tagsOf map[*content.Page][]tag    // each guide's stack, slugged once
}

// tag is a stack tag and the slug of its library page.
type tag struct{ Name, Slug string }

func (p *plan) index(loc string) *localeIndex {
	p.lookup.once.Do(func() {
		p.lookup.locs = map[string]*localeIndex{}
		for _, l := range p.s.Locales {
			p.lookup.locs[l] = p.indexLocale(l)
		}
	})
	return p.lookup.locs[loc]
}

// indexLocale sorts a locale's guides by title and gathers their tags, one
// per slug: "Go" and "go" share a page, named as the first guide by title
// writes it.
func (p *plan) indexLocale(loc string) *localeIndex {
	idx := &localeIndex{tagged: map[string][]*content.Page{}, tagsOf: map[*content.Page][]tag{}}
	for _, key := range p.keys() {
		if pg := p.byKey[key][loc]; pg != nil {
			idx.guides = append(idx.guides, pg)
		}
	}
	sortByTitle(idx.guides)
	slugs := map[string]string{} // tag name → slug: a few dozen names across thousands of guides
	for _, pg := range idx.guides {
		tags := make([]tag, len(pg.Guide.Stack))
		seen := map[string]bool{}
		for i, name := range pg.Guide.Stack {
			s, ok := slugs[name]
			if !ok {
				s = tagSlug(name)
				slugs[name] = s
			}
			tags[i] = tag{Name: name, Slug: s}
		}
		idx.tagsOf[pg] = tags
		for _, t := range tags {
			if t.Slug == "" || seen[t.Slug] {
				continue
			}
			seen[t.Slug] = true
			if idx.tagged[t.Slug] == nil {
				idx.tags = append(idx.tags, t)
			}
			idx.tagged[t.Slug] = append(idx.tagged[t.Slug], pg)
		}
	}
	slices.SortFunc(idx.tags, func(a, b tag) int { return cmp.Compare(a.Slug, b.Slug) })
	return idx
}

// sortByTitle sorts guides by title, case aside, then by key.
func sortByTitle(guides []*content.Page) {
	lower := make(map[*content.Page]string, len(guides)) // sort keys, lowered once rather than per comparison
	for _, pg := range guides {
		lower[pg] = strings.ToLower(pg.Guide.Title)
	}
	slices.SortFunc(guides, func(a, b *content.Page) int {
		return cmp.Or(cmp.Compare(lower[a], lower[b]), cmp.Compare(a.Key, b.Key))
	})
}

// stackTags are a guide's stack tags with their slugs ("" for none).
func stackTags(pg *content.Page) []tag {
	out := make([]tag, len(pg.Guide.Stack))
	for i, name := range pg.Guide.Stack {
		out[i] = tag{Name: name, Slug: tagSlug(name)}
	}
	return out
}

// tagsOf is stackTags from the index when the guide is in it.
func (p *plan) tagsOf(pg *content.Page) []tag {
	if tags, ok := p.index(pg.Locale).tagsOf[pg]; ok {
		return tags
	}
	return stackTags(pg)
}

var (
	tagSlugRE  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	tagSymbols = strings.NewReplacer("+", " plus ", "#", " sharp ")
)

// tagSlug is the URL segment of a stack tag; "" for a tag that cannot have
// a page (nothing but symbols, or a script outside ASCII). + and # are
// spelled out, so that C, C++ and C# get pages of their own.
func tagSlug(name string) string {
	s := markdown.Slug(tagSymbols.Replace(name))
	if !tagSlugRE.MatchString(s) {
		return ""
	}
	return s
}

// entry is a question or coding exercise, linked to where its guide asks it.
type entry struct {
	Kind, Label, Text, URL string
	Sample                 template.HTML // a coding exercise's sample title (sampleTitle)
}

// libraryGuides are the guides a library page draws on, by title.
func (p *plan) libraryGuides(loc, filter string) []*content.Page {
	by, value, _ := strings.Cut(filter, "/")
	switch by {
	case "role":
		if pg := p.byKey[value][loc]; pg != nil {
			return []*content.Page{pg}
		}
		return nil
	case "stack":
		return p.index(loc).tagged[value]
	}
	return p.index(loc).guides
}

func (p *plan) libraryGuide(pg *content.Page, entries []entry) libraryGuide {
	loc := pg.Locale
	g := libraryGuide{Title: pg.Guide.Title, URL: pg.URL, KitURL: kitURL(pg), Entries: entries,
		Family: familyName(p, loc, pg.Guide.Family)}
	g.RoleURL, _ = p.readerURL(tmplQuestions, loc, "role/"+pg.Key)
	for _, t := range p.tagsOf(pg) {
		l := navLink{Name: t.Name}
		if t.Slug != "" {
			l.URL, _ = p.readerURL(tmplQuestions, loc, "stack/"+t.Slug)
		}
		g.Tags = append(g.Tags, l)
	}
	return g
}

// asked is a question or coding exercise of a guide, as the library and
// the kit show it.
type asked struct {
	Line               int
	Kind               string // a question kind, or kindCoding for a try block
	Label              string // the kind's localized name
	Anchor             string // its ID on the guide page
	Text               string
	Sample             template.HTML // a coding exercise's sample title (sampleTitle)
	Body, Strong, Weak []byte        // the kit's HTML: the question or lead-in, and the notes
}

// askedIn lists a guide's questions and try blocks in the order it asks them.
func (p *plan) askedIn(pg *content.Page) []asked {
	doc := p.doc(pg)
	var all []asked
	for _, q := range doc.Questions {
		all = append(all, asked{Line: q.Line, Kind: q.Kind, Anchor: q.ID, Text: q.Text, Body: q.Body, Strong: q.Strong, Weak: q.Weak})
	}
	for _, t := range doc.Tries {
		all = append(all, asked{Line: t.Line, Kind: kindCoding, Anchor: t.ID, Text: t.Text,
			Sample: p.sampleTitle(t.Sample, pg.Locale), Body: t.Body, Strong: t.Strong, Weak: t.Weak})
	}
	slices.SortStableFunc(all, func(a, b asked) int { return cmp.Compare(a.Line, b.Line) })
	for i := range all {
		all[i].Label = p.b.cat.T(pg.Locale, "kind_"+all[i].Kind)
	}
	return all
}

// entries are a guide's library entries, in the order it asks them. They
// are worked out once per guide: every library page that lists the guide
// asks again. Callers must not modify the result.
func (p *plan) entries(pg *content.Page) []entry {
	g := p.parts.of(pg)
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.entries == nil {
		g.entries = []entry{}
		for _, a := range p.askedIn(pg) {
			g.entries = append(g.entries, entry{Kind: a.Kind, Label: a.Label, Text: a.Text, URL: pg.URL + "#" + a.Anchor, Sample: a.Sample})
		}
	}
	return g.entries
}

// sampleTitle is the title of sample id in loc, as HTML: marked with its
// language when shown in the default locale's words for want of loc's.
func (p *plan) sampleTitle(id, loc string) template.HTML {
	s := p.s.Samples[id]
	if s == nil {
		return template.HTML(html.EscapeString(id))
	}
	title := template.HTML(html.EscapeString(sample.Locale(s.Title, loc)))
	if lang := fallbackLang(s.Title, loc); lang != "" {
		return `<span lang="` + template.HTML(lang) + `">` + title + `</span>`
	}
	return title
}
