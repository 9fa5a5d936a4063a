package devserver

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"guides/internal/diag"
)

func TestFrames(t *testing.T) {
	tests := []struct {
		kind string
		data any
		want string
	}{
		{"", Reload{Paths: []string{"/en/roles/x/"}, Version: 2}, "data: {\"paths\":[\"/en/roles/x/\"],\"css\":false,\"version\":2}\n\n"},
		{"", Reload{Paths: []string{}, CSS: true, Version: 3}, "data: {\"paths\":[],\"css\":true,\"version\":3}\n\n"},
		{"errors", problems(diag.List{diag.Errorf(diag.Pos{File: "content/en/roles/x.md", Line: 3}, "unknown field \"sumary\"")}),
			"event: errors\ndata: {\"errors\":[{\"file\":\"content/en/roles/x.md\",\"line\":3,\"message\":\"unknown field \\\"sumary\\\"\",\"text\":\"content/en/roles/x.md:3: unknown field \\\"sumary\\\"\"}]}\n\n"},
		{"errors", problems(nil), "event: errors\ndata: {\"errors\":[]}\n\n"},
	}
	for _, tt := range tests {
		if got := string(frame(tt.kind, tt.data)); got != tt.want {
			t.Errorf("frame(%q, %+v) =\n%q\nwant\n%q", tt.kind, tt.data, got, tt.want)
		}
	}
}

// TestShutdownClosesStreams starts a server with an open event stream and
// shuts it down: Shutdown must return, the stream end.
func TestShutdownClosesStreams(t *testing.T) {
	h := newHub()
	ts := httptest.NewUnstartedServer(http.HandlerFunc(h.serve))
	ts.Config.RegisterOnShutdown(h.close)
	ts.Start()
	defer ts.Close()
	resp, err := http.Get(ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	r := bufio.NewReader(resp.Body)
	if line, _ := r.ReadString('\n'); !strings.HasPrefix(line, "retry:") {
		t.Fatalf("first line %q, want retry:", line)
	}
	ctx, cancel := context.WithTimeout(context.Background(), hang)
	defer cancel()
	if err := ts.Config.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown with an open stream: %v", err)
	}
	if _, err := r.ReadString(0); err == nil {
		t.Error("the stream is still open after Shutdown")
	}
	if _, _, ok := h.subscribe(); ok {
		t.Error("a closed hub accepted a new stream")
	}
}

// TestSlowStreamIsDropped fills a stream's queue without reading it: the hub
// closes it instead of blocking the others.
func TestSlowStreamIsDropped(t *testing.T) {
	h := newHub()
	slow, _, _ := h.subscribe()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 100 {
			h.reload([]string{"/"}, false)
		}
	}()
	select {
	case <-done:
	case <-time.After(hang):
		t.Fatal("broadcast blocked on a stream nobody reads")
	}
	n := 0
	for range slow {
		n++
	}
	if n == 0 || n >= 100 {
		t.Errorf("slow stream got %d frames before being closed, want some but not all", n)
	}
}

// TestVersionsDifferAcrossRestarts: a page open across a server restart
// sees another version in the new server's hello, and reloads.
func TestVersionsDifferAcrossRestarts(t *testing.T) {
	before := newHub()
	before.reload(nil, false)
	time.Sleep(5 * time.Millisecond)
	after := newHub()
	after.reload(nil, false)
	if before.version == after.version {
		t.Errorf("two servers that built once each both say version %d", after.version)
	}
}

// TestHeadOpensNoStream: HEAD gets a stream's headers and ends.
func TestHeadOpensNoStream(t *testing.T) {
	h := newHub()
	ts := httptest.NewServer(http.HandlerFunc(h.serve))
	defer ts.Close()
	client := &http.Client{Timeout: hang}
	resp, err := client.Head(ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("Content-Type %q, want text/event-stream", ct)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if n := len(h.clients); n != 0 {
		t.Errorf("%d streams open after HEAD", n)
	}
}
