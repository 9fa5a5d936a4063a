package site

import (
	"bytes"
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

// fakeRoot is a project directory whose Pagefind launcher is script, from
// a pagefind package of version 0.0.0-fake.
func fakeRoot(t *testing.T, script string) string {
	t.Helper()
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		PagefindBin:                          "#!/bin/sh\n" + script,
		"node_modules/pagefind/package.json": `{"name": "pagefind", "version": "0.0.0-fake"}`,
	})
	if err := os.Chmod(filepath.Join(root, PagefindBin), 0o755); err != nil {
		t.Fatal(err)
	}
	return root
}

// writeFiles writes files (slash path → content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// aGuide is a built site with one guide page, what IndexSearch needs to run Pagefind.
func aGuide() map[string]string {
	return map[string]string{"en/roles/qa/index.html": `<html lang="en"><article data-pagefind-body>QA</article></html>`}
}

func TestIndexSearch(t *testing.T) {
	for _, tc := range []struct {
		name    string
		root    func(t *testing.T) string
		site    map[string]string
		wantErr string // "" for success
		wantLog string
		wantOut string // a file IndexSearch must have had written into the site
	}{
		{"not installed", func(t *testing.T) string { return t.TempDir() }, aGuide(), "", "so no search index", ""},
		{"indexes the site given", func(t *testing.T) string {
			return fakeRoot(t, `[ "$1 $2 $3" = "--site . --glob" ] && [ -f en/roles/qa/index.html ] && mkdir -p pagefind &&
				echo '{"languages": {"en": {"page_count": 1}}}' > pagefind/pagefind-entry.json`)
		}, aGuide(), "", "search: indexed 1 pages with", "pagefind/pagefind-entry.json"},
		{"no guides", func(t *testing.T) string {
			return fakeRoot(t, "echo 'Error: Pagefind was not able to build an index' >&2; exit 1")
		}, map[string]string{"en/index.html": "<html></html>"}, "", "no guide pages, so no search index", ""},
		{"fails with its output", func(t *testing.T) string {
			return fakeRoot(t, "echo 'Error: no html files' >&2; exit 3")
		}, aGuide(), "Error: no html files", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, tc.site)
			var log bytes.Buffer
			err := IndexSearch(t.Context(), tc.root(t), dir, "", nil, &log)
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

// pagefindRoot is the repository, when it has Pagefind installed (npm ci);
// without it, it skips t.
func pagefindRoot(t *testing.T) string {
	t.Helper()
	root := "../.."
	if _, err := os.Stat(filepath.Join(root, PagefindBin)); err != nil {
		t.Skipf("Pagefind is not installed: %v", err)
	}
	return root
}

// stage writes a built site into a staging directory as `guides build`
// does, and returns the directory.
func stage(t *testing.T, mem *output.Memory) string {
	t.Helper()
	staged, err := output.Stage(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { staged.Abort() })
	for _, p := range mem.Paths() {
		data, _ := mem.Get(p)
		if err := staged.Write(p, data); err != nil {
			t.Fatal(err)
		}
	}
	return staged.Dir()
}

// TestIndexSearchWithPagefind runs the real Pagefind over the real site,
// staged as `guides build` stages it, and checks that it built an index for
// each locale from <html lang> with every guide in it. It skips when
// Pagefind is not installed (npm ci).
func TestIndexSearchWithPagefind(t *testing.T) {
	root := pagefindRoot(t)
	res, mem := buildFS(t, nil)
	dir := stage(t, mem)
	if err := IndexSearch(context.Background(), root, dir, "", nil, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "pagefind", "pagefind-entry.json"))
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
		if _, err := os.Stat(filepath.Join(dir, "pagefind", file)); err != nil {
			t.Errorf("the search page loads /pagefind/%s: %v", file, err)
		}
	}
	if !slices.Contains(res.Site.Locales, "it") || len(entry.Languages) != len(res.Site.Locales) {
		t.Errorf("Pagefind indexed %d languages for locales %v, want one each, Italian among them", len(entry.Languages), res.Site.Locales)
	}
}
