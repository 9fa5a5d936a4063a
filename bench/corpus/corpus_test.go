package corpus

import (
	"bytes"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/adrg/frontmatter"
)

// generate returns the content tree of cfg as a map from path to bytes.
func generate(t *testing.T, cfg Config) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := Content(cfg, func(path string, data []byte) error {
		if _, dup := files[path]; dup {
			t.Errorf("Content emitted %s twice", path)
		}
		files[path] = data
		return nil
	})
	if err != nil {
		t.Fatalf("Content(%+v): %v", cfg, err)
	}
	return files
}

func TestContentIsDeterministic(t *testing.T) {
	cfg := Config{Pages: 12, Seed: DefaultSeed}
	a, b := generate(t, cfg), generate(t, cfg)
	if want := 2 * (cfg.Pages + 1); len(a) != want {
		t.Fatalf("Content(%+v) wrote %d files, want %d", cfg, len(a), want)
	}
	if !maps.EqualFunc(a, b, bytes.Equal) {
		t.Errorf("Content(%+v) differs between two runs", cfg)
	}
	other := generate(t, Config{Pages: cfg.Pages, Seed: cfg.Seed + 1})
	if maps.EqualFunc(a, other, bytes.Equal) {
		t.Errorf("seeds %d and %d gave the same corpus", cfg.Seed, cfg.Seed+1)
	}
}

func TestFrontMatterHasOnlyKnownFields(t *testing.T) {
	guide := []string{"title", "family", "summary", "stack", "skills", "process", "updated", "draft"}
	home := []string{"title", "summary"}
	for path, data := range generate(t, Config{Pages: 12, Seed: DefaultSeed}) {
		var meta map[string]any
		if _, err := frontmatter.MustParse(bytes.NewReader(data), &meta); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		want := guide
		if strings.HasSuffix(path, "_index.md") {
			want = home
		}
		if got := slices.Sorted(maps.Keys(meta)); !slices.Equal(got, slices.Sorted(slices.Values(want))) {
			t.Errorf("%s: front matter fields %v, want %v", path, got, want)
		}
		if skills, ok := meta["skills"].([]any); ok && (len(skills) < 4 || len(skills) > 8) {
			t.Errorf("%s: %d skills, want 4-8", path, len(skills))
		}
	}
}

// pinned matches a "##" heading with its pinned id.
var pinned = regexp.MustCompile(`(?m)^## .+ \{#([a-z-]+)\}$`)

// nonWord matches what an automatic heading id replaces with a dash.
var nonWord = regexp.MustCompile(`[^\pL\d]+`)

// link matches a Markdown link to a guide.
var link = regexp.MustCompile(`\]\(/([a-z]+)/roles/(role-\d{5})/(?:#([a-z-]+))?\)`)

func TestGuidesAreValid(t *testing.T) {
	files := generate(t, Config{Pages: 12, Seed: DefaultSeed})
	var ids []string
	for _, s := range english().sections {
		ids = append(ids, s.id)
	}
	for path, data := range files {
		if !strings.Contains(path, "/roles/") {
			continue
		}
		loc := path[:2]
		_, body, _ := strings.Cut(string(data), "\n---\n")
		checkSections(t, path, body, ids)
		checkLinks(t, path, body, loc, ids, files)
		checkBlocks(t, path, body)
		if n := countWords(body); n < 1500 || n > 2500 {
			t.Errorf("%s: %d words, want 1500-2500", path, n)
		}
	}
}

// checkSections checks that the pinned sections appear once each, in order,
// and that no "###" heading's automatic id can collide with another id.
func checkSections(t *testing.T, path, body string, ids []string) {
	t.Helper()
	var got []string
	for _, m := range pinned.FindAllStringSubmatch(body, -1) {
		got = append(got, m[1])
	}
	if !slices.Equal(got, ids) {
		t.Errorf("%s: sections %v, want %v", path, got, ids)
	}
	seen := map[string]bool{}
	for _, id := range ids {
		seen[id] = true
	}
	for line := range strings.Lines(body) {
		if h, ok := strings.CutPrefix(line, "### "); ok {
			id := strings.Trim(nonWord.ReplaceAllString(strings.ToLower(h), "-"), "-")
			if seen[id] {
				t.Errorf("%s: heading id %q is not unique", path, id)
			}
			seen[id] = true
		}
	}
}

// checkLinks checks that every link targets an existing guide of the same
// locale, and any anchor a pinned id.
func checkLinks(t *testing.T, path, body, loc string, ids []string, files map[string][]byte) {
	t.Helper()
	for _, m := range link.FindAllStringSubmatch(body, -1) {
		if _, ok := files[m[1]+"/roles/"+m[2]+".md"]; !ok || m[1] != loc {
			t.Errorf("%s: link to missing or foreign page %s", path, m[0])
		}
		if m[3] != "" && !slices.Contains(ids, m[3]) {
			t.Errorf("%s: link to unknown anchor %s", path, m[0])
		}
	}
}

// checkBlocks checks fences and directives line by line: code fences carry a
// language, question directives are balanced with a known kind and nested
// strong and weak notes, there is no try block and no raw HTML.
func checkBlocks(t *testing.T, path, body string) {
	t.Helper()
	inCode, questions, notes := false, 0, 0
	for line := range strings.Lines(body) {
		line = strings.TrimSuffix(line, "\n")
		switch {
		case strings.HasPrefix(line, "```"):
			if !inCode && line == "```" {
				t.Errorf("%s: code fence without a language", path)
			}
			inCode = !inCode
		case inCode:
		case strings.HasPrefix(line, "::::question{kind="):
			kind := strings.TrimSuffix(strings.TrimPrefix(line, "::::question{kind="), "}")
			if !slices.Contains(questionKinds(), kind) {
				t.Errorf("%s: unknown question kind %q", path, kind)
			}
			questions++
		case line == ":::strong" || line == ":::weak":
			notes++
		case line == "::::":
			questions--
		case strings.HasPrefix(line, ":::") && line != ":::":
			t.Errorf("%s: unexpected directive %q", path, line)
		case strings.Contains(line, "<"):
			t.Errorf("%s: possible raw HTML in %q", path, line)
		}
	}
	if inCode || questions != 0 || notes == 0 {
		t.Errorf("%s: unbalanced blocks: code open %v, questions open %d, notes %d", path, inCode, questions, notes)
	}
}
