package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"guides/internal/sample"
	"guides/runner-worker/internal/judge"
	"guides/runner-worker/internal/leakcheck"
	"guides/runner-worker/internal/pool"
	"guides/runner-worker/internal/sandbox"
)

// samplesDir is the project's real samples, from this package's directory.
const samplesDir = "../../../content/samples"

// recorder keeps every response body the server sends.
type recorder struct {
	mu     sync.Mutex
	bodies [][]byte
}

func (rec *recorder) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rw := httptest.NewRecorder()
		next.ServeHTTP(rw, r)
		rec.mu.Lock()
		rec.bodies = append(rec.bodies, rw.Body.Bytes())
		rec.mu.Unlock()
		for k, v := range rw.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rw.Code)
		w.Write(rw.Body.Bytes())
	})
}

// sandboxedServer serves the real samples with the real judge and sandbox,
// recording every response.
func sandboxedServer(t *testing.T, workers int) (*httptest.Server, *Server, *recorder, map[string]*sample.Sample, func()) {
	t.Helper()
	if _, err := exec.LookPath("bwrap"); err != nil {
		t.Skip("bubblewrap is not installed: these tests need the real sandbox (make runner-deps installs it)")
	}
	if os.Geteuid() != 0 {
		t.Skip("the sandbox needs root to run slots as their own uids")
	}
	samples := loadSamples(t, samplesDir)
	tc := judge.DefaultToolchain()
	var langs []string
	for _, s := range samples {
		langs = append(langs, s.Languages...)
	}
	if err := tc.Check(langs); err != nil {
		t.Skipf("toolchain missing (make runner-deps installs it): %v", err)
	}
	h, err := sandbox.NewHost(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var slots []*sandbox.Slot
	for range workers {
		s, err := h.NewSlot()
		if err != nil {
			t.Fatal(err)
		}
		slots = append(slots, s)
	}
	t.Cleanup(func() {
		for _, s := range slots {
			if err := s.Close(); err != nil {
				t.Errorf("close slot: %v", err)
			}
		}
	})
	runs, endRuns := contextWithCancel(t)
	srv, err := New(Config{
		Samples: samples, Judge: judge.New(tc), Pool: pool.New(slots, 4*workers),
		Logger: slog.New(slog.NewJSONHandler(io.Discard, nil)), Runs: runs,
	})
	if err != nil {
		t.Fatal(err)
	}
	srv.SetReady(true)
	rec := &recorder{}
	ts := httptest.NewServer(rec.wrap(srv.Handler()))
	t.Cleanup(ts.Close)
	return ts, srv, rec, samples, endRuns
}

func runJSON(t *testing.T, url string, req runRequest) (int, map[string]any) {
	t.Helper()
	b, _ := json.Marshal(req)
	resp, err := http.Post(url+"/v1/runs", "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("decode response: %v", err)
	}
	return resp.StatusCode, out
}

// TestNoResponseGivesAwaySecrets submits every real sample's reference and
// starter in every language through HTTP, checks the shape of the answers,
// and checks that no response the server sent contains a hidden case's input
// or expected value, or a line of a reference solution.
func TestNoResponseGivesAwaySecrets(t *testing.T) {
	ts, _, rec, samples, _ := sandboxedServer(t, 2)
	ids := make([]string, 0, len(samples))
	for id := range samples {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	http.Get(ts.URL + "/v1/samples")
	for _, id := range ids {
		s := samples[id]
		for _, lang := range s.Languages {
			status, out := runJSON(t, ts.URL, runRequest{Sample: id, Language: lang, Code: s.Code[lang].Solution, Mode: "submit"})
			if status != 200 || out["verdict"] != "accepted" {
				t.Errorf("%s/%s reference: status %d, %v", id, lang, status, out)
				continue
			}
			checkShape(t, id+"/"+lang, out, len(s.Public), len(s.Hidden))
			status, out = runJSON(t, ts.URL, runRequest{Sample: id, Language: lang, Code: s.Code[lang].Starter, Mode: "run"})
			if status != 200 || out["verdict"] == "accepted" {
				t.Errorf("%s/%s starter: status %d, verdict %v", id, lang, status, out["verdict"])
			}
		}
	}
	for _, body := range rec.bodies {
		for _, s := range samples {
			if found := leakcheck.Find(string(body), leakcheck.Secrets(s)); len(found) > 0 {
				t.Errorf("a response gives away %s's secrets %q", s.ID, found)
			}
		}
	}
}

// checkShape checks an accepted submission's answer: every case, public
// ones with input, expected and actual, hidden ones with nothing but their
// name, verdict and time.
func checkShape(t *testing.T, what string, out map[string]any, public, hidden int) {
	t.Helper()
	tests, _ := out["tests"].([]any)
	if len(tests) != public+hidden {
		t.Errorf("%s: %d tests, want %d", what, len(tests), public+hidden)
	}
	for _, k := range []string{"verdict", "tests", "compile_output", "stderr"} {
		if _, ok := out[k]; !ok {
			t.Errorf("%s: no %q in the answer", what, k)
		}
	}
	for i, x := range tests {
		tc := x.(map[string]any)
		var keys []string
		for k := range tc {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		want := []string{"actual", "expected", "hidden", "input", "name", "time_ms", "verdict"}
		if i >= public {
			want = []string{"hidden", "name", "time_ms", "verdict"}
		}
		if !slicesEqual(keys, want) {
			t.Errorf("%s: case %d has keys %v, want %v", what, i, keys, want)
		}
		if tc["hidden"] != (i >= public) {
			t.Errorf("%s: case %d hidden=%v", what, i, tc["hidden"])
		}
	}
}

func slicesEqual(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestShutdownEndsRuns starts a run that would loop until its time limit,
// ends the server's runs as a SIGTERM does, and checks that the run ends at
// once with a 503 and leaves nothing behind.
func TestShutdownEndsRuns(t *testing.T) {
	ts, _, _, _, endRuns := sandboxedServer(t, 1)
	done := make(chan int)
	go func() {
		status, _ := runJSON(t, ts.URL, runRequest{Sample: "rate-limiter", Language: "python", Code: "while True: pass", Mode: "run"})
		done <- status
	}()
	time.Sleep(300 * time.Millisecond)
	start := time.Now()
	endRuns()
	select {
	case status := <-done:
		if status != http.StatusServiceUnavailable {
			t.Errorf("a run ended by shutdown: status %d, want 503", status)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("the run took %v to end", d)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the run did not end at shutdown")
	}
}

// TestCandidateCannotReachTheRunner has a candidate connect to the runner's
// own port on loopback, and to an outside address, and answer with what
// happened; the runner must still serve afterwards.
func TestCandidateCannotReachTheRunner(t *testing.T) {
	ts, _, _, _, _ := sandboxedServer(t, 1)
	port := ts.Listener.Addr().(*net.TCPAddr).Port
	code := fmt.Sprintf(`import socket
def attempt(family, addr):
    try:
        s = socket.socket(family, socket.SOCK_STREAM)
        s.settimeout(1)
        s.connect(addr)
        return "connected to %%s" %% (addr,)
    except OSError as e:
        return "refused: %%s" %% e
RESULT = [attempt(socket.AF_INET, ("127.0.0.1", %d)), attempt(socket.AF_INET6, ("::1", %d)), attempt(socket.AF_INET, ("1.1.1.1", 53))]
class Limiter:
    def __init__(self, rate, burst): pass
    def allow(self, now): return RESULT
`, port, port)
	status, out := runJSON(t, ts.URL, runRequest{Sample: "rate-limiter", Language: "python", Code: code, Mode: "run"})
	if status != 200 {
		t.Fatalf("status %d: %v", status, out)
	}
	tests, _ := out["tests"].([]any)
	if len(tests) == 0 {
		t.Fatalf("no tests in %v", out)
	}
	actual := fmt.Sprint(tests[0].(map[string]any)["actual"])
	t.Logf("the candidate says: %.300s", actual)
	if strings.Contains(actual, "connected") || strings.Count(actual, "refused") < 3 {
		t.Errorf("the candidate's connections: %s", actual)
	}
	resp, err := http.Get(ts.URL + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("the runner stopped serving: %v %v", resp, err)
	}
	resp.Body.Close()
}
