package site

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"guides/internal/content"
	"guides/internal/output"
)

// fakeRoot is a project directory whose Pagefind launcher is script.
func fakeRoot(t *testing.T, script string) string {
	t.Helper()
	root := t.TempDir()
	bin := filepath.Join(root, filepath.FromSlash(PagefindBin))
	if err := os.MkdirAll(filepath.Dir(bin), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, []byte("#!/bin/sh\n"+script), 0o755); err != nil {
		t.Fatal(err)
	}
	return root
}

func TestIndexSearch(t *testing.T) {
	for _, tc := range []struct {
		name    string
		root    func(t *testing.T) string
		wantErr string // "" for success
		wantLog string
		wantOut string // a file IndexSearch must have had written into the site
	}{
		{"not installed", func(t *testing.T) string { return t.TempDir() }, "", "so no search index", ""},
		{"indexes the site given", func(t *testing.T) string {
			return fakeRoot(t, `[ "$1" = --site ] && mkdir -p "$2/pagefind" && echo ok > "$2/pagefind/pagefind-entry.json"`)
		}, "", "search: indexed with", "pagefind/pagefind-entry.json"},
		{"fails with its output", func(t *testing.T) string {
			return fakeRoot(t, "echo 'Error: no html files' >&2; exit 3")
		}, "Error: no html files", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			var log bytes.Buffer
			err := IndexSearch(t.Context(), tc.root(t), dir, &log)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("IndexSearch: %v", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("IndexSearch error = %v, want one containing %q", err, tc.wantErr)
			}
			if !strings.Contains(log.String(), tc.wantLog) {
				t.Errorf("log = %q, want it to contain %q", log.String(), tc.wantLog)
			}
			if tc.wantOut != "" {
				if _, err := os.Stat(filepath.Join(dir, tc.wantOut)); err != nil {
					t.Errorf("site lacks %s: %v", tc.wantOut, err)
				}
			}
		})
	}
}

// TestIndexSearchWithPagefind runs the real Pagefind over the real site,
// staged as `guides build` stages it, and checks that it built an index for
// each locale from <html lang> with every guide in it. It skips when
// Pagefind is not installed (npm ci); GUIDES_PAGEFIND_ROOT names another
// project directory that has it.
func TestIndexSearchWithPagefind(t *testing.T) {
	root := cmp.Or(os.Getenv("GUIDES_PAGEFIND_ROOT"), "../..")
	if _, err := os.Stat(filepath.Join(root, PagefindBin)); err != nil {
		t.Skipf("Pagefind is not installed: %v", err)
	}
	res, mem := buildFS(t, nil)
	staged, err := output.Stage(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer staged.Abort()
	for _, p := range mem.Paths() {
		data, _ := mem.Get(p)
		if err := staged.Write(p, data); err != nil {
			t.Fatal(err)
		}
	}
	if err := IndexSearch(context.Background(), root, staged.Dir(), &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(staged.Dir(), "pagefind", "pagefind-entry.json"))
	if err != nil {
		t.Fatal(err)
	}
	var entry struct {
		Languages map[string]struct {
			PageCount int `json:"page_count"`
		} `json:"languages"`
	}
	if err := json.Unmarshal(raw, &entry); err != nil {
		t.Fatalf("pagefind-entry.json: %v", err)
	}
	guides := map[string]int{}
	for _, p := range res.Site.Pages {
		if p.Kind == content.Guide {
			guides[p.Locale]++
		}
	}
	for _, loc := range res.Site.Locales {
		if got := entry.Languages[loc].PageCount; got != guides[loc] {
			t.Errorf("index %q holds %d pages, want its %d guides", loc, got, guides[loc])
		}
	}
	for _, file := range []string{"pagefind-ui.js", "pagefind-ui.css"} {
		if _, err := os.Stat(filepath.Join(staged.Dir(), "pagefind", file)); err != nil {
			t.Errorf("the search page loads /pagefind/%s: %v", file, err)
		}
	}
	if !slices.Contains(res.Site.Locales, "it") || len(entry.Languages) != len(res.Site.Locales) {
		t.Errorf("Pagefind indexed %d languages for locales %v, want one each, Italian among them", len(entry.Languages), res.Site.Locales)
	}
}
