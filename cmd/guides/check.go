package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"guides/internal/output"
	"guides/internal/site"
)

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	var c common
	c.register(fs)
	if !parse(fs, args, stderr) {
		return 2
	}
	if errs := c.checkDirs(); len(errs) > 0 {
		return report(stderr, errs)
	}
	b, errs := site.New(c.config())
	if len(errs) > 0 {
		return report(stderr, errs)
	}
	mem := output.NewMemory()
	res, errs := b.Build(ctx, mem)
	if len(errs) > 0 {
		return report(stderr, errs)
	}
	if errs := site.CheckLinks(res, mem); len(errs) > 0 {
		return report(stderr, errs)
	}
	fmt.Fprintf(stdout, "checked %d pages: no problems\n", len(res.Pages))
	return 0
}
