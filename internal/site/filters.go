package site

import (
	"cmp"
	"html/template"
	"slices"
	"strconv"
	"strings"
)

// roleFilters are the home page's filters of role cards by family and by
// stack tag: radio buttons whose effect is CSS alone (:has()), generated
// for the page's own families and tags, so they work without JavaScript
// and, being native radio groups, from the keyboard.
type roleFilters struct {
	Families []filterOption
	Tags     []filterOption
	CSS      template.CSS
}

// filterOption is one radio button: its element ID and what it selects.
type filterOption struct{ ID, Slug, Name string }

func (p *plan) roleFilters(families []family) *roleFilters {
	f := &roleFilters{}
	slugs := map[string]string{}  // tag name → slug, so each is slugged once
	pairs := map[[2]string]bool{} // {family, tag slug} of every card
	for i, fam := range families {
		f.Families = append(f.Families, filterOption{ID: "filter-family-" + strconv.Itoa(i), Slug: fam.Slug, Name: fam.Name})
		for _, c := range fam.Guides {
			for _, name := range c.Stack {
				s, ok := slugs[name]
				if !ok {
					s = tagSlug(name)
					slugs[name] = s
					if s != "" && !slices.ContainsFunc(f.Tags, func(o filterOption) bool { return o.Slug == s }) {
						f.Tags = append(f.Tags, filterOption{Slug: s, Name: name})
					}
				}
				if s != "" {
					pairs[[2]string{fam.Slug, s}] = true
				}
			}
		}
	}
	slices.SortFunc(f.Tags, func(a, b filterOption) int { return cmp.Compare(a.Slug, b.Slug) })
	for i := range f.Tags {
		f.Tags[i].ID = "filter-tag-" + strconv.Itoa(i)
	}
	f.CSS = template.CSS(filterCSS(f, pairs))
	return f
}

// filterCSS hides the cards and families a checked radio button excludes,
// and shows the "no match" note for a family and tag with no card in
// common (pairs holds those with one). Slugs are [a-z0-9-] only, so they
// are safe in the quoted selectors; element IDs are generated.
func filterCSS(f *roleFilters, pairs map[[2]string]bool) string {
	var b strings.Builder
	for _, o := range f.Families {
		b.WriteString("#main:has(#" + o.ID + ":checked) .family:not([data-family=\"" + o.Slug + "\"]){display:none}\n")
	}
	for _, o := range f.Tags {
		sel := "[data-tags~=\"" + o.Slug + "\"]"
		b.WriteString("#main:has(#" + o.ID + ":checked) .card:not(" + sel + "),")
		b.WriteString("#main:has(#" + o.ID + ":checked) .family:not(:has(" + sel + ")){display:none}\n")
		for _, fam := range f.Families {
			if !pairs[[2]string{fam.Slug, o.Slug}] {
				b.WriteString("#main:has(#" + fam.ID + ":checked):has(#" + o.ID + ":checked) .filter-empty{display:block}\n")
			}
		}
	}
	return b.String()
}
