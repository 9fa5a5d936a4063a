package devserver

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"guides/internal/output"
	"guides/internal/watch"
)

// testSite is a built site in memory.
func testSite(t *testing.T) *output.Memory {
	t.Helper()
	mem := output.NewMemory()
	for name, data := range map[string]string{
		"index.html":              "<!doctype html><title>root</title>",
		"404.html":                "<!doctype html><html lang=\"en\"><title>site 404</title>",
		"en/index.html":           "<!doctype html><title>en home</title>",
		"en/404.html":             "<!doctype html><html lang=\"en\"><title>en 404</title>",
		"it/404.html":             "<!doctype html><html lang=\"it\"><title>it 404</title>",
		"en/roles/x/index.html":   "<!doctype html><title>x</title>",
		"assets/app-ABC.css":      "body{}",
		"assets/chunks/a-1.js":    "export{}",
		"assets/font-1.woff2":     "wOF2",
		"sitemap.xml":             "<?xml version=\"1.0\"?><urlset/>",
		"robots.txt":              "User-agent: *\n",
		"assets/favicon-1.svg":    "<svg/>",
		"assets/data-1.json":      "{}",
		"en/roles/x/notes.random": "?",
	} {
		mem.Write(name, []byte(data))
	}
	return mem
}

func TestServeFiles(t *testing.T) {
	s := New(Options{})
	s.site.Store(testSite(t))
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	client := ts.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	tests := []struct {
		method, path string
		status       int
		ctype        string
		body         string // a part of the body, or the Location of a redirect
	}{
		{"GET", "/", 200, "text/html; charset=utf-8", "<title>root</title>"},
		{"GET", "/en/", 200, "text/html; charset=utf-8", "en home"},
		{"GET", "/en", 302, "", "/en/"},
		{"GET", "/en/roles/x?q=1", 302, "", "/en/roles/x/?q=1"},
		{"GET", "/en/roles/x/", 200, "text/html; charset=utf-8", "<title>x</title>"},
		{"GET", "/en/roles/x/index.html", 200, "text/html; charset=utf-8", "<title>x</title>"},
		{"GET", "/assets/app-ABC.css", 200, "text/css; charset=utf-8", "body{}"},
		{"GET", "/assets/chunks/a-1.js", 200, "text/javascript; charset=utf-8", "export{}"},
		{"GET", "/assets/font-1.woff2", 200, "font/woff2", "wOF2"},
		{"GET", "/assets/favicon-1.svg", 200, "image/svg+xml", "<svg/>"},
		{"GET", "/assets/data-1.json", 200, "application/json", "{}"},
		{"GET", "/sitemap.xml", 200, "application/xml; charset=utf-8", "urlset"},
		{"GET", "/robots.txt", 200, "text/plain; charset=utf-8", "User-agent"},
		{"GET", "/en/roles/missing/", 404, "text/html; charset=utf-8", "en 404"},
		{"GET", "/it/roles/missing/", 404, "text/html; charset=utf-8", "it 404"},
		{"GET", "/fr/whatever", 404, "text/html; charset=utf-8", "site 404"},
		{"GET", "/missing.css", 404, "text/html; charset=utf-8", "site 404"},
		{"HEAD", "/en/", 200, "text/html; charset=utf-8", ""},
		{"POST", "/en/", 405, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, ts.URL+tt.path, nil)
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status {
				t.Fatalf("status = %d, want %d", resp.StatusCode, tt.status)
			}
			if tt.ctype != "" && resp.Header.Get("Content-Type") != tt.ctype {
				t.Errorf("Content-Type = %q, want %q", resp.Header.Get("Content-Type"), tt.ctype)
			}
			got := string(body)
			if resp.StatusCode == http.StatusFound {
				got = resp.Header.Get("Location")
			}
			if !strings.Contains(got, tt.body) {
				t.Errorf("body/Location = %q, want it to contain %q", got, tt.body)
			}
		})
	}
}

// TestServeBeforeFirstBuild: until a build succeeds every page is one that
// carries the reload script, so it shows errors and reloads once built.
func TestServeBeforeFirstBuild(t *testing.T) {
	s := New(Options{})
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/en/roles/x/", nil))
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), EventsPath) {
		t.Errorf("GET before the first build = %d %q, want 503 with the reload script", rec.Code, rec.Body.String())
	}
}

func TestPagePath(t *testing.T) {
	for file, want := range map[string]string{
		"index.html":            "/",
		"en/index.html":         "/en/",
		"en/roles/x/index.html": "/en/roles/x/",
		"en/404.html":           "/en/404.html",
		"404.html":              "/404.html",
	} {
		if got := PagePath(file); got != want {
			t.Errorf("PagePath(%q) = %q, want %q", file, got, want)
		}
	}
}

func TestChanged(t *testing.T) {
	site := func(files ...string) *output.Memory {
		m := output.NewMemory()
		for i := 0; i < len(files); i += 2 {
			m.Write(files[i], []byte(files[i+1]))
		}
		return m
	}
	old := site("en/index.html", "a", "en/roles/gone/index.html", "g", "en/roles/same/index.html", "s",
		"assets/app.css", "c", "assets/try.js", "j", "sitemap.xml", "x")
	for _, tc := range []struct {
		name    string
		cur     *output.Memory
		want    string
		wantCSS bool
	}{
		{"pages", site("en/index.html", "b", "en/roles/same/index.html", "s", "en/roles/new/index.html", "n",
			"assets/app.css", "c", "assets/try.js", "j", "sitemap.xml", "y"), "/en/ /en/roles/new/ /en/roles/gone/", false},
		{"a stylesheet", site("en/index.html", "a", "en/roles/gone/index.html", "g", "en/roles/same/index.html", "s",
			"assets/app.css", "c2", "assets/try.js", "j", "sitemap.xml", "x"), "", true},
		{"a script: every page", site("en/index.html", "a", "en/roles/gone/index.html", "g", "en/roles/same/index.html", "s",
			"assets/app.css", "c", "assets/try.js", "j2", "sitemap.xml", "x"), "*", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pages, css := changed(old, tc.cur)
			if got := strings.Join(pages, " "); got != tc.want || css != tc.wantCSS {
				t.Errorf("changed = %q, css %v; want %q, css %v", got, css, tc.want, tc.wantCSS)
			}
		})
	}
	if pages, _ := changed(nil, old); len(pages) != 1 || pages[0] != "*" {
		t.Errorf("changed after no build = %v, want [*]", pages)
	}
}

func TestClassify(t *testing.T) {
	root := t.TempDir()
	s := New(Options{Dirs: Dirs{Content: filepath.Join(root, "content"), Templates: filepath.Join(root, "templates"),
		Locales: filepath.Join(root, "locales"), Assets: filepath.Join(root, "assets")}})
	at := func(rel string) string { return filepath.Join(root, filepath.FromSlash(rel)) }
	tests := []struct {
		name      string
		paths     []string
		content   []string
		rebuild   bool
		cssOnly   bool
		templates []string
	}{
		{"content", []string{at("content/en/roles/a.md")}, []string{"en/roles/a.md"}, false, false, nil},
		{"stylesheet", []string{at("assets/css/app.css")}, nil, true, true, nil},
		{"script", []string{at("assets/ts/try.ts")}, nil, true, false, nil},
		{"stylesheet and content", []string{at("assets/css/app.css"), at("content/en/_index.md")}, []string{"en/_index.md"}, true, false, nil},
		{"template", []string{at("templates/base.html")}, nil, true, false, []string{"base.html"}},
		{"templates", []string{at("templates/kit.html"), at("templates/guide.html")}, nil, true, false, []string{"kit.html", "guide.html"}},
		{"template and locale", []string{at("templates/kit.html"), at("locales/it.toml")}, nil, true, false, nil},
		{"locale", []string{at("locales/it.toml")}, nil, true, false, nil},
	}
	for _, tt := range tests {
		got := s.classify(watchBatch(tt.paths))
		if strings.Join(got.content, " ") != strings.Join(tt.content, " ") || got.rebuild != tt.rebuild || got.cssOnly != tt.cssOnly ||
			!slices.Equal(got.templates, tt.templates) {
			t.Errorf("%s: classify = %+v, want content %v rebuild %v cssOnly %v templates %v", tt.name, got, tt.content, tt.rebuild, tt.cssOnly, tt.templates)
		}
	}
}

// TestScriptParses checks the reload client's syntax with Node, when the
// machine has it.
func TestScriptParses(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node on PATH")
	}
	file := filepath.Join(t.TempDir(), "reload.js")
	js := strings.TrimSuffix(strings.TrimPrefix(Script(), "<script>"), "</script>")
	if err := writeString(file, js); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(node, "--check", file).CombinedOutput(); err != nil {
		t.Errorf("node --check: %v\n%s", err, out)
	}
	if strings.Contains(js, "</script") {
		t.Error("the script contains </script, which would end the inline element early")
	}
}

func watchBatch(paths []string) watch.Batch { return watch.Batch{Paths: paths} }

func writeString(path, s string) error { return os.WriteFile(path, []byte(s), 0o644) }
