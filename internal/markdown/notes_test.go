package markdown

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestQuestionParts(t *testing.T) {
	type parts struct{ Body, Strong, Weak string }
	for _, tc := range []struct {
		name, src string
		want      []parts
	}{
		{"body and both notes",
			"::::question{kind=design}\nWhy *this*?\n\n:::strong\nNames a **trade-off**.\n:::\n\n:::weak\nGuesses.\n:::\n::::\n",
			[]parts{{"<p>Why <em>this</em>?</p>\n", "<p>Names a <strong>trade-off</strong>.</p>\n", "<p>Guesses.</p>\n"}}},
		{"no notes", ":::question{kind=sql}\nWhich rows?\n:::\n",
			[]parts{{"<p>Which rows?</p>\n", "", ""}}},
		{"notes of one kind joined in order",
			"::::question{kind=technical}\nQ\n:::strong\nOne.\n:::\n:::strong\nTwo.\n:::\n::::\n",
			[]parts{{"<p>Q</p>\n", "<p>One.</p>\n<p>Two.</p>\n", ""}}},
		{"prose after a note stays in the body",
			"::::question{kind=design}\nFirst.\n:::weak\nW.\n:::\nThen.\n::::\n",
			[]parts{{"<p>First.</p>\n<p>Then.</p>\n", "", "<p>W.</p>\n"}}},
		{"code in a question",
			"::::question{kind=sql}\nGiven:\n\n```text\nt(a)\n```\n::::\n",
			[]parts{{"<p>Given:</p>\n<pre tabindex=\"0\" class=\"hl-chroma\"><code><span class=\"hl-line\"><span class=\"hl-cl\">t(a)\n</span></span></code></pre>", "", ""}}},
		{"each question its own parts",
			"::::question{kind=design}\nA\n:::strong\nSA\n:::\n::::\n\n::::question{kind=behavioral}\nB\n:::weak\nWB\n:::\n::::\n",
			[]parts{{"<p>A</p>\n", "<p>SA</p>\n", ""}, {"<p>B</p>\n", "", "<p>WB</p>\n"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := convert(tc.src)
			if len(d.Errs) > 0 {
				t.Fatalf("errors: %v", d.Errs)
			}
			var got []parts
			for _, q := range d.Questions {
				got = append(got, parts{string(q.Body), string(q.Strong), string(q.Weak)})
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Convert(%q) question parts mismatch (-want +got):\n%s", tc.src, diff)
			}
		})
	}
}

func TestTryParts(t *testing.T) {
	d := convert("Intro.\n\n:::try{sample=rate-limiter}\nBuild a *limiter*.\n:::\n")
	want := []Try{{Sample: "rate-limiter", ID: "try-rate-limiter", Text: "Build a limiter.", Line: 3, Body: []byte("<p>Build a <em>limiter</em>.</p>\n")}}
	if diff := cmp.Diff(want, d.Tries); diff != "" {
		t.Errorf("Tries mismatch (-want +got):\n%s", diff)
	}
}

// TestTryNotes: a try block's notes on good and poor solutions go to the
// kit, as a question's do, and never into the guide page or the lead-in.
func TestTryNotes(t *testing.T) {
	d := convert("::::try{sample=rate-limiter}\nBuild a limiter.\n\n:::strong\nCounts in **integers**.\n:::\n\n:::weak\nUses floats.\n:::\n::::\n")
	if len(d.Errs) > 0 {
		t.Fatalf("errors: %v", d.Errs)
	}
	want := []Try{{Sample: "rate-limiter", ID: "try-rate-limiter", Text: "Build a limiter.", Line: 1,
		Body: []byte("<p>Build a limiter.</p>\n"), Strong: []byte("<p>Counts in <strong>integers</strong>.</p>\n"), Weak: []byte("<p>Uses floats.</p>\n")}}
	if diff := cmp.Diff(want, d.Tries); diff != "" {
		t.Errorf("Tries mismatch (-want +got):\n%s", diff)
	}
	if page := string(d.HTML); strings.Contains(page, "integers") || strings.Contains(page, "floats") {
		t.Errorf("the page shows the try block's notes:\n%s", page)
	}
}

func TestPartsAbsentOnErrors(t *testing.T) {
	d := convert("::::question{kind=trivia}\nQ\n:::strong\nS\n:::\n::::\n")
	if len(d.Errs) == 0 {
		t.Fatal("want an error for an unknown kind")
	}
	if q := d.Questions[0]; q.Body != nil || q.Strong != nil {
		t.Errorf("parts rendered despite errors: %+v", q)
	}
}

func TestQuestionKindsIsACopy(t *testing.T) {
	k := QuestionKinds()
	k[0] = "changed"
	if QuestionKinds()[0] == "changed" {
		t.Error("QuestionKinds returned the package's own slice")
	}
}
