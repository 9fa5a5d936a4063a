package site

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"guides/internal/diag"
	"guides/internal/output"
)

// liveSite loads testdata/live/site.txtar as a content FS that tests edit in
// place.
func liveSite(t *testing.T) fstest.MapFS {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/live/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	return contentOf(ar)
}

// replaceIn rewrites a file of fsys, replacing old by new.
func replaceIn(t *testing.T, fsys fstest.MapFS, name, old, new string) {
	t.Helper()
	f := fsys[name]
	if f == nil || !bytes.Contains(f.Data, []byte(old)) {
		t.Fatalf("edit %s: no %q in it", name, old)
	}
	fsys[name] = &fstest.MapFile{Data: bytes.Replace(f.Data, []byte(old), []byte(new), 1)}
}

type step struct {
	edit  func(t *testing.T, fsys fstest.MapFS)
	paths []string // what the watcher reports
	full  bool     // Update must ask for a full build
	errs  bool     // it must report problems: those a full build reports
	want  []string // pages it must report changed (when it succeeds)
	not   []string // pages it must not report changed
}

// TestLiveUpdate applies edits to a live site and checks each result against
// a full build of the edited content: the same files with the same bytes,
// and exactly the pages whose bytes changed reported; or problems a full
// build reports too.
func TestLiveUpdate(t *testing.T) {
	const be, it, tester = "en/roles/backend-engineer.md", "it/roles/backend-engineer.md", "en/roles/tester.md"
	guideEN, kitEN, guideIT := "/en/roles/backend-engineer/", "/en/roles/backend-engineer/kit.html", "/it/roles/backend-engineer/"
	tests := []struct {
		name  string
		steps []step
	}{
		{"prose edit re-renders that page only", []step{{
			edit:  func(t *testing.T, f fstest.MapFS) { replaceIn(t, f, be, "First version.", "Second version.") },
			paths: []string{be}, want: []string{guideEN}, not: []string{"/en/", kitEN, "/en/questions/", guideIT},
		}}},
		{"question edit reaches the kit and the library", []step{{
			edit:  func(t *testing.T, f fstest.MapFS) { replaceIn(t, f, be, "a rate limiter?", "a cache?") },
			paths: []string{be}, want: []string{guideEN, kitEN, "/en/questions/", "/en/questions/kind/design.html", "/en/questions/role/backend-engineer.html", "/en/questions/stack/go.html"},
			not: []string{"/en/", "/en/questions/kind/sql.html", "/it/questions/"},
		}}},
		{"a link to a guide's file", []step{{
			edit: func(t *testing.T, f fstest.MapFS) {
				replaceIn(t, f, be, "First version.", "See [the tester](tester.md#why).")
			},
			paths: []string{be}, want: []string{guideEN}, not: []string{"/en/roles/tester/"},
		}, {
			edit:  func(t *testing.T, f fstest.MapFS) { replaceIn(t, f, be, "tester.md#why", "tester.md#nope") },
			paths: []string{be}, errs: true,
		}}},
		{"a link to an anchor of a kit or the library", []step{{
			edit: func(t *testing.T, f fstest.MapFS) {
				replaceIn(t, f, be, "First version.", "See [the rounds](/en/roles/backend-engineer/kit.html#kit-rounds).")
			},
			paths: []string{be}, want: []string{guideEN},
		}, {
			edit:  func(t *testing.T, f fstest.MapFS) { replaceIn(t, f, be, "#kit-rounds", "#kit-nope") },
			paths: []string{be}, errs: true,
		}, {
			edit:  func(t *testing.T, f fstest.MapFS) { replaceIn(t, f, be, "/kit.html#kit-nope", "/../questions/#nope") },
			paths: []string{be}, errs: true,
		}}},
		{"title edit changes the home card", []step{{
			edit:  func(t *testing.T, f fstest.MapFS) { replaceIn(t, f, be, "a Backend Engineer", "a Backend Developer") },
			paths: []string{be}, want: []string{"/en/", guideEN, kitEN, "/en/questions/"}, not: []string{"/it/"},
		}}},
		{"an untranslated guide's title reaches its placeholder and both homes", []step{{
			edit:  func(t *testing.T, f fstest.MapFS) { replaceIn(t, f, tester, "a Tester", "a QA Engineer") },
			paths: []string{tester}, want: []string{"/en/", "/en/roles/tester/", "/it/", "/it/roles/tester/"},
		}}},
		{"translation edit", []step{{
			edit:  func(t *testing.T, f fstest.MapFS) { replaceIn(t, f, it, "Testo.", "Altro testo.") },
			paths: []string{it}, want: []string{guideIT}, not: []string{guideEN, "/it/"},
		}}},
		{"home edit", []step{{
			edit:  func(t *testing.T, f fstest.MapFS) { replaceIn(t, f, "en/_index.md", "Welcome.", "Hello.") },
			paths: []string{"en/_index.md"}, want: []string{"/en/"}, not: []string{"/it/"},
		}}},
		{"date edit rewrites the sitemap and the feed", []step{{
			edit:  func(t *testing.T, f fstest.MapFS) { replaceIn(t, f, tester, "2026-11-20", "2026-11-21") },
			paths: []string{tester}, want: []string{"/en/roles/tester/"},
		}}},
		{"an anchor other pages link to goes, then comes back", []step{
			{edit: func(t *testing.T, f fstest.MapFS) { replaceIn(t, f, tester, "{#why}", "{#reasons}") }, paths: []string{tester}, errs: true},
			{edit: func(t *testing.T, f fstest.MapFS) { replaceIn(t, f, tester, "{#reasons}", "{#why}") }, paths: []string{tester}},
		}},
		// Front matter that fails spoils more than its file's errors say
		// (the page's body goes unchecked, links to the page break): a
		// full build reports it all.
		{"a bad field, an edit elsewhere meanwhile, then the fix", []step{
			{edit: func(t *testing.T, f fstest.MapFS) { replaceIn(t, f, tester, "summary:", "sumary:") }, paths: []string{tester}, full: true},
			{edit: func(t *testing.T, f fstest.MapFS) { replaceIn(t, f, it, "Testo.", "Altro.") }, paths: []string{it}, full: true},
			{
				edit:  func(t *testing.T, f fstest.MapFS) { replaceIn(t, f, tester, "sumary:", "summary:") },
				paths: []string{tester}, want: []string{guideIT},
			},
		}},
		{"translations must agree on the family", []step{
			{edit: func(t *testing.T, f fstest.MapFS) { replaceIn(t, f, it, "family: engineering", "family: data") }, paths: []string{it}, errs: true},
		}},
		{"an unknown directive", []step{
			{edit: func(t *testing.T, f fstest.MapFS) { replaceIn(t, f, be, ":::try{", ":::tryit{") }, paths: []string{be}, errs: true},
		}},
		{"editor noise changes nothing", []step{
			{edit: func(t *testing.T, f fstest.MapFS) {}, paths: []string{"en/roles/.backend-engineer.md.swp", "en/roles/backend-engineer.md~"}},
		}},
		{"a new guide needs a full build", []step{{
			edit:  func(t *testing.T, f fstest.MapFS) { f["it/roles/tester.md"] = f[tester] },
			paths: []string{"it/roles/tester.md"}, full: true,
		}}},
		{"a removed guide needs a full build", []step{{
			edit:  func(t *testing.T, f fstest.MapFS) { delete(f, tester) },
			paths: []string{tester}, full: true,
		}}},
		{"a new URL needs a full build", []step{{
			edit:  func(t *testing.T, f fstest.MapFS) { replaceIn(t, f, tester, "family:", "slug: qa\nfamily:") },
			paths: []string{tester}, full: true,
		}}},
		{"a new stack tag (a new library page) needs a full build", []step{{
			edit:  func(t *testing.T, f fstest.MapFS) { replaceIn(t, f, be, "[Go, PostgreSQL]", "[Go, PostgreSQL, Redis]") },
			paths: []string{be}, full: true,
		}}},
		{"stack tags that share a library page repeat each other", []step{{
			edit: func(t *testing.T, f fstest.MapFS) {
				replaceIn(t, f, be, "[Go, PostgreSQL]", "[Go, PostgreSQL, Postgre.SQL, postgre-sql]")
			},
			paths: []string{be}, errs: true,
		}}},
		{"an atomic save through a temporary file of any name", []step{{
			edit:  func(t *testing.T, f fstest.MapFS) { replaceIn(t, f, be, "First version.", "Second version.") },
			paths: []string{"en/roles/sedAb12Cd", "en/roles/backend-engineer.md.Xa81kQ", be}, want: []string{guideEN},
		}}},
		{"the content directory itself moved or was replaced", []step{{
			edit: func(*testing.T, fstest.MapFS) {}, paths: []string{"."}, full: true,
		}}},
		{"a sample edit needs a full build", []step{{
			edit: func(t *testing.T, f fstest.MapFS) {
				replaceIn(t, f, "samples/demo/statement.en.md", "doubled", "twice")
			},
			paths: []string{"samples/demo/statement.en.md"}, full: true,
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fsys := liveSite(t)
			b, errs := New(liveConfig(fsys))
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			mem := output.NewMemory()
			live, errs := b.BuildLive(t.Context(), mem)
			if len(errs) > 0 {
				t.Fatalf("BuildLive: %v", errs)
			}
			for i, st := range tt.steps {
				st.edit(t, fsys)
				before := snapshot(mem)
				ch, errs := live.Update(t.Context(), st.paths, mem)
				checkStep(t, i, st, ch, errs, fsys, before, mem)
			}
		})
	}
}

// snapshot copies the HTML pages of an output by site path.
func snapshot(mem *output.Memory) map[string]string {
	out := map[string]string{}
	for _, p := range mem.Paths() {
		if strings.HasSuffix(p, ".html") {
			data, _ := mem.Get(p)
			out["/"+strings.TrimSuffix(p, "index.html")] = string(data)
		}
	}
	return out
}

func liveConfig(fsys fstest.MapFS) Config {
	cfg := testConfig(fsys)
	cfg.Drafts = true
	return cfg
}

func checkStep(t *testing.T, i int, st step, ch Change, errs diag.List, fsys fstest.MapFS, before map[string]string, mem *output.Memory) {
	t.Helper()
	fullMem, fullErrs := fullBuild(t, fsys)
	switch {
	case ch.Full != st.full:
		t.Fatalf("step %d: Full = %v, want %v (errors %v)", i, ch.Full, st.full, errs)
	case st.full:
	case st.errs:
		if len(errs) == 0 || len(fullErrs) == 0 {
			t.Fatalf("step %d: errors %v (a full build: %v), want some", i, errs, fullErrs)
		}
		if got, want := errs.Sort().Error(), fullErrs.Sort().Error(); got != want {
			t.Errorf("step %d: Update reported\n%s\na full build\n%s", i, got, want) // the overlay lists what build and check do
		}
	default:
		if len(errs) > 0 {
			t.Fatalf("step %d: %v", i, errs)
		}
		sameFiles(t, fullMem, mem)
		checkPages(t, i, st, ch.Pages, before, snapshot(mem))
	}
}

// checkPages checks that Update reported exactly the pages that changed,
// and those the step expects.
func checkPages(t *testing.T, i int, st step, got []string, before, after map[string]string) {
	t.Helper()
	var changed []string
	for url, html := range after {
		if before[url] != html {
			changed = append(changed, url)
		}
	}
	slices.Sort(changed)
	slices.Sort(got)
	if diff := cmp.Diff(changed, got); diff != "" {
		t.Errorf("step %d: reported pages mismatch (-changed +reported):\n%s", i, diff)
	}
	for _, p := range st.want {
		if !slices.Contains(got, p) {
			t.Errorf("step %d: %s not reported changed; got %v", i, p, got)
		}
	}
	for _, p := range st.not {
		if slices.Contains(got, p) {
			t.Errorf("step %d: %s reported changed", i, p)
		}
	}
}

func fullBuild(t *testing.T, fsys fstest.MapFS) (*output.Memory, diag.List) {
	t.Helper()
	b, errs := New(liveConfig(fsys))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	mem := output.NewMemory()
	_, errs = b.Build(context.Background(), mem)
	return mem, errs
}

// sameFiles compares two outputs file by file.
func sameFiles(t *testing.T, want, got *output.Memory) {
	t.Helper()
	if diff := cmp.Diff(want.Paths(), got.Paths()); diff != "" {
		t.Fatalf("files mismatch (-full build +live):\n%s", diff)
	}
	for _, p := range want.Paths() {
		w, _ := want.Get(p)
		g, _ := got.Get(p)
		if !bytes.Equal(w, g) {
			t.Errorf("%s differs from a full build's:\n%s", p, cmp.Diff(string(w), string(g)))
		}
	}
}

// BenchmarkLiveUpdate times Update for a body edit of one guide of the
// content directory in $GUIDES_BENCH_CONTENT (a corpus's DIR/content).
func BenchmarkLiveUpdate(b *testing.B) {
	dir := os.Getenv("GUIDES_BENCH_CONTENT")
	if dir == "" {
		b.Skip("set GUIDES_BENCH_CONTENT to a content directory")
	}
	cfg := testConfig(nil)
	cfg.Content, cfg.ContentDir, cfg.Drafts = os.DirFS(dir), dir, true
	bld, errs := New(cfg)
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	mem := output.NewMemory()
	live, errs := bld.BuildLive(b.Context(), mem)
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	guide := filepath.Join(dir, "en/roles/role-00042.md")
	orig, err := os.ReadFile(guide)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.WriteFile(guide, orig, 0o644) })
	b.ResetTimer()
	for i := range b.N {
		os.WriteFile(guide, fmt.Appendf(bytes.Clone(orig), "\nEdit %d.\n", i), 0o644)
		if ch, errs := live.Update(b.Context(), []string{"en/roles/role-00042.md"}, mem); len(errs) > 0 || ch.Full {
			b.Fatal(errs, ch.Full)
		}
	}
}
