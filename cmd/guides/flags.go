package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

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
// otherwise ignore along with any flag after them.
func parse(fs *flag.FlagSet, args []string, stderr io.Writer) bool {
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "guides %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return false
	}
	return true
}

func (c *common) config() site.Config {
	return site.Config{
		Content:    os.DirFS(c.content),
		ContentDir: filepath.ToSlash(filepath.Clean(c.content)),
		Templates:  os.DirFS(filepath.Join(c.root, "templates")),
		Locales:    os.DirFS(filepath.Join(c.root, "locales")),
		AssetsDir:  filepath.Join(c.root, "assets"),
		BaseURL:    "http://localhost:1313",
		RunnerURL:  "http://127.0.0.1:8090",
	}
}

// checkDirs reports a content directory that does not exist, which would
// otherwise look like an empty site.
func (c *common) checkDirs() diag.List {
	if st, err := os.Stat(c.content); err != nil || !st.IsDir() {
		if err == nil {
			err = errors.New("not a directory")
		}
		return diag.List{diag.Errorf(diag.Pos{File: c.content}, "content directory: %v", err)}
	}
	return nil
}

// report prints problems one per line and returns exit status 1.
func report(stderr io.Writer, errs diag.List) int {
	for _, e := range errs.Sort() {
		fmt.Fprintln(stderr, e)
	}
	return 1
}
