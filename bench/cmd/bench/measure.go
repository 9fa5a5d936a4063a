package main

import (
	"context"
	"fmt"
	"io"
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
	cpu   time.Duration // median user+system time of the timed runs
	rss   int64         // peak resident set, bytes, the highest of the timed runs
	files int           // HTML files written
}

// rssMiB is the peak RSS in MiB.
func (r result) rssMiB() float64 {
	return float64(r.rss) / (1 << 20)
}

// sample is one timed run.
type sample struct {
	wall, cpu time.Duration
	rss       int64
	files     int
}

// measureAll runs every tool on the corpus in dir once to warm up, then runs
// rounds in which each tool runs once, each into a fresh output directory.
// Interleaving the tools spreads any drift in machine load evenly over them.
// No output is deleted until the corpus is: deleting tens of thousands of
// files leaves an ext4 file system (journal, discards) slow to create files
// for many seconds, which would land on whichever tool ran next. Between
// runs the file system is flushed. It checks that every tool wrote every
// page.
func measureAll(ctx context.Context, tools []tool, dir string, pages, runs int, stderr io.Writer) ([]result, error) {
	samples := make([][]sample, len(tools))
	for round := 0; round <= runs; round++ {
		for i, t := range tools {
			if t.once && round != 1 {
				continue
			}
			out := filepath.Join(dir, fmt.Sprintf("out-%s-%d", t.name, round))
			syscall.Sync()
			s, err := runOnce(ctx, t, dir, out)
			if err != nil {
				return nil, err
			}
			if s.files, err = checkOutput(t.name, out, pages); err != nil {
				return nil, err
			}
			fmt.Fprintf(stderr, "  round %d %s: %.2f s wall, %.2f s cpu, %.0f MiB\n",
				round, t.name, s.wall.Seconds(), s.cpu.Seconds(), float64(s.rss)/(1<<20))
			if round > 0 { // round 0 warms the page cache and the tools' own caches
				samples[i] = append(samples[i], s)
			}
		}
	}
	results := make([]result, len(tools))
	for i, t := range tools {
		results[i] = summarize(t.name, pages, samples[i])
	}
	return results, nil
}

// summarize reduces samples to the median wall time and the highest RSS.
func summarize(name string, pages int, samples []sample) result {
	r := result{pages: pages, tool: name}
	walls := make([]time.Duration, len(samples))
	cpus := make([]time.Duration, len(samples))
	for i, s := range samples {
		walls[i], cpus[i] = s.wall, s.cpu
		r.rss = max(r.rss, s.rss)
		r.files = s.files
	}
	r.wall, r.cpu = median(walls), median(cpus)
	return r
}

// runOnce runs one build of t into out, which does not exist yet, and
// returns its wall time, CPU time and peak RSS.
func runOnce(ctx context.Context, t tool, dir, out string) (sample, error) {
	cmd := t.command(ctx, dir, out)
	tail := &tailWriter{max: 4 << 10}
	cmd.Stdout, cmd.Stderr = tail, tail
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("%s failed: %w\n--- output tail ---\n%s", t.name, err, tail)
	}
	return sample{wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), rss: maxRSS(cmd.ProcessState)}, nil
}

// maxRSS reads the child's peak RSS from its rusage; Linux reports it in KiB.
func maxRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss << 10
	}
	return 0
}

// median returns the median of s, which must not be empty; it sorts s.
func median(s []time.Duration) time.Duration {
	slices.Sort(s)
	if n := len(s); n%2 == 0 {
		return (s[n/2-1] + s[n/2]) / 2
	}
	return s[len(s)/2]
}

// checkOutput counts the HTML files a tool wrote, and fails when it exited 0
// but wrote fewer than there are pages, so a silent no-op never passes for a
// fast build.
func checkOutput(name, out string, pages int) (int, error) {
	n := 0
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".html") {
			n++
		}
		return err
	})
	if err != nil {
		return n, fmt.Errorf("%s: check output: %w", name, err)
	}
	if n < pages {
		return n, fmt.Errorf("%s wrote %d HTML files for %d pages", name, n, pages)
	}
	return n, nil
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
