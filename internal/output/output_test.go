package output

import (
	"os"
	"path/filepath"
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
	assertOnly(t, dir, "public")
}

func TestStagedCommitCreatesTarget(t *testing.T) {
	dir := t.TempDir()
	s, err := Stage(filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	mustOK(t, s.Write("a.txt", []byte("a")))
	mustOK(t, s.Commit())
	assertOnly(t, dir, "out")
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
	assertOnly(t, dir, "public")
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

// assertOnly checks dir holds exactly one entry: no staging leftovers.
func assertOnly(t *testing.T, dir, name string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != name {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("%s holds %v, want only %s", dir, names, name)
	}
}
