package site

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"guides/internal/output"

	"guides/internal/i18n"
	"guides/internal/render"
)

// TestTemplatesUseOnlyDefinedMessages requires every locale to define every
// message the templates print: the build refuses one the default locale
// lacks, and falls back to it for the others; here a gap fails.
func TestTemplatesUseOnlyDefinedMessages(t *testing.T) {
	tmpl, err := render.Parse(os.DirFS("../../templates"))
	if err != nil {
		t.Fatal(err)
	}
	cat, err := i18n.Load(os.DirFS("../../locales"), DefaultLocale)
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, m := range tmpl.Messages() {
		used[m.ID] = true
	}
	if len(used) < 10 {
		t.Fatalf("found only %d message IDs in templates: the walk is broken", len(used))
	}
	for _, loc := range cat.Locales {
		for id := range used {
			if !cat.Has(loc, id) {
				t.Errorf("locale %s lacks message %q used by a template", loc, id)
			}
		}
	}
}

// TestMessageMissingFromTheDefaultLocale: a message the templates print
// that the default locale lacks is an error at its use, since every page
// would print its ID; one only another locale lacks falls back to English.
func TestMessageMissingFromTheDefaultLocale(t *testing.T) {
	templates, locales := dirFS(t, "../../templates"), dirFS(t, "../../locales")
	base := string(templates["base.html"].Data)
	use := `{{.T "skip_to_content"}}`
	if !strings.Contains(base, use) {
		t.Fatalf("base.html has no %s", use)
	}
	templates["base.html"].Data = []byte(strings.Replace(base, use, `{{.T "skip_to_contnt"}}`, 1))
	line := strings.Count(base[:strings.Index(base, use)], "\n") + 1
	it := string(locales["it.toml"].Data)
	locales["it.toml"].Data = []byte(regexp.MustCompile(`(?m)^footer_note = .*\n`).ReplaceAllString(it, ""))

	cfg := testConfig(nil)
	cfg.Templates, cfg.TemplatesDir, cfg.Locales, cfg.LocalesDir = templates, "templates", locales, "locales"
	_, errs := New(cfg)
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	want := []string{fmt.Sprintf(`templates/base.html:%d:%d: message "skip_to_contnt" is not in locales/en.toml: add it there, or correct the ID`,
		line, strings.Index(strings.Split(base, "\n")[line-1], use)+len(`{{.T `)+1)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("New's problems (-want +got):\n%s", diff)
	}
}

// dirFS reads a directory's files into memory, for a test to edit.
func dirFS(t *testing.T, dir string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join(dir, p))
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

// TestMissingPartial: a partial a template calls that no file defines any
// more is the templates' problem, reported at their directory, not the
// content's.
func TestMissingPartial(t *testing.T) {
	templates := dirFS(t, "../../templates")
	delete(templates, "home-card.html")
	cfg := testConfig(fstest.MapFS{
		"en/_index.md":  {Data: []byte("---\ntitle: H\nsummary: S\n---\n")},
		"it/_index.md":  {Data: []byte("---\ntitle: H\nsummary: S\n---\n")},
		"en/roles/x.md": {Data: []byte("---\ntitle: X\nfamily: engineering\nsummary: S\nupdated: 2026-11-22\n---\n")},
	})
	cfg.Templates, cfg.TemplatesDir = templates, "templates"
	b, errs := New(cfg)
	if len(errs) == 0 {
		_, errs = b.Build(t.Context(), output.NewMemory())
	}
	if len(errs) != 1 || errs[0].Pos.File != "templates" || !strings.Contains(errs[0].Msg, `"home-card"`) {
		t.Errorf("errors %v, want one at templates naming home-card", errs)
	}
}
