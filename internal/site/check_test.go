package site

import (
	"testing"

	"guides/internal/content"
	"guides/internal/diag"
	"guides/internal/output"
)

// TestCheckLinksPositions: a problem on a page the build makes from no
// Markdown file is reported at the rendered file's line; on a guide's page,
// at its Markdown file.
func TestCheckLinksPositions(t *testing.T) {
	mem := output.NewMemory()
	kit := "<!doctype html>\n<main id=a>\n<p id=a>\n<a href=\"/en/nowhere/\">x</a>\n<a href=\"/en/kit/#a\">ok</a>\n"
	guide := "<a href=\"/en/kit/#missing\">x</a>"
	mustWrite(t, mem, "en/kit/index.html", kit)
	mustWrite(t, mem, "en/roles/x/index.html", guide)
	res := &Result{Pages: []*Rendered{
		{URL: "/en/kit/", File: "en/kit/index.html"},
		{URL: "/en/roles/x/", File: "en/roles/x/index.html", Src: &content.Page{File: "content/en/roles/x.md"}},
	}}
	want := []string{
		`content/en/roles/x.md:1: page /en/roles/x/: broken link /en/kit/#missing: no #missing`,
		`public/en/kit/index.html:3: page /en/kit/: id "a" used twice`,
		`public/en/kit/index.html:4: page /en/kit/: broken link /en/nowhere/`,
	}
	wantLinkErrors(t, CheckLinks(res, mem), want)
}

// wantLinkErrors fails the test unless errs, sorted, are want.
func wantLinkErrors(t *testing.T, errs diag.List, want []string) {
	t.Helper()
	errs = errs.Sort()
	if len(errs) != len(want) {
		t.Fatalf("CheckLinks:\n%v\nwant:\n%q", errs, want)
	}
	for i, e := range errs {
		if e.Error() != want[i] {
			t.Errorf("error %d = %s\nwant       %s", i, e, want[i])
		}
	}
}

func mustWrite(t *testing.T, mem *output.Memory, p, html string) {
	t.Helper()
	if err := mem.Write(p, []byte(html)); err != nil {
		t.Fatal(err)
	}
}
