package output

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestStagedCommitReplacesTarget(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "public")
	mustWrite(t, filepath.Join(target, "old.html"), "old")
	s, err := Stage(target)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Write("en/index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(target, "old.html")); err != nil {
		t.Fatal("the target changed before Commit")
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(target, "en/index.html")); string(got) != "new" {
		t.Errorf("after Commit en/index.html = %q, want new", got)
	}
	if _, err := os.Stat(filepath.Join(target, "old.html")); !os.IsNotExist(err) {
		t.Error("old files survived Commit")
	}
	assertOnly(t, dir, "public", ".public.prev", ".public.lock")
}

func TestStagedCommitCreatesTarget(t *testing.T) {
	dir := t.TempDir()
	s, err := Stage(filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	mustOK(t, s.Write("a.txt", []byte("a")))
	mustOK(t, s.Commit())
	assertOnly(t, dir, "out", ".out.lock")
}

// TestStagedReusesPreviousSite builds three times: the third stages into
// the first's site, which Commit kept, and must publish exactly what it
// wrote, whatever the first left there.
func TestStagedReusesPreviousSite(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "public")
	build := func(files map[string]string, keep ...string) *Staged {
		t.Helper()
		s, err := Stage(target)
		mustOK(t, err)
		for p, data := range files {
			mustOK(t, s.Write(p, []byte(data)))
		}
		for _, k := range keep {
			s.Keep(k)
		}
		return s
	}
	mustOK(t, build(map[string]string{"index.html": "1", "gone/index.html": "1", "f/x": "1", "d": "file", "bundle/a": "1",
		"en/stale.html": "1", "en/roles/gone/index.html": "1", "en/roles/kept/old.html": "1", "it/roles/x/index.html": "1"}).Commit())
	mustOK(t, build(map[string]string{"index.html": "2"}).Commit())
	third := build(map[string]string{"index.html": "3", "new/index.html": "3", "f": "now a file", "d/x": "now a dir",
		"en/roles/kept/index.html": "3", "it/roles/x/index.html": "3"}, "bundle")
	if !third.reused {
		t.Fatal("the third build did not stage into the first one's site")
	}
	mustOK(t, third.Prune())
	if _, err := os.Stat(filepath.Join(third.Dir(), "gone/index.html")); !os.IsNotExist(err) {
		t.Errorf("the first build's gone/index.html survived Prune (%v)", err)
	}
	// What a step other than Write made in Dir after Prune, and kept.
	mustOK(t, os.WriteFile(filepath.Join(third.Dir(), "bundle", "b"), []byte("3"), 0o644))
	mustOK(t, third.Commit())
	want := map[string]string{"index.html": "3", "new/index.html": "3", "f": "now a file", "d/x": "now a dir", "bundle/a": "1", "bundle/b": "3",
		"en/roles/kept/index.html": "3", "it/roles/x/index.html": "3"}
	if got := readTree(t, target); !maps.Equal(got, want) {
		t.Errorf("published %v, want %v", got, want)
	}
	if got := readTree(t, filepath.Join(dir, ".public.prev")); got["index.html"] != "2" || len(got) != 1 {
		t.Errorf("kept previous site %v, want the second build's", got)
	}
	assertOnly(t, dir, "public", ".public.prev", ".public.lock")
}

// TestStagedAbortKeepsPreviousSite: a failed build leaves the target as it
// was and gives the reused site back for the next build.
func TestStagedAbortKeepsPreviousSite(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "public")
	for _, v := range []string{"1", "2"} {
		s, err := Stage(target)
		mustOK(t, err)
		mustOK(t, s.Write("index.html", []byte(v)))
		mustOK(t, s.Commit())
	}
	s, err := Stage(target)
	mustOK(t, err)
	mustOK(t, s.Write("index.html", []byte("3")))
	mustOK(t, s.Abort())
	if got := readTree(t, target); got["index.html"] != "2" {
		t.Errorf("target after Abort: %v", got)
	}
	assertOnly(t, dir, "public", ".public.prev", ".public.lock")
}

// readTree maps every file under dir to its content.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	mustOK(t, err)
	return out
}

func TestStagedAbortLeavesTarget(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "public")
	mustWrite(t, filepath.Join(target, "keep.html"), "keep")
	s, err := Stage(target)
	if err != nil {
		t.Fatal(err)
	}
	mustOK(t, s.Write("x.html", []byte("x")))
	mustOK(t, s.Abort())
	if got, _ := os.ReadFile(filepath.Join(target, "keep.html")); string(got) != "keep" {
		t.Error("Abort changed the target")
	}
	assertOnly(t, dir, "public", ".public.lock")
}

// TestStageTakesOverKilledBuilds: staging directories that builds killed
// before their end left (no one holds the lock) become the previous site,
// or go, and the next build publishes exactly what it wrote.
func TestStageTakesOverKilledBuilds(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "public")
	mustWrite(t, filepath.Join(target, "index.html"), "live")
	mustWrite(t, filepath.Join(dir, ".public.staging-1", "en", "index.html"), "half")
	mustWrite(t, filepath.Join(dir, ".public.staging-2", "stale.html"), "half")
	s, err := Stage(target)
	mustOK(t, err)
	if !s.reused {
		t.Error("the killed build's staging directory was not reused")
	}
	mustOK(t, s.Write("index.html", []byte("new")))
	mustOK(t, s.Commit())
	if got := readTree(t, target); !maps.Equal(got, map[string]string{"index.html": "new"}) {
		t.Errorf("published %v, want only the new index.html", got)
	}
	assertOnly(t, dir, "public", ".public.prev", ".public.lock")
}

// TestStageRefusesConcurrentBuild: a second build for the same output fails
// with a clear error while the first stages, and proceeds once it ends.
func TestStageRefusesConcurrentBuild(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")
	first, err := Stage(target)
	mustOK(t, err)
	if _, err := Stage(target); err == nil || !strings.Contains(err.Error(), "another build is writing") {
		t.Fatalf("second Stage: %v, want another build is writing", err)
	}
	mustOK(t, first.Write("index.html", []byte("1")))
	mustOK(t, first.Commit())
	second, err := Stage(target)
	mustOK(t, err)
	mustOK(t, second.Abort())
}

func TestWriteRejectsEscapingPaths(t *testing.T) {
	m := NewMemory()
	for _, p := range []string{"", "/etc/passwd", "../x", "a/../../x"} {
		if err := m.Write(p, nil); err == nil {
			t.Errorf("Write(%q) succeeded", p)
		}
	}
}

func mustWrite(t *testing.T, p, data string) {
	t.Helper()
	mustOK(t, os.MkdirAll(filepath.Dir(p), 0o755))
	mustOK(t, os.WriteFile(p, []byte(data), 0o644))
}

func mustOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// assertOnly checks dir holds exactly names: no staging leftovers.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	slices.Sort(got)
	slices.Sort(names)
	if !slices.Equal(got, names) {
		t.Errorf("%s holds %v, want %v", dir, got, names)
	}
}
