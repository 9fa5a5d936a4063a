package corpus

// section is one pinned "##" section of a guide: the id is shared by both
// locales so links with an anchor work in either language.
type section struct {
	id, heading string
}

// Pinned section ids, in the order the content format prescribes.
const (
	secWhyHard   = "why-hard"
	secLookFor   = "what-to-look-for"
	secStructure = "interview-structure"
	secQuestions = "questions"
	secMistakes  = "common-mistakes"
	secRedFlags  = "red-flags"
	secTips      = "tips"
)

// locale holds the words one language writes its pages with. Lists marked
// "parallel" are indexed the same in every locale, so a role drawn once reads
// as a translation in both languages.
type locale struct {
	code     string
	sections []section

	titleFmt  string   // "How to hire a %s %s": seniority, role name
	domainFmt string   // " for %s": appended domain
	domains   []string // parallel
	skills    []string // parallel
	rounds    []string // parallel: interview round names
	summaries []string // fmt strings taking the role name

	// Sentence parts: subject verb object [tail].
	subjects, verbs, objects, tails []string
	// Questions: stem object [tail] "?".
	stems []string
	// Bold leads of list items.
	leads []string

	subheads   []string // fmt strings taking the seniority, for "###" headings
	tableHead  [3]string
	tableCells []string
	example    string   // "for example", before an inline code span
	linkLeads  []string // fmt strings taking a Markdown link

	indexTitle, indexSummary, indexBody string
}

// locales returns the two locales of the corpus, English first.
func locales() []*locale {
	return []*locale{english(), italian()}
}
