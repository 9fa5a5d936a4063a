// Command corpus writes a deterministic benchmark corpus of bilingual hiring
// guides: DIR/content for guides and DIR/hugo for the same pages as a Hugo
// site.
//
// Usage:
//
//	go run ./bench/cmd/corpus -pages N -out DIR [-seed S]
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"guides/bench/corpus"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
}

// run parses args and writes the corpus.
func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("corpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pages := fs.Int("pages", 1000, "guides per locale")
	out := fs.String("out", "", "output directory (required)")
	seed := fs.Uint64("seed", corpus.DefaultSeed, "PCG seed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("-out is required")
	}
	return corpus.WriteSite(*out, corpus.Config{Pages: *pages, Seed: *seed})
}
