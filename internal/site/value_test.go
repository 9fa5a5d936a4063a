package site

import "testing"

func TestShowValue(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   any
		want string
	}{
		{"number", 2.0, "2"},
		{"null", nil, "null"},
		{"string kept unescaped for the template", "a<b & c", `"a<b & c"`},
		{"array spaced", []any{true, false, 1.5}, "[true, false, 1.5]"},
		{"empty object", map[string]any{}, "{}"},
		{"object a field a line, sorted",
			map[string]any{"times": []any{0.0, 100.0}, "rate": 2.0, "burst": 1.0},
			"burst: 1\nrate: 2\ntimes: [0, 100]"},
		{"nested objects inline",
			[]any{map[string]any{"id": 1.0, "email": "a@example.com"}},
			`[{"email": "a@example.com", "id": 1}]`},
		{"multi-line string field keeps its lines",
			map[string]any{"setup": "CREATE TABLE t (x);\nINSERT INTO t VALUES\n  (1);\n"},
			"setup:\n  CREATE TABLE t (x);\n  INSERT INTO t VALUES\n    (1);"},
		{"one-line string field stays JSON", map[string]any{"q": "x\n"}, `q: "x\n"`},
		{"multi-line string alone", "a\nb\n", "a\nb"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := showValue(tc.in); got != tc.want {
				t.Errorf("showValue(%#v) =\n%s\nwant\n%s", tc.in, got, tc.want)
			}
		})
	}
}
