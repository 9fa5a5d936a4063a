package content

import (
	"bytes"
	"strings"
	"testing"

	"github.com/adrg/frontmatter"
)

func TestSplitFrontMatter(t *testing.T) {
	for _, tc := range []struct {
		name, src        string
		yaml             string
		yamlLine, bodyAt int // bodyAt: the file line where "BODY" is, to be kept
		err              error
	}{
		{"plain", "---\ntitle: x\n---\nBODY\n", "title: x\n", 2, 4, nil},
		{"leading blank lines", "\n\n---\ntitle: x\n---\n\nBODY", "title: x\n", 4, 7, nil},
		{"crlf", "---\r\ntitle: x\r\n---\r\nBODY\r\n", "title: x\r\n", 2, 4, nil},
		{"bom", "\ufeff---\ntitle: x\n---\nBODY\n", "title: x\n", 2, 4, nil},
		{"unterminated", "---\ntitle: x\nBODY\n", "", 0, 0, errUnterminated},
		{"missing", "BODY\n", "", 0, 0, errNoFrontMatter},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := splitFrontMatter([]byte(tc.src))
			if err != tc.err {
				t.Fatalf("splitFrontMatter(%q) error = %v, want %v", tc.src, err, tc.err)
			}
			if err != nil {
				return
			}
			if string(s.YAML) != tc.yaml || s.YAMLLine != tc.yamlLine {
				t.Errorf("YAML = %q at line %d, want %q at line %d", s.YAML, s.YAMLLine, tc.yaml, tc.yamlLine)
			}
			if got := lineOf(s.Body, bytes.Index(s.Body, []byte("BODY"))); got != tc.bodyAt {
				t.Errorf("body line of BODY = %d, want %d (file line)", got, tc.bodyAt)
			}
		})
	}
}

// FuzzSplitFrontMatter checks the split against adrg/frontmatter given the
// whole file: the same YAML and, padded to keep line numbers, the same body.
func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range []string{"---\na: 1\n---\nb", "---\n", "\ufeff---\r\n---\r\n", "x", "---\n---\n---\n", "\n\n---\na\n---", " --- \na\n\t---\t\nb"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := splitFrontMatter(bytes.Clone(src)) // it overwrites its input's front matter
		src = bytes.TrimPrefix(src, []byte("\ufeff"))
		var wantYAML []byte
		want, wantErr := frontmatter.MustParse(bytes.NewReader(src), &wantYAML, frontmatter.NewFormat("---", "---",
			func(b []byte, v any) error { *v.(*[]byte) = append([]byte(nil), b...); return nil }))
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("split(%q) error = %v, adrg's = %v", src, err, wantErr)
		}
		if err != nil {
			return
		}
		pad := s.Body[:max(0, len(s.Body)-len(want))]
		if !bytes.Equal(s.YAML, wantYAML) || !bytes.HasSuffix(s.Body, want) ||
			len(bytes.Trim(pad, "\n")) > 0 || len(pad) != lineOf(src, len(src)-len(want))-1 || s.YAMLLine < 1 {
			t.Errorf("split(%q) = YAML %q at line %d, body %q; adrg: YAML %q, body %q", src, s.YAML, s.YAMLLine, s.Body, wantYAML, want)
		}
	})
}

// BenchmarkSplitFrontMatter splits a guide of the benchmark corpus's size:
// front matter of a few hundred bytes over a body of about 15 KB.
func BenchmarkSplitFrontMatter(b *testing.B) {
	src := []byte("---\ntitle: How to hire\nfamily: Engineering\nsummary: A guide.\nstack: [Go, SQL]\nupdated: 2026-01-02\n---\n" +
		strings.Repeat("Some prose about the role, with a [link](/en/) and *emphasis*.\n\n", 240))
	b.SetBytes(int64(len(src)))
	buf := make([]byte, len(src))
	for b.Loop() {
		copy(buf, src)
		if _, err := splitFrontMatter(buf); err != nil {
			b.Fatal(err)
		}
	}
}
