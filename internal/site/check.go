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
		at := diag.Pos{File: "public/" + r.File}
		if r.Src != nil {
			at = diag.Pos{File: r.Src.File}
		}
		s := pages[r.URL]
		for _, id := range s.dupIDs {
			errs.Add(at, "page %s: id %q used twice", r.URL, id)
		}
		for _, ref := range s.refs {
			if msg := checkRendered(r.URL, ref, pages, mem); msg != "" {
				errs.Add(at, "page %s: %s", r.URL, msg)
			}
		}
	}
	return errs
}

type scan struct {
	ids    map[string]bool
	dupIDs []string
	refs   []string
}

func scanHTML(b []byte) *scan {
	s := &scan{ids: map[string]bool{}}
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return s
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, more := z.TagName()
		tag := string(name)
		for more {
			var k, v []byte
			k, v, more = z.TagAttr()
			s.attr(tag, string(k), string(v))
		}
	}
}

func (s *scan) attr(tag, key, val string) {
	switch {
	case key == "id":
		if s.ids[val] {
			s.dupIDs = append(s.dupIDs, val)
		}
		s.ids[val] = true
	case key == "href" && tag != "link", key == "src":
		s.refs = append(s.refs, val)
	case key == "href" && tag == "link":
		s.refs = append(s.refs, val) // stylesheets, canonical and alternates: checked if on this site
	}
}

func checkRendered(from, ref string, pages map[string]*scan, mem *output.Memory) string {
	u, err := url.Parse(ref)
	if err != nil {
		return "malformed link " + ref
	}
	if u.Scheme != "" || u.Host != "" {
		return ""
	}
	base, _ := url.Parse(from)
	t := base.ResolveReference(u)
	target, ok := pages[t.Path]
	if !ok {
		if _, isFile := mem.Get(strings.TrimPrefix(t.Path, "/")); isFile {
			return ""
		}
		return "broken link " + ref
	}
	if t.Fragment != "" && !target.ids[t.Fragment] {
		return "broken link " + ref + ": no #" + t.Fragment
	}
	return ""
}
