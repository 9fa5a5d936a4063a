package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const samplesDir = "../content/samples"

// start runs the program with args on a free loopback port and returns its
// base URL, a channel with run's result, and the log lines so far.
func start(t *testing.T, ctx context.Context, args ...string) (string, <-chan error) {
	t.Helper()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := run(ctx, append([]string{"-addr", "127.0.0.1:0", "-samples", samplesDir}, args...), io.Discard, pw)
		pw.Close()
		done <- err
	}()
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			var line struct {
				Msg  string `json:"msg"`
				Addr string `json:"addr"`
			}
			if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "listening" {
				addr <- line.Addr
			}
			t.Log(sc.Text())
		}
	}()
	select {
	case a := <-addr:
		return "http://" + a, done
	case err := <-done:
		t.Fatalf("runner-worker exited: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("runner-worker did not start listening")
	}
	return "", nil
}

func needSandbox(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("bwrap"); err != nil {
		t.Skip("bubblewrap is not installed: this test needs the real sandbox (make runner-deps installs it)")
	}
	if os.Geteuid() != 0 {
		t.Skip("the sandbox needs root")
	}
	if _, err := os.Stat("/var/cache/guides-runner/gocache/README"); err != nil {
		t.Skip("no Go build cache for the sandbox: make runner-deps makes it")
	}
}

func waitReady(t *testing.T, base string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("runner-worker never became ready")
}

// TestServeAndShutDown starts the real program, waits until its self-test
// made it ready, runs code, then ends it as SIGTERM does and checks that it
// returns cleanly and leaves no cgroup behind.
func TestServeAndShutDown(t *testing.T) {
	needSandbox(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	base, done := start(t, ctx, "-origin", "https://guides.example", "-uid-base", "4100000")
	resp, err := http.Get(base + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("/healthz: %v %v", resp, err)
	}
	waitReady(t, base)
	body := `{"sample":"rate-limiter","language":"python","code":"class Limiter:\n    def __init__(self, r, b): pass\n    def allow(self, t): return True\n","mode":"run"}`
	resp, err = http.Post(base+"/v1/runs", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var out struct{ Verdict string }
	json.NewDecoder(resp.Body).Decode(&out)
	resp.Body.Close()
	if resp.StatusCode != 200 || out.Verdict != "wrong_answer" {
		t.Errorf("run: status %d, verdict %q", resp.StatusCode, out.Verdict)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run returned %v after shutdown", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("runner-worker did not stop")
	}
	// The slots' cgroups are named after their uids, from -uid-base on: a
	// range no other test uses.
	for _, pattern := range []string{"/sys/fs/cgroup/*/guides-runner-uid41000*", "/sys/fs/cgroup/*/*/*/guides-runner-uid41000*"} {
		left, _ := filepath.Glob(pattern)
		for _, dir := range left {
			t.Errorf("cgroup left behind: %s", dir)
		}
	}
}

func TestRefusesToStartWithoutBubblewrap(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	err := run(t.Context(), []string{"-addr", "127.0.0.1:0", "-samples", samplesDir}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "bubblewrap") || !strings.Contains(err.Error(), "-insecure-no-sandbox") {
		t.Errorf("run without bwrap = %v, want a refusal naming bubblewrap and -insecure-no-sandbox", err)
	}
}

func TestFlags(t *testing.T) {
	tests := []struct {
		args    []string
		wantErr string
		queue   int
	}{
		{nil, "", 8},
		{[]string{"-workers", "3"}, "", 12},
		{[]string{"-workers", "1", "-queue", "2"}, "", 2},
		{[]string{"-workers", "0"}, "-workers", 0},
		{[]string{"-origin", "guides.example"}, "must start with", 0},
		{[]string{"extra"}, "unexpected arguments", 0},
	}
	for _, tt := range tests {
		c, err := parseFlags(tt.args, io.Discard)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("parseFlags(%q) = %v, want an error with %q", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil || c.queue != tt.queue {
			t.Errorf("parseFlags(%q) = queue %d, %v; want queue %d", tt.args, c.queue, err, tt.queue)
		}
	}
}
