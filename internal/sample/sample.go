package sample

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v4"

	"guides/internal/diag"
	"guides/internal/yamlfile"
)

// languageExt maps each supported language to its file extension.
var languageExt = map[string]string{"go": "go", "python": "py", "javascript": "js", "sql": "sql"}

// Ext returns the file extension of a language, and whether it is supported.
func Ext(lang string) (string, bool) {
	ext, ok := languageExt[lang]
	return ext, ok
}

// Sample is one coding sample.
type Sample struct {
	ID         string
	Dir        string            // the sample's directory in its fs.FS
	Title      map[string]string // locale → title
	Summary    map[string]string // locale → summary
	Languages  []string
	Limits     Limits
	Compare    string            // "exact" or "unordered"
	Statements map[string]string // locale → Markdown source
	Public     []Case
	Hidden     []Case          // nil unless loaded with Secrets
	Code       map[string]Code // language → code
}

// Limits bound one run of a candidate's code.
type Limits struct {
	TimeMS   int `yaml:"time_ms" json:"time_ms"`
	MemoryMB int `yaml:"memory_mb" json:"memory_mb"`
}

// Case is one test case. Input and Expected hold JSON-compatible values.
type Case struct {
	Name     string            `json:"name"` // in English: the case's identity
	Names    map[string]string `json:"names,omitempty"`
	Input    any               `json:"input"`
	Expected any               `json:"expected"`
	Line     int               `json:"-"` // in its tests file, for messages
}

// NameIn is the case's name in loc, or in English when it has none there.
func (c Case) NameIn(loc string) string {
	if n := strings.TrimSpace(c.Names[loc]); n != "" {
		return n
	}
	return c.Name
}

// Code is a language's files. Solution is empty unless loaded with Secrets.
type Code struct {
	Starter  string
	Solution string
	Harness  string
}

// Options say what to read.
type Options struct {
	// Secrets reads hidden cases and reference solutions. The site never sets it.
	Secrets bool
}

// Locales are the locales a sample's texts may be written in.
var Locales = []string{"en", "it"}

type meta struct {
	ID        string            `yaml:"id"`
	Title     map[string]string `yaml:"title"`
	Summary   map[string]string `yaml:"summary"`
	Languages []string          `yaml:"languages"`
	Limits    Limits            `yaml:"limits"`
	Compare   string            `yaml:"compare"`
}

// LoadAll loads every sample directory under root (usually "samples" in the
// content FS). A missing root means no samples.
func LoadAll(fsys fs.FS, root string, opts Options) (map[string]*Sample, diag.List) {
	var errs diag.List
	out := map[string]*Sample{}
	entries, err := fs.ReadDir(fsys, root)
	if err != nil {
		return out, nil
	}
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") { // hidden: .git, .ipynb_checkpoints
			continue
		}
		s, serrs := Load(fsys, path.Join(root, e.Name()), opts)
		errs.Append(serrs)
		if s != nil {
			out[s.ID] = s
		}
	}
	return out, errs
}

// Load reads and validates the sample in dir. It returns every problem found;
// the sample is nil only when sample.yaml cannot be read or a problem in it
// leaves the rest undecoded (it is not YAML, or not a mapping).
func Load(fsys fs.FS, dir string, opts Options) (*Sample, diag.List) {
	var errs diag.List
	l := loader{fsys: fsys, dir: dir, errs: &errs}
	m, ok := l.meta()
	if !ok {
		return nil, errs
	}
	s := &Sample{
		ID: path.Base(dir), Dir: dir, Title: m.Title, Summary: m.Summary,
		Languages: m.Languages, Limits: m.Limits, Compare: m.Compare,
		Statements: map[string]string{}, Code: map[string]Code{},
	}
	l.statements(s)
	s.Public = l.cases("tests/public.yaml")
	if opts.Secrets {
		s.Hidden = l.cases("tests/hidden.yaml")
	} else if !l.exists("tests/hidden.yaml") {
		errs.Add(l.pos("tests/hidden.yaml", 1), "missing hidden test cases")
	}
	for _, lang := range s.Languages {
		if _, ok := Ext(lang); ok {
			s.Code[lang] = l.code(lang, opts.Secrets)
		}
	}
	return s, errs
}

type loader struct {
	fsys fs.FS
	dir  string
	errs *diag.List
}

func (l loader) pos(name string, line int) diag.Pos {
	return diag.Pos{File: path.Join(l.dir, name), Line: line}
}

func (l loader) exists(name string) bool {
	_, err := fs.Stat(l.fsys, path.Join(l.dir, name))
	return err == nil
}

func (l loader) read(name string) ([]byte, bool) {
	b, err := fs.ReadFile(l.fsys, path.Join(l.dir, name))
	if err != nil {
		l.errs.Add(l.pos(name, 1), "missing file")
		return nil, false
	}
	return b, true
}

func (l loader) meta() (meta, bool) {
	var m meta
	src, ok := l.read("sample.yaml")
	if !ok {
		return m, false
	}
	doc, errs := yamlfile.Parse(src, 1)
	if errs == nil {
		errs = doc.Decode(&m)
	}
	// When every problem left only its own value undecoded, the rest of the
	// sample is still checked, its files too, skipping the values that did
	// not decode: one run reports all that is wrong with it.
	checkable, bad := true, map[string]bool{}
	for i, e := range errs {
		if path := doc.Path(e.Line, e.Col); path != "" {
			errs[i].Msg = e.In(fmt.Sprintf("field %q", path))
		}
		key, _, _ := doc.Locate(e.Line, e.Col)
		bad[key] = true
		checkable = checkable && e.Local
	}
	l.report("sample.yaml", errs)
	if !checkable {
		return m, false
	}
	l.checkMeta(m, doc.KeyLines(), bad)
	return m, true
}

// idRE is a sample id: the pages name the elements of its try panel and its
// statement's headings after it, with "--" between, which it may not hold.
var idRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func (l loader) checkMeta(m meta, lines map[string]int, bad map[string]bool) {
	at := func(key string) diag.Pos { return l.pos("sample.yaml", max(lines[key], 1)) }
	switch {
	case bad["id"]:
	case m.ID != path.Base(l.dir):
		l.errs.Add(at("id"), "id %q does not match the directory name %q", m.ID, path.Base(l.dir))
	case !idRE.MatchString(m.ID):
		l.errs.Add(at("id"), "id %q is not a slug: use lowercase letters and digits, with single dashes between words, e.g. rate-limiter", m.ID)
	}
	for _, key := range []string{"title", "summary"} {
		if bad[key] {
			continue
		}
		texts := map[string]map[string]string{"title": m.Title, "summary": m.Summary}[key]
		if texts["en"] == "" {
			l.errs.Add(at(key), "missing %s.en", key)
		}
		for loc := range texts {
			if !slices.Contains(Locales, loc) {
				l.errs.Add(at(key), "unknown locale %q in %s", loc, key)
			}
		}
	}
	if len(m.Languages) == 0 && !bad["languages"] {
		l.errs.Add(at("languages"), "no languages")
	}
	for i, lang := range m.Languages {
		if _, ok := Ext(lang); !ok {
			l.errs.Add(at("languages"), "unknown language %q (want go, python, javascript or sql)", lang)
		} else if slices.Contains(m.Languages[:i], lang) {
			l.errs.Add(at("languages"), "language %q listed twice: remove one", lang)
		}
	}
	if (m.Limits.TimeMS <= 0 || m.Limits.MemoryMB <= 0) && !bad["limits"] {
		l.errs.Add(at("limits"), "limits.time_ms and limits.memory_mb must be positive")
	}
	if m.Compare != "" && m.Compare != "exact" && m.Compare != "unordered" {
		l.errs.Add(at("compare"), "compare must be exact or unordered, not %q", m.Compare)
	}
}

func (l loader) statements(s *Sample) {
	reported := false // an English statement that is not text, said once
	for _, loc := range Locales {
		name := "statement." + loc + ".md"
		b, err := fs.ReadFile(l.fsys, path.Join(l.dir, name))
		if err != nil {
			continue
		}
		if line := diag.NotTextLine(b); line > 0 {
			l.errs.Add(l.pos(name, line), diag.NotText)
			reported = reported || loc == "en"
			continue
		}
		s.Statements[loc] = string(b)
	}
	if s.Statements["en"] == "" && !reported {
		l.errs.Add(l.pos("statement.en.md", 1), "missing English statement")
	}
}

func (l loader) code(lang string, secrets bool) Code {
	ext, _ := Ext(lang)
	var c Code
	if b, ok := l.read(path.Join(lang, "starter."+ext)); ok {
		c.Starter = string(b)
	}
	if lang != "sql" {
		if b, ok := l.read(path.Join(lang, "harness."+ext)); ok {
			c.Harness = string(b)
		}
	}
	if secrets {
		if b, ok := l.read(path.Join(lang, "solution."+ext)); ok {
			c.Solution = string(b)
		}
	}
	return c
}

// cases reads a tests file: a list of {name, input, expected}.
func (l loader) cases(name string) []Case {
	src, ok := l.read(name)
	if !ok {
		return nil
	}
	var nodes []yaml.Node
	if isEmptyYAML(src) {
		l.errs.Add(l.pos(name, 1), "no test cases")
		return nil
	}
	if !l.decode(name, src, &nodes) {
		return nil
	}
	if len(nodes) == 0 {
		l.errs.Add(l.pos(name, 1), "no test cases")
	}
	seen := map[string]bool{}
	var out []Case
	for i := range nodes {
		c, ok := l.testCase(name, i+1, &nodes[i])
		if !ok {
			continue
		}
		if seen[c.Name] {
			l.errs.Add(l.pos(name, nodes[i].Line), "duplicate case name %q", c.Name)
		}
		seen[c.Name] = true
		c.Line = nodes[i].Line
		out = append(out, c)
	}
	return out
}

// testCase decodes case number (from 1) of a tests file from its node.
func (l loader) testCase(file string, number int, n *yaml.Node) (Case, bool) {
	var raw struct {
		Name     caseName `yaml:"name"`
		Input    any      `yaml:"input"`
		Expected any      `yaml:"expected"`
	}
	if err := n.Load(&raw, yaml.WithKnownFields()); err != nil {
		for _, e := range yamlfile.Errors(err, &raw) {
			where := "case " + strconv.Itoa(number)
			if path := yamlfile.NodePath(n, e.Line, e.Col); path != "" {
				where += fmt.Sprintf(": field %q", path)
			}
			l.errs.Add(l.pos(file, e.Line), "%s", e.In(where))
		}
		return Case{}, false
	}
	c := Case{Name: raw.Name.en(), Names: raw.Name.byLocale}
	switch {
	case c.Name == "" && c.Names != nil:
		l.errs.Add(l.pos(file, n.Line), "case %d: its name has no en: the English name is the one every locale falls back to", number)
		return Case{}, false
	case c.Name == "":
		l.errs.Add(l.pos(file, n.Line), "case %d without a name: give it name: text, or name: {en: text, it: text}", number)
		return Case{}, false
	}
	for loc := range c.Names {
		if !slices.Contains(Locales, loc) {
			l.errs.Add(l.pos(file, n.Line), "case %q: unknown locale %q in name (known: %s)", c.Name, loc, strings.Join(Locales, ", "))
		}
	}
	var err error
	if c.Input, err = jsonValue(raw.Input); err == nil {
		c.Expected, err = jsonValue(raw.Expected)
	}
	if err != nil {
		l.errs.Add(l.pos(file, n.Line), "case %q: %v", c.Name, err)
		return Case{}, false
	}
	if missing := missingKeys(n, "input", "expected"); len(missing) > 0 {
		for _, k := range missing {
			l.errs.Add(l.pos(file, n.Line), "case %q: missing field %q (write %s: null for none)", c.Name, k, k)
		}
		return Case{}, false
	}
	return c, true
}

// missingKeys lists the keys of a mapping node that it lacks: a value left
// out, unlike an explicit null, is a case written in a hurry.
func missingKeys(n *yaml.Node, keys ...string) []string {
	var out []string
	for _, k := range keys {
		found := false
		for i := 0; i+1 < len(n.Content); i += 2 {
			found = found || n.Content[i].Value == k
		}
		if !found {
			out = append(out, k)
		}
	}
	return out
}

// decode loads YAML strictly, reporting every error at its line.
func (l loader) decode(name string, src []byte, v any) bool {
	return l.report(name, yamlfile.Load(src, v))
}

// report adds each YAML problem of file name at its line, and says whether
// there was none.
func (l loader) report(name string, errs []yamlfile.LineError) bool {
	for _, e := range errs {
		l.errs.Add(l.pos(name, e.Line), "%s", e.Msg)
	}
	return len(errs) == 0
}

// jsonValue turns a decoded YAML value into the value JSON would decode, so
// inputs and expected values compare the same whichever way they arrived.
func jsonValue(v any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("not representable as JSON: %v", err)
	}
	var out any
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&out); err != nil {
		return nil, err
	}
	return normalize(out), nil
}

// Equal reports whether actual matches expected under the sample's compare
// mode. Both are JSON values as encoding/json decodes them with UseNumber.
func Equal(compare string, expected, actual any) bool {
	expected, actual = normalize(expected), normalize(actual)
	if compare == "unordered" {
		ea, ok1 := expected.([]any)
		aa, ok2 := actual.([]any)
		if ok1 && ok2 {
			return reflect.DeepEqual(canonicalSorted(ea), canonicalSorted(aa))
		}
	}
	return reflect.DeepEqual(expected, actual)
}

// normalize makes numbers comparable: 2, 2.0 and "2" as json.Number all become float64 2.
func normalize(v any) any {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return x.String()
		}
		return f
	case int:
		return float64(x)
	case int64:
		return float64(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalize(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = normalize(e)
		}
		return out
	}
	return v
}

func canonicalSorted(xs []any) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		b, _ := json.Marshal(x)
		out[i] = string(b)
	}
	sort.Strings(out)
	return out
}

// Locale returns the text for loc, falling back to English.
func Locale(texts map[string]string, loc string) string {
	if s := strings.TrimSpace(texts[loc]); s != "" {
		return texts[loc]
	}
	return texts["en"]
}

// isEmptyYAML reports a file with nothing but blank lines and comments.
func isEmptyYAML(src []byte) bool {
	for _, line := range bytes.Split(src, []byte("\n")) {
		t := bytes.TrimSpace(line)
		if len(t) > 0 && t[0] != '#' && !bytes.Equal(t, []byte("---")) {
			return false
		}
	}
	return true
}

// caseName is a case's name as a tests file gives it: one text for every
// locale, or a text per locale, {en: ..., it: ...}.
type caseName struct {
	text     string
	byLocale map[string]string
}

func (n *caseName) UnmarshalYAML(node *yaml.Node) error {
	if node.Kind == yaml.AliasNode && node.Alias != nil {
		node = node.Alias
	}
	var err error
	switch node.Kind {
	case yaml.MappingNode:
		err = node.Decode(&n.byLocale)
	case yaml.ScalarNode:
		err = node.Decode(&n.text)
	}
	if node.Kind == yaml.SequenceNode || err != nil {
		return fmt.Errorf("wrong type: got %s, want text, or a text per locale ({en: ..., it: ...})", yamlfile.Got(node))
	}
	return nil
}

func (n caseName) en() string {
	if n.byLocale != nil {
		return strings.TrimSpace(n.byLocale["en"])
	}
	return strings.TrimSpace(n.text)
}
