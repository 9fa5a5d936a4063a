package content

import (
	"bytes"
	"testing"
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

func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range []string{"---\na: 1\n---\nb", "---\n", "\ufeff---\r\n---\r\n", "x", "---\n---\n---\n", "\n\n---\na\n---"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := splitFrontMatter(bytes.Clone(src)) // it overwrites its input's front matter
		if err != nil {
			return
		}
		if s.YAMLLine < 1 || bytes.Count(s.Body, []byte("\n")) > bytes.Count(src, []byte("\n")) ||
			!bytes.HasSuffix(src, bytes.TrimLeft(s.Body, "\n")) {
			t.Errorf("split(%q) = line %d, body %q", src, s.YAMLLine, s.Body)
		}
	})
}
