package site

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Search is Pagefind's: after a build, IndexSearch runs Pagefind over the
// output, which indexes the guides (the pages marked data-pagefind-body),
// one index per language from <html lang>, into <site>/pagefind/. Every
// page's header has a plain form that GETs /<locale>/search/?q=…; that page
// alone loads Pagefind's UI, which searches its own language's index.

// PagefindBin is where npm installs Pagefind's launcher (the package
// `pagefind`, pinned in package.json), relative to the project root.
const PagefindBin = "node_modules/.bin/pagefind"

func (p *plan) searchView(j job) *view {
	v := p.readerBase(j)
	v.Title, v.Description = v.T("search_title"), v.T("search_description")
	v.NoIndex = true // a results page of its own site is no page for a search engine
	v.JSONLD = map[string]any{"@context": "https://schema.org", "@type": "SearchResultsPage", "name": v.Title,
		"inLanguage": j.locale, "url": v.Canonical}
	return v
}

// IndexSearch indexes the built site in dir for search with the Pagefind
// installed under the project directory root. It must run before dir is
// published: the search pages load what it writes. Without Pagefind it
// logs that the index is skipped and returns nil, since the site works
// without it: its search pages say that search is unavailable.
func IndexSearch(ctx context.Context, root, dir string, log io.Writer) error {
	bin := filepath.Join(root, filepath.FromSlash(PagefindBin))
	if _, err := os.Stat(bin); err != nil {
		fmt.Fprintf(log, "search: no %s, so no search index (run npm ci to install Pagefind)\n", bin)
		return nil
	}
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "--site", dir, "--quiet")
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("search index: %s --site %s: %w\n%s", bin, dir, err, strings.TrimSpace(out.String()))
	}
	fmt.Fprintf(log, "search: indexed with %s\n", bin)
	return nil
}
