package api

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"mime"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"guides/internal/sample"
	"guides/runner-worker/internal/judge"
	"guides/runner-worker/internal/pool"
	"guides/runner-worker/internal/sandbox"
)

// Size limits of a run request.
const (
	maxBody = 1 << 20  // the whole body; more is 413
	maxCode = 64 << 10 // the code; more is 400
)

// runRequest is the body of POST /v1/runs.
type runRequest struct {
	Sample   string `json:"sample"`
	Language string `json:"language"`
	Code     string `json:"code"`
	Mode     string `json:"mode"`
	Locale   string `json:"locale"` // optional: the locale of the tests' names, en by default
}

// runResponse is the answer to a run.
type runResponse struct {
	Verdict       judge.Verdict `json:"verdict"`
	Tests         []any         `json:"tests"` // publicTest or hiddenTest
	CompileOutput string        `json:"compile_output"`
	Stderr        string        `json:"stderr"`
}

type publicTest struct {
	Name     string        `json:"name"`
	Hidden   bool          `json:"hidden"`
	Verdict  judge.Verdict `json:"verdict"`
	TimeMS   int64         `json:"time_ms"`
	Input    any           `json:"input"`
	Expected any           `json:"expected"`
	Actual   any           `json:"actual"`
	Error    string        `json:"error,omitempty"`
}

// hiddenTest carries nothing of a hidden case but its name and outcome.
type hiddenTest struct {
	Name    string        `json:"name"`
	Hidden  bool          `json:"hidden"`
	Verdict judge.Verdict `json:"verdict"`
	TimeMS  int64         `json:"time_ms"`
}

func (s *Server) runs(w http.ResponseWriter, r *http.Request) {
	if !s.ready.Load() {
		writeError(w, http.StatusServiceUnavailable, "the runner is not ready")
		return
	}
	if s.limits != nil {
		if ok, wait := s.limits.allow(clientIP(r), time.Now()); !ok {
			tooMany(w, wait, "too many runs from this address: retry later")
			return
		}
	}
	req, status, msg := s.decodeRun(w, r)
	if status != 0 {
		writeError(w, status, msg)
		return
	}
	s.judge(w, r, req)
}

// decodeRun reads and checks a run request; a non-zero status says what is
// wrong with it.
func (s *Server) decodeRun(w http.ResponseWriter, r *http.Request) (run, int, string) {
	// Only JSON: a form or text/plain post, which a page of any origin may
	// send without asking first, would otherwise start runs.
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return run{}, http.StatusUnsupportedMediaType, "send the request as JSON, with Content-Type: application/json"
	}
	d := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	d.DisallowUnknownFields()
	var in runRequest
	if err := d.Decode(&in); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return run{}, http.StatusRequestEntityTooLarge, fmt.Sprintf("the request is larger than %d bytes", maxBody)
		}
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return run{}, http.StatusRequestTimeout, "the request body did not arrive in time"
		}
		return run{}, http.StatusBadRequest, "malformed JSON: " + err.Error()
	}
	if _, err := d.Token(); !errors.Is(err, io.EOF) {
		return run{}, http.StatusBadRequest, "malformed JSON: data after the request object"
	}
	smp, ok := s.cfg.Samples[in.Sample]
	switch {
	case in.Sample == "":
		return run{}, http.StatusBadRequest, "sample is missing"
	case !ok:
		return run{}, http.StatusNotFound, fmt.Sprintf("unknown sample %q", in.Sample)
	case !slices.Contains(smp.Languages, in.Language):
		return run{}, http.StatusBadRequest, fmt.Sprintf("sample %q has no language %q (it has %s)", in.Sample, in.Language, strings.Join(smp.Languages, ", "))
	case len(in.Code) > maxCode:
		return run{}, http.StatusBadRequest, fmt.Sprintf("code is longer than %d bytes", maxCode)
	case strings.TrimSpace(in.Code) == "":
		return run{}, http.StatusBadRequest, "code is empty"
	case in.Mode != string(judge.ModeRun) && in.Mode != string(judge.ModeSubmit):
		return run{}, http.StatusBadRequest, fmt.Sprintf("mode must be %q or %q, not %q", judge.ModeRun, judge.ModeSubmit, in.Mode)
	case in.Locale != "" && !slices.Contains(sample.Locales, in.Locale):
		return run{}, http.StatusBadRequest, fmt.Sprintf("unknown locale %q (known: %s)", in.Locale, strings.Join(sample.Locales, ", "))
	}
	return run{judge.Request{Sample: smp, Language: in.Language, Code: in.Code, Mode: judge.Mode(in.Mode)}, in.Locale}, 0, ""
}

// run is a decoded run request: what to judge, and the locale to answer in.
type run struct {
	judge.Request
	locale string
}

// judge queues the request for a worker and answers with its report.
func (s *Server) judge(w http.ResponseWriter, r *http.Request, req run) {
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	stop := context.AfterFunc(s.cfg.Runs, cancel) // shutdown ends the run
	defer stop()
	queued := time.Now()
	var rep judge.Report
	var ran time.Duration
	err := s.cfg.Pool.Do(ctx, func(ctx context.Context, slot *sandbox.Slot) error {
		start := time.Now()
		defer func() { ran = time.Since(start) }()
		var err error
		rep, err = s.cfg.Judge.Run(ctx, slot, req.Request)
		return err
	})
	log := s.cfg.Logger.With(slog.String("sample", req.Sample.ID), slog.String("language", req.Language), slog.String("mode", string(req.Mode)))
	switch {
	case errors.Is(err, pool.ErrFull):
		log.Warn("run refused: queue full")
		tooMany(w, s.cfg.Pool.RetryAfter(), "the runner is busy: retry later")
	case err != nil && s.cfg.Runs.Err() != nil:
		writeError(w, http.StatusServiceUnavailable, "the runner is shutting down")
	case err != nil && r.Context().Err() != nil:
		log.Info("run abandoned by the client")
	case err != nil:
		log.Error("run failed", slog.String("error", err.Error()))
		writeError(w, http.StatusInternalServerError, "the runner failed to run the code")
	default:
		log.Info("run", slog.String("verdict", string(rep.Verdict)),
			slog.Float64("queued_ms", ms(ran, time.Since(queued))), slog.Float64("run_ms", ms(0, ran)))
		writeJSON(w, http.StatusOK, response(rep, req))
	}
}

// ms is b-a in milliseconds, for logs.
func ms(a, b time.Duration) float64 { return float64((b - a).Microseconds()) / 1000 }

// tooMany answers 429 with a Retry-After in whole seconds.
func tooMany(w http.ResponseWriter, wait time.Duration, msg string) {
	secs := int(math.Ceil(max(wait, time.Second).Seconds()))
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	writeError(w, http.StatusTooManyRequests, msg)
}

// response shapes a report for the wire, each test named in the request's
// locale; hidden cases lose all but their name and outcome here too,
// whatever the judge filled in.
func response(rep judge.Report, req run) runResponse {
	out := runResponse{Verdict: rep.Verdict, Tests: make([]any, 0, len(rep.Tests)), CompileOutput: rep.CompileOutput, Stderr: rep.Stderr}
	names := localNames(req)
	for _, t := range rep.Tests {
		ms := t.Time.Round(time.Millisecond).Milliseconds()
		name := cmp.Or(names[caseKey{t.Hidden, t.Name}], t.Name)
		if t.Hidden {
			out.Tests = append(out.Tests, hiddenTest{Name: name, Hidden: true, Verdict: t.Verdict, TimeMS: ms})
			continue
		}
		out.Tests = append(out.Tests, publicTest{Name: name, Verdict: t.Verdict, TimeMS: ms, Input: t.Input, Expected: t.Expected, Actual: t.Actual, Error: t.Error})
	}
	return out
}

// caseKey names a case of a sample: case names are unique in each tests file.
type caseKey struct {
	hidden bool
	name   string
}

// localNames maps the sample's cases to their names in the request's locale.
func localNames(req run) map[caseKey]string {
	names := map[caseKey]string{}
	if req.locale == "" || req.Sample == nil {
		return names
	}
	for _, c := range req.Sample.Public {
		names[caseKey{false, c.Name}] = c.NameIn(req.locale)
	}
	for _, c := range req.Sample.Hidden {
		names[caseKey{true, c.Name}] = c.NameIn(req.locale)
	}
	return names
}
