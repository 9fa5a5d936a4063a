// Package translation reports what translators still have to do, per
// locale: guides missing, guides whose source was updated after the
// translation, interface messages and plural forms missing, and coding
// samples whose statement lacks the locale. `guides check` prints the report
// as a table and, with -strict, makes every finding an error.
//
// Report is a pure function of a loaded content.Site and the message
// catalog's gaps (i18n.Catalog.Gaps); it reads no file.
//
// What counts, and why:
//
//   - A guide is published when it is not a draft in at least one locale.
//     A guide that is a draft everywhere is work in progress and missing
//     nowhere. A published guide is missing in every locale where it has no
//     file, and in every locale where its file is still a draft: readers
//     there get the "not translated yet" page, which is what an editor wants
//     to hear about.
//   - A translation is outdated when its default-locale (English) source and
//     it are both published and the source's `updated` date is later than
//     the translation's. A draft source is not compared: its date tracks
//     unpublished work.
//   - Messages: every message the default locale defines and a locale lacks,
//     and every plural form a locale's plural message lacks (see
//     i18n.Catalog.Gaps for which forms each locale needs).
//   - A family a published guide names needs a family_<slug> message; when
//     the default locale has none, every locale without one is reported (a
//     locale that lacks only its translation is a message gap above).
//   - A sample's statement is missing in a locale the site and the sample
//     format both know (sample.Locales) when statement.<locale>.md is absent.
//   - A sample's public test cases lack names in such a locale when
//     tests/public.yaml gives them no name there (name: {en: ..., it: ...}):
//     the page's examples and the widget's results show them in English.
//
// Every finding names the file an editor opens (Item) and the position a
// -strict error points at (Pos): the existing file, line 1; for a guide or
// statement not translated at all, the source file, line 1, since the
// translation does not exist yet; for messages, the locale's TOML file at the
// message's line when it has one.
package translation

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"guides/internal/content"
	"guides/internal/diag"
	"guides/internal/i18n"
	"guides/internal/sample"
)

// Kind is what a finding is about.
type Kind int

// The kinds, in the order the report lists them within a locale.
const (
	MissingGuide Kind = iota
	OutdatedTranslation
	MissingMessage
	MissingPluralForm
	MissingStatement
	MissingCaseNames
)

var kindNames = [...]string{"missing guide", "outdated translation", "missing message", "missing plural form", "missing statement", "missing case names"}

func (k Kind) String() string { return kindNames[k] }

// Finding is one thing to translate.
type Finding struct {
	Locale string // the locale that lacks it
	Kind   Kind
	Item   string   // the file an editor opens, e.g. content/it/roles/backend.md
	Detail string   // what is wrong, for the table
	Pos    diag.Pos // where the -strict error points
	Msg    string   // the -strict error's message
}

// Options say how to name files.
type Options struct {
	ContentDir string // the content directory as the user named it, e.g. "content"
	LocalesDir string // the locales directory as the user named it, e.g. "locales"
	// Has reports whether a locale has a message (i18n.Catalog.Has); with
	// it, a family that a published guide names and a locale has no
	// family_<slug> label for is a missing message too (its pages show the
	// slug in title case).
	Has func(locale, id string) bool
}

// Report lists every finding of s and the catalog's gaps, sorted by locale
// (in s.Locales order), kind, item and detail.
func Report(s *content.Site, gaps []i18n.Gap, opts Options) []Finding {
	var out []Finding
	out = append(out, guides(s, opts)...)
	out = append(out, messages(gaps, opts)...)
	out = append(out, statements(s, opts)...)
	out = append(out, caseNames(s, opts)...)
	out = append(out, familyLabels(s, opts)...)
	slices.SortFunc(out, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(localeIndex(s.Locales, a.Locale), localeIndex(s.Locales, b.Locale)),
			cmp.Compare(a.Kind, b.Kind), strings.Compare(a.Item, b.Item), strings.Compare(a.Detail, b.Detail))
	})
	return out
}

func localeIndex(locales []string, loc string) int {
	if i := slices.Index(locales, loc); i >= 0 {
		return i
	}
	return len(locales)
}

func guides(s *content.Site, opts Options) []Finding {
	byKey := map[string]map[string]*content.Page{}
	for _, p := range s.Pages {
		if p.Kind != content.Guide {
			continue
		}
		if byKey[p.Key] == nil {
			byKey[p.Key] = map[string]*content.Page{}
		}
		byKey[p.Key][p.Locale] = p
	}
	def := ""
	if len(s.Locales) > 0 {
		def = s.Locales[0]
	}
	var out []Finding
	for _, key := range slices.Sorted(maps.Keys(byKey)) {
		pages := byKey[key]
		// The source: the default locale's version when it is published,
		// else the first published one.
		var src *content.Page
		for _, loc := range s.Locales {
			if p := pages[loc]; p != nil && !p.Guide.Draft && (src == nil || loc == def) {
				src = p
			}
		}
		if src == nil {
			continue // a draft everywhere: work in progress
		}
		for _, loc := range s.Locales {
			p := pages[loc]
			switch {
			case p == nil:
				want := path.Join(opts.ContentDir, loc, "roles", path.Base(src.File))
				out = append(out, Finding{
					Locale: loc, Kind: MissingGuide, Item: want,
					Detail: "not translated (source " + src.File + ")",
					Pos:    diag.Pos{File: src.File, Line: 1},
					Msg:    fmt.Sprintf("not translated to %s (%s missing)", loc, want),
				})
			case bool(p.Guide.Draft):
				out = append(out, Finding{
					Locale: loc, Kind: MissingGuide, Item: p.File,
					Detail: fmt.Sprintf("draft (published in %s)", src.Locale),
					Pos:    diag.Pos{File: p.File, Line: p.Line("draft")},
					Msg:    fmt.Sprintf("draft in %s while published in %s (%s)", loc, src.Locale, src.File),
				})
			case loc != def:
				en := pages[def]
				if en == nil || bool(en.Guide.Draft) || !en.Guide.Updated.After(p.Guide.Updated.Time) {
					continue
				}
				dates := fmt.Sprintf("%s updated %s, %s updated %s", def, en.Guide.Updated, loc, p.Guide.Updated)
				out = append(out, Finding{
					Locale: loc, Kind: OutdatedTranslation, Item: p.File, Detail: dates,
					Pos: diag.Pos{File: p.File, Line: p.Line("updated")},
					Msg: fmt.Sprintf("outdated translation: %s (source %s)", dates, en.File),
				})
			}
		}
	}
	return out
}

func messages(gaps []i18n.Gap, opts Options) []Finding {
	var out []Finding
	for _, g := range gaps {
		file := path.Join(opts.LocalesDir, cmp.Or(g.File, g.Locale+".toml"))
		src := path.Join(opts.LocalesDir, g.Source)
		if g.SourceLine > 0 {
			src = fmt.Sprintf("%s:%d", src, g.SourceLine)
		}
		f := Finding{Locale: g.Locale, Item: file, Pos: diag.Pos{File: file, Line: max(g.Line, 1)}}
		switch {
		case g.Form != "":
			need := strings.Join(i18n.RequiredForms(g.Locale), ", ")
			f.Kind = MissingPluralForm
			f.Detail = fmt.Sprintf("%s: %s (%s needs %s)", g.ID, g.Form, g.Locale, need)
			f.Msg = fmt.Sprintf("message %q lacks plural form %q (%s needs %s)", g.ID, g.Form, g.Locale, need)
		case g.Reason != "":
			f.Kind = MissingMessage
			f.Detail = fmt.Sprintf("%s: asked for by a template: %s", g.ID, g.Reason)
			f.Msg = fmt.Sprintf("missing message %q: asked for by a template: %s", g.ID, g.Reason)
		default:
			f.Kind = MissingMessage
			f.Detail = fmt.Sprintf("%s (source %s)", g.ID, src)
			f.Msg = fmt.Sprintf("missing message %q: not translated to %s (source %s)", g.ID, g.Locale, src)
		}
		out = append(out, f)
	}
	return out
}

// familyLabels lists, per locale, the families of published guides that
// have no label there nor in the default locale, each once, at the first
// guide that names it.
func familyLabels(s *content.Site, opts Options) []Finding {
	if opts.Has == nil {
		return nil
	}
	var out []Finding
	seen := map[[2]string]bool{}
	for _, p := range s.Pages {
		if p.Kind != content.Guide || p.Guide.Draft {
			continue
		}
		id := "family_" + p.Guide.Family
		for _, loc := range s.Locales {
			// A label the default locale has and loc lacks is a message gap,
			// reported as such.
			if opts.Has(loc, id) || opts.Has(s.Locales[0], id) || seen[[2]string{loc, id}] {
				continue
			}
			seen[[2]string{loc, id}] = true
			file := path.Join(opts.LocalesDir, loc+".toml")
			out = append(out, Finding{
				Locale: loc, Kind: MissingMessage, Item: file,
				Detail: fmt.Sprintf("%s: the label of family %q (%s)", id, p.Guide.Family, p.File),
				Pos:    diag.Pos{File: file, Line: 1},
				Msg:    fmt.Sprintf("missing message %q: the label of family %q, which %s names", id, p.Guide.Family, p.File),
			})
		}
	}
	return out
}

func statements(s *content.Site, opts Options) []Finding {
	var out []Finding
	for _, id := range slices.Sorted(maps.Keys(s.Samples)) {
		smp := s.Samples[id]
		dir := path.Join(opts.ContentDir, smp.Dir)
		var src string
		for _, loc := range s.Locales {
			if smp.Statements[loc] != "" {
				src = path.Join(dir, "statement."+loc+".md")
				break
			}
		}
		if src == "" {
			continue // no statement at all: content.Load reports that
		}
		for _, loc := range s.Locales {
			if !slices.Contains(sample.Locales, loc) || smp.Statements[loc] != "" {
				continue
			}
			want := path.Join(dir, "statement."+loc+".md")
			out = append(out, Finding{
				Locale: loc, Kind: MissingStatement, Item: want,
				Detail: "not translated (source " + src + ")",
				Pos:    diag.Pos{File: src, Line: 1},
				Msg:    fmt.Sprintf("not translated to %s (%s missing)", loc, want),
			})
		}
	}
	return out
}

// caseNames reports, per sample and locale, the public cases named only in
// English. Hidden cases are not read here: the site never loads them.
func caseNames(s *content.Site, opts Options) []Finding {
	var out []Finding
	for _, id := range slices.Sorted(maps.Keys(s.Samples)) {
		smp := s.Samples[id]
		file := path.Join(opts.ContentDir, smp.Dir, "tests", "public.yaml")
		for _, loc := range s.Locales[1:] {
			if !slices.Contains(sample.Locales, loc) {
				continue
			}
			var untranslated []string
			line := 0 // the first such case's
			for _, c := range smp.Public {
				if strings.TrimSpace(c.Names[loc]) == "" {
					untranslated = append(untranslated, strconv.Quote(c.Name))
					line = cmp.Or(line, c.Line)
				}
			}
			if len(untranslated) == 0 {
				continue
			}
			out = append(out, Finding{
				Locale: loc, Kind: MissingCaseNames, Item: file,
				Detail: fmt.Sprintf("%d of %d cases named only in %s", len(untranslated), len(smp.Public), s.Locales[0]),
				Pos:    diag.Pos{File: file, Line: cmp.Or(line, 1)},
				Msg:    fmt.Sprintf("cases with no %s name: %s (write name: {%s: ..., %s: ...})", loc, strings.Join(untranslated, ", "), s.Locales[0], loc),
			})
		}
	}
	return out
}

// Errors turns findings into errors, for -strict.
func Errors(findings []Finding) diag.List {
	var l diag.List
	for _, f := range findings {
		l.Add(f.Pos, "%s", f.Msg)
	}
	return l
}

// WriteTable writes the findings as a plain-text table, one row per finding,
// or the line "translations: complete" when there is none.
func WriteTable(w io.Writer, findings []Finding) error {
	if len(findings) == 0 {
		_, err := fmt.Fprintln(w, "translations: complete")
		return err
	}
	noun := "findings"
	if len(findings) == 1 {
		noun = "finding"
	}
	if _, err := fmt.Fprintf(w, "translations: %d %s\n", len(findings), noun); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "locale\tkind\titem\tdetail")
	for _, f := range findings {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", f.Locale, f.Kind, f.Item, f.Detail)
	}
	return tw.Flush()
}
