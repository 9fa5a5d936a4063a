// Package api is runner-worker's HTTP interface: health and readiness, the
// public description of the samples, and runs of a candidate's code.
//
//	GET  /healthz     200 while the process lives
//	GET  /readyz      200 once samples are loaded and the sandbox proved itself, else 503
//	GET  /v1/samples  {"samples": [...]}: what a page may show of every sample
//	POST /v1/runs     {"sample", "language", "code", "mode": "run"|"submit"} → verdicts
//
// Errors are JSON, {"error": "what is wrong"}, with a 4xx status for a bad
// request and 429 with Retry-After when the client is over its rate or the
// run queue is full. CORS headers are sent, and preflights answered, only for
// the configured origins.
package api

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"guides/internal/sample"
	"guides/runner-worker/internal/judge"
	"guides/runner-worker/internal/pool"
	"guides/runner-worker/internal/sandbox"
)

// Judge judges one request in a sandbox slot; *judge.Judge is one.
type Judge interface {
	Run(ctx context.Context, r judge.Runner, req judge.Request) (judge.Report, error)
}

// Config is what a Server needs.
type Config struct {
	Samples map[string]*sample.Sample // loaded with secrets
	Judge   Judge
	Pool    *pool.Pool[*sandbox.Slot]
	Origins []string // allowed CORS origins
	Rate    float64  // runs per second per client IP; 0 means no limit
	Burst   int      // runs a client may make at once
	Logger  *slog.Logger
	// Runs is cancelled to end every run in flight, at shutdown.
	Runs context.Context
}

// Server serves the API.
type Server struct {
	cfg     Config
	samples []byte // the body of GET /v1/samples, made once
	origins map[string]bool
	limits  *clientLimits
	ready   atomic.Bool
}

// New returns a server; it is not ready until SetReady(true).
func New(cfg Config) (*Server, error) {
	body, err := publicSamples(cfg.Samples)
	if err != nil {
		return nil, err
	}
	if cfg.Runs == nil {
		cfg.Runs = context.Background()
	}
	s := &Server{cfg: cfg, samples: body, origins: map[string]bool{}}
	for _, o := range cfg.Origins {
		s.origins[o] = true
	}
	if cfg.Rate > 0 {
		s.limits = newClientLimits(cfg.Rate, max(cfg.Burst, 1), maxClients)
	}
	return s, nil
}

// SetReady says whether the server may take runs; /readyz reports it.
func (s *Server) SetReady(ready bool) { s.ready.Store(ready) }

// Handler returns the API's routes with logging, CORS and panic recovery.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.HandleFunc("GET /v1/samples", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(s.samples)
	})
	mux.HandleFunc("POST /v1/runs", s.runs)
	mux.HandleFunc("OPTIONS /", s.preflight)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if allow, ok := endpoints[r.URL.Path]; ok {
			w.Header().Set("Allow", allow+", OPTIONS")
			writeError(w, http.StatusMethodNotAllowed, r.Method+" "+r.URL.Path+": use "+allow)
			return
		}
		writeError(w, http.StatusNotFound, "no such endpoint: "+r.Method+" "+r.URL.Path)
	})
	return s.logged(s.cors(s.recovered(mux)))
}

// endpoints are the methods each path answers, for the 405 a request by
// another method gets.
var endpoints = map[string]string{"/healthz": "GET, HEAD", "/readyz": "GET, HEAD", "/v1/samples": "GET, HEAD", "/v1/runs": "POST"}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	if !s.ready.Load() {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "not ready"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

// recovered turns a panic in a handler into a 500 rather than a dropped
// connection.
func (s *Server) recovered(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				writeError(w, http.StatusInternalServerError, "internal error")
				s.cfg.Logger.Error("panic in handler", "panic", v, "path", r.URL.Path)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// statusWriter remembers the status a handler wrote, for the log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// logged logs every request but health checks, once it is answered.
func (s *Server) logged(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if r.URL.Path == "/healthz" || r.URL.Path == "/readyz" {
			return
		}
		s.cfg.Logger.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", sw.status), slog.String("client", clientIP(r)),
			slog.Float64("ms", float64(time.Since(start).Microseconds())/1000))
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}
