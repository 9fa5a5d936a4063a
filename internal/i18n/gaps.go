package i18n

import (
	"bufio"
	"bytes"
	"slices"
	"strconv"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Gap is a message a locale lacks, or a plural form a locale's message lacks.
type Gap struct {
	Locale string // the locale that lacks it
	ID     string // the message ID
	// Form is the CLDR plural form the locale's message lacks ("one",
	// "many", ...); empty when the locale lacks the whole message.
	Form       string
	File       string // the locale's file in the locales FS, e.g. "it.toml"
	Line       int    // the message's line in File; 0 when File lacks it
	Source     string // the default locale's file, e.g. "en.toml"
	SourceLine int    // the message's line in Source; 0 when Source lacks it too
	// Reason is set for a message a template asked for at render time (see
	// Misses) and no file defines: what go-i18n said.
	Reason string
}

// pluralForms are go-i18n's plural forms, in CLDR order.
var pluralForms = []string{"zero", "one", "two", "few", "many", "other"}

// Gaps lists what the translators still have to do, comparing every
// locale's file with the default locale's, sorted by locale (in Locales
// order), ID and form:
//
//   - every message the default locale defines and another locale does not
//     (a Gap without Form);
//   - every plural form a plural message lacks in a locale, the default one
//     included. A message is plural when its default-locale or own version
//     has a form besides "other" (a table with only "other" is a plain
//     string). The forms a locale needs are those go-i18n's CLDR rules can
//     pick for it at run time, found by asking go-i18n: en needs one and
//     other, it needs one, many (1000000, "un milione di …") and other;
//   - every miss T recorded (see Misses) that the comparison does not
//     explain, such as a message a template uses and no locale defines
//     (Reason set). Those appear only after templates have run.
func (c *Catalog) Gaps() []Gap {
	src := c.files[c.def]
	var gaps []Gap
	covered := map[[2]string]bool{}
	add := func(g Gap) {
		gaps = append(gaps, g)
		covered[[2]string{g.Locale, g.ID}] = true
	}
	for _, loc := range c.Locales {
		f := c.files[loc]
		need := RequiredForms(loc)
		ids := slices.Sorted(func(yield func(string) bool) {
			seen := map[string]bool{}
			for _, m := range [2]messageFile{src, f} {
				for id := range m.msgs {
					if !seen[id] {
						seen[id] = true
						if !yield(id) {
							return
						}
					}
				}
			}
		})
		for _, id := range ids {
			def, own := src.msgs[id], f.msgs[id]
			base := Gap{Locale: loc, ID: id, File: f.name, Line: f.lines[id], Source: src.name, SourceLine: src.lines[id]}
			if own == nil {
				add(base) // only a locale other than the default can lack one of its messages
				continue
			}
			if !isPlural(def) && !isPlural(own) {
				continue
			}
			have := forms(own)
			for _, form := range need {
				if !have[form] {
					g := base
					g.Form = form
					add(g)
				}
			}
		}
	}
	for _, m := range c.Misses() {
		if covered[[2]string{m.Locale, m.ID}] {
			continue
		}
		f := c.files[m.Locale]
		add(Gap{Locale: m.Locale, ID: m.ID, File: f.name, Line: f.lines[m.ID], Source: src.name, SourceLine: src.lines[m.ID], Reason: m.Reason})
	}
	slices.SortStableFunc(gaps, func(a, b Gap) int {
		if d := localeIndex(c.Locales, a.Locale) - localeIndex(c.Locales, b.Locale); d != 0 {
			return d
		}
		if d := strings.Compare(a.ID, b.ID); d != 0 {
			return d
		}
		return slices.Index(pluralForms, a.Form) - slices.Index(pluralForms, b.Form)
	})
	return gaps
}

func localeIndex(locales []string, loc string) int {
	if i := slices.Index(locales, loc); i >= 0 {
		return i
	}
	return len(locales)
}

// RequiredForms returns the plural forms go-i18n's CLDR rules pick for
// locale, in CLDR order: en needs one and other, it one, many and other.
// It asks a bundle whose one message has every form, for counts that cover
// every rule of CLDR (integers up to 1100, millions, decimals).
func RequiredForms(locale string) []string {
	tag := language.Make(locale)
	b := i18n.NewBundle(tag)
	msg := &i18n.Message{ID: "form", Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many", Other: "other"}
	if err := b.AddMessages(tag, msg); err != nil {
		return []string{"other"}
	}
	l := i18n.NewLocalizer(b, locale)
	seen := map[string]bool{}
	for _, n := range probeCounts {
		if s, err := l.Localize(&i18n.LocalizeConfig{MessageID: "form", PluralCount: n}); err == nil {
			seen[s] = true
		}
	}
	var out []string
	for _, f := range pluralForms {
		if seen[f] {
			out = append(out, f)
		}
	}
	return out
}

// probeCounts are the counts RequiredForms asks about.
var probeCounts = func() []any {
	var out []any
	for i := range 1101 {
		out = append(out, i)
	}
	for _, n := range []int{10000, 100000, 1000000, 2000000, 10000000, 1000000000} {
		out = append(out, n)
	}
	for _, s := range []string{"0.0", "0.1", "0.5", "1.0", "1.5", "2.0", "2.5", "3.0", "3.5", "5.0", "10.0", "11.0", "100.0", "0.01", "1.25", "1.01", "2.17"} {
		out = append(out, s)
	}
	return out
}()

func isPlural(m *i18n.Message) bool {
	return m != nil && (m.Zero != "" || m.One != "" || m.Two != "" || m.Few != "" || m.Many != "")
}

func forms(m *i18n.Message) map[string]bool {
	return map[string]bool{
		"zero": m.Zero != "", "one": m.One != "", "two": m.Two != "",
		"few": m.Few != "", "many": m.Many != "", "other": m.Other != "",
	}
}

// messageFile is one locale's file: its messages by ID and their lines.
type messageFile struct {
	name  string
	msgs  map[string]*i18n.Message
	lines map[string]int
}

func newMessageFile(name string, src []byte, msgs []*i18n.Message) messageFile {
	f := messageFile{name: name, msgs: map[string]*i18n.Message{}, lines: keyLines(src)}
	for _, m := range msgs {
		f.msgs[m.ID] = m
	}
	return f
}

// keyLines maps the top-level keys and the table headers of a TOML file to
// their lines: a line scan, enough for message files, where a message is a
// `key = "text"` line or a `[key]` table of plural forms.
func keyLines(src []byte) map[string]int {
	lines := map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(nil, 1<<20)
	inTable := false
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		var key string
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, "[["):
			inTable = true
			continue
		case strings.HasPrefix(line, "["):
			end := strings.LastIndex(line, "]")
			if end < 0 {
				continue
			}
			key, inTable = strings.TrimSpace(line[1:end]), true
		case !inTable:
			k, _, ok := strings.Cut(line, "=")
			if !ok {
				continue
			}
			key = strings.TrimSpace(k)
		default:
			continue
		}
		if u, err := strconv.Unquote(key); err == nil {
			key = u
		} else if len(key) >= 2 && key[0] == '\'' && key[len(key)-1] == '\'' {
			key = key[1 : len(key)-1]
		}
		if _, ok := lines[key]; !ok {
			lines[key] = n
		}
	}
	return lines
}
