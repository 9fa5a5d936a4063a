// Package render parses the site's html/template files once and executes
// them. Every page template defines "main" and is executed inside "base";
// the other files (base, partials) are shared by all pages.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// Templates is the parsed template set. Safe for concurrent use.
type Templates struct {
	shared *template.Template
	pages  map[string]*template.Template // page name (file name without .html) → its set
}

// Parse reads every *.html file of fsys.
func Parse(fsys fs.FS) (*Templates, error) {
	files, err := fs.Glob(fsys, "*.html")
	if err != nil {
		return nil, err
	}
	t := &Templates{shared: template.New(""), pages: map[string]*template.Template{}}
	var pageFiles []string
	for _, f := range files {
		src, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		if bytes.Contains(src, []byte(`{{define "main"`)) {
			pageFiles = append(pageFiles, f)
			continue
		}
		if _, err := t.shared.New(f).Parse(string(src)); err != nil {
			return nil, err
		}
	}
	for _, f := range pageFiles {
		if err := t.addPage(fsys, f); err != nil {
			return nil, err
		}
	}
	return t, nil
}

func (t *Templates) addPage(fsys fs.FS, file string) error {
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		return err
	}
	set, err := t.shared.Clone()
	if err != nil {
		return err
	}
	if _, err := set.New(file).Parse(string(src)); err != nil {
		return err
	}
	t.pages[strings.TrimSuffix(path.Base(file), ".html")] = set
	return nil
}

// Pages lists the page template names.
func (t *Templates) Pages() []string {
	var out []string
	for name := range t.pages {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// Page executes page name inside the base layout.
func (t *Templates) Page(w io.Writer, name string, data any) error {
	set, ok := t.pages[name]
	if !ok {
		return fmt.Errorf("no page template %q", name)
	}
	return set.ExecuteTemplate(w, "base", data)
}

// Partial executes a shared template by its defined name.
func (t *Templates) Partial(w io.Writer, name string, data any) error {
	return t.shared.ExecuteTemplate(w, name, data)
}

// Trees returns every parsed template, for checks that read them (such as
// which message IDs they use).
func (t *Templates) Trees() []*template.Template {
	out := t.shared.Templates()
	for _, name := range t.Pages() {
		out = append(out, t.pages[name].Templates()...)
	}
	return out
}
