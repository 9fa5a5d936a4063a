package site

import (
	"bytes"
	"io/fs"
	"os"
	"slices"
	"testing"
)

// TestProgramsPrintWhatTextTemplatePrints builds the project's content and
// a generated corpus twice, with the templates' compiled programs and with
// text/template alone, and wants every file byte for byte the same.
func TestProgramsPrintWhatTextTemplatePrints(t *testing.T) {
	for name, fsys := range map[string]fs.FS{"content": os.DirFS("../../content"), "corpus": corpusFS(t, 40)} {
		t.Run(name, func(t *testing.T) {
			cfg := testConfig(nil)
			cfg.Content = fsys
			_, compiled := buildConfig(t, cfg)
			b, errs := New(cfg)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			b.tmpl = b.tmpl.Interpreted()
			_, interpreted := buildWith(t, b)
			paths := compiled.Paths()
			if want := interpreted.Paths(); !slices.Equal(paths, want) {
				t.Fatalf("files differ:\ncompiled    %v\ninterpreted %v", paths, want)
			}
			for _, p := range paths {
				got, _ := compiled.Get(p)
				want, _ := interpreted.Get(p)
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs:\n%s", p, firstDifference(got, want))
				}
			}
		})
	}
}

// firstDifference shows where got and want part, with some context.
func firstDifference(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-80)
	return "compiled:    ..." + string(got[from:min(len(got), i+80)]) + "\ninterpreted: ..." + string(want[from:min(len(want), i+80)])
}
