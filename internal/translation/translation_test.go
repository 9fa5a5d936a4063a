package translation

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"guides/internal/content"
	"guides/internal/i18n"
)

var update = flag.Bool("update", false, "rewrite the want and errors sections of testdata/*.txtar")

// TestReport runs every testdata/*.txtar: a site (content/ and locales/),
// the table Report and WriteTable make of it (want) and its -strict errors
// (errors). go test -update rewrites both sections.
func TestReport(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) < 6 {
		t.Fatalf("%d fixtures, want at least 6", len(files))
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			contentFS, localesFS := fstest.MapFS{}, fstest.MapFS{}
			want := map[string]string{}
			for _, f := range ar.Files {
				switch {
				case strings.HasPrefix(f.Name, "content/"):
					contentFS[strings.TrimPrefix(f.Name, "content/")] = &fstest.MapFile{Data: f.Data}
				case strings.HasPrefix(f.Name, "locales/"):
					localesFS[strings.TrimPrefix(f.Name, "locales/")] = &fstest.MapFile{Data: f.Data}
				default:
					want[f.Name] = string(f.Data)
				}
			}
			cat, err := i18n.Load(localesFS, "en")
			if err != nil {
				t.Fatal(err)
			}
			site, errs := content.Load(contentFS, content.Options{Locales: cat.Locales, Root: "content"})
			if len(errs) > 0 {
				t.Fatalf("fixture does not load:\n%v", errs)
			}
			opts := Options{ContentDir: "content", LocalesDir: "locales"}
			if strings.HasPrefix(file, "testdata/missing-family") { // the other fixtures' locales define only what they are about
				opts.Has = cat.Has
			}
			findings := Report(site, cat.Gaps(), opts)
			var table bytes.Buffer
			if err := WriteTable(&table, findings); err != nil {
				t.Fatal(err)
			}
			var lines strings.Builder
			for _, e := range Errors(findings).Sort() {
				lines.WriteString(e.Error() + "\n")
			}
			got := map[string]string{"want": table.String(), "errors": lines.String()}
			if *update {
				for i, f := range ar.Files {
					if g, ok := got[f.Name]; ok {
						ar.Files[i].Data = []byte(g)
					}
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, section := range []string{"want", "errors"} {
				if got[section] != want[section] {
					t.Errorf("%s:\ngot:\n%s\nwant:\n%s", section, got[section], want[section])
				}
			}
		})
	}
}
