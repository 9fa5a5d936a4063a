package site

import (
	"cmp"
	"net/url"
	"slices"
	"strings"

	"guides/internal/content"
	"guides/internal/diag"
	"guides/internal/markdown"
)

// templateAnchors are the IDs the templates put on every guide page.
var templateAnchors = []string{"main", "site-search-q", "guide-toc", "guide-skills", "guide-process"}

// homePrefixes begin the IDs a home page's template gives its families and
// filters.
var homePrefixes = []string{"family-", "filter-"}

// kitIDs are those of a guide's interview kit (kit.html), which shows its
// questions' Markdown, and kitPrefix begins those it gives each question.
var kitIDs, kitPrefix = []string{"kit-rounds", "kit-questions", "kit-scoring"}, "pick-"

// layoutIDs reports the IDs the templates take on a page of kind, which no
// heading or block of its Markdown may have.
func layoutIDs(kind content.Kind) func(id string) bool {
	return func(id string) bool {
		switch kind {
		case content.Home:
			if slices.ContainsFunc(homePrefixes, func(p string) bool { return strings.HasPrefix(id, p) }) {
				return true
			}
		case content.Guide:
			if slices.Contains(kitIDs, id) || strings.HasPrefix(id, kitPrefix) {
				return true
			}
		}
		return slices.Contains(templateAnchors, id)
	}
}

// panelIDs reports the IDs the try panel of sample id gives its own
// elements (try.html, and the widget's results and history, named after
// the language select), which its statement's headings may not take. All
// begin with the id and "--", which neither a slug nor a sample id holds.
// (IDs with a dot, such as the examples' heading, no heading can take.)
func panelIDs(id string) func(string) bool {
	return func(h string) bool {
		rest, ok := strings.CutPrefix(h, id+"--")
		return ok && (rest == "language" || strings.HasPrefix(rest, "language-") || strings.HasPrefix(rest, "code-"))
	}
}

// checkLinks reports every Markdown link to a page or #anchor of this site
// that does not exist, drafts' links included: a draft is checked as fully
// as the page it will become.
func (p *plan) checkLinks(jobs []job) diag.List {
	var errs diag.List
	targets := p.readerAnchors(p.anchors(jobs), jobs)
	for _, pg := range p.pages {
		errs.Append(p.checkPageLinks(pg, targets))
	}
	// Drafts are published together, with -drafts: one may link another.
	withDrafts := anchorEdits{base: targets, own: anchors{}}
	for _, pg := range p.drafts {
		withDrafts.own[pg.URL] = p.pageAnchors(pg)
	}
	for _, pg := range p.drafts {
		errs.Append(p.checkPageLinks(pg, withDrafts))
	}
	for _, pg := range p.s.Invalid { // no URL of their own: links that mean the same from anywhere
		for _, l := range p.doc(pg).Links {
			if msg := checkLink("/", l, targets); msg != "" && sitePath(l.Dest) {
				errs.Add(diag.Pos{File: pg.File, Line: l.Line, Col: l.Col}, "%s", msg)
			}
		}
	}
	for file, links := range p.stmts {
		for _, l := range links {
			if msg := checkStatementLink(l, targets); msg != "" {
				errs.Add(diag.Pos{File: file, Line: l.Line, Col: l.Col}, "%s", msg)
			}
		}
	}
	return errs
}

// checkStatementLink is checkLink for a sample statement, which shows inside
// other pages: a link relative to the page it is on would lead elsewhere on
// each.
func checkStatementLink(l markdown.Link, targets anchorLookup) string {
	if !sitePath(l.Dest) {
		return "link " + l.Dest + " in a sample statement: write a site path such as /en/roles/backend-engineer/, since the statement shows inside other pages"
	}
	return checkLink("/", l, targets)
}

// checkPageLinks reports the Markdown links of one page that lead nowhere.
func (p *plan) checkPageLinks(pg *content.Page, targets anchorLookup) diag.List {
	var errs diag.List
	for _, l := range p.doc(pg).Links {
		msg := checkLink(pg.URL, l, targets)
		if msg == "" && l.Shown && !sitePath(l.Dest) {
			msg = "link " + l.Dest + " in a question or try block: write a site path such as " + pg.URL + "#section, since the interview kit and the question library show the block too"
		}
		if strings.Contains(msg, ": no page ") && p.toDraft(pg.URL, l.Dest) {
			msg += " (it is a draft, published only with -drafts)"
		}
		if strings.HasPrefix(msg, "broken link ") {
			if file, ok := p.toInvalid(pg.URL, l.Dest); ok {
				msg = "broken link " + l.AsWritten() + ": " + file + " has errors of its own, reported with it"
			}
		}
		if msg != "" {
			errs.Add(diag.Pos{File: pg.File, Line: l.Line, Col: l.Col}, "%s", msg)
		}
	}
	return errs
}

// toDraft reports whether dest, on the page at from, leads to a draft.
func (p *plan) toDraft(from, dest string) bool {
	target, err := resolveLink(from, dest)
	return err == nil && target != nil &&
		slices.ContainsFunc(p.drafts, func(d *content.Page) bool { return d.URL == target.Path })
}

// toInvalid reports whether dest, on the page at from, leads where a page
// whose front matter failed would be, and names its file: the link is
// broken for that reason, whatever else it says is missing.
func (p *plan) toInvalid(from, dest string) (string, bool) {
	if len(p.s.Invalid) == 0 {
		return "", false
	}
	target, err := resolveLink(from, dest)
	if err != nil || target == nil {
		return "", false
	}
	for _, pg := range p.s.Invalid {
		url := "/" + pg.Locale + "/"
		if pg.Kind == content.Guide {
			url = keyURL(pg.Locale, pg.Key)
		}
		if strings.TrimSuffix(target.Path, "index.html") == url {
			return pg.File, true
		}
	}
	return "", false
}

// sitePath reports whether dest means the same from any page: a site path
// (/en/...), an external URL, or nothing at all.
func sitePath(dest string) bool {
	u, err := url.Parse(dest)
	return err != nil || dest == "" || u.Scheme != "" || u.Host != "" || strings.HasPrefix(u.Path, "/")
}

// anchors maps every page URL of the site to the IDs it will have.
type anchors map[string]map[string]bool

// anchorLookup finds the IDs of the page at a URL: nil for a page whose
// IDs are known only once it is rendered, which renderedIDs then gives (or
// nil, for unchecked).
type anchorLookup interface {
	idsOf(url string) (map[string]bool, bool)
	renderedIDs(url string) map[string]bool
}

func (a anchors) idsOf(url string) (map[string]bool, bool) {
	ids, ok := a[url]
	return ids, ok
}

func (anchors) renderedIDs(string) map[string]bool { return nil }

// readerAnchors are anchors where a reader page (a kit, the library,
// search) gets its IDs by being rendered, the first time a link asks for
// one of them: its IDs come from its template and many guides, and few
// links name one. Serve uses them for one edit's checks, over the anchors
// it keeps.
type readerAnchors struct {
	base     anchorLookup
	p        *plan
	jobs     []job          // the plan's, listed on first need when nil
	readers  map[string]job // the reader pages by URL, once listed
	rendered map[string]map[string]bool
}

func (p *plan) readerAnchors(base anchorLookup, jobs []job) *readerAnchors {
	return &readerAnchors{base: base, p: p, jobs: jobs, rendered: map[string]map[string]bool{}}
}

func (a *readerAnchors) idsOf(url string) (map[string]bool, bool) { return a.base.idsOf(url) }

// renderedIDs renders the reader page at url, once, for its IDs: only for
// a link with a #fragment, since the library's index of a large site is
// megabytes.
func (a *readerAnchors) renderedIDs(url string) map[string]bool {
	if ids, done := a.rendered[url]; done {
		return ids
	}
	var ids map[string]bool
	if j, ok := a.reader(url); ok {
		ids = a.p.pageIDs(j)
	}
	a.rendered[url] = ids
	return ids
}

// reader finds the reader page at url.
func (a *readerAnchors) reader(url string) (job, bool) {
	if a.readers == nil {
		if a.jobs == nil {
			a.jobs = a.p.jobs()
		}
		a.readers = map[string]job{}
		for _, j := range a.jobs {
			switch j.template {
			case tmplKit, tmplQuestions, tmplSearch:
				a.readers[j.url] = j
			}
		}
	}
	j, ok := a.readers[url]
	return j, ok
}

// pageIDs renders a page to list its IDs: nil when it does not render, an
// error the build reports anyway.
func (p *plan) pageIDs(j job) map[string]bool {
	buf := p.b.buffer()
	defer p.b.release(buf)
	if _, err := p.render(j, nil, buf); err != nil {
		return nil
	}
	return scanHTML(buf.Bytes()).ids
}

// anchorEdits are anchors with some pages' IDs changed: an edit's view of
// the site's anchors, without copying those of every page.
type anchorEdits struct {
	base anchorLookup
	own  anchors
}

func (a anchorEdits) idsOf(url string) (map[string]bool, bool) {
	if ids, ok := a.own[url]; ok {
		return ids, true
	}
	return a.base.idsOf(url)
}

func (a anchorEdits) renderedIDs(url string) map[string]bool { return a.base.renderedIDs(url) }

// anchors lists every page and file a build writes, from its jobs: a
// content page with the IDs it will have; a reader page (a kit, the
// library, search) with nil, its IDs coming from many pages and known only
// once it is rendered (readerAnchors); the other pages with their layout's;
// and the files the build adds beside the pages.
func (p *plan) anchors(jobs []job) anchors {
	out := anchors{"/sitemap.xml": {}, "/robots.txt": {}}
	for _, loc := range p.s.Locales {
		out["/"+loc+"/feed.xml"] = map[string]bool{}
	}
	for _, j := range jobs {
		switch j.template {
		case "": // a draft or a page with invalid front matter: checked, not written
		case "root":
			out[j.url] = map[string]bool{}
		case tmplKit, tmplQuestions, tmplSearch:
			out[j.url] = nil
		default:
			if j.src != nil {
				out[j.url] = p.pageAnchors(j.src)
			} else {
				out[j.url] = map[string]bool{"main": true}
			}
		}
	}
	return out
}

// pageAnchors lists the IDs a page will have.
func (p *plan) pageAnchors(pg *content.Page) map[string]bool {
	ids := map[string]bool{}
	for _, id := range templateAnchors {
		ids[id] = true
	}
	doc := p.doc(pg)
	for _, h := range doc.Headings {
		ids[h.ID] = true
	}
	for _, q := range doc.Questions {
		ids[q.ID] = true
	}
	for _, s := range doc.Samples {
		ids["try-"+s] = true
	}
	for _, id := range doc.NoteIDs {
		ids[id] = true
	}
	if pg.Kind == content.Home {
		for key, versions := range p.byKey { // the families p.families lists, without making its cards
			if v := cmp.Or(versions[pg.Locale], p.anyVersion(key)); v != nil {
				ids["family-"+v.Guide.Family] = true
			}
		}
	}
	return ids
}

// asFile is the page a directory path names as a file (/x/kit/ for
// /x/kit.html, as kits and library filters were once written), if there
// is one.
func asFile(pagePath string, targets anchorLookup) (string, bool) {
	if !strings.HasSuffix(pagePath, "/") {
		return "", false
	}
	file := strings.TrimSuffix(pagePath, "/") + ".html"
	_, ok := targets.idsOf(file)
	return file, ok
}

// unsafeSchemes are the URL schemes goldmark does not link, writing an
// empty href instead: a link using one is broken, not made safe.
var unsafeSchemes = []string{"javascript", "vbscript", "data", "file"}

// checkLink returns what is wrong with link l on the page at from, or "".
// It names the link as written: a link to a Markdown file by its file.
func checkLink(from string, l markdown.Link, targets anchorLookup) string {
	dest, written := l.Dest, l.AsWritten()
	if strings.TrimSpace(dest) == "" {
		return "empty link: give it a destination"
	}
	target, err := resolveLink(from, dest)
	if err != nil {
		return "malformed link " + written
	}
	if u, _ := url.Parse(dest); slices.Contains(unsafeSchemes, u.Scheme) {
		return "unsafe link " + written + ": a " + u.Scheme + ": URL is not linked; use http, https or mailto"
	}
	if target == nil {
		return "" // external, mailto: or empty
	}
	pagePath := strings.TrimSuffix(target.Path, "index.html") // the file of a page is the page
	if _, ok := targets.idsOf(pagePath + "/"); ok && !strings.HasSuffix(pagePath, "/") && !strings.HasSuffix(pagePath, ".html") {
		return "broken link " + written + ": write it with a trailing slash (" + pagePath + "/)"
	}
	ids, ok := targets.idsOf(pagePath)
	if !ok {
		msg := "broken link " + written + ": no page " + pagePath
		if file, isFile := asFile(pagePath, targets); isFile {
			msg += "; the page is " + file
		}
		return msg
	}
	if target.Fragment != "" && ids == nil {
		ids = targets.renderedIDs(pagePath)
	}
	if target.Fragment != "" && ids != nil && !ids[target.Fragment] {
		return "broken link " + written + ": no #" + target.Fragment + " on " + pagePath
	}
	return ""
}

// resolveLink resolves dest on the page at from: nil for a link that leaves
// the site or is empty, an error for a malformed one.
func resolveLink(from, dest string) (*url.URL, error) {
	u, err := url.Parse(dest)
	if err != nil {
		return nil, err
	}
	if u.Scheme != "" || u.Host != "" || (u.Path == "" && u.Fragment == "") {
		return nil, nil
	}
	base, _ := url.Parse(from)
	return base.ResolveReference(u), nil
}
