package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

// result is one tool's measurement on one corpus size.
type result struct {
	pages int // guides, both locales
	tool  string
	wall  time.Duration // median of the timed runs
	rss   int64         // peak resident set, bytes, the highest of the timed runs
}

// rssMiB is the peak RSS in MiB.
func (r result) rssMiB() float64 {
	return float64(r.rss) / (1 << 20)
}

// measure runs t on the corpus in dir once to warm up and then runs times,
// each into a fresh output directory, and checks that every page was written.
func measure(ctx context.Context, t tool, dir string, pages, runs int) (result, error) {
	r := result{pages: pages, tool: t.name}
	out := filepath.Join(dir, "out-"+t.name)
	var walls []time.Duration
	for i := 0; i <= runs; i++ {
		wall, rss, err := runOnce(ctx, t, dir, out)
		if err != nil {
			return r, err
		}
		if i > 0 { // run 0 warms the page cache and the tool's own caches
			walls = append(walls, wall)
			r.rss = max(r.rss, rss)
		}
	}
	r.wall = median(walls)
	return r, checkOutput(t.name, out, pages)
}

// runOnce runs one build of t into an empty out and returns its wall time
// and the child's peak RSS in bytes.
func runOnce(ctx context.Context, t tool, dir, out string) (time.Duration, int64, error) {
	if err := os.RemoveAll(out); err != nil {
		return 0, 0, err
	}
	cmd := t.command(ctx, dir, out)
	tail := &tailWriter{max: 4 << 10}
	cmd.Stdout, cmd.Stderr = tail, tail
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return 0, 0, fmt.Errorf("%s failed: %w\n--- output tail ---\n%s", t.name, err, tail)
	}
	return wall, maxRSS(cmd.ProcessState), nil
}

// maxRSS reads the child's peak RSS from its rusage; Linux reports it in KiB.
func maxRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss << 10
	}
	return 0
}

// median returns the median of ds, which must not be empty.
func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if n := len(s); n%2 == 0 {
		return (s[n/2-1] + s[n/2]) / 2
	}
	return s[len(s)/2]
}

// checkOutput fails when a tool exited 0 but wrote fewer HTML files than
// there are pages, so a silent no-op never passes for a fast build.
func checkOutput(name, out string, pages int) error {
	n := 0
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".html") {
			n++
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("%s: check output: %w", name, err)
	}
	if n < pages {
		return fmt.Errorf("%s wrote %d HTML files for %d pages", name, n, pages)
	}
	return nil
}

// tailWriter keeps the last max bytes written to it, for error reports.
type tailWriter struct {
	max int
	buf []byte
}

func (w *tailWriter) Write(p []byte) (int, error) {
	w.buf = append(w.buf, p...)
	if over := len(w.buf) - w.max; over > 0 {
		w.buf = w.buf[over:]
	}
	return len(p), nil
}

func (w *tailWriter) String() string { return string(w.buf) }
