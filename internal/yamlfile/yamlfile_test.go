package yamlfile

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v4"
)

type round struct {
	Name    string `yaml:"name"`
	Minutes int    `yaml:"minutes"`
	Focus   string `yaml:"focus"`
}

type page struct {
	Title   string   `yaml:"title"`
	Family  string   `yaml:"family"`
	Summary string   `yaml:"summary"`
	Stack   []string `yaml:"stack"`
	Process []round  `yaml:"process"`
	Skip    string   `yaml:"-"`
}

// TestDecode decodes YAML that starts at line 10 of its file: every line,
// in positions and in messages, must be the file's.
func TestDecode(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []LineError
	}{
		{"valid", "title: T\nstack: [Go]\n", nil},
		{"empty", "", nil},
		{"only comments", "# to do\n\n", nil},
		{"unknown field", "title: T\nskils: [Go]\n", []LineError{{11, 1, `unknown field "skils"`, true, "skils", "", ""}}},
		{"wrong types, all reported", "title: [T]\nprocess:\n  - {name: A, minutes: 1.5}\n",
			[]LineError{{10, 8, "wrong type: got a list, want text", true, "", "a list", "text"}, {12, 24, "wrong type: got a number `1.5`, want a whole number", true, "", "a number `1.5`", "a whole number"}}},
		{"duplicate key, at the file's lines", "title: A\nfamily: f\ntitle: B\n",
			[]LineError{{12, 1, `duplicate key "title" (first at line 10): keep one`, true, "", "", ""}}},
		{"duplicate key, the rest still decoded", "title: A\nstack: Go\ntitle: B\nskils: [x]\n", []LineError{
			{12, 1, `duplicate key "title" (first at line 10): keep one`, true, "", "", ""},
			{11, 8, "wrong type: got text `Go`, want a list", true, "", "text `Go`", "a list"},
			{13, 1, `unknown field "skils"`, true, "skils", "", ""}}},
		{"duplicate key in a round", "process:\n  - {name: A, name: B, minutes: x}\n", []LineError{
			{11, 15, `duplicate key "name" (first at line 11): keep one`, true, "", "", ""},
			{11, 33, "wrong type: got text `x`, want a whole number", true, "", "text `x`", "a whole number"}}},
		{"list for the document", "- a\n", []LineError{{10, 1, "wrong type: got a list, want a mapping of fields (title: ..., family: ..., summary: ..., ...)", false, "", "a list", "a mapping of fields (title: ..., family: ..., summary: ..., ...)"}}},
		{"text for the document", "just text\n", []LineError{{10, 1, "wrong type: got text `just text`, want a mapping of fields (title: ..., family: ..., summary: ..., ...)", false, "", "text `just text`", "a mapping of fields (title: ..., family: ..., summary: ..., ...)"}}},
		{"unknown field in a round", "process:\n  - {name: A, minuts: 5}\n", []LineError{{11, 15, `unknown field "minuts"`, true, "minuts", "", ""}}},
		{"text for a round", "process: [5]\n", []LineError{{10, 11, "wrong type: got a number `5`, want a mapping of fields (name: ..., minutes: ..., focus: ...)", true, "", "a number `5`", "a mapping of fields (name: ..., minutes: ..., focus: ...)"}}},
		{"through an alias", "title: &t [T]\nsummary: *t\n", []LineError{
			{10, 8, "wrong type: got a list, want text", false, "", "a list", "text"}, {10, 8, "wrong type: got a list, want text", false, "", "a list", "text"}}},
		// A syntax error is where the editor made it, in words that say what to do.
		{"unclosed list", "title: [T\nfamily: f\n", []LineError{{10, 8, `the list opened with [ is not closed or holds a stray character: end it with ], separate its items with commas and quote an item with ": " in it`, false, "", "", ""}}},
		{"unclosed mapping", "family: f\nprocess: [{name: A\nsummary: s\n", []LineError{{11, 11, "the mapping opened with { is not closed or holds a stray character: end it with }, and separate its fields with commas", false, "", "", ""}}},
		{"unclosed quote", "title: T\nsummary: \"abc\nfamily: x\nupdated: 2026\n", []LineError{{11, 10, "quoted text is never closed: end it with the quote it starts with", false, "", "", ""}}},
		{"colon in text", "title: Backend: how\n", []LineError{{10, 15, `mapping values are not allowed in this context: text with ": " in it needs quotes, as in title: "Backend: how to hire"`, false, "", "", ""}}},
		{"tab indent", "process:\n  - name: A\n\tminutes: 60\n", []LineError{{12, 1, "a tab indents this line: indent YAML with spaces", false, "", "", ""}}},
		{"tab before a list item", "skills:\n\t- a\n", []LineError{{11, 1, "a tab indents this line: indent YAML with spaces", false, "", "", ""}}},
		{"reserved first character", "title: @home\n", []LineError{{10, 8, `YAML text cannot start with @: put it in quotes, as in title: "@..."`, false, "", "", ""}}},
		// Columns count characters, not bytes.
		{"reserved first character after accents", "ééé: `x`\n", []LineError{{10, 6, "YAML text cannot start with `: put it in quotes, as in title: \"`...\"", false, "", "", ""}}},
		{"colon in text after accents", "ééééé: x: y\n", []LineError{{10, 9, `mapping values are not allowed in this context: text with ": " in it needs quotes, as in title: "Backend: how to hire"`, false, "", "", ""}}},
		{"bad escape, quotes closed", `title: "C:\Users\me"` + "\n", []LineError{{10, 13, `did not find expected hexadecimal number: in double quotes a backslash starts an escape; use single quotes ('C:\Users'), or write \\ for a backslash`, false, "", "", ""}}},
		{"unknown escape", `title: "a \q"` + "\n", []LineError{{10, 11, `found unknown escape character: in double quotes a backslash starts an escape; use single quotes ('C:\Users'), or write \\ for a backslash`, false, "", "", ""}}},
		{"indented key", "title: T\n  family: x\n", []LineError{{11, 9, "mapping values are not allowed in this context: check the indentation (a field starts in the column of the fields beside it)", false, "", "", ""}}},
		{"block scalar text on its line", "summary: > Long text\n", []LineError{{10, 12, "text after | or > starts on the next line, indented under its field", false, "", "", ""}}},
		{"field without a colon", "title: T\nstack\nfamily: e\n", []LineError{{11, 1, `this line has no ":" after its field's name: write it as name: value, or indent it under the field it continues`, false, "", "", ""}}},
		{"list left open on the last line", "title: T\nsummary: [\n\n", []LineError{{11, 0, "a list opened with [ or a mapping opened with { is not closed: end it with ] or }", false, "", "", ""}}},
		{"misaligned field", "process:\n  - name: A\n    minutes: 60\n   focus: x\n", []LineError{{13, 4, "did not find expected '-' indicator: check the indentation (the lines of one field, or of one list item, start in the same column) and that every quote is closed on its line", false, "", "", ""}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, errs := Parse([]byte(tc.src), 10)
			if errs == nil {
				errs = d.Decode(new(page))
			}
			if diff := cmp.Diff(tc.want, errs); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

// TestItems lists a top-level sequence's items at their file lines, null
// ones included, with the lines of a mapping item's keys.
func TestItems(t *testing.T) {
	src := "title: T\nprocess:\n  - name: A\n    minutes: 30\n  -\n  - ~\n  -\n    minutes: 5\nstack: [Go, ~, '']\n"
	for _, tc := range []struct {
		key  string
		want []Item
	}{
		{"process", []Item{
			{Line: 4, Col: 5, Keys: map[string]int{"name": 4, "minutes": 5}},
			{Line: 6, Col: 4, Null: true},
			{Line: 7, Col: 5, Null: true},
			{Line: 9, Col: 5, Keys: map[string]int{"minutes": 9}},
		}},
		{"stack", []Item{{Line: 10, Col: 9}, {Line: 10, Col: 13, Null: true}, {Line: 10, Col: 16}}},
		{"title", nil},
		{"absent", nil},
	} {
		t.Run(tc.key, func(t *testing.T) {
			d, errs := Parse([]byte(src), 2)
			if errs != nil {
				t.Fatal(errs)
			}
			if diff := cmp.Diff(tc.want, d.Items(tc.key)); diff != "" {
				t.Errorf("Items(%q) (-want +got):\n%s", tc.key, diff)
			}
		})
	}
}

// TestLocate finds the key, item and item key holding a position, block or flow.
// TestTypeWords: a wrong type shows the value in full (the decoder cuts it
// short), a list of mappings shows the keys its items take, and a list of
// yaml.Node, which takes any YAML, is only a list.
func TestTypeWords(t *testing.T) {
	var rounds struct {
		Process []round `yaml:"process"`
	}
	var nodes []yaml.Node
	for _, tc := range []struct {
		src  string
		v    any
		want string
	}{
		{"process: Technical screen, then a system design round\n", &rounds,
			"wrong type: got text `Technical screen, then a system design…`, want a list of mappings (- name: ..., minutes: ..., focus: ...)"},
		{"process: [{name: A, minutes: ten}]\n", &rounds, "wrong type: got text `ten`, want a whole number"},
		{"name: one\n", &nodes, "wrong type: got a mapping, want a list"},
	} {
		errs := Load([]byte(tc.src), tc.v)
		if len(errs) != 1 || errs[0].Msg != tc.want || errs[0].Msg != "wrong type: got "+errs[0].Got+", want "+errs[0].Want {
			t.Errorf("Load(%q) = %+v, want one error %q", tc.src, errs, tc.want)
		}
	}
}

func TestLocate(t *testing.T) {
	src := "title: T\nprocess:\n  - name: A\n    minutes: 1.5\n  - {name: B, minutes: x}\nstack: [Go, [x]]\n"
	for _, tc := range []struct {
		line, col int
		key       string
		item      int
		sub       string
	}{
		{1, 8, "title", -1, ""},
		{2, 1, "process", -1, ""},
		{3, 5, "process", 0, "name"},
		{4, 14, "process", 0, "minutes"},
		{5, 24, "process", 1, "minutes"},
		{6, 13, "stack", 1, ""},
		{6, 8, "stack", -1, ""},
	} {
		d, _ := Parse([]byte(src), 1)
		if key, item, sub := d.Locate(tc.line, tc.col); key != tc.key || item != tc.item || sub != tc.sub {
			t.Errorf("Locate(%d, %d) = %q, %d, %q; want %q, %d, %q", tc.line, tc.col, key, item, sub, tc.key, tc.item, tc.sub)
		}
	}
}

func TestPath(t *testing.T) {
	src := "title: T\nlimits: {time_ms: x, memory_mb: [1]}\nprocess:\n  - name: A\n    minutes: 1.5\nstack: [Go, [x]]\n"
	for _, tc := range []struct {
		line, col int
		want      string
	}{
		{1, 1, "title"},
		{1, 8, "title"},
		{2, 18, "limits.time_ms"},
		{2, 33, "limits.memory_mb"},
		{4, 5, "process[1].name"},
		{5, 14, "process[1].minutes"},
		{6, 13, "stack[2]"},
		{6, 14, "stack[2][1]"},
	} {
		d, _ := Parse([]byte(src), 1)
		if got := d.Path(tc.line, tc.col); got != tc.want {
			t.Errorf("Path(%d, %d) = %q, want %q", tc.line, tc.col, got, tc.want)
		}
	}
}

func TestKeyLines(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      map[string]int
	}{
		{"mapping", "title: T\n\nfamily: f\n", map[string]int{"title": 1, "family": 3}},
		{"empty", "", map[string]int{}},
		{"list", "- a\n", map[string]int{}},
		{"malformed", "title: [\n", map[string]int{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, _ := Parse([]byte(tc.src), 1)
			if diff := cmp.Diff(tc.want, d.KeyLines()); diff != "" {
				t.Errorf("KeyLines (-want +got):\n%s", diff)
			}
		})
	}
}

func TestGot(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"[a]", "a list"},
		{"{a: 1}", "a mapping"},
		{"abc", "text `abc`"},
		{"12", "a number `12`"},
		{"~", "nothing"},
		{"''", "text ``"},
	} {
		var n yaml.Node
		if err := yaml.Load([]byte(tc.src), &n); err != nil {
			t.Fatal(err)
		}
		if got := Got(n.Content[0]); got != tc.want {
			t.Errorf("Got(%s) = %q, want %q", tc.src, got, tc.want)
		}
	}
}
