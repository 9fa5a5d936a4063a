package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"guides/internal/diag"
	"guides/internal/site"
)

// common are the flags every command that reads content shares.
type common struct {
	content string
	root    string
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.content, "content", "content", "content `directory`")
	fs.StringVar(&c.root, "root", ".", "project `directory` holding templates/, locales/ and assets/")
}

// parse parses args and rejects leftover arguments, which flag would
// otherwise ignore along with any flag after them. When it returns false,
// the command exits with status: 2 after a usage error, 0 after the help
// that -h asked for.
func parse(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (status int, ok bool) {
	if helpAsked(args) {
		fs.SetOutput(stdout)
		fs.Usage()
		return 0, false
	}
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return 2, false
	}
	if fs.NArg() > 0 {
		return usageError(fs, "unexpected argument %q", fs.Arg(0)), false
	}
	for _, name := range []string{"content", "root", "out"} {
		if f := fs.Lookup(name); f != nil && f.Value.String() == "" {
			return usageError(fs, "-%s is empty: give it a directory", name), false
		}
	}
	return 0, true
}

// helpAsked reports whether args ask for a command's help (-h, -help,
// --help) before any "--": it goes to stdout with exit status 0, as
// `guides help` does, not to stderr as a usage error.
func helpAsked(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "--h", "-help", "--help":
			return true
		}
	}
	return false
}

// usageError prints a problem with the command line on one line, then the
// command's usage, as flag does for its own errors, and returns exit
// status 2. fs must have been parsed, which sets its output.
func usageError(fs *flag.FlagSet, format string, args ...any) int {
	fmt.Fprintf(fs.Output(), "guides %s: %s\n", fs.Name(), fmt.Sprintf(format, args...))
	fs.Usage()
	return 2
}

// checkURL returns an error unless value, given to the flag name, is an
// absolute http or https URL with a host and neither query nor fragment:
// the site appends paths to it, so anything else makes broken links.
// example is a good value for the message.
func checkURL(name, value, example string) error {
	u, err := url.Parse(value)
	var uerr *url.Error
	if errors.As(err, &uerr) {
		err = uerr.Err // without the "parse" and the value, which the message has
	}
	switch {
	case err != nil:
		return fmt.Errorf("-%s %q is not an absolute http or https URL (%v): give one such as %s", name, value, err, example)
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Errorf("-%s %q is not an absolute http or https URL: give one such as %s", name, value, example)
	case u.Hostname() == "":
		return fmt.Errorf("-%s %q has no host: give one such as %s", name, value, example)
	case u.RawQuery != "" || u.ForceQuery:
		return fmt.Errorf("-%s %q has a query, which would come before the paths the site appends: remove it", name, value)
	case strings.Contains(value, "#"):
		return fmt.Errorf("-%s %q has a fragment, which would come before the paths the site appends: remove it", name, value)
	}
	return nil
}

// checkBaseURL is checkURL for -base-url, which also takes no credentials,
// and a path only in its clean form (/guides/): every page's links start
// with it.
func checkBaseURL(value string) error {
	const example = "https://guides.example.com"
	if err := checkURL("base-url", value, example); err != nil {
		return err
	}
	u, _ := url.Parse(value)
	if u.User != nil {
		return fmt.Errorf("-base-url %q has a user name or password, which every page would publish: remove it", value)
	}
	if p := strings.TrimRight(u.Path, "/"); p != "" && path.Clean(p) != p {
		clean := *u
		clean.Path, clean.RawPath = strings.TrimRight(path.Clean(u.Path), "/")+"/", ""
		return fmt.Errorf("-base-url %q has a path with empty, . or .. segments: give it as %s", value, clean.String())
	}
	return nil
}

// loopback reports whether a checked URL's host is this machine.
func loopback(value string) bool {
	u, err := url.Parse(value)
	if err != nil {
		return false
	}
	if ip := net.ParseIP(u.Hostname()); ip != nil {
		return ip.IsLoopback()
	}
	return u.Hostname() == "localhost"
}

func (c *common) config() site.Config {
	return site.Config{
		Content:      os.DirFS(c.content),
		ContentDir:   filepath.ToSlash(filepath.Clean(c.content)),
		Templates:    os.DirFS(filepath.Join(c.root, "templates")),
		Locales:      os.DirFS(filepath.Join(c.root, "locales")),
		TemplatesDir: filepath.ToSlash(filepath.Join(c.root, "templates")),
		LocalesDir:   filepath.ToSlash(filepath.Join(c.root, "locales")),
		AssetsDir:    filepath.Join(c.root, "assets"),
		BaseURL:      "http://localhost:1313",
		RunnerURL:    "http://127.0.0.1:8090",
	}
}

// checkDirs reports a content directory that does not exist, which would
// otherwise look like an empty site, and a project root without the
// templates, locales or assets a site is made with (guides run from
// another directory without -root).
func (c *common) checkDirs() diag.List {
	var errs diag.List
	if err := isDir(c.content); err != nil {
		errs.Add(diag.Pos{File: c.content}, "content directory: %v", err)
	}
	for _, d := range []string{"templates", "locales", "assets"} {
		p := filepath.Join(c.root, d)
		if err := isDir(p); err != nil {
			errs.Add(diag.Pos{File: p}, "%v: run guides from the project root, or give it with -root", err)
		}
	}
	return errs
}

func isDir(p string) error {
	st, err := os.Stat(p)
	if err == nil && !st.IsDir() {
		err = errors.New("not a directory")
	}
	var perr *fs.PathError
	if errors.As(err, &perr) {
		err = perr.Err // the path starts the message already
	}
	return err
}

// report is the package's report with paths as the user named the
// directories: under -content ./x/content, "./x/content/en/a.md", where
// the build joins cleaned paths ("x/content/en/a.md").
func (c *common) report(stderr io.Writer, errs diag.List) int {
	for _, e := range errs {
		e.Pos.File = asGiven(e.Pos.File, c.content, c.root)
	}
	return report(stderr, errs)
}

// asGiven rewrites the start of file, a cleaned path, to the longest of
// dirs it is in, as that directory was given.
func asGiven(file string, dirs ...string) string {
	best, as := "", ""
	for _, d := range dirs {
		clean := filepath.ToSlash(filepath.Clean(d))
		if clean == "." || len(clean) <= len(best) {
			continue
		}
		if file == clean || strings.HasPrefix(file, clean+"/") {
			best, as = clean, strings.TrimRight(filepath.ToSlash(d), "/")
		}
	}
	if best == "" || as == "" { // as is "" for "/"
		return file
	}
	return as + file[len(best):]
}

// report prints problems one per line and returns exit status 1.
func report(stderr io.Writer, errs diag.List) int {
	for _, e := range errs.Sort() {
		fmt.Fprintln(stderr, e)
	}
	return 1
}
