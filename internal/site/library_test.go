package site

import (
	"context"
	"encoding/xml"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"guides/internal/content"
	"guides/internal/output"
)

// buildReaders builds testdata/readers.txtar in memory; it must build
// without problems.
func buildReaders(t *testing.T) (*Result, *output.Memory) {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/readers.txtar")
	if err != nil {
		t.Fatal(err)
	}
	return buildFS(t, contentOf(ar))
}

// buildFS builds a content tree in memory, the project's own when fsys is
// nil; it must build without problems or missing messages.
func buildFS(t *testing.T, fsys fstest.MapFS) (*Result, *output.Memory) {
	t.Helper()
	cfg := testConfig(fsys)
	if fsys == nil {
		cfg.Content = os.DirFS("../../content")
	}
	return buildConfig(t, cfg)
}

// buildConfig builds a site into memory and fails the test on any error.
func buildConfig(t *testing.T, cfg Config) (*Result, *output.Memory) {
	t.Helper()
	b, errs := New(cfg)
	if len(errs) > 0 {
		t.Fatalf("New: %v", errs)
	}
	return buildWith(t, b)
}

// buildWith builds b's site into memory and fails the test on any error.
func buildWith(t *testing.T, b *Builder) (*Result, *output.Memory) {
	t.Helper()
	mem := output.NewMemory()
	res, errs := b.Build(context.Background(), mem)
	if len(errs) > 0 {
		t.Fatalf("Build:\n%v", errs)
	}
	if misses := b.Catalog().Misses(); len(misses) > 0 {
		t.Errorf("templates asked for messages a locale lacks: %v", misses)
	}
	return res, mem
}

func outputFile(t *testing.T, mem *output.Memory, file string) string {
	t.Helper()
	b, ok := mem.Get(file)
	if !ok {
		t.Fatalf("no output file %s", file)
	}
	return string(b)
}

// TestLibraryLinksBack: in the test site and the real content, every
// question and try block of every guide is in its locale's library, in its
// kind's and its role's filter pages, with a link to it on the guide page
// that CheckLinks finds.
func TestLibraryLinksBack(t *testing.T) {
	for _, tc := range []struct {
		name  string
		build func(*testing.T) (*Result, *output.Memory)
	}{
		{"readers.txtar", buildReaders},
		{"real content", func(t *testing.T) (*Result, *output.Memory) { return buildFS(t, nil) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, mem := tc.build(t)
			if errs := CheckLinks(res, mem); len(errs) > 0 {
				t.Fatalf("CheckLinks:\n%v", errs)
			}
			n := 0
			for _, r := range res.Pages {
				if r.Src == nil || r.Src.Kind != content.Guide {
					continue
				}
				n += checkLibraryHas(t, mem, r)
			}
			if n == 0 {
				t.Fatal("no question checked: the test is broken")
			}
		})
	}
}

// checkLibraryHas checks that a guide's questions and try blocks are listed
// where they belong, and returns how many it checked.
func checkLibraryHas(t *testing.T, mem *output.Memory, r *Rendered) int {
	t.Helper()
	loc, pg := r.Src.Locale, r.Src
	role := "/" + loc + "/questions/role/" + pg.Slug + ".html"
	type item struct{ anchor, kind string }
	var items []item
	for _, q := range r.Doc.Questions {
		items = append(items, item{q.ID, q.Kind})
	}
	for _, s := range r.Doc.Tries {
		items = append(items, item{s.ID, kindCoding})
	}
	for _, it := range items {
		href := `href="` + pg.URL + "#" + it.anchor + `"`
		for _, url := range []string{"/" + loc + "/questions/", "/" + loc + "/questions/kind/" + it.kind + ".html", role} {
			if !strings.Contains(outputFile(t, mem, fileOf(url)), href) {
				t.Errorf("%s does not link %s#%s", url, pg.URL, it.anchor)
			}
		}
		if !strings.Contains(outputFile(t, mem, fileOf(kitURL(pg))), `id="pick-`+it.anchor+`"`) {
			t.Errorf("the kit of %s has no checkbox for #%s", pg.URL, it.anchor)
		}
	}
	return len(items)
}

// TestKindPagesListOnlyTheirKind: a kind's page links no question of
// another kind.
func TestKindPagesListOnlyTheirKind(t *testing.T) {
	res, mem := buildFS(t, nil)
	kindOf := map[string]string{} // guide URL + #anchor → kind
	for _, r := range res.Pages {
		if r.Src == nil || r.Src.Kind != content.Guide {
			continue
		}
		for _, q := range r.Doc.Questions {
			kindOf[r.Src.URL+"#"+q.ID] = q.Kind
		}
		for _, s := range r.Doc.Tries {
			kindOf[r.Src.URL+"#"+s.ID] = kindCoding
		}
	}
	entryLink := regexp.MustCompile(`<p class="entry-text"><a href="([^"]+)">`)
	for _, loc := range res.Site.Locales {
		for _, kind := range libraryKinds() {
			html := outputFile(t, mem, loc+"/questions/kind/"+kind+".html")
			for _, m := range entryLink.FindAllStringSubmatch(html, -1) {
				if got := kindOf[m[1]]; got != kind {
					t.Errorf("/%s/questions/kind/%s.html lists %s, of kind %q", loc, kind, m[1], got)
				}
			}
		}
	}
}

// TestReaderPagesShipNoScript: of the reader pages only search runs a
// script; the library, its filters, the kits and the home page's filters
// work with CSS alone.
func TestReaderPagesShipNoScript(t *testing.T) {
	res, mem := buildReaders(t)
	script := regexp.MustCompile(`<script(?:\s[^>]*)?>`)
	checked := 0
	for _, r := range res.Pages {
		if !strings.Contains(r.URL, "/questions/") && !strings.HasSuffix(r.URL, "/kit/") && !strings.HasSuffix(r.URL, "/search/") {
			continue
		}
		checked++
		var scripts []string
		for _, s := range script.FindAllString(outputFile(t, mem, r.File), -1) {
			if s != `<script type="application/ld+json">` {
				scripts = append(scripts, s)
			}
		}
		if want := strings.HasSuffix(r.URL, "/search/"); (len(scripts) > 0) != want {
			t.Errorf("%s: scripts %q, want some: %v", r.URL, scripts, want)
		}
	}
	if checked < 10 {
		t.Errorf("checked %d reader pages, want at least 10", checked)
	}
}

// TestSitemapHasReaderPages: every library and kit page is in the sitemap;
// search pages, which are noindex, are not.
func TestSitemapHasReaderPages(t *testing.T) {
	res, mem := buildReaders(t)
	sm := outputFile(t, mem, "sitemap.xml")
	for _, r := range res.Pages {
		in := strings.Contains(sm, "<loc>https://guides.example"+r.URL+"</loc>")
		switch {
		case strings.HasSuffix(r.URL, "/search/") && in:
			t.Errorf("sitemap lists the search page %s", r.URL)
		case (strings.Contains(r.URL, "/questions/") || strings.HasSuffix(r.URL, "/kit/")) && !in:
			t.Errorf("sitemap lacks %s", r.URL)
		}
	}
}

// TestSitemapDatesLists: a home page, a kit and a library page are dated,
// as Hugo dates a list, by the newest guide they show.
func TestSitemapDatesLists(t *testing.T) {
	_, mem := buildReaders(t)
	var set urlset
	if err := xml.Unmarshal([]byte(outputFile(t, mem, "sitemap.xml")), &set); err != nil {
		t.Fatal(err)
	}
	dated := map[string]string{}
	for _, u := range set.URLs {
		dated[strings.TrimPrefix(u.Loc, "https://guides.example")] = u.LastMod
	}
	for _, page := range []string{"/en/", "/it/", "/en/questions/", "/en/roles/backend-engineer/kit.html"} {
		if dated[page] == "" {
			t.Errorf("sitemap: %s has no lastmod (all: %v)", page, dated)
		}
	}
}

func TestTagSlug(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Go", "go"}, {"REST APIs", "rest-apis"}, {"Node.js", "node-js"}, {"DORA metrics", "dora-metrics"},
		{"Perché", "perche"}, {"日本語", ""}, {"&&", ""},
		{"C", "c"}, {"C++", "c-plus-plus"}, {"C#", "c-sharp"}, {"F#", "f-sharp"},
	} {
		if got := tagSlug(tc.in); got != tc.want {
			t.Errorf("tagSlug(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestRoleNavIsCapped: past maxNavRoles guides, only the library's index
// lists every role in its nav; another page links its own role, if any,
// and the index's list, so the site does not grow with the square of its
// guides.
func TestRoleNavIsCapped(t *testing.T) {
	fsys := fstest.MapFS{
		"en/_index.md": {Data: []byte("---\ntitle: Home\nsummary: S.\n---\n")},
		"it/_index.md": {Data: []byte("---\ntitle: Casa\nsummary: S.\n---\n")},
	}
	n := maxNavRoles + 5
	for i := range n {
		key := fmt.Sprintf("role-%02d", i)
		fsys["en/roles/"+key+".md"] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"---\ntitle: Role %02d\nfamily: f\nsummary: S.\nupdated: 2026-01-01\n---\n:::question{kind=design}\nQ%d?\n:::\n", i, i))}
	}
	_, mem := buildFS(t, fsys)
	roleLink := regexp.MustCompile(`<a href="/en/questions/role/[^"]+\.html"`)
	for _, tc := range []struct {
		file      string
		roleLinks int
		more      bool
	}{
		{"en/questions/index.html", 2 * n, false}, // every role in the nav, and each guide's "its questions"
		{"en/questions/role/role-07.html", 2, true},
		{"en/questions/kind/design.html", n, true}, // each guide's "its questions" only
	} {
		html := outputFile(t, mem, tc.file)
		if got := len(roleLink.FindAllString(html, -1)); got != tc.roleLinks {
			t.Errorf("%s: %d links to role pages, want %d", tc.file, got, tc.roleLinks)
		}
		if got := strings.Contains(html, `<a href="/en/questions/#filter-role">`); got != tc.more {
			t.Errorf("%s: link to every role = %v, want %v", tc.file, got, tc.more)
		}
	}
}
