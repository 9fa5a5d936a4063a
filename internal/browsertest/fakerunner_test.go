package browsertest

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"guides/internal/sample"
)

// fakeRunner implements runner-worker's HTTP contract for the rate-limiter
// sample without running anything. It tells what the submitted code would
// do from its text, then computes the real answers of that behaviour on the
// sample's public and hidden cases:
//
//   - code that still says "admits everything" (every starter) admits every request;
//   - code with float arithmetic ("1000.0" or "float(") is a token bucket that
//     sums fractions of a token in floating point, and fails the exact-arithmetic
//     hidden cases;
//   - code that never mentions Limiter fails to compile (Go) or raises (others);
//   - any other code is a correct token bucket counting thousandths of a token.
//
// Code that mentions sys.stderr or console.error writes "debug" on stderr.
type fakeRunner struct {
	srv     *httptest.Server
	sample  *sample.Sample
	origins []string

	busy atomic.Int64 // while > 0, runs get 429 with this Retry-After

	mu   sync.Mutex
	runs []runRequest
}

type runRequest struct {
	Sample   string `json:"sample"`
	Language string `json:"language"`
	Code     string `json:"code"`
	Mode     string `json:"mode"`
	Locale   string `json:"locale"`
}

type testResult struct {
	Name     string `json:"name"`
	Hidden   bool   `json:"hidden"`
	Verdict  string `json:"verdict"`
	TimeMS   int    `json:"time_ms"`
	Input    any    `json:"input,omitempty"`
	Expected any    `json:"expected,omitempty"`
	Actual   any    `json:"actual,omitempty"`
}

type runResponse struct {
	Verdict       string       `json:"verdict"`
	Tests         []testResult `json:"tests"`
	CompileOutput string       `json:"compile_output"`
	Stderr        string       `json:"stderr"`
}

func newFakeRunner(root string) (*fakeRunner, error) {
	s, errs := sample.Load(os.DirFS(filepath.Join(root, "content")), "samples/rate-limiter", sample.Options{Secrets: true})
	if len(errs) > 0 {
		return nil, errs
	}
	f := &fakeRunner{sample: s}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/samples", f.samples)
	mux.HandleFunc("POST /v1/runs", f.run)
	mux.HandleFunc("OPTIONS /", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	f.srv = httptest.NewServer(f.cors(mux))
	return f, nil
}

func (f *fakeRunner) URL() string { return f.srv.URL }
func (f *fakeRunner) Close()      { f.srv.Close() }

// allow lets the site at origin call the runner (CORS).
func (f *fakeRunner) allow(origin string) { f.origins = append(f.origins, origin) }

func (f *fakeRunner) cors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if o := r.Header.Get("Origin"); o != "" && slices.Contains(f.origins, o) {
			h := w.Header()
			h.Set("Access-Control-Allow-Origin", o)
			h.Set("Access-Control-Allow-Methods", "GET, POST")
			h.Set("Access-Control-Allow-Headers", "Content-Type")
			h.Set("Access-Control-Expose-Headers", "Retry-After")
			h.Set("Access-Control-Max-Age", "600")
			h.Add("Vary", "Origin")
		}
		next.ServeHTTP(w, r)
	})
}

// lastRun is the last run request received, if any.
func (f *fakeRunner) lastRun() (runRequest, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.runs) == 0 {
		return runRequest{}, false
	}
	return f.runs[len(f.runs)-1], true
}

func (f *fakeRunner) runCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.runs)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func fail(w http.ResponseWriter, status int, format string, args ...any) {
	writeJSON(w, status, map[string]string{"error": fmt.Sprintf(format, args...)})
}

func (f *fakeRunner) samples(w http.ResponseWriter, r *http.Request) {
	s := f.sample
	starters := map[string]string{}
	for lang, c := range s.Code {
		starters[lang] = c.Starter
	}
	writeJSON(w, http.StatusOK, map[string]any{"samples": []any{map[string]any{
		"id": s.ID, "title": s.Title, "summary": s.Summary, "languages": s.Languages,
		"limits": s.Limits, "public": s.Public, "starter": starters,
	}}})
}

func (f *fakeRunner) run(w http.ResponseWriter, r *http.Request) {
	if n := f.busy.Load(); n > 0 {
		w.Header().Set("Retry-After", strconv.FormatInt(n, 10))
		fail(w, http.StatusTooManyRequests, "the runner is busy")
		return
	}
	var req runRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			fail(w, http.StatusRequestEntityTooLarge, "the request is larger than 64 KiB")
			return
		}
		fail(w, http.StatusBadRequest, "malformed request: %v", err)
		return
	}
	f.mu.Lock()
	f.runs = append(f.runs, req)
	f.mu.Unlock()
	switch {
	case req.Sample != f.sample.ID:
		fail(w, http.StatusNotFound, "unknown sample %q", req.Sample)
		return
	case !slices.Contains(f.sample.Languages, req.Language):
		fail(w, http.StatusBadRequest, "sample %s has no language %q", req.Sample, req.Language)
		return
	case req.Mode != "run" && req.Mode != "submit":
		fail(w, http.StatusBadRequest, `mode must be "run" or "submit", not %q`, req.Mode)
		return
	}
	writeJSON(w, http.StatusOK, f.judge(req))
}

func (f *fakeRunner) judge(req runRequest) runResponse {
	var resp runResponse
	if strings.Contains(req.Code, "sys.stderr") || strings.Contains(req.Code, "console.error") {
		resp.Stderr = "debug\n"
	}
	if !strings.Contains(req.Code, "Limiter") {
		if req.Language == "go" {
			resp.Verdict = "compile_error"
			resp.CompileOutput = "./harness.go:12:7: undefined: NewLimiter\n"
			return resp
		}
		resp.Stderr += "candidate has no Limiter\n"
	}
	behave := exactLimiter
	switch {
	case strings.Contains(req.Code, "admits everything"):
		behave = admitAll
	case strings.Contains(req.Code, "1000.0") || strings.Contains(req.Code, "float("):
		behave = floatLimiter
	}
	cases := f.sample.Public
	if req.Mode == "submit" {
		cases = append(slices.Clip(cases), f.sample.Hidden...)
	}
	resp.Verdict = "accepted"
	for i, c := range cases {
		hidden := i >= len(f.sample.Public)
		t := testResult{Name: c.NameIn(req.Locale), Hidden: hidden, TimeMS: 2 + i%3}
		var actual any
		if !strings.Contains(req.Code, "Limiter") {
			t.Verdict = "runtime_error"
		} else {
			actual = jsonValue(behave(decodeInput(c.Input)))
			t.Verdict = "wrong_answer"
			if sample.Equal(f.sample.Compare, c.Expected, actual) {
				t.Verdict = "accepted"
			}
		}
		if !hidden {
			t.Input, t.Expected, t.Actual = c.Input, c.Expected, actual
		}
		if t.Verdict != "accepted" && resp.Verdict == "accepted" {
			resp.Verdict = t.Verdict
		}
		resp.Tests = append(resp.Tests, t)
	}
	return resp
}

type limiterInput struct {
	Rate  int64   `json:"rate"`
	Burst int64   `json:"burst"`
	Times []int64 `json:"times"`
}

func decodeInput(v any) limiterInput {
	var in limiterInput
	b, _ := json.Marshal(v)
	_ = json.Unmarshal(b, &in)
	return in
}

// jsonValue is v as encoding/json decodes it, the form sample.Equal compares.
func jsonValue(v any) any {
	b, _ := json.Marshal(v)
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

func admitAll(in limiterInput) []bool {
	out := make([]bool, len(in.Times))
	for i := range out {
		out[i] = true
	}
	return out
}

// exactLimiter is the reference solution: thousandths of a token, integers only.
func exactLimiter(in limiterInput) []bool {
	full := in.Burst * 1000
	milli, last, started := full, int64(0), false
	out := make([]bool, 0, len(in.Times))
	for _, now := range in.Times {
		if started {
			milli = min(full, milli+(now-last)*in.Rate)
		}
		last, started = now, true
		if milli < 1000 {
			out = append(out, false)
			continue
		}
		milli -= 1000
		out = append(out, true)
	}
	return out
}

// floatLimiter is the classic mistake: tokens as a float64, which Python's
// float is too, so 0.1 added ten times falls short of one token.
func floatLimiter(in limiterInput) []bool {
	tokens, last, started := float64(in.Burst), int64(0), false
	out := make([]bool, 0, len(in.Times))
	for _, now := range in.Times {
		if started {
			tokens = math.Min(float64(in.Burst), tokens+float64((now-last)*in.Rate)/1000.0)
		}
		last, started = now, true
		if tokens < 1 {
			out = append(out, false)
			continue
		}
		tokens--
		out = append(out, true)
	}
	return out
}
