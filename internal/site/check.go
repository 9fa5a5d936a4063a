package site

import (
	"bytes"
	"net/url"
	"strings"

	"golang.org/x/net/html"

	"guides/internal/diag"
	"guides/internal/output"
)

// CheckLinks reads every rendered page in mem and reports links and #anchors
// that lead nowhere and IDs used twice on a page: what the templates add on
// top of the Markdown links Build already checked.
func CheckLinks(res *Result, mem *output.Memory) diag.List {
	var errs diag.List
	pages := map[string]*scan{}
	for _, r := range res.Pages {
		html, _ := mem.Get(r.File)
		pages[r.URL] = scanHTML(html)
	}
	for _, r := range res.Pages {
		s := pages[r.URL]
		at := func(line int) diag.Pos {
			if r.Src != nil {
				return diag.Pos{File: r.Src.File, Line: 1} // what the templates added: the page, not a line of its Markdown
			}
			return diag.Pos{File: "public/" + r.File, Line: line}
		}
		for _, id := range s.dupIDs {
			errs.Add(at(id.line), "page %s: id %q used twice", r.URL, id.val)
		}
		for _, ref := range s.refs {
			if msg := checkRendered(res.Base, r.URL, ref.val, pages, mem); msg != "" {
				errs.Add(at(ref.line), "page %s: %s", r.URL, msg)
			}
		}
	}
	return errs
}

type scan struct {
	ids    map[string]bool
	dupIDs []lineValue
	refs   []lineValue
	line   int // of the token being read
}

// lineValue is an attribute's value and the line of the rendered page its
// tag starts at.
type lineValue struct {
	val  string
	line int
}

func scanHTML(b []byte) *scan {
	s := &scan{ids: map[string]bool{}, line: 1}
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return s
		}
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			s.tag(z)
		}
		s.line += bytes.Count(z.Raw(), []byte("\n"))
	}
}

func (s *scan) tag(z *html.Tokenizer) {
	_, more := z.TagName()
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		s.attr(string(k), string(v))
	}
}

func (s *scan) attr(key, val string) {
	switch {
	case key == "id":
		if s.ids[val] {
			s.dupIDs = append(s.dupIDs, lineValue{val, s.line})
		}
		s.ids[val] = true
	case key == "href", key == "src": // links, stylesheets, canonical and alternates: checked if on this site
		s.refs = append(s.refs, lineValue{val, s.line})
	}
}

// checkRendered checks a reference on the page at the site path from,
// which the site serves below base.
func checkRendered(base, from, ref string, pages map[string]*scan, mem *output.Memory) string {
	u, err := url.Parse(ref)
	if err != nil {
		return "malformed link " + ref
	}
	if u.Scheme != "" || u.Host != "" {
		return ""
	}
	page, _ := url.Parse(base + from)
	t := page.ResolveReference(u)
	sitePath, ok := strings.CutPrefix(t.EscapedPath(), base) // base is escaped too
	if !ok || !strings.HasPrefix(sitePath, "/") {
		return "link " + ref + " leaves the site, which is served below " + base + "/"
	}
	if sitePath, err = url.PathUnescape(sitePath); err != nil {
		return "malformed link " + ref
	}
	target, ok := pages[sitePath]
	if !ok {
		if _, isFile := mem.Get(strings.TrimPrefix(sitePath, "/")); isFile {
			return ""
		}
		return "broken link " + ref
	}
	if t.Fragment != "" && !target.ids[t.Fragment] {
		return "broken link " + ref + ": no #" + t.Fragment
	}
	return ""
}
