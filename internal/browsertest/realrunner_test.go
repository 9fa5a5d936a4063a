package browsertest

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"guides/internal/sample"
)

// TestWithTheRealRunner is a candidate's path end to end, with nothing
// faked: the site built from the real content, served on loopback, the
// widget in Chromium, and runner-worker running the code in its sandbox.
// The reference solution passes every case, hidden ones included, whose
// inputs the page never shows; a wrong solution fails a hidden case. It
// skips where the sandbox cannot run (no bubblewrap, not root), as the
// runner's own tests do.
func TestWithTheRealRunner(t *testing.T) {
	if _, err := exec.LookPath("bwrap"); err != nil {
		t.Skip("bubblewrap is not installed (make runner-deps installs it)")
	}
	if os.Geteuid() != 0 {
		t.Skip("the sandbox needs root")
	}
	ctx := tab(t)
	dir := t.TempDir()
	srv := httptest.NewServer(http.FileServer(http.Dir(filepath.Join(dir, "site"))))
	defer srv.Close()
	runner := startRunner(t, srv.URL)
	if err := buildSite(filepath.Join(dir, "site"), srv.URL, runner, false); err != nil {
		t.Fatal(err)
	}
	smp, errs := sample.Load(os.DirFS(filepath.Join(env.root, "content")), "samples/rate-limiter", sample.Options{Secrets: true})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	hidden := map[string]bool{}
	for _, c := range smp.Hidden {
		hidden[c.Name] = true
	}

	open(t, ctx, srv.URL, backend)
	pickLanguage(t, ctx, "python")
	setCode(t, ctx, "python", readFile(t, env.root, "content", "samples", "rate-limiter", "python", "solution.py"))
	if state := press(t, ctx, "submit"); state != "ok" {
		t.Fatalf("submitting the reference solution: panel state %q, want ok", state)
	}
	rows := resultRows(t, ctx)
	hiddenRows := 0
	for _, r := range rows {
		if r.Verdict != "accepted" {
			t.Errorf("reference solution: %s", r.Text)
		}
		if r.Hidden {
			hiddenRows++
			if !hidden[r.Name] {
				t.Errorf("row %q is hidden but is not a hidden case", r.Name)
			}
		}
	}
	if hiddenRows == 0 || hiddenRows == len(rows) {
		t.Errorf("%d rows, %d hidden: want public and hidden cases", len(rows), hiddenRows)
	}
	resultsMatchExamples(t, ctx)
	if page := eval[string](t, ctx, `document.body.innerText`); strings.Contains(page, "60000, 60000, 60000") {
		t.Error("the page shows a hidden case's input")
	}

	setCode(t, ctx, "python", wrongPython)
	if state := press(t, ctx, "submit"); state != "ok" {
		t.Fatalf("submitting a wrong solution: panel state %q, want ok", state)
	}
	failedHidden := false
	for _, r := range resultRows(t, ctx) {
		failedHidden = failedHidden || r.Hidden && r.Verdict != "accepted"
	}
	if !failedHidden {
		t.Error("the wrong solution failed no hidden case")
	}

	open(t, ctx, srv.URL, "/it/roles/backend-engineer/")
	pickLanguage(t, ctx, "python")
	setCode(t, ctx, "python", readFile(t, env.root, "content", "samples", "rate-limiter", "python", "solution.py"))
	if state := press(t, ctx, "run"); state != "ok" {
		t.Fatalf("running the reference solution on the Italian page: panel state %q, want ok", state)
	}
	resultsMatchExamples(t, ctx)
}

// resultsMatchExamples checks that the widget shows the runner's public
// tests as the page's examples table shows the same cases: named in the
// page's locale, values written alike (assets/ts/try/results.ts and
// internal/site/value.go).
func resultsMatchExamples(t *testing.T, ctx context.Context) {
	t.Helper()
	mismatched := eval[[]string](t, ctx, `(() => {
		const shown = new Map([...document.querySelectorAll("#try-rate-limiter .try-examples tbody tr")]
			.map(r => [r.cells[0].textContent, r.cells[1].textContent + " | " + r.cells[2].textContent]));
		const rows = [...document.querySelectorAll("#try-rate-limiter .try-results tbody tr[data-hidden=false]")];
		if (rows.length === 0) return ["no public rows in the results"];
		return rows.map(r => [r.cells[0].textContent, r.cells[3].textContent + " | " + r.cells[4].textContent])
			.filter(([name, got]) => shown.get(name) !== got)
			.map(([name, got]) => name + ": " + got + " (the page: " + shown.get(name) + ")");
	})()`)
	for _, m := range mismatched {
		t.Errorf("the results show a public case unlike the page's examples: %s", m)
	}
}

// startRunner builds and starts runner-worker on a free loopback port for
// the test's life, allowing origin, and returns its URL once it is ready.
func startRunner(t *testing.T, origin string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "runner-worker")
	build := exec.Command("go", "build", "-o", bin, "./runner-worker")
	build.Dir = env.root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./runner-worker: %v\n%s", err, out)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "-addr", "127.0.0.1:0", "-samples", filepath.Join(env.root, "content", "samples"), "-origin", origin)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 10 * time.Second
	logs, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); cmd.Wait() })
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(logs)
		for sc.Scan() {
			var line struct{ Msg, Addr string }
			if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "listening" {
				addr <- line.Addr
			}
		}
	}()
	var url string
	select {
	case a := <-addr:
		url = "http://" + a
	case <-time.After(60 * time.Second):
		t.Fatal("runner-worker did not start listening")
	}
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get(url + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return url
			}
		}
	}
	t.Fatal("runner-worker never became ready")
	return ""
}
