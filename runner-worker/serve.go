package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"guides/internal/sample"
	"guides/runner-worker/internal/api"
	"guides/runner-worker/internal/judge"
	"guides/runner-worker/internal/pool"
	"guides/runner-worker/internal/sandbox"
	"guides/runner-worker/internal/selftest"
)

// serve starts the runner, serves until ctx ends, then ends every run and
// releases every sandbox slot.
func serve(ctx context.Context, cfg config, stderr io.Writer) (err error) {
	log := slog.New(slog.NewJSONHandler(stderr, nil))
	host, err := sandbox.NewHost(sandbox.Options{Insecure: cfg.insecure, NoCgroups: cfg.noCgroups, UIDBase: cfg.uidBase})
	if err != nil {
		return err
	}
	logMode(log, host)
	samples, err := loadSamples(cfg.samples)
	if err != nil {
		return err
	}
	if err := cfg.toolchain.Check(languages(samples)); err != nil {
		return fmt.Errorf("toolchain: %w", err)
	}
	slots, err := newSlots(host, cfg.workers)
	if err != nil {
		return err
	}
	p := pool.New(slots, cfg.queue)
	runs, endRuns := context.WithCancel(context.Background())
	defer endRuns()
	j := judge.New(cfg.toolchain)
	srv, err := api.New(api.Config{
		Samples: samples, Judge: j, Pool: p, Origins: cfg.origins,
		Rate: cfg.rate, Burst: cfg.burst, Logger: log, Runs: runs,
	})
	if err != nil {
		return errors.Join(err, closeSlots(slots))
	}
	l, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return errors.Join(err, closeSlots(slots))
	}
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(l) }()
	log.Info("listening", "addr", l.Addr().String(), "workers", cfg.workers, "queue", cfg.queue, "samples", len(samples))

	tested := make(chan error, 1)
	go func() { tested <- selfTest(ctx, log, host, p, j, samples, cfg) }()
	select {
	case err = <-tested:
		if err == nil {
			srv.SetReady(true)
			log.Info("ready")
			select {
			case <-ctx.Done():
			case err = <-served:
			}
		}
	case <-ctx.Done():
	case err = <-served:
	}
	return errors.Join(err, shutdown(log, srv, hs, endRuns, p))
}

// shutdown stops taking runs, ends those in flight, lets their handlers
// answer, and releases the slots.
func shutdown(log *slog.Logger, srv *api.Server, hs *http.Server, endRuns context.CancelFunc, p *pool.Pool[*sandbox.Slot]) error {
	log.Info("shutting down")
	srv.SetReady(false)
	endRuns()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := hs.Shutdown(ctx)
	slots, perr := p.Close(ctx)
	err = errors.Join(err, perr, closeSlots(slots))
	if err == nil {
		log.Info("stopped")
	}
	return err
}

func logMode(log *slog.Logger, host *sandbox.Host) {
	switch host.Mode() {
	case sandbox.ModeNone:
		log.Warn("INSECURE: -insecure-no-sandbox: candidates' code runs WITHOUT ANY SANDBOX, as this user, with this user's files and network. Never expose this runner.")
	case sandbox.ModeRlimit:
		log.Warn("sandbox without cgroups: memory is bounded per process and processes per uid", "mode", host.Mode(), "reason", host.Reason())
	default:
		log.Info("sandbox", "mode", host.Mode())
	}
}

func loadSamples(dir string) (map[string]*sample.Sample, error) {
	samples, errs := sample.LoadAll(os.DirFS(dir), ".", sample.Options{Secrets: true})
	if len(errs) > 0 {
		return nil, fmt.Errorf("samples in %s:\n%v", dir, errs)
	}
	if len(samples) == 0 {
		return nil, fmt.Errorf("no samples in %s", dir)
	}
	return samples, nil
}

func languages(samples map[string]*sample.Sample) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range samples {
		for _, l := range s.Languages {
			if !seen[l] {
				seen[l] = true
				out = append(out, l)
			}
		}
	}
	return out
}

func newSlots(host *sandbox.Host, n int) ([]*sandbox.Slot, error) {
	var slots []*sandbox.Slot
	for range n {
		s, err := host.NewSlot()
		if err != nil {
			return nil, errors.Join(err, closeSlots(slots))
		}
		slots = append(slots, s)
	}
	return slots, nil
}

func closeSlots(slots []*sandbox.Slot) error {
	var err error
	for _, s := range slots {
		err = errors.Join(err, s.Close())
	}
	return err
}

// selfTest proves the sandbox on one of the pool's slots before the runner
// says it is ready.
func selfTest(ctx context.Context, log *slog.Logger, host *sandbox.Host, p *pool.Pool[*sandbox.Slot], j *judge.Judge, samples map[string]*sample.Sample, cfg config) error {
	hostFile, err := secretFile(cfg.samples, samples)
	if err != nil {
		return err
	}
	var rep selftest.Report
	err = p.Do(ctx, func(ctx context.Context, slot *sandbox.Slot) error {
		var err error
		rep, err = selftest.Run(ctx, selftest.Config{
			Slot: slot, Mode: host.Mode(), Python: cfg.toolchain.Python, HostFile: hostFile,
			Judge: j, Samples: samples,
		})
		return err
	})
	if err != nil {
		return fmt.Errorf("self-test: %w", err)
	}
	attrs := []any{"overhead_ms", rep.Overhead.Milliseconds()}
	for k, d := range rep.References {
		attrs = append(attrs, k+"_ms", d.Milliseconds())
		if strings.HasSuffix(k, "/go") && d > slowGoBuild {
			log.Warn("Go builds are slow: is the std build cache made by this toolchain? (make runner-deps)", "sample", k, "ms", d.Milliseconds(), "gocache", cfg.toolchain.GoCache)
		}
	}
	log.Info("self-test passed", attrs...)
	return nil
}

// slowGoBuild is a build and run of a Go reference that took too long: a
// warm std cache makes it a fraction of a second.
const slowGoBuild = 2 * time.Second

// secretFile is a hidden test file on the host: what the self-test's probe
// must fail to read.
func secretFile(dir string, samples map[string]*sample.Sample) (string, error) {
	for id := range samples {
		return filepath.Abs(filepath.Join(dir, id, "tests", "hidden.yaml"))
	}
	return "", errors.New("no sample to take a secret file from")
}
