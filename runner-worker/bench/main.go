// Command bench measures runner-worker on this machine and prints one
// Markdown table: per language, a Submit of the reference solution through
// HTTP against the same cases run bare (no sandbox); the sandbox's overhead
// per process; a load run on loopback against what the same sandbox
// sustains without HTTP in the same run; and a check that nothing leaked.
//
//	go run ./runner-worker/bench [-samples content/samples] [-n 20] [-load 15s] [-clients 8]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"sort"
	"time"

	"guides/internal/sample"
	"guides/runner-worker/internal/api"
	"guides/runner-worker/internal/judge"
	"guides/runner-worker/internal/pool"
	"guides/runner-worker/internal/sandbox"
)

// uidBase is a uid range no runner or test uses, so that the leak check
// counts only the benchmark's own processes.
const uidBase = 4_200_000

type options struct {
	samples string
	n       int
	load    time.Duration
	clients int
	workers int
}

func main() {
	var o options
	flag.StringVar(&o.samples, "samples", "content/samples", "directory of the coding samples")
	flag.IntVar(&o.n, "n", 20, "submissions measured per language")
	flag.DurationVar(&o.load, "load", 15*time.Second, "duration of each load run")
	flag.IntVar(&o.clients, "clients", 8, "concurrent clients in the load runs")
	flag.IntVar(&o.workers, "workers", 2, "runner workers")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// rig is everything the measurements use.
type rig struct {
	samples map[string]*sample.Sample
	judge   *judge.Judge
	slots   []*sandbox.Slot
	bare    *sandbox.Slot
	pool    *pool.Pool[*sandbox.Slot]
	url     string
	client  *http.Client
	work    []judge.Request // one reference submission per language
}

func run(ctx context.Context, o options, out io.Writer) error {
	r, closeRig, err := newRig(ctx, o)
	if err != nil {
		return err
	}
	var rows [][]string
	for _, req := range r.work {
		row, err := r.submissions(ctx, req, o.n)
		if err != nil {
			closeRig()
			return err
		}
		rows = append(rows, row)
	}
	row, err := r.overhead(ctx)
	if err != nil {
		closeRig()
		return err
	}
	rows = append(rows, row)
	rows = append(rows, r.loadRows(ctx, o)...)
	if err := closeRig(); err != nil {
		return err
	}
	rows = append(rows, leakRow())
	printTable(out, rows)
	return nil
}

func newRig(ctx context.Context, o options) (*rig, func() error, error) {
	samples, errs := sample.LoadAll(os.DirFS(o.samples), ".", sample.Options{Secrets: true})
	if len(errs) > 0 || len(samples) == 0 {
		return nil, nil, fmt.Errorf("load samples from %s: %v", o.samples, errs)
	}
	host, err := sandbox.NewHost(sandbox.Options{UIDBase: uidBase})
	if err != nil {
		return nil, nil, err
	}
	bareHost, _ := sandbox.NewHost(sandbox.Options{Insecure: true})
	r := &rig{samples: samples, judge: judge.New(judge.DefaultToolchain())}
	r.bare, _ = bareHost.NewSlot()
	for range o.workers {
		s, err := host.NewSlot()
		if err != nil {
			return nil, nil, err
		}
		r.slots = append(r.slots, s)
	}
	r.pool = pool.New(r.slots, 4*o.workers)
	srv, err := api.New(api.Config{Samples: samples, Judge: r.judge, Pool: r.pool, Logger: slog.New(slog.NewJSONHandler(io.Discard, nil))})
	if err != nil {
		return nil, nil, err
	}
	srv.SetReady(true)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, err
	}
	hs := &http.Server{Handler: srv.Handler()}
	go hs.Serve(l)
	r.url = "http://" + l.Addr().String()
	r.client = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: o.clients}}
	r.work = workload(samples)
	closeRig := func() error {
		hs.Shutdown(context.Background())
		err := r.bare.Close()
		for _, s := range r.slots {
			err = errors.Join(err, s.Close())
		}
		return err
	}
	return r, closeRig, nil
}

// workload picks one sample per language, rate-limiter where it has the
// language, and submits its reference solution.
func workload(samples map[string]*sample.Sample) []judge.Request {
	ids := make([]string, 0, len(samples))
	for id := range samples {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if (ids[i] == "rate-limiter") != (ids[j] == "rate-limiter") {
			return ids[i] == "rate-limiter"
		}
		return ids[i] < ids[j]
	})
	var out []judge.Request
	for _, lang := range []string{"python", "javascript", "go", "sql"} {
		for _, id := range ids {
			s := samples[id]
			if slices.Contains(s.Languages, lang) {
				out = append(out, judge.Request{Sample: s, Language: lang, Code: s.Code[lang].Solution, Mode: judge.ModeSubmit})
				break
			}
		}
	}
	return out
}
