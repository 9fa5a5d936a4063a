package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
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
	cache := fs.String("cache", defaultSearchCache(), "`directory` keeping the last search indexes, reused when the guide pages did not change (\"\" for no cache)")
	if !parse(fs, args, stderr) {
		return 2
	}
	if errs := c.checkDirs(); len(errs) > 0 {
		return report(stderr, errs)
	}
	cfg := c.config()
	cfg.BaseURL, cfg.RunnerURL, cfg.Minify, cfg.Drafts = *baseURL, *runner, *minify, *drafts
	if os.Getenv("GOGC") == "" {
		// A build allocates many times the heap it keeps: collecting half as
		// often saves a tenth of its CPU time for a third more memory
		// (10,000 guides: 1.5 s of 20 s, 0.65 to 0.97 GB).
		debug.SetGCPercent(200)
	}
	start := time.Now()
	b, errs := site.New(cfg)
	if len(errs) > 0 {
		return report(stderr, errs)
	}
	staged, err := output.Stage(*out)
	if err != nil {
		fmt.Fprintf(stderr, "guides build: %v\n", err)
		return 1
	}
	res, errs := b.Build(ctx, staged)
	if len(errs) > 0 {
		staged.Abort()
		return report(stderr, errs)
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
	fmt.Fprintf(stdout, "built %d pages into %s in %s\n", len(res.Pages), *out, time.Since(start).Round(time.Millisecond))
	return 0
}

// defaultSearchCache is guides/search in the user's cache directory, or ""
// (no cache) when there is none, as without $HOME.
func defaultSearchCache() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "guides", "search")
}
