package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"guides/internal/output"
	"guides/internal/site"
)

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	var c common
	c.register(fs)
	out := fs.String("out", "public", "output `directory`, replaced only after a successful build")
	baseURL := fs.String("base-url", "http://localhost:1313", "absolute `URL` of the published site")
	runner := fs.String("runner-url", "http://127.0.0.1:8090", "`URL` of runner-worker for try blocks")
	minify := fs.Bool("minify", false, "minify HTML")
	drafts := fs.Bool("drafts", false, "include draft guides")
	cache := fs.String("cache", defaultCache(), "`directory` keeping what the next build reuses: the last search indexes, and the highlighted code blocks (\"\" for no cache)")
	if status, ok := parse(fs, args, stdout, stderr); !ok {
		return status
	}
	for _, err := range []error{
		checkBaseURL(*baseURL),
		checkURL("runner-url", *runner, "http://127.0.0.1:8090"),
		c.checkOut(*out),
		c.checkCache(*cache, *out),
	} {
		if err != nil {
			return usageError(fs, "%v", err)
		}
	}
	if errs := c.checkDirs(); len(errs) > 0 {
		return c.report(stderr, errs)
	}
	if loopback(*runner) && !loopback(*baseURL) {
		fmt.Fprintf(stderr, "guides build: warning: the site is for %s but its try blocks send code to %s, on each visitor's own machine: give -runner-url the runner's public URL\n", *baseURL, *runner)
	}
	cfg := c.config()
	cfg.BaseURL, cfg.RunnerURL, cfg.Minify, cfg.Drafts = *baseURL, *runner, *minify, *drafts
	if os.Getenv("GOGC") == "" {
		// A build allocates many times the heap it keeps, so it collects
		// half as often as Go's default. Not less often: on a virtual
		// machine that hands freed memory back to its host (free page
		// reporting), touching memory again costs about a second of
		// system time a gigabyte, more than the collections it saves.
		debug.SetGCPercent(200)
	}
	start := time.Now()
	b, errs := site.New(cfg)
	if len(errs) > 0 {
		return c.report(stderr, errs)
	}
	if *cache != "" {
		if err := b.LoadCode(*cache); err != nil {
			fmt.Fprintf(stdout, "highlight: cache not used: %v\n", err)
		}
	}
	staged, err := output.Stage(*out)
	if err != nil {
		fmt.Fprintf(stderr, "guides build: %v\n", err)
		return 1
	}
	res, errs := b.Build(ctx, staged)
	if len(errs) > 0 {
		staged.Abort()
		return c.report(stderr, errs)
	}
	// An earlier site's bundle stays for IndexSearch to keep or replace;
	// its pages go before the search reads the site.
	staged.Keep(site.SearchBundle)
	if err := staged.Prune(); err != nil {
		staged.Abort()
		fmt.Fprintf(stderr, "guides build: %v\n", err)
		return 1
	}
	if err := site.IndexSearch(ctx, c.root, staged.Dir(), *cache, res.Sums, stdout); err != nil {
		staged.Abort()
		fmt.Fprintf(stderr, "guides build: %v\n", err)
		return 1
	}
	if err := staged.Commit(); err != nil {
		staged.Abort()
		fmt.Fprintf(stderr, "guides build: %v\n", err)
		return 1
	}
	if *cache != "" {
		if err := b.SaveCode(*cache); err != nil {
			fmt.Fprintf(stdout, "highlight: cache not saved: %v\n", err)
		}
	}
	fmt.Fprintf(stdout, "built %d pages into %s in %s\n", len(res.Pages), *out, time.Since(start).Round(time.Millisecond))
	return 0
}

// defaultCache is guides/build in the user's cache directory, or "" (no
// cache) when there is none, as without $HOME. It keeps search indexes and
// highlighted code, both for the next build.
func defaultCache() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "guides", "build")
}

// checkOut returns an error if the build may not publish into out.
// Publishing moves what is at out aside (to .NAME.prev), so out must be a
// directory that neither is nor holds one the build reads, and it must not
// be inside the content, which the next build would read the site as.
func (c *common) checkOut(out string) error {
	o, err := resolve(out)
	if err != nil {
		return fmt.Errorf("-out %q: %v", out, err)
	}
	for _, in := range c.inputs() {
		p, err := resolve(in.path)
		if err != nil {
			return fmt.Errorf("%s: %v", in.what, err)
		}
		switch {
		case o == p:
			return fmt.Errorf("-out %q is %s: the build would replace %s; %s", out, in.what, in.loses, in.fix)
		case within(o, p):
			return fmt.Errorf("-out %q contains %s: the build would replace %s; %s", out, in.what, in.loses, in.fix)
		case in.tree && within(p, o):
			return fmt.Errorf("-out %q is inside %s: the next build would read the site as content; %s", out, in.what, in.fix)
		}
	}
	if st, err := os.Stat(out); err == nil && !st.IsDir() {
		return fmt.Errorf("-out %q is not a directory: the build would replace it with one; remove it or choose another output directory", out)
	}
	return nil
}

// checkCache returns an error if the search cache at cache would be read as
// content or replaced with the site: it may not be or sit inside the
// content or the output directory. "" is no cache.
func (c *common) checkCache(cache, out string) error {
	if cache == "" {
		return nil
	}
	dir, err := resolve(cache)
	if err != nil {
		return fmt.Errorf("-cache %q: %v", cache, err)
	}
	for _, in := range []struct{ flag, path, why string }{
		{"content", c.content, "the next build would read it as content"},
		{"out", out, "each build would replace it"},
	} {
		p, err := resolve(in.path)
		if err != nil {
			return fmt.Errorf("-%s %q: %v", in.flag, in.path, err)
		}
		if dir == p || within(p, dir) || within(dir, p) {
			return fmt.Errorf("-cache %q overlaps the %s directory (-%s %q): %s; choose a directory outside it", cache, in.flag, in.flag, in.path, in.why)
		}
	}
	return nil
}

// input is a directory the build reads, for checkOut's messages.
type input struct {
	path  string
	what  string // what it is, naming the flag that set it
	loses string // what replacing it would take away
	fix   string // which -out to give instead
	tree  bool   // the build reads all of it, subdirectories included
}

// inputs are the directories the build reads: the content, the project
// directory and the three it holds, each of which -root may name apart.
func (c *common) inputs() []input {
	outside := "choose an output directory outside it"
	public := fmt.Sprintf("choose another output directory, such as %q", filepath.Join(c.root, "public"))
	in := []input{
		{c.content, fmt.Sprintf("the content directory (-content %q)", c.content), "it", outside, true},
		{c.root, fmt.Sprintf("the project directory (-root %q)", c.root), "templates/, locales/ and assets/", public, false},
	}
	for _, d := range []string{"templates", "locales", "assets"} {
		p := filepath.Join(c.root, d)
		in = append(in, input{p, fmt.Sprintf("the %s directory %q", d, p), "it", public, false})
	}
	return in
}

// resolve returns p absolute and cleaned, with the symbolic links in the
// part of it that exists resolved, so that any two names of one directory
// compare equal, whether it exists yet or not.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for dir := abs; ; dir = filepath.Dir(dir) {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(real, rest), nil
		}
		if filepath.Dir(dir) == dir {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}

// within reports whether the cleaned absolute path p is strictly inside dir.
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
