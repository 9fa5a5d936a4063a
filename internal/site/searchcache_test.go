package site

import (
	"bytes"
	"context"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestSearchDigest: the digest depends on the tag and on every page's path
// and bytes, and not on the order the pages are listed or were written in.
func TestSearchDigest(t *testing.T) {
	pages := map[string]string{
		"en/roles/a/index.html": "alpha",
		"en/roles/b/index.html": "beta",
		"it/roles/a/index.html": "alfa",
	}
	names := slices.Sorted(maps.Keys(pages))
	digest := func(t *testing.T, tag string, files map[string]string, order []string) string {
		t.Helper()
		dir := t.TempDir()
		for _, name := range order { // written in this order too, so readdir order follows it where it can
			writeFiles(t, dir, map[string]string{name: files[name]})
		}
		d, err := searchDigest(tag, dir, order, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !isDigest(d) {
			t.Fatalf("digest %q is not hex SHA-256", d)
		}
		return d
	}
	want := digest(t, "v1", pages, names)
	if got := digest(t, "v1", pages, names); got != want {
		t.Errorf("same inputs: %s, then %s", want, got)
	}
	reversed := slices.Clone(names)
	slices.Reverse(reversed)
	if got := digest(t, "v1", pages, reversed); got != want {
		t.Errorf("pages listed and written in reverse order: %s, want %s", got, want)
	}
	sums := map[string]PageSum{} // what the build hands over: the same digest, nothing read
	for name, data := range pages {
		sums[name] = sumPage([]byte(data))
	}
	if got, err := searchDigest("v1", t.TempDir(), names, sums); err != nil || got != want {
		t.Errorf("digest from the build's sums = %s, %v; want %s", got, err, want)
	}
	changed := maps.Clone(pages)
	changed["en/roles/b/index.html"] = "bets"
	renamed := map[string]string{"en/roles/a/index.html": "alpha", "en/roles/c/index.html": "beta", "it/roles/a/index.html": "alfa"}
	for name, got := range map[string]string{
		"one byte changed": digest(t, "v1", changed, names),
		"a page renamed":   digest(t, "v1", renamed, slices.Sorted(maps.Keys(renamed))),
		"a page less":      digest(t, "v1", pages, names[1:]),
		"another tag":      digest(t, "v2", pages, names),
	} {
		if got == want {
			t.Errorf("%s: the digest did not change", name)
		}
	}
	if _, err := searchDigest("v1", t.TempDir(), names, nil); err == nil {
		t.Error("no error for pages that cannot be read")
	}
}

// countingPagefind is a fake Pagefind that appends a line to runs beside
// itself each time it runs and writes a bundle made of the pages it read.
const countingPagefind = `echo run >> "$(dirname "$0")/runs"
mkdir -p pagefind/fragment && cat */roles/*/index.html > pagefind/fragment/all &&
echo '{"languages": {"en": {"page_count": 1}}}' > pagefind/pagefind-entry.json`

// runs is how many times the fake Pagefind under root ran.
func runs(t *testing.T, root string) int {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(root, filepath.Dir(PagefindBin), "runs"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return strings.Count(string(raw), "run\n")
}

// indexSearch runs IndexSearch over a new site made of files and returns
// the site's directory and the log.
func indexSearch(t *testing.T, root, cache string, files map[string]string) (string, string) {
	t.Helper()
	site := t.TempDir()
	writeFiles(t, site, files)
	var log bytes.Buffer
	if err := IndexSearch(context.Background(), root, site, cache, nil, &log); err != nil {
		t.Fatalf("IndexSearch: %v", err)
	}
	return site, log.String()
}

// TestIndexSearchCache: with the fake Pagefind, a site whose guide pages
// did not change gets the cached bundle as hard links without Pagefind
// running; a change elsewhere in the site does not count; a changed guide
// is indexed again under a new digest.
func TestIndexSearchCache(t *testing.T) {
	root := fakeRoot(t, countingPagefind)
	cache := filepath.Join(t.TempDir(), "cache") // made on first use
	site := map[string]string{
		"en/roles/qa/index.html": "<p>QA</p>",
		"it/roles/qa/index.html": "<p>QA it</p>",
		"en/roles/qa/kit.html":   "<p>kit</p>",
		"en/index.html":          "<p>home</p>",
	}
	first, log := indexSearch(t, root, cache, site)
	if !strings.Contains(log, "search: indexed") || runs(t, root) != 1 {
		t.Fatalf("first build: log %q, %d Pagefind runs, want it indexed", log, runs(t, root))
	}
	second, log := indexSearch(t, root, cache, site)
	if !strings.Contains(log, "search: index reused from "+cache) || runs(t, root) != 1 {
		t.Fatalf("same pages: log %q, %d Pagefind runs, want the index reused", log, runs(t, root))
	}
	want := readTree(t, filepath.Join(first, "pagefind"))
	if got := readTree(t, filepath.Join(second, "pagefind")); !maps.Equal(got, want) {
		t.Errorf("reused bundle %v, want %v", got, want)
	}
	entry := cacheEntries(t, cache)
	if len(entry) != 1 {
		t.Fatalf("cache holds %v, want one entry", entry)
	}
	for name := range want {
		a, errA := os.Stat(filepath.Join(second, "pagefind", name))
		b, errB := os.Stat(filepath.Join(cache, entry[0], name))
		if errA != nil || errB != nil || !os.SameFile(a, b) {
			t.Errorf("pagefind/%s is no hard link to the cache's (%v, %v)", name, errA, errB)
		}
	}

	site["en/roles/qa/kit.html"], site["en/index.html"] = "<p>new kit</p>", "<p>new home</p>"
	if _, log := indexSearch(t, root, cache, site); !strings.Contains(log, "reused") || runs(t, root) != 1 {
		t.Errorf("pages Pagefind does not read changed: log %q, %d Pagefind runs, want the index reused", log, runs(t, root))
	}

	site["it/roles/qa/index.html"] = "<p>QA it, edited</p>"
	changed, log := indexSearch(t, root, cache, site)
	if !strings.Contains(log, "search: indexed") || runs(t, root) != 2 {
		t.Errorf("a guide changed: log %q, %d Pagefind runs, want it indexed again", log, runs(t, root))
	}
	if got := readTree(t, filepath.Join(changed, "pagefind"))["fragment/all"]; !strings.Contains(got, "edited") {
		t.Errorf("new bundle holds %q, want the edited guide", got)
	}
	if got := cacheEntries(t, cache); len(got) != 2 || !slices.Contains(got, entry[0]) {
		t.Errorf("cache holds %v, want the first entry and a new one", got)
	}
}

// TestIndexSearchCacheFailures: a cache that cannot be used is logged in a
// line and bypassed, and the site is indexed all the same.
func TestIndexSearchCacheFailures(t *testing.T) {
	notDir := filepath.Join(t.TempDir(), "file")
	writeFiles(t, filepath.Dir(notDir), map[string]string{"file": "not a directory"})
	noVersion := fakeRoot(t, countingPagefind)
	os.Remove(filepath.Join(noVersion, "node_modules", "pagefind", "package.json"))
	root := fakeRoot(t, countingPagefind)
	broken := t.TempDir() // its entry for aGuide is a file
	site := t.TempDir()
	writeFiles(t, site, aGuide())
	c, err := newSearchCache(broken, root, site, slices.Collect(maps.Keys(aGuide())), nil)
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, broken, map[string]string{c.key: "not a bundle"})
	for _, tc := range []struct {
		name, root, cache, wantLog string
	}{
		{"cache is a file", root, notDir, "search: index not cached: "},
		{"cache under a file", root, filepath.Join(notDir, "search"), "search: index not cached: "},
		{"entry is a file", root, broken, "search: index cache not used: "},
		{"no Pagefind version", noVersion, t.TempDir(), "search: no index cache: pagefind version: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site, log := indexSearch(t, tc.root, tc.cache, aGuide())
			if strings.Count(log, "\n") != 2 || !strings.Contains(log, tc.wantLog) || !strings.Contains(log, "search: indexed") {
				t.Errorf("log = %q, want one line with %q, one that it indexed", log, tc.wantLog)
			}
			if _, err := os.Stat(filepath.Join(site, "pagefind", "pagefind-entry.json")); err != nil {
				t.Errorf("no index: %v", err)
			}
		})
	}
}

// TestSearchCacheStore: storing keeps the newest entries and leaves what
// is not the cache's alone; an entry stored meanwhile by another build wins.
func TestSearchCacheStore(t *testing.T) {
	dir := t.TempDir()
	site := t.TempDir()
	writeFiles(t, site, map[string]string{"pagefind/pagefind-entry.json": "new", "pagefind/index/en": "index"})
	old := func(hours int) time.Time { return time.Now().Add(-time.Duration(hours) * time.Hour) }
	dirs := map[string]time.Time{
		strings.Repeat("1", 64): old(1),
		strings.Repeat("2", 64): old(2),
		strings.Repeat("3", 64): old(3),
		strings.Repeat("4", 64): old(4),
		"notes":                 old(5), // not an entry: the user's
		".partial-crashed":      old(48),
		".partial-running":      old(0), // another build's, storing now
	}
	for name, mod := range dirs {
		writeFiles(t, dir, map[string]string{name + "/pagefind-entry.json": name})
		if err := os.Chtimes(filepath.Join(dir, name), mod, mod); err != nil {
			t.Fatal(err)
		}
	}
	c := searchCache{dir: dir, key: strings.Repeat("f", 64)}
	if err := c.store(site); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range readDir(t, dir) {
		got = append(got, d.Name())
	}
	want := []string{".partial-running", strings.Repeat("1", 64), strings.Repeat("2", 64), strings.Repeat("f", 64), "notes"}
	if !slices.Equal(got, want) {
		t.Errorf("after storing, the cache holds %v, want %v", got, want)
	}
	if got := readTree(t, c.entry()); !maps.Equal(got, map[string]string{"pagefind-entry.json": "new", "index/en": "index"}) {
		t.Errorf("entry holds %v", got)
	}

	raced := searchCache{dir: dir, key: strings.Repeat("1", 64)}
	if err := raced.store(site); err != nil {
		t.Fatalf("storing over an existing entry: %v", err)
	}
	if got := readTree(t, raced.entry()); !maps.Equal(got, map[string]string{"pagefind-entry.json": strings.Repeat("1", 64)}) {
		t.Errorf("existing entry became %v, want it kept", got)
	}
	for _, d := range readDir(t, dir) {
		if strings.HasPrefix(d.Name(), ".partial-") && d.Name() != ".partial-running" {
			t.Errorf("left %s behind", d.Name())
		}
	}
}

// TestSearchCacheLoadKeepsSiteBundle: a site that has a pagefind/ of its
// own is never linked into; the miss leaves it as it was.
func TestSearchCacheLoadKeepsSiteBundle(t *testing.T) {
	c := searchCache{dir: t.TempDir(), key: strings.Repeat("a", 64)}
	writeFiles(t, c.entry(), map[string]string{"pagefind-entry.json": "cached"})
	site := t.TempDir()
	writeFiles(t, site, map[string]string{"pagefind/mine.json": "mine"})
	if hit, err := c.load(site); hit || err == nil {
		t.Errorf("load = %v, %v, want a miss with an error", hit, err)
	}
	if got := readTree(t, filepath.Join(site, "pagefind")); !maps.Equal(got, map[string]string{"mine.json": "mine"}) {
		t.Errorf("site's pagefind/ became %v", got)
	}
}

// TestLinkTreeAcrossFileSystems: where hard links fail, linkTree copies.
// It needs /dev/shm on another file system than the temp directory.
func TestLinkTreeAcrossFileSystems(t *testing.T) {
	shm, err := os.MkdirTemp("/dev/shm", "linktree-")
	if err != nil {
		t.Skipf("no /dev/shm: %v", err)
	}
	defer os.RemoveAll(shm)
	src := t.TempDir()
	files := map[string]string{"a.json": "a", "index/en/b": "b"}
	writeFiles(t, src, files)
	if err := os.Link(filepath.Join(src, "a.json"), filepath.Join(shm, "probe")); err == nil {
		t.Skip("/dev/shm is on the temp directory's file system")
	}
	dst := filepath.Join(shm, "bundle")
	if err := linkTree(src, dst); err != nil {
		t.Fatal(err)
	}
	if got := readTree(t, dst); !maps.Equal(got, files) {
		t.Errorf("copied %v, want %v", got, files)
	}
}

// TestIndexSearchReuseWithPagefind builds the real site into two staging
// directories with one cache: the second reuses the first's bundle, the
// same files hard-linked; a guide edited in a third is indexed again.
func TestIndexSearchReuseWithPagefind(t *testing.T) {
	root := pagefindRoot(t)
	_, mem := buildFS(t, nil)
	cache := t.TempDir()
	index := func(dir string) string {
		var log bytes.Buffer
		if err := IndexSearch(context.Background(), root, dir, cache, nil, &log); err != nil {
			t.Fatal(err)
		}
		return log.String()
	}
	first := stage(t, mem)
	if log := index(first); !strings.Contains(log, "search: indexed") {
		t.Fatalf("first build: log %q, want it indexed", log)
	}
	second := stage(t, mem)
	if log := index(second); !strings.Contains(log, "search: index reused") {
		t.Fatalf("second build: log %q, want the index reused", log)
	}
	want := readTree(t, filepath.Join(first, "pagefind"))
	if got := readTree(t, filepath.Join(second, "pagefind")); !maps.Equal(got, want) || want["pagefind-ui.js"] == "" {
		t.Errorf("the reused bundle has %d files, want the first's %d with pagefind-ui.js", len(got), len(want))
	}
	for name := range want {
		a, errA := os.Stat(filepath.Join(first, "pagefind", name))
		b, errB := os.Stat(filepath.Join(second, "pagefind", name))
		if errA != nil || errB != nil || !os.SameFile(a, b) {
			t.Errorf("pagefind/%s: not one file hard-linked (%v, %v)", name, errA, errB)
			break
		}
	}

	third := stage(t, mem)
	guide := filepath.Join(third, "en", "roles", "backend-engineer", "index.html")
	html, err := os.ReadFile(guide)
	if err != nil {
		t.Fatal(err)
	}
	edited := bytes.Replace(html, []byte("data-pagefind-body>"), []byte("data-pagefind-body><p>Zyzzyva.</p>"), 1)
	if bytes.Equal(edited, html) {
		t.Fatalf("%s has no data-pagefind-body", guide)
	}
	if err := os.WriteFile(guide, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	if log := index(third); !strings.Contains(log, "search: indexed") {
		t.Errorf("a guide edited: log %q, want it indexed again", log)
	}
	if entries := cacheEntries(t, cache); len(entries) != 2 {
		t.Errorf("cache holds %v, want two entries", entries)
	}
	if got := readTree(t, filepath.Join(third, "pagefind"))["pagefind-entry.json"]; got == want["pagefind-entry.json"] {
		t.Error("the edited site's pagefind-entry.json is the first's")
	}
}

// readTree returns the files under dir, by slash path relative to it.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		files[p] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// cacheEntries lists the entries of the search cache in dir.
func cacheEntries(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	for _, d := range readDir(t, dir) {
		if isDigest(d.Name()) {
			names = append(names, d.Name())
		}
	}
	return names
}

func readDir(t *testing.T, dir string) []os.DirEntry {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return entries
}
