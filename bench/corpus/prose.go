package corpus

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// lineWidth is where prose is wrapped, like hand-written guides.
const lineWidth = 100

// writer draws the localized Markdown text of one page.
type writer struct {
	rng   *rand.Rand
	loc   *locale
	r     *role
	roles []role
}

// between returns a random int in [lo, hi].
func (w *writer) between(lo, hi int) int {
	return lo + w.rng.IntN(hi-lo+1)
}

// plainSentence is a sentence without inline markup, fit for front matter.
func (w *writer) plainSentence() string {
	s := pick(w.rng, w.loc.subjects) + " " + pick(w.rng, w.loc.verbs) + " " + pick(w.rng, w.loc.objects)
	return s + " " + pick(w.rng, w.loc.tails) + "."
}

// sentence is a sentence with occasional emphasis and inline code.
func (w *writer) sentence() string {
	s := pick(w.rng, w.loc.subjects) + " " + pick(w.rng, w.loc.verbs) + " " + w.object()
	if w.rng.IntN(3) > 0 {
		s += " " + pick(w.rng, w.loc.tails)
	}
	if w.rng.IntN(10) == 0 {
		s += ", " + w.loc.example + " `" + pick(w.rng, w.r.stack) + "`"
	}
	return s + "."
}

// object is a sentence object, sometimes emphasized.
func (w *writer) object() string {
	o := pick(w.rng, w.loc.objects)
	switch w.rng.IntN(10) {
	case 0:
		return "**" + o + "**"
	case 1:
		return "*" + o + "*"
	}
	return o
}

// question is an interview question ending in a question mark.
func (w *writer) question() string {
	s := pick(w.rng, w.loc.stems) + " " + pick(w.rng, w.loc.objects)
	if w.rng.IntN(2) == 0 {
		s += " " + pick(w.rng, w.loc.tails)
	}
	return s + "?"
}

// sentences joins k sentences into one line of text.
func (w *writer) sentences(k int) string {
	parts := make([]string, k)
	for i := range parts {
		parts[i] = w.sentence()
	}
	return strings.Join(parts, " ")
}

// paragraph is a wrapped paragraph of lo to hi sentences.
func (w *writer) paragraph(lo, hi int) string {
	return wrap(w.sentences(w.between(lo, hi)), "", "")
}

// bullets is a list of k items, each a bold lead when leads is set, and one
// or two sentences.
func (w *writer) bullets(k int, leads bool) string {
	items := make([]string, k)
	for i := range items {
		text := w.sentences(w.between(1, 2))
		if leads {
			text = "**" + pick(w.rng, w.loc.leads) + "** " + text
		}
		items[i] = wrap(text, "- ", "  ")
	}
	return strings.Join(items, "\n")
}

// roleName is a role's display name in this locale, such as "Senior Data
// Engineer for Payments".
func (w *writer) roleName(r *role) string {
	return r.seniority + " " + r.name + strings.Replace(w.loc.domainFmt, "%s", w.loc.domains[r.domain], 1)
}

// link is a Markdown link to the page of role j, sometimes to a pinned section.
func (w *writer) link(j int) string {
	target := &w.roles[j]
	url := "/" + w.loc.code + "/roles/" + target.slug + "/"
	if w.rng.IntN(3) == 0 {
		url += "#" + pick(w.rng, w.loc.sections).id
	}
	return "[" + w.roleName(target) + "](" + url + ")"
}

// wrap breaks text, whose words are separated by single spaces, into lines of
// about lineWidth, the first prefixed by first and the rest by indent. It
// breaks only before a word that starts with a letter or inline markup, so
// no line can start a list, heading or fence.
func wrap(text, first, indent string) string {
	var b strings.Builder
	b.Grow(len(first) + len(text) + len(text)/lineWidth*(1+len(indent)))
	b.WriteString(first)
	col, start := len(first), true
	for word := range strings.SplitSeq(text, " ") {
		switch {
		case word == "":
			continue
		case start:
			start = false
		case col+1+len(word) > lineWidth && safeLineStart(word):
			b.WriteString("\n" + indent)
			col = len(indent)
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(word)
		col += len(word)
	}
	return b.String()
}

// countWords counts the words of Markdown text, markup included: close
// enough to size a page.
func countWords(text string) int {
	n, in := 0, false
	for i := 0; i < len(text); i++ {
		space := text[i] == ' ' || text[i] == '\n'
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// safeLineStart reports whether a line may start with word without turning
// into a Markdown block.
func safeLineStart(word string) bool {
	r, _ := utf8.DecodeRuneInString(word)
	return unicode.IsLetter(r) || strings.ContainsRune("*[`", r)
}
