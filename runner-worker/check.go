package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"guides/internal/sample"
	"guides/runner-worker/internal/judge"
	"guides/runner-worker/internal/sandbox"
	"guides/runner-worker/internal/selftest"
)

// errProblems is what checkSamples returns when it printed problems: the
// program exits with status 1 without saying more.
var errProblems = errors.New("the samples have problems")

// checkSamples is -check-samples. It proves the sandbox as the runner does
// at start-up (selftest.Sandbox), then judges every sample's reference
// solution on every case and runs every starter (selftest.CheckSamples). It
// prints each problem on stdout as "path:line: message", path being the
// file under -samples (dir/<id>/<lang>/solution.<ext> or starter.<ext>) and
// line the one the compiler named, else 1; hidden cases appear by name and
// verdict only. Then one summary line. Problems with the samples' files
// (their format) are printed the same way, and then nothing is judged. It
// returns errProblems when it found any, and another error when the sandbox
// or the toolchain failed, before judging anything.
func checkSamples(ctx context.Context, cfg config, stdout, stderr io.Writer) error {
	samples, errs := sample.LoadAll(os.DirFS(cfg.samples), ".", sample.Options{Secrets: true})
	if len(errs) > 0 {
		for _, e := range errs.Sort() {
			fmt.Fprintf(stdout, "%s:%d: %s\n", filepath.Join(cfg.samples, e.Pos.File), max(e.Pos.Line, 1), e.Msg)
		}
		fmt.Fprintf(stdout, "the samples' files have %s: nothing was judged\n", count(len(errs), "problem"))
		return errProblems
	}
	if len(samples) == 0 {
		return fmt.Errorf("no samples in %s", cfg.samples)
	}
	host, err := sandbox.NewHost(sandbox.Options{Insecure: cfg.insecure, NoCgroups: cfg.noCgroups, UIDBase: cfg.uidBase})
	if err != nil {
		return err
	}
	if host.Mode() == sandbox.ModeNone {
		fmt.Fprintln(stderr, "runner-worker: INSECURE: -insecure-no-sandbox: the samples' code runs without any sandbox and the isolation probes are skipped")
	}
	if err := cfg.toolchain.Check(languages(samples)); err != nil {
		return fmt.Errorf("toolchain: %w", err)
	}
	hostFile, err := secretFile(cfg.samples, samples)
	if err != nil {
		return err
	}
	slot, err := host.NewSlot()
	if err != nil {
		return err
	}
	defer slot.Close()
	sc := selftest.Config{
		Slot: slot, Mode: host.Mode(), Python: cfg.toolchain.Python, HostFile: hostFile,
		Judge: judge.New(cfg.toolchain), Samples: samples,
	}
	if _, err := selftest.Sandbox(ctx, sc); err != nil {
		return fmt.Errorf("self-test: %w", err)
	}
	problems, err := selftest.CheckSamples(ctx, sc)
	if err != nil {
		return err
	}
	langs := 0
	for _, s := range samples {
		langs += len(s.Languages)
	}
	for _, p := range problems {
		fmt.Fprintf(stdout, "%s:%d: %s\n", problemFile(cfg.samples, samples[p.Sample], p), max(p.Line, 1), p.Msg)
	}
	what := fmt.Sprintf("checked %s in %d languages (sandbox %s)", count(len(samples), "sample"), langs, host.Mode())
	if len(problems) == 0 {
		fmt.Fprintf(stdout, "%s: every reference passes every test, every starter builds and runs\n", what)
		return nil
	}
	fmt.Fprintf(stdout, "%s: %s\n", what, count(len(problems), "problem"))
	return errProblems
}

// count is n of a noun: "1 problem", "2 problems".
func count(n int, noun string) string {
	if n != 1 {
		noun += "s"
	}
	return fmt.Sprintf("%d %s", n, noun)
}

// problemFile is the path of the file a problem is about, under dir.
func problemFile(dir string, s *sample.Sample, p selftest.Problem) string {
	ext, _ := sample.Ext(p.Language)
	return filepath.Join(dir, s.Dir, p.Language, p.File+"."+ext)
}
