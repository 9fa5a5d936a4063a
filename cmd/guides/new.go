package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"guides/internal/scaffold"
)

const newUsage = `usage: guides new role <slug> [-family F] [-content DIR]

Creates content/en/roles/<slug>.md and content/it/roles/<slug>.md with every
front-matter field and section in place, as drafts. Existing files are never
overwritten.
`

// runNew scaffolds new content. Flags may come before or after the
// arguments.
func runNew(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("new", flag.ContinueOnError)
	content := flags.String("content", "content", "content `directory`")
	family := flags.String("family", "engineering", "the guide's `family`, which groups roles on the home page")
	flags.Usage = func() { fmt.Fprint(flags.Output(), newUsage); flags.PrintDefaults() }
	if helpAsked(args) {
		flags.SetOutput(stdout)
		flags.Usage()
		return 0
	}
	pos, ok := parseInterspersed(flags, args, stderr)
	if !ok {
		return 2
	}
	if len(pos) != 2 || pos[0] != "role" {
		flags.Usage()
		return 2
	}
	role := scaffold.Role{Slug: pos[1], Family: *family, Updated: time.Now()}
	if err := role.Check(); err != nil {
		fmt.Fprintf(stderr, "guides new: %v\n", err)
		return 2
	}
	created, err := createRole(*content, role)
	for _, p := range created {
		fmt.Fprintf(stdout, "created %s\n", p)
	}
	if err != nil {
		fmt.Fprintf(stderr, "guides new: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "both are drafts: `guides serve` shows them; set draft: false to publish")
	return 0
}

// parseInterspersed parses flags wherever they are among the arguments,
// which flag.Parse alone stops at, and returns the arguments.
func parseInterspersed(flags *flag.FlagSet, args []string, stderr io.Writer) ([]string, bool) {
	flags.SetOutput(stderr)
	var pos []string
	for {
		if err := flags.Parse(args); err != nil {
			return nil, false
		}
		if flags.NArg() == 0 {
			return pos, true
		}
		pos = append(pos, flags.Arg(0))
		args = flags.Args()[1:]
	}
}

// createRole writes every locale's version of a role, or none if any
// exists already.
func createRole(content string, r scaffold.Role) ([]string, error) {
	files := map[string][]byte{}
	for _, loc := range scaffold.Locales() {
		p := filepath.Join(content, filepath.FromSlash(r.Path(loc)))
		if _, err := os.Stat(p); err == nil {
			return nil, fmt.Errorf("%s already exists; not overwriting it", p)
		}
		data, err := r.Render(loc)
		if err != nil {
			return nil, err
		}
		files[p] = data
	}
	var created []string
	for _, loc := range scaffold.Locales() {
		p := filepath.Join(content, filepath.FromSlash(r.Path(loc)))
		if err := createFile(p, files[p]); err != nil {
			return created, err
		}
		created = append(created, p)
	}
	return created, nil
}

// createFile writes a new file, failing if it exists (O_EXCL), so a file
// created meanwhile is not overwritten either.
func createFile(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; not overwriting it", p)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", p, err)
	}
	return f.Close()
}
