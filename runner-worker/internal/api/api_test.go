package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"guides/internal/sample"
	"guides/runner-worker/internal/judge"
	"guides/runner-worker/internal/pool"
	"guides/runner-worker/internal/sandbox"
)

// fixtures are the judge's tiny samples: double (python, javascript, go)
// and rows (sql).
const fixtures = "../judge/testdata/samples"

func loadSamples(t *testing.T, dir string) map[string]*sample.Sample {
	t.Helper()
	samples, errs := sample.LoadAll(os.DirFS(dir), ".", sample.Options{Secrets: true})
	if len(errs) > 0 {
		t.Fatalf("load samples from %s:\n%v", dir, errs)
	}
	return samples
}

// fakeJudge answers every request with the same report, after waiting for
// release if it is set.
type fakeJudge struct {
	report  judge.Report
	release chan struct{}
	started chan struct{}
}

func (f *fakeJudge) Run(ctx context.Context, _ judge.Runner, req judge.Request) (judge.Report, error) {
	if f.started != nil {
		f.started <- struct{}{}
	}
	if f.release != nil {
		select {
		case <-f.release:
		case <-ctx.Done():
			return judge.Report{}, ctx.Err()
		}
	}
	return f.report, nil
}

// testServer is a ready server on loopback with workers slots that the
// fake judge never uses.
func testServer(t *testing.T, cfg Config, workers, queue int) *httptest.Server {
	t.Helper()
	if cfg.Samples == nil {
		cfg.Samples = loadSamples(t, fixtures)
	}
	if cfg.Judge == nil {
		cfg.Judge = &fakeJudge{report: judge.Report{Verdict: judge.Accepted}}
	}
	if cfg.Pool == nil {
		cfg.Pool = pool.New(make([]*sandbox.Slot, workers), queue)
	}
	cfg.Logger = slog.New(slog.NewJSONHandler(io.Discard, nil))
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s.SetReady(true)
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts
}

func post(t *testing.T, url, body string, header ...string) *http.Response {
	t.Helper()
	req, err := http.NewRequest("POST", url+"/v1/runs", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// decodeError reads an error body and checks it says something.
func decodeError(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	var e struct {
		Error string `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&e); err != nil || e.Error == "" {
		t.Errorf("status %d: body is not {\"error\": ...}: %v", resp.StatusCode, err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("status %d: Content-Type %q", resp.StatusCode, ct)
	}
	return e.Error
}

func TestBadRequests(t *testing.T) {
	ts := testServer(t, Config{}, 1, 1)
	valid := `{"sample":"double","language":"python","code":"def double(n): return 2*n","mode":"run"}`
	tests := []struct {
		name   string
		body   string
		status int
		says   string
		header []string
	}{
		{"malformed JSON", `{"sample":`, 400, "malformed JSON", nil},
		{"text/plain, which needs no preflight", valid, 415, "Content-Type: application/json", []string{"Content-Type", "text/plain"}},
		{"form", valid, 415, "Content-Type: application/json", []string{"Content-Type", "application/x-www-form-urlencoded"}},
		{"not an object", `[1,2]`, 400, "malformed JSON", nil},
		{"unknown field", `{"sample":"double","language":"python","code":"x","mode":"run","extra":1}`, 400, "unknown field", nil},
		{"wrong type", `{"sample":"double","language":"python","code":7,"mode":"run"}`, 400, "malformed JSON", nil},
		{"data after the object", valid + `{}`, 400, "after the request", nil},
		{"body over 1 MiB", `{"sample":"double","language":"python","mode":"run","code":"` + strings.Repeat("x", 1<<20) + `"}`, 413, "larger than", nil},
		{"code over 64 KiB", `{"sample":"double","language":"python","mode":"run","code":"` + strings.Repeat("x", 64<<10+1) + `"}`, 400, "longer than", nil},
		{"missing sample", `{"language":"python","code":"x","mode":"run"}`, 400, "sample is missing", nil},
		{"unknown sample", `{"sample":"nope","language":"python","code":"x","mode":"run"}`, 404, "unknown sample", nil},
		{"unknown language", `{"sample":"double","language":"cobol","code":"x","mode":"run"}`, 400, "has no language", nil},
		{"language the sample lacks", `{"sample":"rows","language":"python","code":"x","mode":"run"}`, 400, "has no language", nil},
		{"empty code", `{"sample":"double","language":"python","code":"  ","mode":"run"}`, 400, "code is empty", nil},
		{"unknown mode", `{"sample":"double","language":"python","code":"x","mode":"debug"}`, 400, "mode must be", nil},
		{"missing mode", `{"sample":"double","language":"python","code":"x"}`, 400, "mode must be", nil},
		{"unknown locale", `{"sample":"double","language":"python","code":"x","mode":"run","locale":"de"}`, 400, `unknown locale "de" (known: en, it)`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := post(t, ts.URL, tt.body, tt.header...)
			if resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if msg := decodeError(t, resp); !strings.Contains(msg, tt.says) {
				t.Errorf("error %q does not say %q", msg, tt.says)
			}
		})
	}
	for _, tt := range []struct {
		method, path string
		status       int
		allow        string
	}{
		{"GET", "/v1/runs", 405, "POST, OPTIONS"},
		{"DELETE", "/v1/samples", 405, "GET, HEAD, OPTIONS"},
		{"POST", "/healthz", 405, "GET, HEAD, OPTIONS"},
		{"GET", "/v2/nothing", 404, ""},
	} {
		req, _ := http.NewRequest(tt.method, ts.URL+tt.path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != tt.status || resp.Header.Get("Allow") != tt.allow {
			t.Errorf("%s %s: status %d, Allow %q; want %d, %q", tt.method, tt.path, resp.StatusCode, resp.Header.Get("Allow"), tt.status, tt.allow)
		}
		decodeError(t, resp)
	}
	// The service keeps serving after every bad request.
	if resp := post(t, ts.URL, valid); resp.StatusCode != 200 {
		t.Errorf("a valid run after the bad ones: status %d", resp.StatusCode)
	}
}

func TestHealthAndReadiness(t *testing.T) {
	s, err := New(Config{Samples: loadSamples(t, fixtures), Judge: &fakeJudge{}, Pool: pool.New(make([]*sandbox.Slot, 1), 1), Logger: slog.New(slog.NewJSONHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	get := func(path string) int {
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, tt := range []struct {
		ready          bool
		health, readyz int
		runs           int
	}{{false, 200, 503, 503}, {true, 200, 200, 200}, {false, 200, 503, 503}} {
		s.SetReady(tt.ready)
		if got := get("/healthz"); got != tt.health {
			t.Errorf("ready=%v: /healthz %d, want %d", tt.ready, got, tt.health)
		}
		if got := get("/readyz"); got != tt.readyz {
			t.Errorf("ready=%v: /readyz %d, want %d", tt.ready, got, tt.readyz)
		}
		resp := post(t, ts.URL, `{"sample":"double","language":"python","code":"x","mode":"run"}`)
		resp.Body.Close()
		if resp.StatusCode != tt.runs {
			t.Errorf("ready=%v: POST /v1/runs %d, want %d", tt.ready, resp.StatusCode, tt.runs)
		}
	}
}

func TestCORS(t *testing.T) {
	const site = "https://guides.example"
	ts := testServer(t, Config{Origins: []string{site}}, 1, 1)
	tests := []struct {
		name, method, origin string
		status               int
		allowed              bool
	}{
		{"run from the site", "POST", site, 200, true},
		{"samples from the site", "GET", site, 200, true},
		{"run from elsewhere", "POST", "https://evil.example", 200, false},
		{"preflight from the site", "OPTIONS", site, 204, true},
		{"preflight from elsewhere", "OPTIONS", "https://evil.example", 403, false},
		{"preflight from a look-alike", "OPTIONS", site + ".evil.example", 403, false},
		{"no origin", "POST", "", 200, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := "/v1/runs"
			var body io.Reader
			if tt.method == "POST" {
				body = strings.NewReader(`{"sample":"double","language":"python","code":"x","mode":"run"}`)
			}
			if tt.name == "samples from the site" {
				path = "/v1/samples"
			}
			req, _ := http.NewRequest(tt.method, ts.URL+path, body)
			if tt.method == "POST" {
				req.Header.Set("Content-Type", "application/json")
			}
			if tt.origin != "" {
				req.Header.Set("Origin", tt.origin)
			}
			if tt.method == "OPTIONS" {
				req.Header.Set("Access-Control-Request-Method", "POST")
				req.Header.Set("Access-Control-Request-Headers", "content-type")
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.status)
			}
			got := resp.Header.Get("Access-Control-Allow-Origin")
			if tt.allowed && got != tt.origin || !tt.allowed && got != "" {
				t.Errorf("Access-Control-Allow-Origin %q (allowed %v)", got, tt.allowed)
			}
			if tt.allowed && tt.method == "OPTIONS" {
				if m := resp.Header.Get("Access-Control-Allow-Methods"); !strings.Contains(m, "POST") {
					t.Errorf("Access-Control-Allow-Methods %q", m)
				}
				if h := resp.Header.Get("Access-Control-Allow-Headers"); !strings.Contains(strings.ToLower(h), "content-type") {
					t.Errorf("Access-Control-Allow-Headers %q", h)
				}
			}
		})
	}
}

func TestQueueFullIs429(t *testing.T) {
	const workers, queue = 1, 2
	fj := &fakeJudge{report: judge.Report{Verdict: judge.Accepted}, release: make(chan struct{}), started: make(chan struct{}, 10)}
	p := pool.New(make([]*sandbox.Slot, workers), queue)
	ts := testServer(t, Config{Judge: fj, Pool: p}, workers, queue)
	body := `{"sample":"double","language":"python","code":"x","mode":"run"}`
	statuses := make(chan *http.Response, workers+queue)
	var wg sync.WaitGroup
	for range workers + queue {
		wg.Add(1)
		go func() { defer wg.Done(); statuses <- post(t, ts.URL, body) }()
	}
	<-fj.started // one running; wait until the rest are queued
	if !waitFor(t, func() bool { return p.Stats().Queued == queue }, 5*time.Second) {
		t.Fatalf("the queue never filled: %+v", p.Stats())
	}
	over := post(t, ts.URL, body)
	if over.StatusCode != http.StatusTooManyRequests {
		t.Errorf("a run beyond the queue: status %d, want 429", over.StatusCode)
	}
	if ra := over.Header.Get("Retry-After"); ra == "" || ra == "0" {
		t.Errorf("429 without a Retry-After: %q", ra)
	}
	decodeError(t, over)
	close(fj.release)
	wg.Wait()
	close(statuses)
	for resp := range statuses {
		if resp.StatusCode != 200 {
			t.Errorf("a queued run: status %d, want 200", resp.StatusCode)
		}
		resp.Body.Close()
	}
}

// waitFor polls cond until it holds or d passes.
func waitFor(t *testing.T, cond func() bool, d time.Duration) bool {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(5 * time.Millisecond)
	}
	return true
}

func TestClientRateIs429(t *testing.T) {
	ts := testServer(t, Config{Rate: 0.5, Burst: 2}, 1, 4)
	body := `{"sample":"double","language":"python","code":"x","mode":"run"}`
	for i, want := range []int{200, 200, 429} {
		resp := post(t, ts.URL, body)
		if resp.StatusCode != want {
			t.Errorf("run %d: status %d, want %d", i, resp.StatusCode, want)
		}
		if want == 429 {
			if ra := resp.Header.Get("Retry-After"); ra != "2" {
				t.Errorf("Retry-After %q, want 2 (a token every 2s)", ra)
			}
			decodeError(t, resp)
		}
		resp.Body.Close()
	}
}

func TestClientLimitsAreBounded(t *testing.T) {
	c := newClientLimits(1, 1, 3)
	now := time.Now()
	for i := range 10 {
		c.allow("10.0.0."+string(rune('0'+i)), now)
	}
	if n := c.len(); n != 3 {
		t.Errorf("%d clients remembered, want 3", n)
	}
	if ok, _ := c.allow("10.0.0.9", now); ok {
		t.Error("the most recent client was forgotten")
	}
	if ok, _ := c.allow("10.0.0.0", now); !ok {
		t.Error("an evicted client was still limited")
	}
}

func TestSamplesArePublic(t *testing.T) {
	samples := loadSamples(t, fixtures)
	ts := testServer(t, Config{Samples: samples}, 1, 1)
	resp, err := http.Get(ts.URL + "/v1/samples")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var got struct {
		Samples []struct {
			ID        string            `json:"id"`
			Title     map[string]string `json:"title"`
			Summary   map[string]string `json:"summary"`
			Languages []string          `json:"languages"`
			Limits    sample.Limits     `json:"limits"`
			Public    []sample.Case     `json:"public"`
			Starter   map[string]string `json:"starter"`
		} `json:"samples"`
	}
	d := json.NewDecoder(bytes.NewReader(body))
	d.DisallowUnknownFields()
	if err := d.Decode(&got); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	if len(got.Samples) != len(samples) {
		t.Fatalf("%d samples, want %d", len(got.Samples), len(samples))
	}
	for _, g := range got.Samples {
		s := samples[g.ID]
		if g.Title["en"] != s.Title["en"] || g.Summary["en"] != s.Summary["en"] || g.Limits != s.Limits || len(g.Public) != len(s.Public) {
			t.Errorf("sample %s: %+v", g.ID, g)
		}
		for _, lang := range s.Languages {
			if g.Starter[lang] != s.Code[lang].Starter {
				t.Errorf("sample %s: starter for %s is %q", g.ID, lang, g.Starter[lang])
			}
		}
	}
}

// TestTestsNamedInTheRequestedLocale: the answer names each test in the
// request's locale where its tests file gives that name, in English
// otherwise and when no locale is asked for.
func TestTestsNamedInTheRequestedLocale(t *testing.T) {
	report := judge.Report{Verdict: judge.Accepted, Tests: []judge.Test{
		{Name: "one", Verdict: judge.Accepted}, {Name: "twenty-one", Verdict: judge.Accepted},
		{Name: "secret zero", Hidden: true, Verdict: judge.Accepted},
	}}
	ts := testServer(t, Config{Judge: &fakeJudge{report: report}}, 1, 1)
	for locale, want := range map[string]string{
		"":   "one, twenty-one, secret zero",
		"en": "one, twenty-one, secret zero",
		"it": "uno, twenty-one, zero segreto",
	} {
		resp := post(t, ts.URL, `{"sample":"double","language":"python","code":"x","mode":"submit","locale":"`+locale+`"}`)
		var got struct {
			Tests []struct {
				Name string `json:"name"`
			} `json:"tests"`
		}
		err := json.NewDecoder(resp.Body).Decode(&got)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("locale %q: status %d, %v", locale, resp.StatusCode, err)
		}
		var names []string
		for _, tc := range got.Tests {
			names = append(names, tc.Name)
		}
		if strings.Join(names, ", ") != want {
			t.Errorf("locale %q: tests named %q, want %s", locale, names, want)
		}
	}
}

// contextWithCancel is a context ended when the test ends or by the
// returned function.
func contextWithCancel(t *testing.T) (context.Context, func()) {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	return ctx, cancel
}

// TestSlowBody: a body that stalls past the server's read timeout is a 408,
// not "malformed JSON" with the connection's addresses in it.
func TestSlowBody(t *testing.T) {
	ts := testServer(t, Config{}, 1, 1)
	ts.Config.ReadTimeout = 200 * time.Millisecond
	pr, pw := io.Pipe()
	defer pw.Close()
	go pw.Write([]byte(`{"sample":"double",`)) // then nothing
	req, _ := http.NewRequest("POST", ts.URL+"/v1/runs", pr)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusRequestTimeout {
		t.Errorf("status %d, want 408", resp.StatusCode)
	}
	if msg := decodeError(t, resp); strings.Contains(msg, "127.0.0.1") {
		t.Errorf("error %q names the connection", msg)
	}
}
