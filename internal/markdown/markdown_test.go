package markdown

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

type fakeResolver struct{}

func (fakeResolver) SampleExists(id string) bool { return id == "rate-limiter" }
func (fakeResolver) KindLabel(k string) string   { return "kind:" + k }
func (fakeResolver) TryPanel(id string) []byte {
	return []byte("<div class=\"panel\">" + id + "</div>\n")
}
func (fakeResolver) BacklinkLabel(n int) string { return fmt.Sprintf("back to %d", n) }
func (fakeResolver) TaskLabel(done bool) string { return fmt.Sprintf("done %v:", done) }
func (fakeResolver) PageLink(file string) (string, error) {
	if file == "data-engineer.md" {
		return "/en/roles/data/", nil
	}
	return "", errors.New("no file " + file)
}
func convert(src string, opts ...Option) Doc {
	return New().Convert("f.md", []byte(src), fakeResolver{}, opts...)
}

// idHint ends the message for a duplicate heading ID.
const idHint = ": reword it or give it its own {#id}"

func errorsOf(d Doc) string { return strings.TrimSpace(d.Errs.Sort().Error()) }

func TestDirectiveErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"unknown directive", "intro\n\n:::callout\nx\n:::\n", "f.md:3: unknown directive :::callout (known: question, try; strong and weak inside either)"},
		{"unknown attribute", ":::try{sample=rate-limiter lang=go}\nx\n:::\n", `f.md:1: unknown attribute "lang" on :::try (known: sample)`},
		{"missing attribute", ":::question\nx\n:::\n", `f.md:1: missing attribute "kind" on :::question`},
		{"unknown kind", ":::question{kind=trivia}\nx\n:::\n", `f.md:1: unknown question kind "trivia" (known: technical, design, behavioral, sql)`},
		{"unknown sample", "\n:::try{sample=nope}\nx\n:::\n", `f.md:2: unknown sample "nope": no directory samples/nope in the content directory`},
		{"unclosed", "a\n\n:::question{kind=sql}\nnever closed\n", "f.md:3: unclosed :::question: close it with a line of 3 colons"},
		{"stray close", "a\n\n:::\n", "f.md:3: closing ::: without an open directive"},
		{"unclosed question swallows the next ones", "::::question{kind=sql}\nA?\n:::weak\nx\n:::\n\n::::question{kind=sql}\nB?\n::::\n\n:::try{sample=rate-limiter}\nC\n:::\n",
			"f.md:1: unclosed ::::question: close it with a line of 4 colons"},
		{"unclosed note takes its question's fence", "::::question{kind=sql}\nA?\n:::strong\nx\n\n:::weak\ny\n:::\n::::\n\n::::question{kind=sql}\nB?\n::::\n",
			"f.md:3: unclosed :::strong: close it with a line of 3 colons (the :::: on line 9 closes it now, though it belongs to the ::::question of line 1)"},
		{"a longer fence closing a directive alone", ":::question{kind=sql}\nA?\n::::\n", ""},
		{"nesting under closed fences still checked", "::::question{kind=sql}\nA?\n:::question{kind=sql}\nB?\n:::\n::::\n", "f.md:3: :::question cannot be inside :::question"},
		{"space after colons", "::: question\n", `f.md:1: malformed directive "::: question": want :::name{key=value}, no space after the colons, nothing after the braces`},
		{"text after braces", ":::question{kind=sql} why\nx\n:::\n", `f.md:1: malformed directive ":::question{kind=sql} why": want :::name{key=value}, no space after the colons, nothing after the braces`},
		{"malformed attributes", ":::question{kind}\nx\n:::\n", "f.md:1: directive question: malformed attributes {kind}: want {key=value}"},
		{"empty attribute", ":::try{sample=}\nx\n:::\n", "f.md:1: directive try: malformed attributes {sample=}: want {key=value}"},
		{"single quotes", ":::question{kind='design'}\nx\n:::\n", ""},
		{"empty question", ":::question{kind=sql}\n:::\n", "f.md:1: empty :::question: write the question inside it"},
		{"heading style", "## Style {style=\"display:none\"}\n", `f.md:1: heading attribute "style": a heading takes only {#id}`},
		{"heading class", "## Style {.big}\n", `f.md:1: heading attribute "class": a heading takes only {#id}`},
		{"empty heading ID", "## Empty {#}\n", `f.md:1: heading ID "": use letters, digits, dashes and underscores, starting with a letter or digit`},
		{"question ID with a space", ":::question{kind=sql id=\"has space\"}\nx\n:::\n", `f.md:1: question ID "has space": use letters, digits, dashes and underscores, starting with a letter or digit`},
		{"heading in another script", "## 日本\n", ""},
		{"title heading", "# Title\n\n## Section\n", "f.md:1: a # heading: the page's title is its only one; start sections at ##"},
		{"empty note", "::::question{kind=sql}\nWhy?\n:::weak\n:::\n::::\n", "f.md:3: empty :::weak: write the note inside it, or remove it"},
		{"question of notes only", "::::question{kind=sql}\n:::strong\nx\n:::\n::::\n", "f.md:1: empty :::question: write the question inside it"},
		{"question of code only", ":::question{kind=technical}\n```go\nfunc f() {}\n```\n:::\n", ""},
		{"note outside question", ":::strong\nx\n:::\n", "f.md:1: :::strong belongs directly inside a :::question or a :::try"},
		{"nested question", "::::try{sample=rate-limiter}\n:::question{kind=sql}\nx\n:::\n::::\n", "f.md:2: :::question cannot be inside :::try"},
		{"raw html inline", "a <span>b</span>\n", "f.md:1:3: raw HTML \"<span>\" is not allowed in Markdown; use Markdown or a directive\nf.md:1:10: raw HTML \"</span>\" is not allowed in Markdown; use Markdown or a directive"},
		{"raw html column in characters", "è <i>x</i>\n", "f.md:1:3: raw HTML \"<i>\" is not allowed in Markdown; write *emphasis*\nf.md:1:7: raw HTML \"</i>\" is not allowed in Markdown; write *emphasis*"},
		{"raw html block", "a\n\n<div>\nb\n</div>\n", "f.md:3:1: raw HTML \"<div>\" is not allowed in Markdown; use Markdown or a directive"},
		{"indented raw html block", "a\n\n   <div>\nb\n</div>\n", "f.md:3:4: raw HTML \"<div>\" is not allowed in Markdown; use Markdown or a directive"},
		{"raw html block in a quote", "> <section>\n> y\n> </section>\n", "f.md:1:3: raw HTML \"<section>\" is not allowed in Markdown; use Markdown or a directive"},
		{"a line break", "one<br>two\n", "f.md:1:4: raw HTML \"<br>\" is not allowed in Markdown; end the line with a backslash (\\) for a line break"},
		{"a comment", "a\n\n<!-- check the numbers -->\n", "f.md:3:1: raw HTML \"<!-- check the numbers -->\" is not allowed in Markdown; an HTML comment is HTML too: delete it, and keep notes for editors outside the page"},
		{"a table", "<table><tr><td>x</td></tr></table>\n", "f.md:1:1: raw HTML \"<table>\" is not allowed in Markdown; write a table: | a | b |, a line | --- | --- |, then a line per row"},
		{"duplicate ids", "## A {#x}\n\n## B {#x}\n", `f.md:3: duplicate heading ID "x" (first at line 1)` + idHint},
		{"generated then pinned", "## Why\n\n## Reasons {#why}\n", `f.md:3: duplicate heading ID "why" (first at line 1)` + idHint},
		{"pinned then generated", "## Reasons {#why}\n\n## Why\n", `f.md:3: duplicate heading ID "why" (first at line 1)` + idHint},
		{"repeated heading", "## A\n\n## A\n", `f.md:3: duplicate heading ID "a" (first at line 1)` + idHint},
		{"heading then question", "## Question 1\n\n:::question{kind=sql}\nx\n:::\n", `f.md:3: duplicate question ID "question-1" (first at line 1): give the question its own {id=...}`},
		{"heading named like a try block's parts", "## Language {#rate-limiter--language}\n\n:::try{sample=rate-limiter}\nx\n:::\n", `f.md:1: ID "rate-limiter--language" is taken by the try block of sample "rate-limiter", which names its parts rate-limiter--...: give it another`},
		{"heading that only looks like one", "## Rate limiter language\n\n:::try{sample=rate-limiter}\nx\n:::\n", ""},
		{"footnote without a note", "Intro.\n\nAim below 100%[^why].\n", `f.md:3: footnote [^why] has no note: add a line "[^why]: the note", or write \[ if the bracket is not a footnote`},
		{"footnote reference with a typo", "A[^one].\n\n[^onw]: Note.\n", "f.md:1: footnote [^one] has no note: add a line \"[^one]: the note\", or write \\[ if the bracket is not a footnote\n" +
			"f.md:3: footnote [^onw] is never referred to: write [^onw] where it belongs in the text, or remove the note"},
		{"note without text", "A.\n\n[^x]:\n", "f.md:3: footnote [^x] is never referred to: write [^x] where it belongs in the text, or remove the note"},
		{"note given twice", "A[^x].\n\n[^x]: One.\n\n[^x]: Two.\n", "f.md:5: footnote [^x] has a second note (first at line 3): give it another label"},
		{"footnote in a question", "::::question{kind=design}\nWhy\nnot 100%[^a]?\n:::strong\nx\n:::\n::::\n\n[^a]: Note.\n",
			"f.md:3: a footnote in a question or try block: the block shows in the interview kit and the question library too, where the note is not; write the note into the block"},
		{"footnote in a note", "::::question{kind=design}\nWhy?\n:::weak\nSays 100%[^a].\n:::\n::::\n\n[^a]: Note.\n",
			"f.md:4: a footnote in a question or try block: the block shows in the interview kit and the question library too, where the note is not; write the note into the block"},
		{"footnote in a try block", ":::try{sample=rate-limiter}\nLead[^a].\n:::\n\n[^a]: Note.\n",
			"f.md:2: a footnote in a question or try block: the block shows in the interview kit and the question library too, where the note is not; write the note into the block"},
		{"footnote followed by a colon", "Two kinds[^t]: one and two.\n", `f.md:1: footnote [^t] has no note: add a line "[^t]: the note", or write \[ if the bracket is not a footnote`},
		{"footnote with a spaced label", "Spaced [^a b] label.\n", `f.md:1: footnote [^a b] has no note: add a line "[^a b]: the note", or write \[ if the bracket is not a footnote`},
		{"footnote after a bang", "Wow![^img]\n", `f.md:1: footnote [^img] has no note: add a line "[^img]: the note", or write \[ if the bracket is not a footnote`},
		{"footnote in an image's description", "A ![chart[^1]](https://example.com/c.png).\n\n[^1]: Note.\n",
			"f.md:1: a footnote in a link's text or an image's description: put it after the link or image"},
		{"footnote in a link's text", "Intro.\n\n[docs[^1]](/en/questions/)\n\n[^1]: Note.\n",
			"f.md:3: a footnote in a link's text or an image's description: put it after the link or image"},
		{"notes referred to only by each other", "Text.\n\n[^p]: See[^q].\n[^q]: See[^p].\n[^s]: Self[^s].\n",
			"f.md:3: footnote [^p] is referred to only from notes: refer to it from the text, or fold it into the note that refers to it\n" +
				"f.md:4: footnote [^q] is referred to only from notes: refer to it from the text, or fold it into the note that refers to it\n" +
				"f.md:5: footnote [^s] is referred to only from notes: refer to it from the text, or fold it into the note that refers to it"},
		{"a note referred to by a note the text refers to", "Text[^a].\n\n[^a]: See[^b].\n[^b]: Deeper.\n", ""},
		{"empty note", "Ref[^x].\n\n[^x]:\n", "f.md:3: footnote [^x] has no text: write the note after the colon"},
		{"notes at their own lines", "```md\n[^e]: example\n```\n\n[^e]:\n\n[^code]: ```\n    x\n    ```\n\n[^n]:\n    text\n",
			"f.md:5: footnote [^e] is never referred to: write [^e] where it belongs in the text, or remove the note\n" +
				"f.md:7: footnote [^code] is never referred to: write [^code] where it belongs in the text, or remove the note\n" +
				"f.md:11: footnote [^n] is never referred to: write [^n] where it belongs in the text, or remove the note"},
		{"heading attribute before a footnote", "## Tail {#tail}[^1]\n\n[^1]: Note.\n",
			"f.md:1: heading attribute {#tail} is followed by a footnote, which keeps it from being read: put the footnote before it"},
		{"a link whose text starts like a footnote", "[^x](https://example.com) and [^y][r]\n\n[r]: https://example.com\n", ""},
		{"question in a footnote", "A[^a].\n\n[^a]: Note.\n\n    :::question{kind=sql}\n    Why?\n    :::\n",
			"f.md:5: :::question cannot be in a footnote, which shows at the end of the page: put it in the text"},
		{"try block in a footnote", "A[^a].\n\n[^a]: Note.\n\n    :::try{sample=rate-limiter}\n    Go.\n    :::\n",
			"f.md:5: :::try cannot be in a footnote, which shows at the end of the page: put it in the text"},
		{"empty heading", "Intro.\n\n##\n", "f.md:3: a heading without words: write its title, which the page's contents list as the link to it"},
		{"heading of a footnote only", "## [^a]\n\n[^a]: Note.\n", "f.md:1: a heading without words: write its title, which the page's contents list as the link to it"},
		{"heading of an emoji", "## 🙂\n", ""},
		{"sample tried twice", ":::try{sample=rate-limiter}\nx\n:::\n\n:::try{sample=rate-limiter}\ny\n:::\n", `f.md:5: duplicate try block ID "try-rate-limiter" (first at line 1): a page tries each sample once`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := errorsOf(convert(tc.src)); got != tc.want {
				t.Errorf("Convert(%q) errors =\n%s\nwant\n%s", tc.src, got, tc.want)
			}
		})
	}
}

func TestReservedIDs(t *testing.T) {
	layout := Reserved(func(id string) bool { return id == "main" || strings.HasPrefix(id, "family-") })
	for _, tc := range []struct{ name, src, want string }{
		{"generated", "## Main\n", `f.md:1: heading ID "main" is taken by the page layout` + idHint},
		{"pinned", "## Start {#main}\n", `f.md:1: heading ID "main" is taken by the page layout` + idHint},
		{"by prefix", "## Family tree {#family-tree}\n", `f.md:1: heading ID "family-tree" is taken by the page layout` + idHint},
		{"question", ":::question{kind=sql id=main}\nx\n:::\n", `f.md:1: question ID "main" is taken by the page layout: give the question its own {id=...}`},
		{"free", "## Mainly\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := errorsOf(convert(tc.src, layout)); got != tc.want {
				t.Errorf("Convert(%q) errors =\n%s\nwant\n%s", tc.src, got, tc.want)
			}
		})
	}
}

func TestDirectiveRendering(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"question with notes hidden", "::::question{kind=design}\nWhy?\n\n:::strong\nGood.\n:::\n\n:::weak\nBad.\n:::\n::::\n",
			"<section class=\"question\" id=\"question-1\" data-kind=\"design\"><p class=\"question-kind\">kind:design</p>\n<p>Why?</p>\n</section>\n"},
		{"same-length nested fences", ":::question{kind=sql id=onboarding}\nQ\n:::strong\nS\n:::\n:::\n",
			"<section class=\"question\" id=\"onboarding\" data-kind=\"sql\"><p class=\"question-kind\">kind:sql</p>\n<p>Q</p>\n</section>\n"},
		{"try with panel", ":::try{sample=rate-limiter}\nLead.\n:::\n",
			"<section class=\"try\" id=\"try-rate-limiter\" data-sample=\"rate-limiter\">\n<p>Lead.</p>\n<div class=\"panel\">rate-limiter</div>\n</section>\n"},
		{"fence inside code is code", ":::try{sample=rate-limiter}\n```text\n:::\n```\n:::\n",
			":::\n</span></span></code></pre><div class=\"panel\">rate-limiter</div>\n</section>\n"},
		{"accented heading", "## Perché è importante\n", "<h2 id=\"perche-e-importante\">Perché è importante</h2>\n"},
		{"pinned heading", "## Qualità {#quality}\n", "<h2 id=\"quality\">Qualità</h2>\n"},
		{"heading IDs come from the text readers see", "## See [the docs](/en/x/) now\n", `<h2 id="see-the-docs-now">`},
		{"a footnote's label is not in its heading's ID", "## Why *really*[^w]\n\n[^w]: n\n", `<h2 id="why-really">`},
		{"a bare URL is in its heading's ID", "## At <https://x.io> and www.y.org\n", `<h2 id="at-https-x-io-and-www-y-org">`},
		{"highlighting uses classes", "```go\nfunc f() {}\n```\n", `<span class="hl-kd">func</span>`},
		{"code blocks take the focus, to scroll", "```\nx\n```\n", `<pre tabindex="0" class="hl-chroma"><code>`},
		{"an info string of white space names no language", "~~~\v x\ny\n~~~\n", "<pre tabindex=\"0\" class=\"hl-chroma\"><code>y\n</code></pre>"},
		{"bare URLs are links", "See www.example.com or https://example.com/a?b=c.\n",
			`<p>See <a href="http://www.example.com" class="url">www.example.com</a> or <a href="https://example.com/a?b=c" class="url">https://example.com/a?b=c</a>.</p>`},
		{"task lists", "- [ ] to do\n- [x] done\n",
			`<li><span class="task"><span class="visually-hidden">done false:</span></span> to do</li>` + "\n" +
				`<li><span class="task task-done"><span class="visually-hidden">done true:</span></span> done</li>`},
		{"definition lists", "SLO\n: A target for a measured number.\n", "<dl>\n<dt>SLO</dt>\n<dd>A target for a measured number.</dd>\n</dl>"},
		{"footnote reference", "Aim below 100%[^why].\n\n[^why]: Users cannot tell.\n",
			`<p>Aim below 100%<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>.</p>`},
		{"footnote with a named way back", "A[^1] and again[^1].\n\n[^1]: Note.\n",
			`<li id="fn:1">` + "\n" + `<p>Note.&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink" aria-label="back to 1 (1)">&#x21a9;&#xfe0e;</a>` +
				`&#160;<a href="#fnref1:1" class="footnote-backref" role="doc-backlink" aria-label="back to 1 (2)">&#x21a9;&#xfe0e;</a></p>`},
		{"entities and escapes in a heading's ID", "## Use &lt;details&gt; &amp; \\*args\n", `<h2 id="use-details-args">`},
		{"a bracket that is not a footnote", "Match `[^0-9]` or \\[^x] literally.\n", `<p>Match <code>[^0-9]</code> or [^x] literally.</p>`},
		{"tables scroll in a box that takes the focus", "| a |\n|---|\n| 1 |\n",
			"<div class=\"table-scroll\" tabindex=\"0\">\n<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n</tbody>\n</table>\n</div>\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := convert(tc.src)
			if len(d.Errs) > 0 {
				t.Fatalf("errors: %v", d.Errs)
			}
			if got := string(d.HTML); !strings.Contains(got, tc.want) {
				t.Errorf("Convert(%q) =\n%s\nwant it to contain\n%s", tc.src, got, tc.want)
			}
			if strings.Contains(string(d.HTML), "style=") {
				t.Errorf("inline style in %s", d.HTML)
			}
		})
	}
}

func TestEmbeddedDemotesAndPrefixes(t *testing.T) {
	d := convert("## What to write\n", Embedded("demo--"))
	if want := `<h4 id="demo--what-to-write">What to write</h4>`; !strings.Contains(string(d.HTML), want) {
		t.Errorf("got %s, want %s", d.HTML, want)
	}
}

// TestEmbeddedRejects holds a sample statement to what a try block can show
// inside a guide without clashing with it.
func TestEmbeddedRejects(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"pinned heading", "## Hard {#why-hard}\n", `f.md:1: a sample statement's heading takes no {#id}: the page around it may have one`},
		{"question", "a\n\n:::question{kind=sql}\nx\n:::\n", `f.md:3: :::question cannot be in a sample statement, which a try block shows inside a guide`},
		{"try", ":::try{sample=rate-limiter}\nx\n:::\n", `f.md:1: :::try cannot be in a sample statement, which a try block shows inside a guide`},
		{"generated heading", "## Example\n\n## Example two\n", ""},
		{"footnote", "Fast[^a].\n\n[^a]: Note.\n", "f.md:1: a footnote in a sample statement: the statement shows inside every guide that tries the sample, beside the guide's own notes; write the note into the text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := errorsOf(convert(tc.src, Embedded("demo--"))); got != tc.want {
				t.Errorf("Convert(%q) errors =\n%s\nwant\n%s", tc.src, got, tc.want)
			}
		})
	}
}

// TestLinkPositions wants each link placed at its opening bracket (its "<"
// for an autolink), columns counted in characters, so that two links of one
// line are told apart in an error.
func TestLinkPositions(t *testing.T) {
	tests := []struct {
		name, src string
		line, col int
	}{
		{"link", "x [a](/a/)\n", 1, 3},
		{"image", "x ![a](/a.png)\n", 1, 3},
		{"after accents", "è à [a](/a/)\n", 1, 5},
		{"reference", "x\ny [a][r]\n\n[r]: /a/\n", 2, 3},
		{"text starting with markup", "x [**a**](/a/)\n", 1, 6},
		{"autolink", "x <https://a.example/>\n", 1, 3},
		{"bare address", "x https://a.example/\n", 1, 3},
		{"no text", "x [](/a/)\n", 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := convert(tt.src)
			if len(d.Links) != 1 || d.Links[0].Line != tt.line || d.Links[0].Col != tt.col {
				t.Errorf("Links = %+v, want one at %d:%d", d.Links, tt.line, tt.col)
			}
		})
	}
}

// TestPageLinks wants a link to a Markdown file to lead to the page made
// from it, with its query and fragment, and one to a file that makes no
// page reported at the link instead of linked; other links keep their
// destination.
func TestPageLinks(t *testing.T) {
	tests := []struct {
		name, src, href, written, err string
	}{
		{"file beside it", "x [a](data-engineer.md)\n", `href="/en/roles/data/"`, "data-engineer.md", ""},
		{"with a fragment", "[a](data-engineer.md#why-hard)\n", `href="/en/roles/data/#why-hard"`, "data-engineer.md#why-hard", ""},
		{"with a query", "[a](data-engineer.md?v=2)\n", `href="/en/roles/data/?v=2"`, "data-engineer.md?v=2", ""},
		{"by reference", "[a][d]\n\n[d]: data-engineer.md\n", `href="/en/roles/data/"`, "data-engineer.md", ""},
		{"no page", "x [a](nobody.md)\n", "", "", "f.md:1:3: broken link nobody.md: no file nobody.md"},
		{"an image is a file", "![a](data-engineer.md)\n", `src="data-engineer.md"`, "", ""},
		{"another site's file", "[a](https://github.com/x/y/blob/main/README.md)\n", `href="https://github.com/x/y/blob/main/README.md"`, "", ""},
		{"not Markdown", "[a](data-engineer.md.txt)\n", `href="data-engineer.md.txt"`, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := convert(tt.src)
			if got := errorsOf(d); got != tt.err {
				t.Fatalf("errors = %q, want %q", got, tt.err)
			}
			if tt.err != "" {
				if len(d.Links) != 0 {
					t.Errorf("Links = %+v, want none: the error reports it", d.Links)
				}
				return
			}
			if !strings.Contains(string(d.HTML), tt.href) {
				t.Errorf("HTML = %s, want %s", d.HTML, tt.href)
			}
			if len(d.Links) != 1 || d.Links[0].Written != tt.written {
				t.Errorf("Links = %+v, want one written %q", d.Links, tt.written)
			}
		})
	}
}

func TestCollects(t *testing.T) {
	d := convert("## One\n\n### Two at www.x.org\n\n[a](/en/x/#y)\n\n:::question{kind=sql}\nWhich *users*?\n:::\n\n:::try{sample=rate-limiter}\nx\n:::\n")
	if len(d.Headings) != 2 || d.Headings[1].Level != 3 || d.Headings[0].Text != "One" || d.Headings[1].Text != "Two at www.x.org" {
		t.Errorf("Headings = %+v", d.Headings)
	}
	if len(d.Links) != 2 || d.Links[0].Dest != "http://www.x.org" || d.Links[1].Dest != "/en/x/#y" || d.Links[1].Line != 5 {
		t.Errorf("Links = %+v", d.Links)
	}
	if len(d.Questions) != 1 || d.Questions[0].Text != "Which users?" || d.Questions[0].Line != 7 {
		t.Errorf("Questions = %+v", d.Questions)
	}
	if len(d.Samples) != 1 || d.Samples[0] != "rate-limiter" {
		t.Errorf("Samples = %v", d.Samples)
	}
	notes := convert("A[^a], B[^b], A again[^a].\n\n[^a]: One.\n[^b]: Two.\n").NoteIDs
	if want := []string{"fnref:1", "fnref:2", "fnref1:1", "fn:1", "fn:2"}; !slices.Equal(notes, want) {
		t.Errorf("NoteIDs = %v, want %v", notes, want)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Perché è importante": "perche-e-importante", "Qualità del codice": "qualita-del-codice",
		"L'ingegnere": "l-ingegnere", "C++ & Go: 10 domande": "c-go-10-domande", "***": "",
		"Straße und Œuvre": "strasse-und-oeuvre", "Łódź, Ærø": "lodz-aero", "日本語 API": "日本語-api",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// panickyResolver fails as a bug in a directive's rendering would.
type panickyResolver struct{ fakeResolver }

func (panickyResolver) TryPanel(string) []byte { panic("no panel") }

func TestConvertPanicIsThePagesError(t *testing.T) {
	d := New().Convert("f.md", []byte("Intro.\n\n:::try{sample=rate-limiter}\nLead.\n:::\n"), panickyResolver{})
	want := "f.md:1: " + converterFailed + " (no panel): please report it, with this page"
	if got := errorsOf(d); got != want {
		t.Errorf("errors = %q, want %q", got, want)
	}
	if d.HTML != nil {
		t.Errorf("HTML = %q, want none", d.HTML)
	}
}

func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		"::::question{kind=design}\nQ\n:::strong\nS\n:::\n::::\n", ":::try{sample=rate-limiter}\n```\n:::\n```\n:::\n",
		":::\n", ":::a{b=\"c\" d=e}\n", "## x {#y}\n\t:::q\n", "> :::question{kind=sql}\n> x\n> :::\n", "- :::try{sample=x}\n",
		"a[^1] b[^2]\n\n[^1]: x\n[^1]: y\n[^3]:\n", "- [ ] a\n- [x] b\n", "T\n: d\n", "> [^a]: b\n\nx[^a]\n", "www.example.com a@b.co\n",
		"[a](data-engineer.md#x?y) [b][c]\n\n[c]: %zz.md\n",
	} {
		f.Add(s)
	}
	m := New()
	f.Fuzz(func(t *testing.T, src string) {
		d := m.Convert("f.md", []byte(src), fakeResolver{})
		for _, e := range d.Errs {
			if strings.HasPrefix(e.Msg, converterFailed) {
				t.Errorf("conversion panicked: %v", e)
			}
			if e.Pos.Line < 1 || e.Pos.Line > strings.Count(src, "\n")+1 {
				t.Errorf("error line %d outside the source: %v", e.Pos.Line, e)
			}
		}
	})
}

// TestIntro: a page's introduction is its HTML before the first "##"
// heading of its own; headings inside blocks, and other levels, do not
// end it.
func TestIntro(t *testing.T) {
	for _, tc := range []struct{ name, src, intro string }{
		{"text, then a section", "Lead text.\n\n## One\n\nBody.\n", "<p>Lead text.</p>\n"},
		{"a section first", "## One\n\nBody.\n", ""},
		{"no section", "Just text.\n\n### Small\n", "<p>Just text.</p>\n<h3 id=\"small\">Small</h3>\n"},
		{"a level 3 heading first", "### Small\n\n## One\n", "<h3 id=\"small\">Small</h3>\n"},
		{"a heading in a quote", "> ## Quoted\n\n## One\n", "<blockquote>\n<h2 id=\"quoted\">Quoted</h2>\n</blockquote>\n"},
		{"nothing", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := convert(tc.src)
			if len(d.Errs) > 0 {
				t.Fatal(d.Errs)
			}
			if got := string(d.HTML[:d.Intro]); got != tc.intro {
				t.Errorf("intro %q, want %q (HTML %q)", got, tc.intro, d.HTML)
			}
		})
	}
}
