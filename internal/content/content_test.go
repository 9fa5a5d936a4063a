package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestFrontMatterErrors loads one guide, content/en/roles/x.md unless the
// case names another file, and wants exactly its problems, one per line as
// "file:line: message". The file's line 1 is "---", so its front matter
// starts on line 2.
// allMissing is what a guide with no field says.
var allMissing = []string{
	`x.md:1: missing required field "family"`,
	`x.md:1: missing required field "summary"`,
	`x.md:1: missing required field "title"`,
	`x.md:1: missing required field "updated"`,
}

// buildDay is when TestFrontMatterErrors builds: on 4 December in UTC,
// already the 5th on the build machine's clock.
var buildDay = time.Date(2026, 12, 5, 1, 0, 0, 0, time.FixedZone("UTC+2", 2*3600))

func TestFrontMatterErrors(t *testing.T) {
	const base = "title: T\nfamily: engineering\nsummary: S\nupdated: 2026-11-22\n"
	for _, tc := range []struct {
		name string
		file string // under content/en/roles; x.md when empty
		src  string // the whole file
		want []string
	}{
		{name: "valid", src: "---\n" + base + "process:\n  - {name: Screen, minutes: 480}\n---\nBody.\n"},
		{name: "body not UTF-8", src: "---\n" + base + "---\nBody.\n\nLatin-1 caf\xe9.\n",
			want: []string{"x.md:9: text is not UTF-8: save the file as UTF-8"}},
		{name: "placeholders in a published guide", src: "---\n" + base + "stack: [TODO]\n---\nTODO write this.\n\nKeep a TODO list.\n\n- DA FARE\n",
			want: []string{
				`x.md:6: placeholder "TODO" left by guides new: write the text, or keep the guide a draft (draft: true)`,
				`x.md:8: placeholder "TODO" left by guides new: write the text, or keep the guide a draft (draft: true)`,
				`x.md:12: placeholder "DA FARE" left by guides new: write the text, or keep the guide a draft (draft: true)`,
			}},
		{name: "placeholders in a draft", src: "---\n" + base + "draft: true\n---\nTODO write this.\n"},
		{name: "front matter not UTF-8", src: "---\n" + base + "skills: [Caf\xe9]\n---\nBody.\n",
			want: []string{"x.md:6: text is not UTF-8: save the file as UTF-8"}},
		{name: "UTF-16", src: "\xff\xfe-\x00-\x00-\x00\n\x00",
			want: []string{"x.md:1: text is not UTF-8: save the file as UTF-8"}},
		{name: "UTF-16 without a byte order mark", src: "-\x00-\x00-\x00\n\x00",
			want: []string{"x.md:1: text is not UTF-8: save the file as UTF-8"}},
		{name: "no such day", src: "---\ntitle: T\nfamily: engineering\nsummary: S\nupdated: 2026-11-31\n---\n",
			want: []string{`x.md:5: invalid date "2026-11-31": no such day (the month is 01 to 12, the day within the month)`}},
		{name: "no such month", src: "---\ntitle: T\nfamily: engineering\nsummary: S\nupdated: 2026-13-01\n---\n",
			want: []string{`x.md:5: invalid date "2026-13-01": no such day (the month is 01 to 12, the day within the month)`}},

		// The build's day is buildDay; an editor east of Greenwich may be a day ahead of UTC.
		{name: "updated tomorrow", src: "---\ntitle: T\nfamily: engineering\nsummary: S\nupdated: 2026-12-05\n---\n"},
		{name: "updated the day after tomorrow", src: "---\ntitle: T\nfamily: engineering\nsummary: S\nupdated: 2026-12-06\n---\n",
			want: []string{"x.md:5: updated 2026-12-06 is after today (2026-12-04): write the day of the guide's last change"}},
		{name: "updated with its year's digits swapped", src: "---\ntitle: T\nfamily: engineering\nsummary: S\nupdated: 2062-11-22\n---\n",
			want: []string{"x.md:5: updated 2062-11-22 is after today (2026-12-04): write the day of the guide's last change"}},

		// A round lasts 1 to 480 minutes, so the page's total cannot overflow.
		{name: "minutes above a working day", src: "---\n" + base + "process:\n  - {name: A, minutes: 30}\n  - {name: B, minutes: 100000}\n---\n",
			want: []string{"x.md:8: process round 2: minutes must be between 1 and 480, got 100000"}},
		{name: "minutes one above the bound", src: "---\n" + base + "process:\n  - {name: A, minutes: 481}\n---\n",
			want: []string{"x.md:7: process round 1: minutes must be between 1 and 480, got 481"}},
		{name: "minutes that would overflow the total", src: "---\n" + base + "process:\n  - {name: A, minutes: 9223372036854775807}\n  - {name: B, minutes: 9223372036854775807}\n---\n",
			want: []string{
				"x.md:7: process round 1: minutes must be between 1 and 480, got 9223372036854775807",
				"x.md:8: process round 2: minutes must be between 1 and 480, got 9223372036854775807",
			}},

		// Each round's problem is at its own line.
		{name: "rounds at their lines", src: "---\n" + base + "process:\n  - name: A\n    minutes: 30\n  - name: B\n    minutes: 0\n  - minutes: 20\n  - name: ' '\n    minutes: 5\n  -\n---\n",
			want: []string{
				"x.md:10: process round 2: minutes must be between 1 and 480, got 0",
				"x.md:11: process round 3: missing required field \"name\"",
				"x.md:12: process round 4: field \"name\" is empty",
				"x.md:14: process round 5 is empty: give it a name and minutes, or remove it",
			}},
		{name: "round without minutes", src: "---\n" + base + "process:\n  - name: A\n---\n",
			want: []string{`x.md:7: process round 1: missing required field "minutes"`}},

		// A type error hides no other problem, and gets no second error.
		{name: "type error beside other rounds", src: "---\n" + base + "process:\n  - {name: A, minutes: 1.5}\n  - {name: B, minutes: -5}\n  - {name: C, minutes: 0}\n---\n",
			want: []string{
				"x.md:7: process round 1: field \"minutes\" has the wrong type: got a number `1.5`, want a whole number",
				"x.md:8: process round 2: minutes must be between 1 and 480, got -5",
				"x.md:9: process round 3: minutes must be between 1 and 480, got 0",
			}},
		{name: "type error in a required field", src: "---\ntitle: [T]\nupdated: 2026-11-22\n---\n",
			want: []string{
				"x.md:1: missing required field \"family\"",
				"x.md:1: missing required field \"summary\"",
				"x.md:2: field \"title\" has the wrong type: got a list, want text",
			}},
		{name: "misspelled required field: not also missing", src: "---\ntitel: T\nfamily: engineering\nsummary: S\nupdated: 2026-11-22\n---\n",
			want: []string{`x.md:2: unknown field "titel": did you mean "title"?`}},
		{name: "unknown field beside an empty one", src: "---\ntitle: ''\nfamly: engineering\nsummary: S\nupdated: 2026-11-22\n---\n",
			want: []string{`x.md:2: field "title" is empty`, `x.md:3: unknown field "famly": did you mean "family"?`}},
		{name: "misspelled field in a round: not also missing", src: "---\n" + base + "process:\n  - {name: A, minuts: 30}\n  - {name: B, minutes: 0}\n---\n",
			want: []string{`x.md:7: process round 1: unknown field "minuts": did you mean "minutes"?`, "x.md:8: process round 2: minutes must be between 1 and 480, got 0"}},
		{name: "unknown field in a round: the round still checked", src: "---\n" + base + "process:\n  - {name: '', length: 30}\n---\n",
			want: []string{`x.md:7: process round 1: field "name" is empty`, `x.md:7: process round 1: missing required field "minutes"`, `x.md:7: process round 1: unknown field "length"`}},
		{name: "rounds given as text", src: "---\n" + base + "process: Technical screen, then a system design round\n---\n",
			want: []string{"x.md:6: field \"process\" has the wrong type: got text `Technical screen, then a system design…`, want a list of mappings (- name: ..., minutes: ..., focus: ...)"}},
		{name: "round of the wrong type", src: "---\n" + base + "process:\n  - 45\n  - {name: B, minutes: 0}\n---\n",
			want: []string{"x.md:7: process round 1 has the wrong type: got a number `45`, want a mapping of fields (name: ..., minutes: ..., focus: ...)"}},
		{name: "duplicate key: the rest checked with the first", src: "---\ntitle: A\ntitle: B\nupdated: 2026-13-45\n---\n",
			want: []string{`x.md:1: missing required field "family"`, `x.md:1: missing required field "summary"`,
				`x.md:3: duplicate key "title" (first at line 2): keep one`, `x.md:4: invalid date "2026-13-45": no such day (the month is 01 to 12, the day within the month)`}},

		// A date that is not text is a wrong type.
		{name: "date in a list", src: "---\ntitle: T\nfamily: engineering\nsummary: S\nupdated: [2026-11-22]\n---\n",
			want: []string{"x.md:5: field \"updated\" has the wrong type: got a list, want a date (YYYY-MM-DD)"}},
		{name: "date as a mapping", src: "---\ntitle: T\nfamily: engineering\nsummary: S\nupdated: {day: 22}\n---\n",
			want: []string{"x.md:5: field \"updated\" has the wrong type: got a mapping, want a date (YYYY-MM-DD)"}},

		// draft is true or false: YAML 1.1's yes/no/on/off are text to the schema and to Hugo.
		{name: "draft as yes", src: "---\n" + base + "draft: yes\n---\n",
			want: []string{"x.md:6: field \"draft\" has the wrong type: got text `yes`, want true or false"}},
		{name: "draft as quoted off", src: "---\n" + base + "draft: 'off'\n---\n",
			want: []string{"x.md:6: field \"draft\" has the wrong type: got text `off`, want true or false"}},

		// Front matter is a mapping; empty front matter is an empty one.
		{name: "front matter a list", src: "---\n- a\n---\n",
			want: []string{"x.md:2: the front matter has the wrong type: got a list, want a mapping of fields (title: ..., family: ..., summary: ..., ...)"}},
		{name: "front matter text", src: "---\njust text\n---\n",
			want: []string{"x.md:2: the front matter has the wrong type: got text `just text`, want a mapping of fields (title: ..., family: ..., summary: ..., ...)"}},
		{name: "empty front matter", src: "---\n---\nBody\n",
			want: allMissing},
		{name: "front matter of comments", src: "---\n# to do\n---\n",
			want: allMissing},

		// A field that is there but empty is reported at its line.
		{name: "empty fields", src: "---\ntitle: \"\"\nfamily: engineering\nsummary:\nupdated: ''\n---\n",
			want: []string{
				`x.md:2: field "title" is empty`,
				`x.md:4: field "summary" is empty`,
				`x.md:5: field "updated" is empty`,
			}},

		{name: "file name with a double dash", file: "a--b.md", src: "---\n" + base + "---\n",
			want: []string{`a--b.md:1: file name "a--b" is not a slug: use lowercase letters and digits, with single dashes between words and none at the start or end, e.g. backend-engineer`}},
		{name: "family with a trailing dash", src: "---\ntitle: T\nfamily: data-\nsummary: S\nupdated: 2026-11-22\n---\n",
			want: []string{`x.md:3: family "data-" is not a slug: use lowercase letters and digits, with single dashes between words and none at the start or end, e.g. backend-engineer`}},

		// Tags are neither empty nor repeated: each would show on the page.
		{name: "empty and repeated tags", src: "---\n" + base + "stack: [Go, go, \"\", ~, PostgreSQL]\nskills:\n  - APIs\n  - ' '\n  - apis\n---\n",
			want: []string{
				`x.md:6: stack entry 2 "go" repeats entry 1 "Go": remove one`,
				`x.md:6: stack entry 3 is empty: remove it or fill it in`,
				`x.md:6: stack entry 4 is empty: remove it or fill it in`,
				`x.md:9: skills entry 2 is empty: remove it or fill it in`,
				`x.md:10: skills entry 3 "apis" repeats entry 1 "APIs": remove one`,
			}},
		{name: "tag of the wrong type", src: "---\n" + base + "stack: [Go, [x], Go]\n---\n",
			want: []string{"x.md:6: stack item 2 has the wrong type: got a list, want text"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := tc.file
			if file == "" {
				file = "x.md"
			}
			fsys := fstest.MapFS{
				"en/_index.md":     {Data: []byte("---\ntitle: H\nsummary: S\n---\n")},
				"en/roles/" + file: {Data: []byte(tc.src)},
			}
			_, errs := Load(fsys, Options{Locales: []string{"en"}, Root: "content", Today: buildDay})
			var got []string
			for _, e := range errs.Sort() {
				got = append(got, strings.TrimPrefix(e.Error(), "content/en/roles/"))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestHomeFrontMatterErrors checks a locale home page's copy the same way.
func TestHomeFrontMatterErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"valid", "---\ntitle: H\nsummary: S\n---\n", nil},
		{"a list", "---\n- H\n---\n", []string{"_index.md:2: the front matter has the wrong type: got a list, want a mapping of fields (title: ..., summary: ...)"}},
		{"empty", "---\n---\n", []string{`_index.md:1: missing required field "summary"`, `_index.md:1: missing required field "title"`}},
		{"misspelled summary: not also missing", "---\ntitle: H\nsummry: S\n---\n", []string{`_index.md:3: unknown field "summry": did you mean "summary"?`}},
		{"misspelled in capitals", "---\nTitle: H\nsummary: S\n---\n", []string{`_index.md:2: unknown field "Title": did you mean "title"?`}},
		{"unknown field unlike any: the missing one too", "---\ntitle: H\nblurb: S\n---\n", []string{
			`_index.md:1: missing required field "summary"`,
			`_index.md:3: unknown field "blurb"`,
		}},
		{"empty title, wrong summary", "---\ntitle: ''\nsummary: [S]\n---\n", []string{
			`_index.md:2: field "title" is empty`,
			"_index.md:3: field \"summary\" has the wrong type: got a list, want text",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{"en/_index.md": {Data: []byte(tc.src)}}
			_, errs := Load(fsys, Options{Locales: []string{"en"}, Root: "content"})
			var got []string
			for _, e := range errs.Sort() {
				got = append(got, strings.TrimPrefix(e.Error(), "content/en/"))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPagePath(t *testing.T) {
	locales := []string{"en", "it"}
	for rel, want := range map[string]bool{
		"en/_index.md":             true,
		"it/roles/data.md":         true,
		"en/roles/x/data.md":       false, // a subdirectory of roles is not read
		"de/roles/data.md":         false, // not a known locale
		"en/roles/data.txt":        false,
		"en/roles/.data.md":        false, // skipped, as an editor's file
		"en/about.md":              false,
		"README.md":                false,
		"samples/demo/sample.yaml": false,
	} {
		if got := PagePath(locales, rel); got != want {
			t.Errorf("PagePath(%q) = %v, want %v", rel, got, want)
		}
	}
}

func TestNearest(t *testing.T) {
	fields := fieldNames(&GuideMeta{})
	for key, want := range map[string]string{
		"skils": "skills", "titel": "title", "Summary": "summary", "famliy": "family",
		"updatd": "updated", "stak": "stack", "drfat": "draft",
		"skillset": "skills", "colour": "", "tags": "", "x": "",
	} {
		if got := nearest(key, fields); got != want {
			t.Errorf("nearest(%q) = %q, want %q", key, got, want)
		}
	}
}

// TestUnreadableFile: a guide that cannot be read (here a symbolic link to
// nothing) is reported at its path, without the path again in the message.
func TestUnreadableFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "en", "roles"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "en", "_index.md"), []byte("---\ntitle: H\nsummary: S\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("nowhere.md", filepath.Join(dir, "en", "roles", "gone.md")); err != nil {
		t.Fatal(err)
	}
	_, errs := Load(os.DirFS(dir), Options{Locales: []string{"en"}, Root: "content"})
	want := "content/en/roles/gone.md:1: cannot read the file: no such file or directory"
	if len(errs) != 1 || errs[0].Error() != want {
		t.Errorf("errors %v, want %q", errs, want)
	}
}

// TestMissingContentDirectory: a content directory that is not there (serve
// sees it moved away) is a problem of the directory, without a line.
func TestMissingContentDirectory(t *testing.T) {
	_, errs := Load(os.DirFS(filepath.Join(t.TempDir(), "gone")), Options{Locales: []string{"en"}, Root: "content"})
	want := "content: content directory: no such file or directory"
	if len(errs) == 0 || errs[0].Error() != want {
		t.Errorf("errors %v, want first %q", errs, want)
	}
}

// TestLinkedDirectory: a locale directory that is a symbolic link is not
// followed, and says so, rather than pass for a stray file.
func TestLinkedDirectory(t *testing.T) {
	dir, elsewhere := t.TempDir(), t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "en"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "en", "_index.md"), []byte("---\ntitle: H\nsummary: S\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, filepath.Join(dir, "it")); err != nil {
		t.Fatal(err)
	}
	_, errs := Load(os.DirFS(dir), Options{Locales: []string{"en", "it"}, Root: "content"})
	want := "content/it: a symbolic link to a directory, which the build does not follow: make it a directory, or link its files one by one"
	if len(errs) != 1 || errs[0].Error() != want {
		t.Errorf("errors %v, want %q", errs, want)
	}
}
