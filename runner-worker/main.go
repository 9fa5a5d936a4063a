// Command runner-worker runs candidates' code for the guides' coding samples
// in a sandbox and judges it against the samples' public and hidden cases.
//
// Usage:
//
//	runner-worker [-addr 127.0.0.1:8090] [-samples content/samples] [-origin URL]...
//	              [-workers N] [-queue N] [-insecure-no-sandbox]
//	runner-worker -check-samples [-samples content/samples]
//
// With -check-samples it serves nothing: it runs the sandbox self-test,
// judges every sample's reference solution on all its cases and runs every
// starter, prints each problem as "path:line: message" and a summary line on
// stdout, and exits with status 1 when there were problems (see check.go);
// `guides check -samples` runs it.
//
// See package guides/runner-worker/internal/api for the HTTP interface and
// package guides/runner-worker/internal/sandbox for the isolation. The runner
// refuses to start without bubblewrap unless -insecure-no-sandbox is given,
// which runs code bare, for development only.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) { // -h: the usage was asked for, and printed
			return
		}
		if !errors.Is(err, errProblems) { // -check-samples printed them
			fmt.Fprintln(os.Stderr, "runner-worker:", err)
		}
		os.Exit(1)
	}
}

// run is the whole program: it returns when ctx ends (a signal) and every
// run has ended, or when start-up fails.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	if cfg.checkSamples {
		return checkSamples(ctx, cfg, stdout, stderr)
	}
	return serve(ctx, cfg, stderr)
}
