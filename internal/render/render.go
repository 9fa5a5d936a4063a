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
	"text/template/parse"
)

// Templates is the parsed template set. Safe for concurrent use once
// Localize calls are done.
type Templates struct {
	shared *template.Template
	pages  map[string]*template.Template            // page name (file name without .html) → its set
	local  map[string]map[string]*template.Template // locale → page name → its copy with the locale's constants (Localize)
	files  []file                                   // sources, kept to parse a locale's copy from
	// programs are the compiled sets (compile.go), by the set they run:
	// the shared one and every locale's copy of a page's.
	programs map[*template.Template]*program
}

type file struct {
	name string
	src  string
	page bool // defines "main"
}

// Parse reads every *.html file of fsys but hidden ones (an editor's lock
// file, .#kit.html).
func Parse(fsys fs.FS) (*Templates, error) {
	names, err := fs.Glob(fsys, "*.html")
	if err != nil {
		return nil, err
	}
	t := &Templates{local: map[string]map[string]*template.Template{}, programs: map[*template.Template]*program{}}
	for _, name := range names {
		if strings.HasPrefix(name, ".") {
			continue
		}
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		t.files = append(t.files, file{name, string(src), bytes.Contains(src, []byte(`{{define "main"`))})
	}
	if t.shared, t.pages, err = t.parse(); err != nil {
		return nil, err
	}
	t.escapePartials()
	return t, nil
}

// escapePartials has html/template escape every shared template a page
// does not wrap (all but the layout, which calls "main"), as it would on
// their first execution, so that fastEscape can rewrite them before any
// runs, and compiles those that escaped.
func (t *Templates) escapePartials() {
	var escaped []string
	for _, tm := range t.shared.Templates() {
		if tm.Tree == nil {
			continue
		}
		layout := false
		inspect(tm.Tree.Root, func(n *parse.TemplateNode) { layout = layout || n.Name == "main" })
		if layout {
			continue
		}
		// With no data execution stops at the first field; the escaping
		// is done by then, and an error in it is the partial's own, which
		// its first real execution reports again.
		if !isEscapeError(t.shared.ExecuteTemplate(io.Discard, tm.Name(), nil)) {
			escaped = append(escaped, tm.Name())
		}
	}
	fastEscape(t.shared)
	t.programs[t.shared] = compileSet(t.shared, escaped, escapersByName())
}

// parse makes a fresh template set from the sources.
func (t *Templates) parse() (*template.Template, map[string]*template.Template, error) {
	shared := template.New("").Funcs(escaperFuncs())
	for _, f := range t.files {
		if f.page {
			continue
		}
		if _, err := shared.New(f.name).Parse(f.src); err != nil {
			return nil, nil, err
		}
	}
	pages := map[string]*template.Template{}
	for _, f := range t.files {
		if !f.page {
			continue
		}
		set, err := shared.Clone()
		if err != nil {
			return nil, nil, err
		}
		if _, err := set.New(f.name).Parse(f.src); err != nil {
			return nil, nil, err
		}
		pages[strings.TrimSuffix(path.Base(f.name), ".html")] = set
	}
	return shared, pages, nil
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

// Page executes page name inside the base layout, with the locale's copy
// when Localize made one.
func (t *Templates) Page(w io.Writer, locale, name string, data any) error {
	set, ok := t.local[locale][name]
	if !ok {
		if set, ok = t.pages[name]; !ok {
			return fmt.Errorf("no page template %q", name)
		}
	}
	return t.execute(w, set, "base", data)
}

// Partial executes a shared template by its defined name.
func (t *Templates) Partial(w io.Writer, name string, data any) error {
	return t.execute(w, t.shared, name, data)
}

// execute runs template name of set with its program, when it has one and
// w is a buffer the program can take back what it wrote to, else (and
// when the program leaves the run to it) with text/template.
func (t *Templates) execute(w io.Writer, set *template.Template, name string, data any) error {
	if buf, ok := w.(*bytes.Buffer); ok && t.programs[set].execute(buf, name, data) == nil {
		return nil
	}
	return wrap(set.ExecuteTemplate(w, name, data))
}

// Interpreted is t without its compiled programs: text/template runs every
// template. For tests that hold the programs to text/template's output.
func (t *Templates) Interpreted() *Templates {
	c := *t
	c.programs = nil
	return &c
}

// ExecError is a template that failed to execute: its file's problem (or a
// file's that is gone, as a partial it calls), whatever the page's data.
type ExecError struct{ Err error }

func (e *ExecError) Error() string { return e.Err.Error() }
func (e *ExecError) Unwrap() error { return e.Err }

func wrap(err error) error {
	if err == nil {
		return nil
	}
	return &ExecError{err}
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
