package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"guides/internal/diag"
	"guides/internal/output"
	"guides/internal/sample"
	"guides/internal/site"
	"guides/internal/translation"
)

// runCheck is `guides check [-content DIR] [-root DIR] [-strict] [-samples]`.
//
// It validates everything build does, the samples' hidden cases and
// reference solutions, and every link and anchor of the rendered pages,
// then prints the translation report (package translation) on stdout: a
// table, or "translations: complete". The report's findings
// are not errors unless -strict is given; then each is also printed on
// stderr as "path:line: message" and the exit status is 1. -samples also
// runs every sample's reference solution and starter through runner-worker's
// sandbox (runner-worker -check-samples) and adds its problems to the
// errors.
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	var c common
	c.register(fs)
	strict := fs.Bool("strict", false, "make every finding of the translation report an error (exit status 1)")
	samples := fs.Bool("samples", false, "also judge every sample's reference and starter in runner-worker's sandbox (needs root and bubblewrap)")
	if status, ok := parse(fs, args, stdout, stderr); !ok {
		return status
	}
	if errs := c.checkDirs(); len(errs) > 0 {
		return c.report(stderr, errs)
	}
	cfg := c.config()
	b, errs := site.New(cfg)
	if len(errs) > 0 {
		return c.report(stderr, errs)
	}
	mem := output.NewMemory()
	res, errs := b.Build(ctx, mem)
	errs.Append(checkSecrets(cfg))
	if len(errs) > 0 {
		return c.report(stderr, errs)
	}
	if errs := site.CheckLinks(res, mem); len(errs) > 0 {
		return c.report(stderr, errs)
	}
	findings := translation.Report(res.Site, b.Catalog().Gaps(), translation.Options{
		ContentDir: cfg.ContentDir,
		LocalesDir: filepath.ToSlash(filepath.Clean(filepath.Join(c.root, "locales"))),
		Has:        b.Catalog().Has,
	})
	var problems diag.List
	var summary []string
	if *samples {
		if len(res.Site.Samples) == 0 {
			summary = append(summary, "samples: none to check")
		} else {
			var errs diag.List
			summary, errs = checkSamples(ctx, c, path.Join(cfg.ContentDir, "samples"))
			problems.Append(errs)
		}
	}
	if *strict {
		problems.Append(translation.Errors(findings))
	}
	if len(problems) == 0 {
		fmt.Fprintf(stdout, "checked %d pages: no problems\n", len(res.Pages))
	}
	translation.WriteTable(stdout, findings)
	for _, l := range summary {
		fmt.Fprintln(stdout, l)
	}
	if len(problems) > 0 {
		return c.report(stderr, problems)
	}
	return 0
}

// checkSecrets loads the samples' hidden cases and reference solutions,
// which build never reads, and returns their problems: a hidden.yaml that
// does not parse stops runner-worker, so check must not pass it. Problems
// of the public parts repeat the build's, and report drops the repeats.
func checkSecrets(cfg site.Config) diag.List {
	_, errs := sample.LoadAll(cfg.Content, "samples", sample.Options{Secrets: true})
	for _, e := range errs {
		e.Pos.File = path.Join(cfg.ContentDir, e.Pos.File)
	}
	return errs
}

// checkSamples runs runner-worker -check-samples on the samples directory,
// named dir in messages, and returns its summary lines and its problems,
// with their paths under dir.
func checkSamples(ctx context.Context, c common, dir string) (summary []string, errs diag.List) {
	abs, err := filepath.Abs(filepath.Join(c.content, "samples"))
	if err != nil {
		errs.Add(diag.Pos{File: dir}, "%v", err)
		return nil, errs
	}
	cmd := runnerCommand(ctx, c.root, abs)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	runErr := cmd.Run()
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		line := sc.Text()
		m := problemLine.FindStringSubmatch(line)
		if m == nil {
			if strings.TrimSpace(line) != "" {
				summary = append(summary, line)
			}
			continue
		}
		file := m[1]
		if rel, err := filepath.Rel(abs, file); err == nil && !strings.HasPrefix(rel, "..") {
			file = path.Join(dir, filepath.ToSlash(rel))
		}
		n, _ := strconv.Atoi(m[2])
		errs.Add(diag.Pos{File: file, Line: n}, "%s", m[3])
	}
	if runErr != nil && len(errs) == 0 {
		why := strings.TrimSpace(errb.String())
		if strings.Contains(why, "flag provided but not defined: -check-samples") {
			why = "this runner-worker predates -check-samples: rebuild it (make build)"
		}
		errs.Add(diag.Pos{File: dir}, "%s -check-samples: %v: %s", strings.Join(cmd.Args[:len(cmd.Args)-3], " "), runErr, why)
	}
	return summary, errs
}

// problemLine is a problem runner-worker -check-samples prints.
var problemLine = regexp.MustCompile(`^(.+?):(\d+): (.*)$`)

// runnerCommand is how -samples runs runner-worker on the samples in the
// absolute directory samples: the executable runner-worker next to this
// program, else the one on PATH, else `go run ./runner-worker` in the
// project directory root.
func runnerCommand(ctx context.Context, root, samples string) *exec.Cmd {
	args := []string{"-check-samples", "-samples", samples}
	if exe, err := os.Executable(); err == nil {
		p := filepath.Join(filepath.Dir(exe), "runner-worker")
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() && st.Mode()&0o111 != 0 {
			return exec.CommandContext(ctx, p, args...)
		}
	}
	if p, err := exec.LookPath("runner-worker"); err == nil {
		return exec.CommandContext(ctx, p, args...)
	}
	cmd := exec.CommandContext(ctx, "go", append([]string{"run", "./runner-worker"}, args...)...)
	cmd.Dir = root
	return cmd
}
