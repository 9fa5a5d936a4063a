package corpus

import (
	"fmt"
	"strconv"
	"strings"
)

// frontMatter renders the page's YAML front matter, with only the fields the
// content format knows.
func (w *writer) frontMatter() string {
	var b strings.Builder
	name := w.roleName(w.r)
	fmt.Fprintf(&b, "---\ntitle: %s\n", yamlString(fmt.Sprintf(w.loc.titleFmt, w.r.seniority, w.r.name)+
		strings.Replace(w.loc.domainFmt, "%s", w.loc.domains[w.r.domain], 1)))
	fmt.Fprintf(&b, "family: %s\n", w.r.family)
	fmt.Fprintf(&b, "summary: %s\n", yamlString(fmt.Sprintf(pick(w.rng, w.loc.summaries), name)))
	fmt.Fprintf(&b, "stack: [%s]\n", strings.Join(w.r.stack, ", "))
	b.WriteString("skills:\n")
	for _, s := range w.r.skills {
		fmt.Fprintf(&b, "  - %s\n", yamlString(w.loc.skills[s]))
	}
	b.WriteString("process:\n")
	for _, rd := range w.r.rounds {
		fmt.Fprintf(&b, "  - name: %s\n    minutes: %d\n    focus: %s\n",
			yamlString(w.loc.rounds[rd.name]), rd.minutes, yamlString(w.plainSentence()))
	}
	fmt.Fprintf(&b, "updated: %s\ndraft: false\n---\n", w.r.updated)
	return b.String()
}

// yamlString writes s as a plain scalar when that is safe and double-quoted
// otherwise, as an editor would.
func yamlString(s string) string {
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.ContainsAny(s[:1], "'\"[]{}&*!|>%@`-?,#") {
		return strconv.Quote(s)
	}
	return s
}

// homePage renders a locale's _index.md.
func homePage(loc *locale) string {
	return "---\ntitle: " + yamlString(loc.indexTitle) + "\nsummary: " + yamlString(loc.indexSummary) +
		"\n---\n\n" + wrap(loc.indexBody, "", "") + "\n"
}
