package corpus

import (
	"fmt"
	"strings"
)

// block is one Markdown block of a page, kept with its word count so the
// page can be grown to its target length.
type block struct {
	text  string
	words int
}

// body is a page body under construction: the intro, then one list of blocks
// per pinned section, in locale.sections order.
type body struct {
	intro    []block
	sections [][]block
	words    int
}

// add appends text to the blocks of section s (-1 for the intro).
func (b *body) add(s int, text string) {
	blk := block{text, countWords(text)}
	b.words += blk.words
	if s < 0 {
		b.intro = append(b.intro, blk)
		return
	}
	b.sections[s] = append(b.sections[s], blk)
}

// markdown joins the body into Markdown, one blank line between blocks.
func (b *body) markdown(loc *locale) string {
	var parts []string
	for _, blk := range b.intro {
		parts = append(parts, blk.text)
	}
	for i, sec := range loc.sections {
		parts = append(parts, fmt.Sprintf("## %s {#%s}", sec.heading, sec.id))
		for _, blk := range b.sections[i] {
			parts = append(parts, blk.text)
		}
	}
	return strings.Join(parts, "\n\n") + "\n"
}

// Section indexes into locale.sections.
const (
	iWhyHard = iota
	iLookFor
	iStructure
	iQuestions
	iMistakes
	iRedFlags
	iTips
)

// page renders the whole guide: front matter and body.
func (w *writer) page(code map[string][]string) string {
	return w.frontMatter() + "\n" + w.body(code).markdown(w.loc)
}

// body draws every section, then pads prose sections up to the role's
// target length.
func (w *writer) body(code map[string][]string) *body {
	b := &body{sections: make([][]block, len(w.loc.sections))}
	subheads := w.rng.Perm(len(w.loc.subheads))
	w.intro(b)
	w.whyHard(b, subheads[0])
	w.lookFor(b)
	w.structure(b, subheads[1], code)
	w.questions(b)
	b.add(iMistakes, w.bullets(w.between(4, 6), true))
	b.add(iRedFlags, w.bullets(w.between(4, 6), false))
	w.tips(b, code)
	for b.words < w.r.words {
		b.add(pick(w.rng, []int{iWhyHard, iLookFor, iStructure, iMistakes, iTips}), w.paragraph(3, 5))
	}
	return b
}

// linkSentence is a sentence pointing to the i-th linked page, or "" when
// the role links to fewer pages.
func (w *writer) linkSentence(i int) string {
	if i >= len(w.r.links) {
		return ""
	}
	return " " + fmt.Sprintf(pick(w.rng, w.loc.linkLeads), w.link(w.r.links[i]))
}

// intro is the text before the first section: what the role is, with a link.
func (w *writer) intro(b *body) {
	b.add(-1, wrap(w.sentences(w.between(3, 5))+w.linkSentence(0), "", ""))
	b.add(-1, w.paragraph(2, 4))
}

// whyHard fills "why-hard" with prose, a link and a "###" subsection.
func (w *writer) whyHard(b *body, sub int) {
	b.add(iWhyHard, w.paragraph(3, 5))
	b.add(iWhyHard, wrap(w.sentences(w.between(2, 4))+w.linkSentence(1), "", ""))
	b.add(iWhyHard, "### "+fmt.Sprintf(w.loc.subheads[sub], w.r.seniority))
	b.add(iWhyHard, w.paragraph(2, 4))
}

// lookFor fills "what-to-look-for" with a bullet list and a table of skills.
func (w *writer) lookFor(b *body) {
	b.add(iLookFor, w.paragraph(2, 3))
	b.add(iLookFor, w.bullets(w.between(5, 7), true))
	b.add(iLookFor, w.paragraph(1, 2))
	b.add(iLookFor, w.table())
	b.add(iLookFor, wrap(w.sentences(w.between(1, 3))+w.linkSentence(2), "", ""))
}

// table is a GFM table with one row per key skill of the role.
func (w *writer) table() string {
	h := w.loc.tableHead
	rows := []string{"| " + h[0] + " | " + h[1] + " | " + h[2] + " |", "| --- | --- | --- |"}
	for _, s := range w.r.skills {
		rows = append(rows, "| "+w.loc.skills[s]+" | "+pick(w.rng, w.loc.tableCells)+" | "+pick(w.rng, w.loc.tableCells)+" |")
	}
	return strings.Join(rows, "\n")
}

// structure fills "interview-structure" with the rounds as an ordered list,
// two code blocks and a "###" subsection.
func (w *writer) structure(b *body, sub int, code map[string][]string) {
	b.add(iStructure, w.paragraph(2, 4))
	items := make([]string, len(w.r.rounds))
	for i, rd := range w.r.rounds {
		items[i] = wrap(fmt.Sprintf("**%s** (%d min): %s", w.loc.rounds[rd.name], rd.minutes, w.sentence()), fmt.Sprintf("%d. ", i+1), "   ")
	}
	b.add(iStructure, strings.Join(items, "\n"))
	b.add(iStructure, w.paragraph(2, 3))
	b.add(iStructure, w.codeBlock(w.r.code[0], code))
	b.add(iStructure, "### "+fmt.Sprintf(w.loc.subheads[sub], w.r.seniority))
	b.add(iStructure, w.paragraph(2, 4))
	b.add(iStructure, w.codeBlock(w.r.code[1], code))
}

// questions fills "questions" with a lead-in and one directive per kind.
func (w *writer) questions(b *body) {
	b.add(iQuestions, w.paragraph(1, 2))
	for _, kind := range w.r.kinds {
		b.add(iQuestions, w.questionBlock(kind))
	}
}

// questionBlock is a question directive with its strong and weak notes.
func (w *writer) questionBlock(kind string) string {
	return "::::question{kind=" + kind + "}\n" +
		wrap(w.question()+" "+w.sentence(), "", "") + "\n\n" +
		":::strong\n" + w.paragraph(2, 3) + "\n:::\n\n" +
		":::weak\n" + w.paragraph(1, 2) + "\n:::\n" +
		"::::"
}

// tips fills "tips" with a list, links and, for some roles, a third code block.
func (w *writer) tips(b *body, code map[string][]string) {
	b.add(iTips, w.bullets(w.between(4, 5), false))
	b.add(iTips, wrap(w.sentences(w.between(2, 3))+w.linkSentence(3)+w.linkSentence(4), "", ""))
	if len(w.r.code) > 2 {
		b.add(iTips, w.codeBlock(w.r.code[2], code))
	}
}
