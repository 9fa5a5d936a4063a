package devserver

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"guides/internal/site"
)

// hang bounds every wait, so a broken server fails a test instead of
// hanging it. It is a guard, not a timing assertion.
const hang = 20 * time.Second

const guideA = `---
title: How to hire an Alpha Engineer
family: engineering
summary: Alpha.
updated: 2026-11-22
---
## Why {#why}

First version of alpha.
`

const guideB = `---
title: How to hire a Beta Engineer
family: engineering
summary: Beta.
updated: 2026-11-22
---
Beta text, see [alpha](/en/roles/alpha/#why).
`

const guideAIt = `---
title: Come assumere un Alpha Engineer
family: engineering
summary: Alfa.
updated: 2026-11-22
---
Testo alfa.
`

// baseContent is a small site; the Italian roles directory is missing on
// purpose, so a test can create it.
func baseContent() map[string]string {
	return map[string]string{
		"en/_index.md":      "---\ntitle: Hiring guides\nsummary: Guides.\n---\nWelcome.\n",
		"it/_index.md":      "---\ntitle: Guide\nsummary: Guide.\n---\nBenvenuti.\n",
		"en/roles/alpha.md": guideA,
		"en/roles/beta.md":  guideB,
	}
}

// project is a served project in a temporary directory.
type project struct {
	t      *testing.T
	root   string
	url    string
	srv    *Server
	events chan event
	stop   func() error // stops the server, with what Run returned
}

// event is one server-sent event.
type event struct {
	kind string // "" for the default type
	data string
}

// start writes a project (the repository's templates and locales, a small
// stylesheet, the given content), serves it on a loopback port and opens
// an event stream. Cleanup stops the server with the stream still open.
func start(t *testing.T, files map[string]string) *project {
	t.Helper()
	root := t.TempDir()
	copyDir(t, "../../templates", filepath.Join(root, "templates"))
	copyDir(t, "../../locales", filepath.Join(root, "locales"))
	writeFile(t, filepath.Join(root, "assets/css/app.css"), "body { color: black; }\n")
	for name, data := range files {
		writeFile(t, filepath.Join(root, "content", name), data)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &project{t: t, root: root, url: "http://" + ln.Addr().String()}
	p.srv = New(Options{Site: p.config(), Logger: slog.New(slog.NewTextHandler(t.Output(), nil)), Dirs: Dirs{
		Content: p.path("content"), Templates: p.path("templates"), Locales: p.path("locales"), Assets: p.path("assets"),
	}})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.srv.Run(ctx, ln) }()
	p.stop = sync.OnceValue(func() error {
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(hang):
			return errors.New("shutdown hung with an event stream open")
		}
	})
	t.Cleanup(func() {
		if err := p.stop(); err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	select {
	case <-p.srv.Ready():
	case <-time.After(hang):
		t.Fatal("first build never finished")
	}
	p.events = p.stream()
	p.wait("hello", func(string) bool { return true })
	return p
}

func (p *project) config() site.Config {
	return site.Config{
		Content:    os.DirFS(p.path("content")),
		ContentDir: "content",
		Templates:  os.DirFS(p.path("templates")),
		Locales:    os.DirFS(p.path("locales")),
		AssetsDir:  p.path("assets"),
		BaseURL:    "http://localhost",
		RunnerURL:  "http://127.0.0.1:8090",
	}
}

func (p *project) path(rel string) string { return filepath.Join(p.root, filepath.FromSlash(rel)) }

// stream opens /__livereload and delivers its events.
func (p *project) stream() chan event {
	p.t.Helper()
	resp, err := http.Get(p.url + EventsPath)
	if err != nil {
		p.t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		p.t.Fatalf("event stream Content-Type = %q", ct)
	}
	p.t.Cleanup(func() { resp.Body.Close() })
	out := make(chan event, 64)
	go readEvents(resp.Body, out)
	return out
}

func readEvents(r io.Reader, out chan<- event) {
	defer close(out)
	sc := bufio.NewScanner(r)
	var ev event
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			if ev.data != "" {
				out <- ev
			}
			ev = event{}
		case strings.HasPrefix(line, "event: "):
			ev.kind = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			ev.data = strings.TrimPrefix(line, "data: ")
		}
	}
}

// wait reads events until one of kind satisfies ok, and returns its data.
func (p *project) wait(kind string, ok func(data string) bool) string {
	p.t.Helper()
	return waitOn(p.t, p.events, kind, ok)
}

func waitOn(t *testing.T, events chan event, kind string, ok func(data string) bool) string {
	t.Helper()
	deadline := time.After(hang)
	for {
		select {
		case ev, open := <-events:
			if !open {
				t.Fatalf("event stream closed while waiting for %q", kind)
			}
			if ev.kind == kind && ok(ev.data) {
				return ev.data
			}
		case <-deadline:
			t.Fatalf("no %q event came", kind)
		}
	}
}

// reloaded waits for a reload event naming page.
func (p *project) reloaded(page string) Reload {
	p.t.Helper()
	var r Reload
	p.wait("", func(data string) bool {
		r = Reload{}
		json.Unmarshal([]byte(data), &r)
		return slices.Contains(r.Paths, page) || slices.Contains(r.Paths, "*")
	})
	return r
}

// problems waits for an errors event and returns its problems.
func (p *project) problems(events chan event, empty bool) []Problem {
	p.t.Helper()
	var got Problems
	waitOn(p.t, events, "errors", func(data string) bool {
		got = Problems{}
		json.Unmarshal([]byte(data), &got)
		return (len(got.Errors) == 0) == empty
	})
	return got.Errors
}

func (p *project) get(path string) (int, string) {
	p.t.Helper()
	resp, err := http.Get(p.url + path)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		p.t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

func (p *project) write(rel, data string) { p.t.Helper(); writeFile(p.t, p.path(rel), data) }

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
}

func TestEditReachesEventStream(t *testing.T) {
	p := start(t, baseContent())
	code, body := p.get("/en/roles/alpha/")
	if code != http.StatusOK || !strings.Contains(body, "First version of alpha.") {
		t.Fatalf("GET /en/roles/alpha/ = %d before the edit", code)
	}
	if !strings.Contains(body, EventsPath) {
		t.Error("served page lacks the reload script")
	}
	p.write("content/en/roles/alpha.md", strings.Replace(guideA, "First version", "Second version", 1))
	r := p.reloaded("/en/roles/alpha/")
	if slices.Contains(r.Paths, "/en/roles/beta/") {
		t.Errorf("reload named an unchanged page: %v", r.Paths)
	}
	if _, body := p.get("/en/roles/alpha/"); !strings.Contains(body, "Second version of alpha.") {
		t.Error("page still shows the old text after its reload event")
	}
}

// TestErrorsReachOverlay breaks a guide, checks that every stream (one
// opened before, one after) gets the problem while the last good page is
// still served, then fixes it and checks that the overlay is cleared.
func TestErrorsReachOverlay(t *testing.T) {
	p := start(t, baseContent())
	p.write("content/en/roles/alpha.md", strings.Replace(guideA, "summary:", "sumary:", 1))
	got := p.problems(p.events, false)
	if !slices.ContainsFunc(got, func(e Problem) bool { return strings.HasPrefix(e.Text, "content/en/roles/alpha.md:4: ") }) {
		t.Errorf("problems = %+v, want one at content/en/roles/alpha.md:4", got)
	}
	late := p.stream()
	if again := p.problems(late, false); len(again) != len(got) {
		t.Errorf("a stream opened later got %d problems, want %d", len(again), len(got))
	}
	if code, body := p.get("/en/roles/alpha/"); code != http.StatusOK || !strings.Contains(body, "First version of alpha.") {
		t.Errorf("GET /en/roles/alpha/ = %d during the error, want the last good page", code)
	}
	p.write("content/en/roles/alpha.md", strings.Replace(guideA, "First version", "Fixed version", 1))
	p.problems(p.events, true)
	p.problems(late, true)
	p.reloaded("/en/roles/alpha/")
}

// TestNewDirectoryIsWatched creates it/roles with a guide in it (one event
// for the directory only), then edits that guide: the walk on Create found
// the file, and the new directory is watched.
func TestNewDirectoryIsWatched(t *testing.T) {
	p := start(t, baseContent())
	if _, body := p.get("/it/roles/alpha/"); !strings.Contains(body, `content="noindex"`) {
		t.Fatal("/it/roles/alpha/ is not the untranslated placeholder before the test")
	}
	p.write("content/it/roles/alpha.md", guideAIt)
	p.reloaded("/it/roles/alpha/")
	if _, body := p.get("/it/roles/alpha/"); !strings.Contains(body, "Testo alfa.") {
		t.Fatal("/it/roles/alpha/ does not show the new translation")
	}
	p.write("content/it/roles/alpha.md", strings.Replace(guideAIt, "Testo alfa.", "Nuovo testo.", 1))
	p.reloaded("/it/roles/alpha/")
	if _, body := p.get("/it/roles/alpha/"); !strings.Contains(body, "Nuovo testo.") {
		t.Error("an edit in the new directory did not reach the page")
	}
}

func TestRemovedGuideIsGone(t *testing.T) {
	p := start(t, baseContent())
	if err := os.Remove(p.path("content/en/roles/beta.md")); err != nil {
		t.Fatal(err)
	}
	p.reloaded("/en/roles/beta/")
	code, body := p.get("/en/roles/beta/")
	if code != http.StatusNotFound || !strings.Contains(body, `<html lang="en">`) {
		t.Errorf("GET /en/roles/beta/ = %d, want 404 with the English 404 page", code)
	}
}

func TestRenamedGuideMoves(t *testing.T) {
	p := start(t, baseContent())
	if err := os.Rename(p.path("content/en/roles/beta.md"), p.path("content/en/roles/gamma.md")); err != nil {
		t.Fatal(err)
	}
	p.reloaded("/en/roles/gamma/")
	if code, body := p.get("/en/roles/gamma/"); code != http.StatusOK || !strings.Contains(body, "Beta text") {
		t.Errorf("GET /en/roles/gamma/ = %d, want the moved guide", code)
	}
	if code, _ := p.get("/en/roles/beta/"); code != http.StatusNotFound {
		t.Errorf("GET /en/roles/beta/ = %d after the move, want 404", code)
	}
}

// TestStylesheetEdit changes only CSS: the event says so and names no page,
// so pages swap their stylesheet instead of reloading; the stylesheet, at
// the same URL, has the edit, and no page changed.
func TestStylesheetEdit(t *testing.T) {
	p := start(t, baseContent())
	_, before := p.get("/en/")
	p.write("assets/css/app.css", "body { color: navy; }\n")
	var r Reload
	p.wait("", func(data string) bool { json.Unmarshal([]byte(data), &r); return r.CSS })
	if len(r.Paths) != 0 {
		t.Errorf("stylesheet edit: paths = %v, want none", r.Paths)
	}
	if _, after := p.get("/en/"); after != before {
		t.Error("a stylesheet edit changed the home page")
	}
	if code, css := p.get("/assets/app.css"); code != http.StatusOK || !strings.Contains(css, "navy") {
		t.Errorf("GET /assets/app.css = %d %q, want the edited stylesheet", code, css)
	}
}

// TestPageTemplateEdit edits the kits' template: the kits change, and only
// they are rendered again and named.
func TestPageTemplateEdit(t *testing.T) {
	p := start(t, baseContent())
	_, guide := p.get("/en/roles/alpha/")
	kit, err := fs.ReadFile(os.DirFS(p.root), "templates/kit.html")
	if err != nil {
		t.Fatal(err)
	}
	p.write("templates/kit.html", strings.Replace(string(kit), `<article class="kit wrap">`, `<article class="kit wrap" data-edited>`, 1))
	r := p.reloaded("/en/roles/alpha/kit.html")
	for _, page := range r.Paths {
		if !strings.HasSuffix(page, "/kit.html") {
			t.Errorf("reload names %s, which a kit template edit does not change", page)
		}
	}
	if _, body := p.get("/en/roles/beta/kit.html"); !strings.Contains(body, "data-edited") {
		t.Error("another guide's kit does not show the template edit")
	}
	if _, after := p.get("/en/roles/alpha/"); after != guide {
		t.Error("a kit template edit changed a guide page")
	}
}

// TestTemplateEditRebuildsAll checks that an edit to a template reaches
// every page.
func TestTemplateEditRebuildsAll(t *testing.T) {
	p := start(t, baseContent())
	base, err := fs.ReadFile(os.DirFS(p.root), "templates/base.html")
	if err != nil {
		t.Fatal(err)
	}
	p.write("templates/base.html", strings.Replace(string(base), "<body>", "<body data-edited>", 1))
	p.reloaded("/en/roles/beta/")
	for _, page := range []string{"/en/", "/it/roles/alpha/", "/en/roles/beta/"} {
		if _, body := p.get(page); !strings.Contains(body, "<body data-edited>") {
			t.Errorf("%s does not show the template edit", page)
		}
	}
}

// TestEditsDuringAnErrorAllArrive edits a template, a stylesheet and a
// message while a guide is broken: once the guide is fixed, the site shows
// all three.
func TestEditsDuringAnErrorAllArrive(t *testing.T) {
	p := start(t, baseContent())
	p.write("content/en/roles/alpha.md", strings.Replace(guideA, "summary:", "sumary:", 1))
	p.problems(p.events, false)
	kit, err := os.ReadFile(p.path("templates/kit.html"))
	if err != nil {
		t.Fatal(err)
	}
	p.write("templates/kit.html", strings.Replace(string(kit), `<article class="kit wrap">`, `<article class="kit wrap" data-edited>`, 1))
	p.write("assets/css/app.css", "body { color: navy; }\n")
	messages, err := os.ReadFile(p.path("locales/en.toml"))
	if err != nil {
		t.Fatal(err)
	}
	p.write("locales/en.toml", strings.Replace(string(messages), `site_name = "Hiring Guides"`, `site_name = "Edited Guides"`, 1))
	p.problems(p.events, false)
	p.write("content/en/roles/alpha.md", guideA)
	p.problems(p.events, true)
	p.reloaded("/en/roles/beta/kit.html")
	if _, body := p.get("/en/roles/beta/kit.html"); !strings.Contains(body, "data-edited") {
		t.Error("the kit template edit made during the error is lost")
	}
	if _, css := p.get("/assets/app.css"); !strings.Contains(css, "navy") {
		t.Error("the stylesheet edit made during the error is lost")
	}
	if _, body := p.get("/en/roles/beta/"); !strings.Contains(body, "Edited Guides") {
		t.Error("the message edit made during the error is lost")
	}
}

// TestFailingPageTemplatePublishesNothing breaks the kits' template for one
// guide only: no kit shows the edit, and the error is reported.
func TestFailingPageTemplatePublishesNothing(t *testing.T) {
	p := start(t, baseContent())
	kit, err := os.ReadFile(p.path("templates/kit.html"))
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(kit), `<article class="kit wrap">`,
		`<article class="kit wrap" data-edited>{{if eq .Guide.Key "beta"}}{{.NoSuchField}}{{end}}`, 1)
	p.write("templates/kit.html", broken)
	p.problems(p.events, false)
	for _, page := range []string{"/en/roles/alpha/kit.html", "/en/roles/beta/kit.html"} {
		if _, body := p.get(page); strings.Contains(body, "data-edited") {
			t.Errorf("%s shows a template that failed on another page", page)
		}
	}
}

// TestEditorNoiseIsNotContent leaves an Emacs autosave file and a temporary
// file in the content, which the watcher ignores: a full build does not
// read them either, so the next edit is published.
func TestEditorNoiseIsNotContent(t *testing.T) {
	p := start(t, baseContent())
	p.write("content/en/roles/#alpha.md#", "autosave")
	p.write("content/en/roles/beta.md.tmp", "half")
	p.write("content/en/roles/gamma.md", strings.Replace(guideB, "Beta", "Gamma", -1)) // a new page: a full build
	p.reloaded("/en/roles/gamma/")
	if code, _ := p.get("/en/roles/gamma/"); code != http.StatusOK {
		t.Errorf("GET /en/roles/gamma/ = %d, want the new guide", code)
	}
}

// TestShutdownWithASilentConnection: a connection that never sends a
// request (a browser's preconnect) does not hold Ctrl-C up; net/http
// counts it busy for 5 seconds.
func TestShutdownWithASilentConnection(t *testing.T) {
	p := start(t, baseContent())
	conn, err := net.Dial("tcp", strings.TrimPrefix(p.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	begin := time.Now()
	if err := p.stop(); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(begin); took > 3*time.Second {
		t.Errorf("shutdown took %v with a silent connection open", took)
	}
}
