package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"guides/runner-worker/internal/judge"
	"guides/runner-worker/internal/sandbox"
)

// config is the command line.
type config struct {
	addr      string
	samples   string
	origins   []string
	workers   int
	queue     int
	insecure  bool
	noCgroups bool
	uidBase   int
	rate      float64
	burst     int
	toolchain judge.Toolchain
	// checkSamples is -check-samples: judge every sample's code once and
	// exit instead of serving (check.go).
	checkSamples bool
}

// originList is a repeatable -origin flag.
type originList []string

func (o *originList) String() string { return strings.Join(*o, ",") }
func (o *originList) Set(v string) error {
	if !strings.HasPrefix(v, "http://") && !strings.HasPrefix(v, "https://") {
		return fmt.Errorf("origin %q must start with http:// or https://", v)
	}
	*o = append(*o, strings.TrimSuffix(v, "/"))
	return nil
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	c := config{toolchain: judge.DefaultToolchain()}
	fs := flag.NewFlagSet("runner-worker", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8090", "address to listen on")
	fs.StringVar(&c.samples, "samples", "content/samples", "directory of the coding samples")
	fs.Var((*originList)(&c.origins), "origin", "a site origin allowed by CORS, such as https://guides.example (repeatable)")
	fs.IntVar(&c.workers, "workers", 2, "runs at once: one per core is the knee")
	fs.IntVar(&c.queue, "queue", 0, "runs waiting for a worker before 429 (0: 4 × workers)")
	fs.BoolVar(&c.insecure, "insecure-no-sandbox", false, "run code WITHOUT any sandbox, as this user: development only")
	fs.BoolVar(&c.noCgroups, "no-cgroups", false, "bound memory and processes with rlimits even where cgroups work")
	fs.IntVar(&c.uidBase, "uid-base", sandbox.DefaultUIDBase, "first uid of the worker slots' range (256 uids)")
	fs.Float64Var(&c.rate, "rate", 2, "runs per second allowed per client IP (0: no limit)")
	fs.IntVar(&c.burst, "burst", 10, "runs a client IP may make at once")
	fs.StringVar(&c.toolchain.GoCache, "gocache", c.toolchain.GoCache, "Go build cache holding std (make runner-deps)")
	fs.StringVar(&c.toolchain.GoRoot, "goroot", c.toolchain.GoRoot, "GOROOT of the Go toolchain candidates' code builds with")
	fs.BoolVar(&c.checkSamples, "check-samples", false, "run the sandbox self-test, judge every sample's reference (all cases) and starter once, print problems as path:line: message, and exit (1 on problems) instead of serving")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	if c.workers < 1 || c.queue < 0 {
		return c, errors.New("-workers must be at least 1 and -queue at least 0")
	}
	if c.queue == 0 {
		c.queue = 4 * c.workers
	}
	return c, nil
}
