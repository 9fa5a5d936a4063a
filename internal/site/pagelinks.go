package site

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"guides/internal/content"
)

// A link may name the Markdown file of a page instead of its URL, as links
// between files do on GitHub and in Hugo: [Data Engineer](data-engineer.md)
// from a guide, ../../it/roles/data-engineer.md for its translation,
// /en/_index.md from anywhere. The rendered page links the page's URL, slug
// and all, so the link survives a renamed URL and shows where other pages
// show the block (a kit, the library).

// PageLink is the site path of the page made from the Markdown file at
// file: relative to the directory of the file being converted or, when it
// starts with "/", to the content directory.
func (r resolver) PageLink(file string) (string, error) {
	rel := path.Join(r.dir, file)
	if strings.HasPrefix(file, "/") {
		rel = path.Clean(file[1:])
	}
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return "", errors.New("it leads out of the content directory")
	}
	name := path.Join(r.p.b.cfg.ContentDir, rel)
	if pg := r.p.pageFrom(rel); pg != nil {
		if pg.URL == "" {
			return "", fmt.Errorf("%s has errors of its own, reported with it", name)
		}
		return pg.URL, nil
	}
	if _, err := fs.Stat(r.p.b.cfg.Content, rel); err != nil {
		return "", fmt.Errorf("no file %s", name)
	}
	if content.PagePath(r.p.s.Locales, rel) { // its front matter did not even split
		return "", fmt.Errorf("%s has errors of its own, reported with it", name)
	}
	return "", fmt.Errorf("%s is not a page: link a guide (<locale>/roles/<slug>.md) or a home page (<locale>/_index.md)", name)
}

// pageFrom is the page loaded from the content file at rel, a slash path in
// the content directory: published, a draft or with invalid front matter;
// nil when no page comes from it.
func (p *plan) pageFrom(rel string) *content.Page {
	loc, rest, _ := strings.Cut(rel, "/")
	var pg *content.Page
	if rest == "_index.md" {
		pg = p.homes[loc]
	} else if key, ok := strings.CutPrefix(rest, "roles/"); ok {
		pg = p.byKey[strings.TrimSuffix(key, ".md")][loc]
	}
	if pg != nil && pg.Path == rel {
		return pg
	}
	for _, pg := range slices.Concat(p.drafts, p.s.Invalid) {
		if pg.Path == rel {
			return pg
		}
	}
	return nil
}
