// Command floor is the benchmark's lower bound: goldmark alone, configured as
// the guides generator configures it, converting every Markdown file under a
// content directory to one HTML file each. No validation, templates, assets
// or directives: whatever guides spends beyond this is its own overhead.
//
// Usage:
//
//	floor -content DIR -out DIR
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"

	"guides/internal/markdown"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

// run parses args and converts the content tree.
func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("floor", flag.ContinueOnError)
	fs.SetOutput(stderr)
	content := fs.String("content", "content", "content directory to read")
	out := fs.String("out", "public", "directory to write HTML into")
	if err := fs.Parse(args); err != nil {
		return err
	}
	jobs, err := plan(*content, *out)
	if err != nil {
		return err
	}
	return convertAll(newMarkdown(), jobs, runtime.GOMAXPROCS(0))
}

// newMarkdown returns goldmark with the options internal/markdown gives it:
// its extensions, automatic heading ids and {#id} attributes. Keep the two
// in step, or the floor measures other work.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(markdown.Extensions()...),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
	)
}

// job is one Markdown file and the HTML file it becomes.
type job struct{ src, dst string }

// plan lists the Markdown files under content and creates the output
// directories, so workers only read, convert and write.
func plan(content, out string) ([]job, error) {
	var jobs []job
	err := filepath.WalkDir(content, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		rel, err := filepath.Rel(content, path)
		if err != nil {
			return err
		}
		dst := filepath.Join(out, strings.TrimSuffix(rel, ".md")+".html")
		jobs = append(jobs, job{path, dst})
		return os.MkdirAll(filepath.Dir(dst), 0o755)
	})
	return jobs, err
}

// convertAll converts jobs on n workers sharing md, and returns the first
// error.
func convertAll(md goldmark.Markdown, jobs []job, n int) error {
	ch := make(chan job)
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() { errs <- work(md, ch) })
	}
	for _, j := range jobs {
		ch <- j
	}
	close(ch)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// work converts jobs from ch until it is closed, reusing one buffer. After an
// error it keeps draining ch so the sender never blocks.
func work(md goldmark.Markdown, ch <-chan job) error {
	var buf bytes.Buffer
	var first error
	for j := range ch {
		if first != nil {
			continue
		}
		buf.Reset()
		first = convert(md, j, &buf)
	}
	return first
}

// convert turns one Markdown file into HTML.
func convert(md goldmark.Markdown, j job, buf *bytes.Buffer) error {
	src, err := os.ReadFile(j.src)
	if err != nil {
		return err
	}
	if err := md.Convert(body(src), buf); err != nil {
		return fmt.Errorf("%s: %w", j.src, err)
	}
	return os.WriteFile(j.dst, buf.Bytes(), 0o644)
}

// body returns src without its "---" front matter, if any.
func body(src []byte) []byte {
	rest, ok := bytes.CutPrefix(src, []byte("---\n"))
	if !ok {
		return src
	}
	if _, after, found := bytes.Cut(rest, []byte("\n---\n")); found {
		return after
	}
	return src
}
