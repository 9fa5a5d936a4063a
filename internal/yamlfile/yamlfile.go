// Package yamlfile decodes YAML strictly and reports every problem with the
// line it is on, so content and samples can name file and line in errors.
package yamlfile

import (
	"bytes"
	"cmp"
	"errors"
	"io"
	"iter"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"
)

// LineError is a problem at a line (0 when unknown): of the YAML text, or of
// its file for a Doc parsed at a first line.
type LineError struct {
	Line int
	Col  int // 0 when unknown
	Msg  string
	// Local is set when the decoder left only the value at Line and Col
	// unset (an item of a list is dropped from it) and decoded the rest of
	// the document, so checks of the other values can still run.
	Local bool
	// Unknown is the key an unknown field error is about.
	Unknown string
	// Got and Want are what a wrong type holds and what was wanted, as
	// Msg words them ("a list", "text `x`"); Want is "" for other errors.
	Got, Want string
}

// Doc is a parsed YAML text: one parse serves decoding and the lookups of
// key and item lines that checks made after decoding need.
type Doc struct {
	root     *yaml.Node // the document's top node; nil when there is none
	indirect bool       // it has an alias or a merge key: a value's errors may be away from its key
}

// Parse parses src, whose first line is line first of its file: every line
// a Doc gives, takes or writes in a message is the file's. A text with no
// document (nothing, or only comments) is an empty one, so that a caller's
// checks report what is missing rather than a parser's message.
func Parse(src []byte, first int) (*Doc, []LineError) {
	d := &Doc{}
	var doc yaml.Node
	if err := yaml.Load(src, &doc); err != nil {
		if noDocument(src) {
			return d, nil
		}
		errs := errorList(err, nil, false, src)
		for i := range errs {
			if errs[i].Line > 0 {
				errs[i].Line += first - 1
			}
		}
		return d, errs
	}
	if len(doc.Content) > 0 {
		d.root = doc.Content[0]
		d.indirect = shift(d.root, first-1)
	}
	return d, nil
}

// noDocument reports a text with no document, which yaml.Load rejects.
func noDocument(src []byte) bool {
	l, err := yaml.NewLoader(bytes.NewReader(src))
	if err != nil {
		return false
	}
	var n yaml.Node
	return l.Load(&n) == io.EOF
}

// shift moves n and the nodes under it down by lines, so that decoding
// reports the file's lines, and reports whether any is an alias or a merge
// key.
func shift(n *yaml.Node, lines int) (indirect bool) {
	n.Line += lines
	indirect = n.Kind == yaml.AliasNode || n.Tag == "!!merge"
	for _, c := range n.Content {
		indirect = shift(c, lines) || indirect
	}
	return indirect
}

// Decode decodes the document into v, rejecting unknown fields, and returns
// every problem. An empty document leaves v as it is.
func (d *Doc) Decode(v any) []LineError {
	if d.root == nil {
		return nil
	}
	// Errors the decoder collects and goes on after are local in a mapping
	// decoded into a struct or map, unless a value may be reported away
	// from its key.
	t := reflect.TypeOf(v)
	local := d.root.Kind == yaml.MappingNode && !d.indirect && isMapping(t)
	// The decoder drops a mapping with a repeated key, and with it every
	// other problem of the mapping: it decodes the first of each key.
	var errs []LineError
	root := withoutDuplicates(d.root, func(k *yaml.Node, first int) {
		msg := duplicateMessage(strconv.Quote(k.Value), strconv.Itoa(first))
		errs = append(errs, LineError{Line: k.Line, Col: k.Column, Msg: msg, Local: local})
	})
	err := root.Load(v, yaml.WithKnownFields())
	if err == nil {
		return errs
	}
	errs = append(errs, errorList(err, t, local, nil)...)
	for i, e := range errs {
		if n := d.nodeAt(e.Line, e.Col); n != nil && n.Kind == yaml.ScalarNode && e.Want != "" { // the decoder cuts a value short
			errs[i].Got = Got(n)
			errs[i].Msg = typeMessage(errs[i].Got, e.Want)
		}
	}
	return errs
}

// withoutDuplicates is n with each mapping keeping the first of a repeated
// key, its value with it; it calls dup for each key it leaves out. n itself
// is not changed (its positions still name what an editor wrote): a node
// with a change under it is copied, and n is returned when there is none.
func withoutDuplicates(n *yaml.Node, dup func(k *yaml.Node, first int)) *yaml.Node {
	var out []*yaml.Node // n.Content with the changes, from the first one on
	for i := 0; i < len(n.Content); i++ {
		child := n.Content[i]
		if n.Kind == yaml.MappingNode && i%2 == 0 {
			if first := earlierKey(n, i); first != nil {
				dup(child, first.Line)
				if out == nil {
					out = slices.Clone(n.Content[:i])
				}
				i++ // its value goes with it
				continue
			}
		}
		kept := withoutDuplicates(child, dup)
		if kept != child && out == nil {
			out = slices.Clone(n.Content[:i])
		}
		if out != nil {
			out = append(out, kept)
		}
	}
	if out == nil {
		return n
	}
	c := *n
	c.Content = out
	return &c
}

// earlierKey is the key before the i-th node of mapping n that is the same
// text, or nil. A merge key (<<) may repeat.
func earlierKey(n *yaml.Node, i int) *yaml.Node {
	k := n.Content[i]
	if k.Kind != yaml.ScalarNode || k.Tag == "!!merge" {
		return nil
	}
	for j := 0; j < i; j += 2 {
		if e := n.Content[j]; e.Kind == yaml.ScalarNode && e.Tag != "!!merge" && e.Value == k.Value {
			return e
		}
	}
	return nil
}

// Load decodes src into v, rejecting unknown fields, and returns every problem.
func Load(src []byte, v any) []LineError {
	d, errs := Parse(src, 1)
	if errs != nil {
		return errs
	}
	return d.Decode(v)
}

// Errors splits an error from go.yaml.in/yaml/v4, decoding into v, into its
// positioned parts; v's type names the fields a mapping should have.
func Errors(err error, v any) []LineError { return errorList(err, reflect.TypeOf(v), false, nil) }

var duplicateKey = regexp.MustCompile(`^mapping key (".*") already defined at line (\d+)$`)

// errorList splits err into its positioned parts, worded for an editor; t,
// the type decoded into, names the fields a mapping should have. When
// local, each collected error is local but a repeated key, which drops
// its whole mapping.
func errorList(err error, t reflect.Type, local bool, src []byte) []LineError {
	var many *yaml.LoadErrors
	if errors.As(err, &many) && len(many.Errors) > 0 {
		fields := structFields(t)
		out := make([]LineError, 0, len(many.Errors))
		for _, e := range many.Errors {
			l := local && e.Mark.Line > 0 && !duplicateKey.MatchString(e.Message)
			le := LineError{Line: e.Mark.Line, Col: e.Mark.Column, Msg: friendly(e.Message, fields), Local: l}
			if m := unknownField.FindStringSubmatch(e.Message); m != nil {
				le.Unknown = m[1]
			}
			if m := typeParts.FindStringSubmatch(le.Msg); m != nil { // the decoder's, or an UnmarshalYAML's worded with Got
				le.Got, le.Want = m[1], m[2]
			}
			out = append(out, le)
		}
		return out
	}
	var one *yaml.LoadError
	if errors.As(err, &one) {
		return []LineError{syntaxError(one, src)}
	}
	return []LineError{{Msg: err.Error()}}
}

// syntaxError words the parser's message on a text that is not YAML for an
// editor, at the line of the mistake: an unclosed quote or bracket is where
// it opens, not where the parser gave up. src, when not nil, is the text, to
// tell the mistakes that share a message apart.
func syntaxError(e *yaml.LoadError, src []byte) LineError {
	at, msg := e.Mark, e.Message
	opened := func(what string) { at, msg = e.ContextMark, what }
	quoted := strings.Contains(e.ContextMsg, "quoted scalar")
	switch {
	case quoted && strings.Contains(msg, "end of stream"):
		opened("quoted text is never closed: end it with the quote it starts with")
	case quoted: // an escape: \U, \x and \u want hexadecimal digits
		msg += `: in double quotes a backslash starts an escape; use single quotes ('C:\Users'), or write \\ for a backslash`
	case strings.Contains(e.ContextMsg, "flow sequence"):
		opened("the list opened with [ is not closed or holds a stray character: end it with ], separate its items with commas and quote an item with \": \" in it")
	case strings.Contains(e.ContextMsg, "flow mapping"):
		opened("the mapping opened with { is not closed or holds a stray character: end it with }, and separate its fields with commas")
	case strings.Contains(e.ContextMsg, "flow node") && pastEnd(src, at):
		at, msg = yaml.Mark{Line: lastLine(src)}, "a list opened with [ or a mapping opened with { is not closed: end it with ] or }"
	case strings.Contains(e.ContextMsg, "simple key"):
		opened(`this line has no ":" after its field's name: write it as name: value, or indent it under the field it continues`)
	case strings.Contains(e.ContextMsg, "block scalar"):
		msg = "text after | or > starts on the next line, indented under its field"
	case strings.Contains(msg, "tab character"), strings.Contains(msg, "cannot start any token") && charAt(src, at) == "\t":
		msg = "a tab indents this line: indent YAML with spaces"
	case strings.Contains(msg, "cannot start any token") && charAt(src, at) != "":
		c := charAt(src, at)
		msg = "YAML text cannot start with " + c + ": put it in quotes, as in title: \"" + c + "...\""
	case strings.HasPrefix(msg, "mapping values are not allowed"):
		if strings.Contains(lineBefore(src, at), ": ") {
			msg += `: text with ": " in it needs quotes, as in title: "Backend: how to hire"`
		} else {
			msg += ": check the indentation (a field starts in the column of the fields beside it)"
		}
	case strings.HasPrefix(msg, "did not find expected"):
		msg += ": check the indentation (the lines of one field, or of one list item, start in the same column) and that every quote is closed on its line"
	default:
		msg = friendly(msg, nil)
	}
	return LineError{Line: at.Line, Col: at.Column, Msg: msg}
}

// pastEnd reports whether m is past src's last line that has text: where
// the parser gives up on what the text never closes.
func pastEnd(src []byte, m yaml.Mark) bool { return src != nil && m.Line > lastLine(src) }

// lastLine is the number of src's last line that has text.
func lastLine(src []byte) int {
	return bytes.Count(bytes.TrimRight(src, " \t\r\n"), []byte("\n")) + 1
}

// lineBefore is the text of src's line at m before m's column, or ""
// without src.
func lineBefore(src []byte, m yaml.Mark) string {
	line, k, ok := lineAt(src, m)
	if !ok {
		return string(line)
	}
	return string(line[:k])
}

// lineAt is src's line at m and the byte offset in it of m's column, which
// counts characters from 1; ok is false when the column is past the line's
// end (or the line is not in src), and then the offset is the line's length.
func lineAt(src []byte, m yaml.Mark) (line []byte, k int, ok bool) {
	lines := bytes.Split(src, []byte("\n"))
	if m.Line < 1 || m.Line > len(lines) {
		return nil, 0, false
	}
	line = lines[m.Line-1]
	for col := 1; col < m.Column; col++ {
		if k >= len(line) {
			return line, len(line), false
		}
		_, size := utf8.DecodeRune(line[k:])
		k += size
	}
	return line, k, k < len(line)
}

// charAt is the character of src at m, or "" without src.
func charAt(src []byte, m yaml.Mark) string {
	line, k, ok := lineAt(src, m)
	if !ok {
		return ""
	}
	r, _ := utf8.DecodeRune(line[k:])
	return string(r)
}

// KeyLines maps each top-level key of the document to its line, so a check
// made after decoding (a missing value, a bad reference) can point at it.
func (d *Doc) KeyLines() map[string]int {
	lines := map[string]int{}
	for k := range d.pairs() {
		lines[k.Value] = k.Line
	}
	return lines
}

// Item is one item of a sequence.
type Item struct {
	Line int
	Col  int
	Null bool           // ~, null or nothing: decoding skips it, so a decoded list has no entry for it
	Keys map[string]int // for a mapping, the line of each of its keys
}

// Items lists the items of the sequence at a top-level key, so a check of a
// decoded list can point at each item, and at its keys. It is nil when the
// key is absent or its value is not a sequence.
func (d *Doc) Items(key string) []Item {
	var items []Item
	for k, v := range d.pairs() {
		if k.Value != key || v.Kind != yaml.SequenceNode {
			continue
		}
		for _, n := range v.Content {
			it := Item{Line: n.Line, Col: n.Column}
			if n.Kind == yaml.AliasNode && n.Alias != nil {
				n = n.Alias
			}
			it.Null = n.Kind == yaml.ScalarNode && n.Tag == "!!null"
			if n.Kind == yaml.MappingNode {
				it.Keys = map[string]int{}
				for i := 0; i+1 < len(n.Content); i += 2 {
					it.Keys[n.Content[i].Value] = n.Content[i].Line
				}
			}
			items = append(items, it)
		}
	}
	return items
}

// Locate names what holds a position: the top-level key whose value it is
// in, the index of the item of that value's sequence or -1, and the key of
// that item's mapping or "". It is "" and -1 before the first key or when
// the document is not a mapping.
func (d *Doc) Locate(line, col int) (key string, item int, sub string) {
	key, item = "", -1
	steps := pathTo(d.root, line, col)
	if len(steps) == 0 || steps[0].item >= 0 {
		return key, item, sub
	}
	key = steps[0].key
	if len(steps) > 1 && steps[1].item >= 0 {
		item = steps[1].item
		if len(steps) > 2 {
			sub = steps[2].key
		}
	}
	return key, item, sub
}

// Path names what holds a position, as the keys and 1-based list items
// that lead to it: "limits.memory_mb", "languages[2]". It is "" for the
// document itself.
func (d *Doc) Path(line, col int) string { return NodePath(d.root, line, col) }

// NodePath is Path inside the node n.
func NodePath(n *yaml.Node, line, col int) string {
	var b strings.Builder
	for _, s := range pathTo(n, line, col) {
		switch {
		case s.item >= 0:
			b.WriteString("[" + strconv.Itoa(s.item+1) + "]")
		case b.Len() > 0:
			b.WriteString("." + s.key)
		default:
			b.WriteString(s.key)
		}
	}
	return b.String()
}

// step is one step down a YAML tree: into a mapping's value at key (item
// -1), or into a sequence's item.
type step struct {
	key  string
	item int
}

// pathTo lists the steps from n down to the innermost node that holds a
// position: at each level, the last key or item that starts before it.
func pathTo(n *yaml.Node, line, col int) []step {
	var out []step
	for n != nil {
		at := -1
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content) && !before(line, col, n.Content[i].Line, n.Content[i].Column); i += 2 {
				at = i
			}
			if at < 0 {
				return out
			}
			out = append(out, step{key: n.Content[at].Value, item: -1})
			n = n.Content[at+1]
		case yaml.SequenceNode:
			for i := 0; i < len(n.Content) && !before(line, col, n.Content[i].Line, n.Content[i].Column); i++ {
				at = i
			}
			if at < 0 {
				return out
			}
			out = append(out, step{item: at})
			n = n.Content[at]
		default:
			return out
		}
	}
	return out
}

// nodeAt is the outermost node that starts at line:col (a mapping, not its
// first key), or nil.
func (d *Doc) nodeAt(line, col int) *yaml.Node {
	var walk func(n *yaml.Node) *yaml.Node
	walk = func(n *yaml.Node) *yaml.Node {
		if n.Kind != yaml.DocumentNode && n.Line == line && n.Column == col {
			return n
		}
		for _, c := range n.Content {
			if f := walk(c); f != nil {
				return f
			}
		}
		return nil
	}
	if d.root == nil {
		return nil
	}
	return walk(d.root)
}

// before reports whether line:col comes before l:c.
func before(line, col, l, c int) bool { return line < l || line == l && col < c }

// pairs yields the top-level keys and values of a mapping document, in order.
func (d *Doc) pairs() iter.Seq2[*yaml.Node, *yaml.Node] {
	return func(yield func(k, v *yaml.Node) bool) {
		if d.root == nil || d.root.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(d.root.Content); i += 2 {
			if !yield(d.root.Content[i], d.root.Content[i+1]) {
				return
			}
		}
	}
}

var (
	unknownField = regexp.MustCompile(`^field (\S+) not found in type .+$`)
	wrongType    = regexp.MustCompile(`^cannot construct !!(\w+) (.*?) ?into (.+)$`)
	numberType   = regexp.MustCompile(`^u?int\d*$|^float\d+$`)
)

// tagWords names the YAML types as an editor knows them.
var tagWords = map[string]string{"str": "text", "int": "a number", "float": "a number", "bool": "true/false",
	"seq": "a list", "map": "a mapping", "null": "nothing", "timestamp": "a date"}

// friendly rewords the decoder's messages in the terms an editor uses;
// fields lists the keys of the struct types decoded into, by type name.
func friendly(msg string, fields map[string][]string) string {
	if m := unknownField.FindStringSubmatch(msg); m != nil {
		return "unknown field " + `"` + m[1] + `"`
	}
	if m := duplicateKey.FindStringSubmatch(msg); m != nil {
		return duplicateMessage(m[1], m[2])
	}
	if m := wrongType.FindStringSubmatch(msg); m != nil {
		got := cmp.Or(tagWords[m[1]], m[1])
		if m[2] != "" {
			got += " " + m[2]
		}
		return typeMessage(got, goType(m[3], fields))
	}
	return msg
}

// duplicateMessage words a repeated key, quoted, whose first is at line first.
func duplicateMessage(key, first string) string {
	return "duplicate key " + key + " (first at line " + first + "): keep one"
}

// typeMessage words a wrong type; typeParts reads it back, from the
// decoder or from an UnmarshalYAML that words its own with Got.
func typeMessage(got, want string) string { return "wrong type: got " + got + ", want " + want }

// In is e's message placed in where ("field \"limits\""), when e is a wrong
// type; any other message is left as it is.
func (e LineError) In(where string) string {
	if e.Want == "" {
		return e.Msg
	}
	return where + " has the " + typeMessage(e.Got, e.Want)
}

var typeParts = regexp.MustCompile(`^wrong type: got (.*), want (.*)$`)

// Got words what a node holds the way type errors do ("a list", "text
// `x`"), for the messages of a type's own UnmarshalYAML.
func Got(n *yaml.Node) string {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	tag := strings.TrimPrefix(n.ShortTag(), "!!")
	got := cmp.Or(tagWords[tag], tag)
	if n.Kind == yaml.ScalarNode && tag != "null" {
		got += " `" + shorten(n.Value, 40) + "`"
	}
	return got
}

// shorten cuts s to at most n runes, marking the cut.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return strings.TrimRight(string([]rune(s)[:n-1]), " ") + "…"
}

func goType(t string, fields map[string][]string) string {
	switch {
	case t == "string":
		return "text"
	case t == "bool":
		return "true or false"
	case numberType.MatchString(t) && strings.Contains(t, "int"):
		return "a whole number"
	case numberType.MatchString(t):
		return "a number"
	case strings.HasPrefix(t, "[]") && fields[t[2:]] != nil:
		return "a list of mappings (- " + example(fields[t[2:]]) + ")"
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "map["):
		return "a mapping"
	case fields[t] != nil:
		return "a mapping of fields (" + example(fields[t]) + ")"
	case strings.HasPrefix(t, "struct {"):
		return "a mapping of fields"
	}
	return t
}

// example lists a struct's first keys as a mapping would hold them.
func example(keys []string) string {
	const most = 3
	var b strings.Builder
	for i, k := range keys[:min(len(keys), most)] {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(k + ": ...")
	}
	if len(keys) > most {
		b.WriteString(", ...")
	}
	return b.String()
}

// isMapping reports whether t, through pointers, decodes from a mapping.
func isMapping(t reflect.Type) bool {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t != nil && (t.Kind() == reflect.Struct || t.Kind() == reflect.Map)
}

var unmarshaler = reflect.TypeFor[yaml.Unmarshaler]()

var nodeType = reflect.TypeFor[yaml.Node]()

// structFields maps the name of each struct type reachable from t, as the
// decoder's messages print it, to the keys its mapping takes.
func structFields(t reflect.Type) map[string][]string {
	fields := map[string][]string{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array:
			walk(t.Elem())
		case reflect.Map:
			walk(t.Key())
			walk(t.Elem())
		case reflect.Struct:
			if _, seen := fields[t.String()]; seen || t == nodeType || reflect.PointerTo(t).Implements(unmarshaler) {
				return // an Unmarshaler words its own errors; a yaml.Node takes any YAML
			}
			fields[t.String()] = []string{} // not nil: marks t seen before its fields are walked
			fields[t.String()] = keysOf(t, walk)
		}
	}
	if t != nil {
		walk(t)
	}
	return fields
}

// keysOf lists the keys of struct type t's mapping, walking each field's type.
func keysOf(t reflect.Type, walk func(reflect.Type)) []string {
	var keys []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		walk(f.Type)
		if strings.Contains(","+opts+",", ",inline,") {
			if f.Type.Kind() == reflect.Struct {
				keys = append(keys, keysOf(f.Type, func(reflect.Type) {})...)
			}
			continue
		}
		keys = append(keys, cmp.Or(name, strings.ToLower(f.Name)))
	}
	return keys
}
