package judge

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestGoBuildWithoutImportcfg judges Go code against a cache without an
// importcfg, which makes the sandbox fall back to go build. The cache is a
// copy made of hard links, so it costs no time or space.
func TestGoBuildWithoutImportcfg(t *testing.T) {
	tc := DefaultToolchain()
	needToolchain(t, tc, "go")
	tmp := t.TempDir()
	// The slot's uid must get through to the copy: open up the two
	// directories the test made (t.TempDir makes them 0700).
	for _, d := range []string{tmp, filepath.Dir(tmp)} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	dir := filepath.Join(tmp, "gocache")
	err := filepath.WalkDir(tc.GoCache, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(tc.GoCache, p)
		switch {
		case rel == "importcfg":
			return nil
		case d.IsDir():
			return os.Mkdir(filepath.Join(dir, rel), 0o755)
		}
		return os.Link(p, filepath.Join(dir, rel))
	})
	if err != nil {
		t.Skipf("cannot link the Go cache into a temporary directory: %v", err)
	}
	tc.GoCache = dir
	s := loadSamples(t, fixtures)["double"]
	slot := newSlot(t)
	j := New(tc)
	for _, tt := range []struct {
		code string
		want Verdict
	}{
		{s.Code["go"].Solution, Accepted},
		{"package main\n\nfunc Double(n int) int { return 2 * }\n", CompileError},
	} {
		rep, err := j.Run(t.Context(), slot, Request{Sample: s, Language: "go", Code: tt.code, Mode: ModeSubmit})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Verdict != tt.want {
			t.Errorf("verdict %s, want %s; compile output %q", rep.Verdict, tt.want, rep.CompileOutput)
		}
	}
}
