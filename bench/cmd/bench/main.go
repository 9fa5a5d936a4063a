// Command bench measures a full build of a synthetic bilingual site with
// guides, with Hugo, and with goldmark alone (the floor), and prints one
// Markdown table of median wall times, peak memory and the ratios the design
// sets as targets.
//
// Usage (from the repository root):
//
//	go run ./bench/cmd/bench [-pages 1000,5000] [-runs 3] [-only guides,hugo,floor,guides-cold,hugo-guides]
//
// "guides" is `guides build` with a search index cache of its own, which its
// warm-up run fills: its timed runs are rebuilds of unchanged content, as an
// editor's are, and the targets are read off them. "guides-cold" runs once
// per size without a cache, so Pagefind indexes every guide: a first build.
// "hugo" builds the same pages with a minimal layout (see bench/corpus);
// "hugo-guides" runs once per size and builds the guide pages alone, as the
// comparison did before Hugo wrote the readers' pages too. The table counts
// the HTML files each tool wrote.
//
// -pages counts guides per locale; the table counts both locales. The tools
// run in rounds, each tool once per round, so load drift on a shared machine
// hits them alike: one warm-up round, then -runs timed rounds. The table
// shows the median wall and CPU time and the highest peak RSS. The exit
// status is 0 even when a target is missed, since the table is a report; it
// is 1 when a tool fails to build, exits non-zero or writes too few pages.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"guides/bench/corpus"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// options are the parsed command line.
type options struct {
	sizes []int
	runs  int
	only  map[string]bool
	root  string
	seed  uint64
}

// run benchmarks every size with every selected tool and prints the table to
// stdout; progress goes to stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	opts, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "guides-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	tools, err := prepareTools(ctx, opts, tmp, stderr)
	if err != nil {
		return err
	}
	var results []result
	for _, n := range opts.sizes {
		rs, err := benchSize(ctx, opts, tools, n, tmp, stderr)
		if err != nil {
			return err
		}
		results = append(results, rs...)
	}
	return writeTable(stdout, results)
}

// benchSize generates the corpus of n pages per locale and measures every
// tool on it, removing the corpus afterwards.
func benchSize(ctx context.Context, opts options, tools []tool, n int, tmp string, stderr io.Writer) ([]result, error) {
	dir := filepath.Join(tmp, "corpus-"+strconv.Itoa(n))
	defer os.RemoveAll(dir)
	fmt.Fprintf(stderr, "generating %d pages per locale in %s\n", n, dir)
	if err := corpus.WriteSite(dir, corpus.Config{Pages: n, Seed: opts.seed}); err != nil {
		return nil, err
	}
	fmt.Fprintf(stderr, "measuring %d pages: %d warm-up round, %d timed\n", 2*n, 1, opts.runs)
	return measureAll(ctx, tools, dir, 2*n, opts.runs, stderr)
}

// parseFlags parses args into options.
func parseFlags(args []string, stderr io.Writer) (options, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pages := fs.String("pages", "1000,5000", "comma-separated guide counts per locale")
	runs := fs.Int("runs", 3, "timed runs per tool, after one warm-up")
	only := fs.String("only", strings.Join(toolNames(), ","), "comma-separated tools to run: "+strings.Join(toolNames(), ", "))
	root := fs.String("root", "", "repository root (default: the nearest parent directory with go.mod)")
	seed := fs.Uint64("seed", corpus.DefaultSeed, "corpus seed")
	if err := fs.Parse(args); err != nil {
		return options{}, err
	}
	opts := options{runs: *runs, seed: *seed, root: *root, only: map[string]bool{}}
	if opts.runs < 1 {
		return opts, errors.New("-runs must be at least 1")
	}
	var err error
	if opts.sizes, err = parseSizes(*pages); err != nil {
		return opts, err
	}
	if opts.only, err = parseOnly(*only); err != nil {
		return opts, err
	}
	if opts.root == "" {
		opts.root, err = findRoot()
	}
	return opts, err
}

// parseSizes parses "1000,5000".
func parseSizes(s string) ([]int, error) {
	var sizes []int
	for f := range strings.SplitSeq(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-pages: bad page count %q", f)
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}

// parseOnly parses "hugo,floor" into a set of known tool names.
func parseOnly(s string) (map[string]bool, error) {
	set := map[string]bool{}
	for f := range strings.SplitSeq(s, ",") {
		name := strings.TrimSpace(f)
		if !isTool(name) {
			return nil, fmt.Errorf("-only: unknown tool %q (want %s)", name, strings.Join(toolNames(), ", "))
		}
		set[name] = true
	}
	return set, nil
}

// findRoot returns the nearest directory at or above the working directory
// that holds go.mod: guides reads templates, locales and assets from there.
func findRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory; pass -root")
		}
		dir = parent
	}
}
