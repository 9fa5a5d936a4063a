package site

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Search is Pagefind's: after a build, IndexSearch runs Pagefind over the
// guide pages of the output (the pages marked data-pagefind-body), one
// index per language from <html lang>, into <site>/pagefind/, or reuses
// the bundle of a previous build from the same pages (searchcache.go). Every
// page's header has a plain form that GETs /<locale>/search/?q=…; that page
// alone loads Pagefind's UI, which searches its own language's index.

// PagefindBin is where npm installs Pagefind's launcher (the package
// `pagefind`, pinned in package.json), relative to the project root.
const PagefindBin = "node_modules/.bin/pagefind"

func (p *plan) searchView(j job) *view {
	v := p.readerBase(j)
	v.Title, v.Description = v.T("search_title"), v.T("search_description")
	v.NoIndex = true // a results page of its own site is no page for a search engine
	v.JSONLD = &jsonLD{Context: schemaOrg, Type: "SearchResultsPage", Name: v.Title, InLanguage: j.locale, URL: v.Canonical}
	return v
}

// SearchBundle is the directory of the site that holds the search index.
const SearchBundle = "pagefind"

// searchGlob matches, relative to the site, the pages Pagefind reads: the
// guides, the only pages with data-pagefind-body (an untranslated
// placeholder lives there too, without it, and Pagefind skips it). Reading
// only these, not the kits and library pages, saves Pagefind most of its work.
const searchGlob = "*/roles/*/index.html"

// searchable reports whether Pagefind reads the page at an output path.
func searchable(file string) bool {
	ok, _ := path.Match(searchGlob, file)
	return ok
}

// pagefindArgs are Pagefind's arguments; it runs in the site directory, so
// they do not vary from build to build and are part of the cache key.
func pagefindArgs() []string {
	return []string{"--site", ".", "--glob", searchGlob, "--quiet"}
}

// IndexSearch indexes the built site in dir for search with the Pagefind
// installed under the project directory root. It must run before dir is
// published: the search pages load what it writes. Without Pagefind, or
// without guides, it logs that the index is skipped and returns nil, since
// the site works without it: its search pages say that search is
// unavailable. With a cache directory (cache != ""), a bundle built from
// the same pages is reused instead; a cache that fails is logged and
// bypassed, never fatal.
//
// dir may hold an earlier build's site (output.Staged reuses one), bundle
// included: that bundle stays when it is the one wanted, already linked
// from the cache, and is removed otherwise, never written into (its files
// may be links into the cache).
//
// sums, which may be nil, holds the PageSum of every page of dir Pagefind
// reads, as the build wrote them (Result.Sums): then neither the pages'
// list nor the cache's key needs the disk. dir must hold no other such
// page (output.Staged.Prune).
func IndexSearch(ctx context.Context, root, dir, cache string, sums map[string]PageSum, log io.Writer) error {
	bundle := filepath.Join(dir, SearchBundle)
	bin := filepath.Join(root, filepath.FromSlash(PagefindBin))
	if _, err := os.Stat(bin); err != nil {
		fmt.Fprintf(log, "search: no %s, so no search index (run npm ci to install Pagefind)\n", bin)
		return removeBundle(bundle)
	}
	pages, err := searchPages(dir, sums)
	if err != nil {
		return err
	}
	if len(pages) == 0 {
		fmt.Fprintln(log, "search: no guide pages, so no search index")
		return removeBundle(bundle)
	}
	start := time.Now()
	c := openSearchCache(cache, root, dir, pages, sums, log)
	if c.dir != "" && c.inPlace(dir) {
		fmt.Fprintf(log, "search: index reused from %s (unchanged pages, already in place) in %s\n", c.entry(), time.Since(start).Round(time.Millisecond))
		return nil
	}
	if err := removeBundle(bundle); err != nil {
		return err
	}
	if c.dir != "" {
		hit, err := c.load(dir)
		switch {
		case hit:
			fmt.Fprintf(log, "search: index reused from %s (unchanged pages) in %s\n", c.entry(), time.Since(start).Round(time.Millisecond))
			return nil
		case err != nil:
			fmt.Fprintf(log, "search: index cache not used: %v\n", err)
			c = searchCache{} // nor stored into: one line of log is enough
		}
	}
	if err := runPagefind(ctx, bin, dir, log); err != nil {
		return err
	}
	if c.dir != "" {
		if err := c.store(dir); err != nil {
			fmt.Fprintf(log, "search: index not cached: %v\n", err)
		}
	}
	return nil
}

// searchPages lists the pages of the site in dir that Pagefind reads: the
// keys of sums when the build gave them, else what the glob finds there.
func searchPages(dir string, sums map[string]PageSum) ([]string, error) {
	if sums != nil {
		return slices.Sorted(maps.Keys(sums)), nil
	}
	pages, err := fs.Glob(os.DirFS(dir), searchGlob)
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	return pages, nil
}

// removeBundle removes an earlier build's bundle, if any.
func removeBundle(bundle string) error {
	if err := os.RemoveAll(bundle); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	return nil
}

// openSearchCache is the cache for these pages, or none (dir "") when
// caching is off or its key cannot be computed, which it logs.
func openSearchCache(cache, root, dir string, pages []string, sums map[string]PageSum, log io.Writer) searchCache {
	if cache == "" {
		return searchCache{}
	}
	c, err := newSearchCache(cache, root, dir, pages, sums)
	if err != nil {
		fmt.Fprintf(log, "search: no index cache: %v\n", err)
	}
	return c
}

// runPagefind runs Pagefind in the site directory dir and logs how many
// pages it indexed.
func runPagefind(ctx context.Context, bin, dir string, log io.Writer) error {
	abs, err := filepath.Abs(bin)
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	start := time.Now()
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, abs, pagefindArgs()...)
	cmd.Dir = dir // not ours: a pagefind.yml there would change the index behind the cache's back
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("search index: %s %s in %s: %w\n%s", bin, strings.Join(pagefindArgs(), " "), dir, err, strings.TrimSpace(out.String()))
	}
	fmt.Fprintf(log, "search: indexed %swith %s in %s\n", indexedPages(dir), bin, time.Since(start).Round(time.Millisecond))
	return nil
}

// indexedPages says how many pages the bundle in site holds ("12 pages "),
// per its pagefind-entry.json, or nothing when that cannot be read.
func indexedPages(site string) string {
	raw, err := os.ReadFile(filepath.Join(site, SearchBundle, "pagefind-entry.json"))
	var entry struct {
		Languages map[string]struct {
			PageCount int `json:"page_count"`
		} `json:"languages"`
	}
	if err != nil || json.Unmarshal(raw, &entry) != nil {
		return ""
	}
	n := 0
	for _, l := range entry.Languages {
		n += l.PageCount
	}
	return fmt.Sprintf("%d pages ", n)
}
