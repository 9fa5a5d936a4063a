package site

import (
	"html/template"
	"strings"
	"sync"

	"guides/internal/content"
)

// A library page is put together from fragments, each rendered once from a
// partial template and then shared: a guide's heading, each of its entries,
// its section (the two together, once per kind filter) and each group of the
// filter nav (once per current value). At thousands of guides the same
// section appears on the index, a kind page, the role page and every stack
// page of the guide, and rendering it per page dominated the build.

// libraryPage is the data of templates/questions.html: one page of the
// question library, all of it or one filter value's share.
type libraryPage struct {
	Filter   string // "", "kind", "role" or "stack"
	Label    string // the selected filter's group and value ("Kind: SQL")
	Count    int    // entries listed
	All      navLink
	Filters  template.HTML   // the filter nav's groups
	Sections []template.HTML // the guides' sections, by title
}

// libraryGuide is the data of a guide's heading on library pages
// (templates/library-guide.html).
type libraryGuide struct {
	Title, URL, KitURL, RoleURL, Family string
	Tags                                []navLink
	Entries                             []entry
}

// filterGroup is one dimension of the filter nav. More links the full list
// when Links is cut short.
type filterGroup struct {
	ID, Label, More string
	Links           []navLink
}

type navLink struct {
	Name, URL string
	Current   bool
}

// partsCache holds what the library and home pages show of each guide,
// worked out once and shared by every page that lists the guide; in serve,
// by every later plan too, since an edited page is a new *content.Page and
// so never finds the parts of the page it replaced.
type partsCache struct{ m sync.Map } // *content.Page → *guideParts

// guideParts are one guide's share of the library and home pages.
type guideParts struct {
	mu        sync.Mutex
	entries   []entry                  // nil until worked out
	head      template.HTML            // "" until rendered, with entryHTML
	entryHTML []template.HTML          // each entry, rendered
	sections  map[string]template.HTML // by kind filter, "" for every kind
	cards     map[string]template.HTML // by the locale of the home page it is on
}

func (c *partsCache) of(pg *content.Page) *guideParts {
	if g, ok := c.m.Load(pg); ok {
		return g.(*guideParts)
	}
	g, _ := c.m.LoadOrStore(pg, &guideParts{})
	return g.(*guideParts)
}

// drop forgets pages no plan lists any more.
func (c *partsCache) drop(pages []*content.Page) {
	for _, pg := range pages {
		c.m.Delete(pg)
	}
}

// groupKey names a rendered filter group: its locale, its ID and what of a
// page's filter it shows (groupFilter).
type groupKey struct{ locale, id, filter string }

// localizer gives a partial's data the T of a locale.
type localizer struct {
	p      *plan
	locale string
}

// T localizes a message in the locale.
func (l localizer) T(id string, n ...any) string { return l.p.b.cat.T(l.locale, id, n...) }

type headData struct {
	libraryGuide
	localizer
}

type groupData struct {
	filterGroup
	localizer
}

// sectionParts is the data of the "library-guide" partial.
type sectionParts struct{ Head, Entries template.HTML }

func (p *plan) libraryView(j job) (*view, error) {
	v := p.readerBase(j)
	lib, err := p.library(j.locale, j.key)
	if err != nil {
		return nil, err
	}
	v.Library = lib
	v.Title = v.T("questions_title")
	if lib.Label != "" {
		v.Title = lib.Label + " · " + v.Title
	}
	v.Description = v.T("questions_lead")
	if lib.Label != "" {
		v.Description = lib.Label + ". " + v.Description // each page its own description
	}
	v.JSONLD = &jsonLD{Context: schemaOrg, Type: "CollectionPage", Name: v.Title, Description: v.Description,
		InLanguage: j.locale, URL: v.Canonical}
	return v, nil
}

// library lists the entries of a filter, guide by guide.
func (p *plan) library(loc, filter string) (*libraryPage, error) {
	by, value, _ := strings.Cut(filter, "/")
	lib := &libraryPage{Filter: by, All: navLink{Name: p.b.cat.T(loc, "filter_all"), URL: "/" + loc + "/questions/", Current: by == ""}}
	kind := ""
	if by == "kind" {
		kind = value
	}
	for _, pg := range p.libraryGuides(loc, filter) {
		n := p.countKind(pg, kind)
		if n == 0 {
			continue
		}
		html, err := p.section(pg, kind)
		if err != nil {
			return nil, err
		}
		lib.Sections = append(lib.Sections, html)
		lib.Count += n
	}
	var err error
	lib.Filters, lib.Label, err = p.filters(loc, filter)
	lib.Label = p.filterHeading(loc, filter, lib.Label)
	return lib, err
}

// countKind counts a guide's entries of kind, or all of them for "".
func (p *plan) countKind(pg *content.Page, kind string) int {
	entries := p.entries(pg)
	if kind == "" {
		return len(entries)
	}
	n := 0
	for _, e := range entries {
		if e.Kind == kind {
			n++
		}
	}
	return n
}

// section is a guide's share of the library pages of a kind ("" for all
// kinds): its heading and its entries of that kind.
func (p *plan) section(pg *content.Page, kind string) (template.HTML, error) {
	entries := p.entries(pg)
	g := p.parts.of(pg)
	g.mu.Lock()
	defer g.mu.Unlock()
	render := func() (template.HTML, error) {
		if g.head == "" {
			if err := p.renderParts(g, pg, entries); err != nil {
				return "", err
			}
		}
		var listed []template.HTML
		for i, e := range entries {
			if kind == "" || e.Kind == kind {
				listed = append(listed, g.entryHTML[i])
			}
		}
		return p.partial("library-guide", sectionParts{g.head, join(listed)})
	}
	if kind != "" && !p.live {
		// A build lists a guide on one page of each kind: kept, the
		// sections would only add to its heap.
		return render()
	}
	return memo(&g.sections, kind, render)
}

// memo returns (*m)[key], rendering and keeping it the first time.
func memo(m *map[string]template.HTML, key string, render func() (template.HTML, error)) (template.HTML, error) {
	if html, ok := (*m)[key]; ok {
		return html, nil
	}
	html, err := render()
	if err != nil {
		return "", err
	}
	if *m == nil {
		*m = map[string]template.HTML{}
	}
	(*m)[key] = html
	return html, nil
}

// renderParts renders a guide's heading and each of its entries.
func (p *plan) renderParts(g *guideParts, pg *content.Page, entries []entry) error {
	head, err := p.partial("library-guide-head", headData{p.libraryGuide(pg, nil), localizer{p, pg.Locale}})
	if err != nil {
		return err
	}
	g.entryHTML = make([]template.HTML, len(entries))
	for i, e := range entries {
		if g.entryHTML[i], err = p.partial("library-entry", e); err != nil {
			return err
		}
	}
	g.head = head
	return nil
}

// partial renders a shared partial template.
func (p *plan) partial(name string, data any) (template.HTML, error) {
	buf := p.b.buffer()
	defer p.b.release(buf)
	if err := p.b.tmpl.Partial(buf, name, data); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// filters is the filter nav of a library page, without its "all" link, and
// the name of the filter's value.
func (p *plan) filters(loc, filter string) (template.HTML, string, error) {
	groups := make([]template.HTML, len(filterGroupIDs))
	for i, id := range filterGroupIDs {
		key := groupKey{loc, id, groupFilter(id, filter)}
		if html, ok := p.groups.Load(key); ok {
			groups[i] = html.(template.HTML)
			continue
		}
		var html template.HTML
		if g := p.filterGroup(loc, id, filter); len(g.Links) > 0 || g.More != "" {
			var err error
			if html, err = p.partial("library-filter-group", groupData{g, localizer{p, loc}}); err != nil {
				return "", "", err
			}
		}
		p.groups.Store(key, html)
		groups[i] = html
	}
	return join(groups), p.filterLabel(loc, filter), nil
}

// groupFilter is what of a page's filter a group shows: the filter itself
// where it is one of the group's values, else "" on the library's index and
// "-" elsewhere (a large site's role group is not the same on both).
func groupFilter(id, filter string) string {
	by, _, _ := strings.Cut(filter, "/")
	switch {
	case "filter-"+by == id:
		return filter
	case filter == "":
		return ""
	}
	return "-"
}

// filterHeading names a filter's page by its group and value ("Kind:
// SQL"), so that a kind and a stack tag of one name (SQL) get two titles.
func (p *plan) filterHeading(loc, filter, label string) string {
	by, _, _ := strings.Cut(filter, "/")
	group := map[string]string{"kind": "filter_kind", "role": "filter_role", "stack": "stack"}[by]
	if label == "" || group == "" {
		return label
	}
	return p.b.cat.T(loc, group) + ": " + label
}

// filterLabel is the name of a filter's value: a kind, a role's title or a
// stack tag as its guides write it; "" for the index.
func (p *plan) filterLabel(loc, filter string) string {
	by, value, _ := strings.Cut(filter, "/")
	switch by {
	case "kind":
		return p.b.cat.T(loc, "kind_"+value)
	case "role":
		if pg := p.byKey[value][loc]; pg != nil {
			return pg.Guide.Title
		}
	case "stack":
		for _, t := range p.index(loc).tags {
			if t.Slug == value {
				return t.Name
			}
		}
	}
	return ""
}

// filterGroupIDs are the filter nav's groups, in order.
var filterGroupIDs = []string{"filter-kind", "filter-role", "filter-stack"}

// libraryNav is the filter nav of a library page: every kind, role and tag
// of the locale, the current one marked. Serve compares it before and after
// an edit.
func (p *plan) libraryNav(loc, filter string) []filterGroup {
	var out []filterGroup
	for _, id := range filterGroupIDs {
		out = append(out, p.filterGroup(loc, id, filter))
	}
	return out
}

// filterGroup is one group of the filter nav of a library page.
func (p *plan) filterGroup(loc, id, filter string) filterGroup {
	switch id {
	case "filter-kind":
		g := filterGroup{ID: id, Label: p.b.cat.T(loc, "filter_kind")}
		for _, k := range libraryKinds() {
			g.Links = append(g.Links, p.navLink(loc, "kind/"+k, p.b.cat.T(loc, "kind_"+k), filter))
		}
		return g
	case "filter-role":
		return p.roleGroup(loc, filter)
	}
	g := filterGroup{ID: id, Label: p.b.cat.T(loc, "stack")}
	for _, t := range p.index(loc).tags {
		g.Links = append(g.Links, p.navLink(loc, "stack/"+t.Slug, t.Name, filter))
	}
	return g
}

// roleGroup lists every role on the library's index and on every page of a
// small site; past maxNavRoles guides, other pages list only their own role
// and link the index's list.
func (p *plan) roleGroup(loc, filter string) filterGroup {
	g := filterGroup{ID: "filter-role", Label: p.b.cat.T(loc, "filter_role")}
	guides := p.index(loc).guides
	if filter == "" || len(guides) <= maxNavRoles {
		for _, pg := range guides {
			g.Links = append(g.Links, p.navLink(loc, "role/"+pg.Key, pg.Guide.Title, filter))
		}
		return g
	}
	if by, key, _ := strings.Cut(filter, "/"); by == "role" && p.byKey[key][loc] != nil {
		g.Links = append(g.Links, p.navLink(loc, filter, p.byKey[key][loc].Guide.Title, filter))
	}
	g.More = "/" + loc + "/questions/#filter-role"
	return g
}

func (p *plan) navLink(loc, key, name, current string) navLink {
	url, _ := p.readerURL(tmplQuestions, loc, key)
	return navLink{Name: name, URL: url, Current: key == current}
}

// join concatenates fragments.
func join(parts []template.HTML) template.HTML {
	n := 0
	for _, s := range parts {
		n += len(s)
	}
	var b strings.Builder
	b.Grow(n)
	for _, s := range parts {
		b.WriteString(string(s))
	}
	return template.HTML(b.String())
}
