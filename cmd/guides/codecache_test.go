package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildReusesHighlightedCode builds a guide with code three times with
// one cache: the first build saves its highlighted blocks, the second
// reuses them and saves nothing, and a damaged cache is said, ignored and
// replaced. Every build writes the same page.
func TestBuildReusesHighlightedCode(t *testing.T) {
	files := map[string]string{}
	for name, data := range validSite {
		files[name] = data
	}
	files["content/en/roles/qa.md"] += "\n```go\nfunc main() { println(\"hi\") }\n```\n"
	dir := writeSite(t, files)
	cache := filepath.Join(dir, "cache")
	saved := filepath.Join(cache, "highlighted-code")
	page := func() (string, []byte) {
		t.Helper()
		out := filepath.Join(dir, "public")
		code, stdout, stderr := runCLI(t, "build", "-root", root, "-content", filepath.Join(dir, "content"), "-out", out, "-cache", cache)
		if code != 0 {
			t.Fatalf("build exit %d:\n%s", code, stderr)
		}
		html, err := os.ReadFile(filepath.Join(out, "en/roles/qa/index.html"))
		if err != nil {
			t.Fatal(err)
		}
		return stdout, html
	}
	_, first := page()
	if !bytes.Contains(first, []byte(`class="hl-`)) {
		t.Fatalf("the code is not highlighted:\n%s", first)
	}
	st, err := os.Stat(saved)
	if err != nil {
		t.Fatalf("no cache saved: %v", err)
	}
	os.Chtimes(saved, st.ModTime().Add(-1e9), st.ModTime().Add(-1e9))
	st, _ = os.Stat(saved)
	if _, second := page(); !bytes.Equal(second, first) {
		t.Errorf("the page built from the cache differs:\n%s\nwant\n%s", second, first)
	}
	if st2, _ := os.Stat(saved); !st2.ModTime().Equal(st.ModTime()) {
		t.Error("the cache was saved again though it had every block")
	}
	if err := os.WriteFile(saved, []byte("not a cache"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, third := page()
	if !strings.Contains(stdout, "highlight: cache not used: ") || !bytes.Equal(third, first) {
		t.Errorf("with a damaged cache: stdout %q; page the same: %v", stdout, bytes.Equal(third, first))
	}
	if raw, _ := os.ReadFile(saved); bytes.Equal(raw, []byte("not a cache")) {
		t.Error("the damaged cache was not replaced")
	}
	if tmp, _ := filepath.Glob(filepath.Join(cache, ".partial-*")); len(tmp) > 0 {
		t.Errorf("left behind: %v", tmp)
	}
}
