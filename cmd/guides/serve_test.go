package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// hang bounds waits on the server; a guard against hanging, not a timing
// assertion.
const hang = 60 * time.Second

// lockedBuffer collects a command's stderr written from other goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestReloadScriptOnlyInServe builds the real site and serves it: no built
// file may carry the live-reload client, every served page must. Cancelling
// the context (Ctrl-C) stops serve with an event stream still open.
func TestReloadScriptOnlyInServe(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	content := filepath.Join(root, "content")
	if code, _, stderr := runCLI(t, "build", "-root", root, "-content", content, "-out", out, "-drafts"); code != 0 {
		t.Fatalf("build: exit %d:\n%s", code, stderr)
	}
	fs.WalkDir(os.DirFS(out), ".", func(p string, d fs.DirEntry, err error) error {
		if data, _ := os.ReadFile(filepath.Join(out, p)); strings.Contains(string(data), "/__livereload") {
			t.Errorf("built file %s carries the live-reload client", p)
		}
		return nil
	})

	url, stop := startServe(t, "-root", root, "-content", content)
	defer stop()
	waitBuilt(t, url)
	for _, page := range []string{"/en/", "/it/roles/backend-engineer/", "/en/no-such-page/"} {
		resp, err := http.Get(url + page)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(string(body), "/__livereload") {
			t.Errorf("served %s (%d) lacks the live-reload client", page, resp.StatusCode)
		}
	}
}

// startServe runs guides serve on a free port and returns its URL and a
// function that stops it, as Ctrl-C would, and checks that it exits 0.
func startServe(t *testing.T, args ...string) (string, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	var stderr lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "-addr", "127.0.0.1:0"}, args...), pw, &stderr)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		cancel()
		t.Fatalf("serve printed no address: %v\n%s", err, stderr.String())
	}
	go io.Copy(io.Discard, pr)
	url, _, _ := strings.Cut(strings.TrimPrefix(line, "serving "), "/ ")
	return url, func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve exit %d:\n%s", code, stderr.String())
			}
		case <-time.After(hang):
			t.Error("serve did not stop when its context was cancelled")
		}
	}
}

// waitBuilt reads the event stream until the first build is in. The stream
// stays open, so stopping the server proves open streams do not hold it up.
func waitBuilt(t *testing.T, url string) {
	t.Helper()
	resp, err := http.Get(url + "/__livereload")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	deadline := time.After(hang)
	for {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatal("event stream ended before the first build")
			}
			var v struct{ Version int }
			if data, ok := strings.CutPrefix(line, "data: "); ok && json.Unmarshal([]byte(data), &v) == nil && v.Version > 0 {
				return
			}
		case <-deadline:
			t.Fatal("the first build never finished")
		}
	}
}

func TestSiteURL(t *testing.T) {
	for _, tc := range []struct{ addr, want string }{
		{"127.0.0.1:1313", "http://127.0.0.1:1313"},
		{"0.0.0.0:1313", "http://localhost:1313"},
		{"[::]:1315", "http://localhost:1315"},
		{"[::1]:1313", "http://[::1]:1313"},
	} {
		addr, err := net.ResolveTCPAddr("tcp", tc.addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := siteURL(addr); got != tc.want {
			t.Errorf("siteURL(%s) = %s, want %s", tc.addr, got, tc.want)
		}
	}
}
