package content

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"guides/internal/diag"
	"guides/internal/sample"
	"guides/internal/yamlfile"
)

// Kind tells a home page from a guide.
type Kind int

const (
	Home Kind = iota
	Guide
)

// Page is one source page.
type Page struct {
	Kind   Kind
	Locale string
	Key    string // translation key: the file's slug; pages with one Key in two locales are translations
	Slug   string // the URL's last segment
	File   string // path for messages, as the user named it (content/en/roles/x.md)
	Path   string // slash path in the content directory (en/roles/x.md)
	URL    string // site path, e.g. /en/roles/backend-engineer/
	Guide  GuideMeta
	Home   HomeMeta
	Body   []byte // Markdown, padded so its lines are the file's lines

	invalid bool           // its front matter did not decode
	keys    map[string]int // the file line of each front matter key
}

// Line is the file line of a front matter key, or 1 when it is absent: where
// a finding about the field points.
func (p *Page) Line(key string) int { return cmp.Or(p.keys[key], 1) }

// Site is all loaded content.
type Site struct {
	Locales []string // in the order given to Load; the first is the default
	Pages   []*Page  // sorted by locale order, then home first, then by Key
	Invalid []*Page  // pages whose front matter did not decode: not published, their Markdown still checked
	Samples map[string]*sample.Sample
}

// Options configure Load.
type Options struct {
	Locales []string  // known locales; the first is the default
	Root    string    // the content directory as the user named it, for messages
	Today   time.Time // the day of the build, past which an updated date is an error; zero is now
	// TagKey names what two tags of one list share when one repeats the
	// other ("" for nothing); nil, or "", compares them case aside.
	TagKey func(tag string) string
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Load reads every page and sample of fsys and validates them all.
func Load(fsys fs.FS, opts Options) (*Site, diag.List) {
	if opts.Today.IsZero() {
		opts.Today = time.Now()
	}
	l := &loader{fsys: fsys, opts: opts}
	s := &Site{Locales: opts.Locales}
	s.Samples, l.errs = sample.LoadAll(fsys, "samples", sample.Options{})
	for i, e := range l.errs {
		e.Pos.File = path.Join(opts.Root, e.Pos.File)
		l.errs[i] = e
	}
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		return l.visit(p, d, err)
	})
	pages := l.readPages()
	s.Invalid = slices.DeleteFunc(slices.Clone(pages), func(p *Page) bool { return !p.invalid })
	s.Pages = slices.DeleteFunc(pages, func(p *Page) bool { return p.invalid })
	l.checkURLs(s.Pages)
	l.checkFamilies(s.Pages)
	slices.SortFunc(s.Pages, func(a, b *Page) int {
		return cmp.Or(cmp.Compare(slices.Index(opts.Locales, a.Locale), slices.Index(opts.Locales, b.Locale)),
			cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Key, b.Key))
	})
	return s, l.errs
}

type loader struct {
	fsys  fs.FS
	opts  Options
	files []string // page files found by the walk

	mu   sync.Mutex
	errs diag.List
}

// readPages reads and decodes the files found, on every core. Readers
// outnumber cores four to one, as a build's renderers do: one per core did
// not keep the cores busy (10,000 guides on 2 cores: 0.6 to 1.2 s with 2
// readers, 0.5 s with 8).
func (l *loader) readPages() []*Page {
	pages := make([]*Page, len(l.files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range 4 * runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				top, rest, _ := strings.Cut(l.files[i], "/")
				pages[i] = l.page(top, rest, l.files[i])
			}
		})
	}
	for i := range l.files {
		next <- i
	}
	close(next)
	wg.Wait()
	return slices.DeleteFunc(pages, func(p *Page) bool { return p == nil })
}

// add records a problem; pages are read concurrently.
func (l *loader) add(pos diag.Pos, format string, args ...any) {
	l.mu.Lock()
	l.errs.Add(pos, format, args...)
	l.mu.Unlock()
}

func (l *loader) pos(p string, line int) diag.Pos {
	return diag.Pos{File: path.Join(l.opts.Root, p), Line: line}
}

func (l *loader) visit(p string, d fs.DirEntry, err error) error {
	switch {
	case err != nil && p == ".": // a directory problem has no line
		l.add(diag.Pos{File: cmp.Or(l.opts.Root, ".")}, "content directory: %v", unwrapPath(err))
		return fs.SkipAll
	case err != nil:
		l.add(l.pos(p, 1), "%v", unwrapPath(err))
		return nil
	}
	name := d.Name()
	if p != "." && Skipped(name, d.IsDir()) {
		if d.IsDir() {
			return fs.SkipDir
		}
		return nil
	}
	top, _, _ := strings.Cut(p, "/")
	switch {
	case p == ".":
		return nil
	case top == "samples":
		if d.IsDir() {
			return fs.SkipDir // loaded by package sample
		}
		return nil
	case d.IsDir():
		return nil // files are checked one by one, so each error names a file
	case d.Type()&fs.ModeSymlink != 0 && linksDir(l.fsys, p): // a directory problem has no line
		l.add(diag.Pos{File: path.Join(l.opts.Root, p)}, "a symbolic link to a directory, which the build does not follow: make it a directory, or link its files one by one")
		return nil
	case !slices.Contains(l.opts.Locales, top):
		if top == p && (name == "go.mod" || name == "README.md") {
			return nil
		}
		l.add(l.pos(p, 1), "outside a known locale directory: %q is not a locale (known: %s)", top, strings.Join(l.opts.Locales, ", "))
		return nil
	}
	l.files = append(l.files, p)
	return nil
}

// PagePath reports whether the file at rel, a slash path in the content
// directory, is one a page is made from: <locale>/_index.md or
// <locale>/roles/<slug>.md with a known locale.
func PagePath(locales []string, rel string) bool {
	loc, rest, _ := strings.Cut(rel, "/")
	if !slices.Contains(locales, loc) || Skipped(path.Base(rel), false) {
		return false
	}
	name, guide := strings.CutPrefix(rest, "roles/")
	return rest == "_index.md" || guide && !strings.Contains(name, "/") && path.Ext(name) == ".md"
}

// page reads one file of a locale tree.
func (l *loader) page(locale, rel, p string) *Page {
	switch {
	case rel == "_index.md":
		return l.home(locale, p)
	case strings.HasPrefix(rel, "roles/") && strings.Contains(rel[len("roles/"):], "/"):
		l.add(l.pos(p, 1), "in a subdirectory of roles/, which is not read: a guide is roles/<slug>.md")
		return nil
	case strings.HasPrefix(rel, "roles/") && path.Ext(rel) == ".md":
		return l.guide(locale, strings.TrimSuffix(strings.TrimPrefix(rel, "roles/"), ".md"), p)
	}
	l.add(l.pos(p, 1), "unexpected file: a locale holds _index.md and roles/<slug>.md")
	return nil
}

func (l *loader) read(p string) (split, bool) {
	src, err := fs.ReadFile(l.fsys, p)
	if err != nil {
		l.add(l.pos(p, 1), "cannot read the file: %v", unwrapPath(err))
		return split{}, false
	}
	if line := diag.NotTextLine(src); line > 0 {
		l.add(l.pos(p, line), diag.NotText)
		return split{}, false // every other message would be about the encoding too
	}
	sp, err := splitFrontMatter(src)
	if err != nil {
		l.add(l.pos(p, 1), "%v", err)
		return split{}, false
	}
	return sp, true
}

// decode decodes front matter strictly into v, reporting each problem at
// its file line. It returns the parsed front matter for the checks, whether
// v decoded without a problem, and whether v can be checked: when every
// problem left only its own value undecoded, the checks skip those values
// and a mistake is not reported twice.
func (l *loader) decode(p string, sp split, v any) (fm *frontMatter, ok, checkable bool) {
	doc, errs := yamlfile.Parse(sp.YAML, sp.YAMLLine)
	if errs == nil {
		errs = doc.Decode(v)
	}
	fm = &frontMatter{doc: doc, keys: doc.KeyLines(), bad: map[string][]int{}, misspelledIn: map[itemKey][]string{}}
	checkable = true
	for _, e := range errs {
		key, item, sub := doc.Locate(e.Line, e.Col)
		msg := typeMessage(e, key, item, sub)
		switch {
		case e.Unknown != "" && e.Unknown == key && item < 0:
			if near := nearest(key, fieldNames(v)); near != "" {
				msg += fmt.Sprintf(": did you mean %q?", near)
				fm.misspelled = append(fm.misspelled, near)
			}
		case e.Unknown != "" && e.Unknown == sub && item >= 0:
			// An unknown key of an item (a round's) leaves the item's
			// other fields decoded, and checked.
			msg = fmt.Sprintf("%s: %s", itemName(key, item), msg)
			if near := nearest(sub, itemFieldNames(v, key)); near != "" {
				msg += fmt.Sprintf(": did you mean %q?", near)
				fm.misspelledIn[itemKey{key, item}] = append(fm.misspelledIn[itemKey{key, item}], near)
			}
			l.add(l.pos(p, e.Line), "%s", msg)
			continue
		}
		l.add(l.pos(p, cmp.Or(e.Line, sp.YAMLLine)), "%s", msg)
		checkable = checkable && e.Local
		fm.bad[key] = append(fm.bad[key], item)
	}
	return fm, len(errs) == 0, checkable
}

// itemName names item i of a list field: "process round 2", "skills item 3".
func itemName(key string, i int) string {
	if key == "process" {
		return fmt.Sprintf("process round %d", i+1)
	}
	return fmt.Sprintf("%s item %d", key, i+1)
}

// typeMessage says where a wrong type is, which the decoder's message does
// not: the field, and the item of a list (the round of process).
func typeMessage(e yamlfile.LineError, key string, item int, sub string) string {
	where := fmt.Sprintf("field %q", key)
	switch {
	case key == "":
		where = "the front matter" // not a mapping: it has no keys
	case item >= 0:
		where = itemName(key, item)
		if sub != "" {
			where += fmt.Sprintf(": field %q", sub)
		}
	}
	return e.In(where)
}

// frontMatter is a page's parsed front matter as the checks made after
// decoding need it: where its keys and items are, and what did not decode.
type frontMatter struct {
	doc  *yamlfile.Doc
	keys map[string]int   // the file line of each top-level key
	bad  map[string][]int // for a key whose value did not all decode, the items that did not (-1: outside any item)
	// misspelled are the fields an unknown key looks like a misspelling
	// of: reported with it, and not also as missing. misspelledIn are
	// those of a list's items.
	misspelled   []string
	misspelledIn map[itemKey][]string
}

// itemKey is item i of the list field key.
type itemKey struct {
	key string
	i   int
}

// line is the file line of a top-level key, or 1 when it is absent.
func (f *frontMatter) line(key string) int { return cmp.Or(f.keys[key], 1) }

// spoiled reports whether any of key's value did not decode.
func (f *frontMatter) spoiled(key string) bool { return len(f.bad[key]) > 0 }

// spoiledItem reports whether item i of key's sequence did not all decode.
func (f *frontMatter) spoiledItem(key string, i int) bool {
	return slices.Contains(f.bad[key], i) || slices.Contains(f.bad[key], -1)
}

func (l *loader) home(locale, p string) *Page {
	page := &Page{Kind: Home, Locale: locale, File: path.Join(l.opts.Root, p), Path: p, URL: "/" + locale + "/"}
	sp, ok := l.read(p)
	if !ok {
		page.invalid = true // so that the locale has a copy, reported for its own error
		return page
	}
	page.Body = sp.Body
	fm, ok, checkable := l.decode(p, sp, &page.Home)
	if checkable {
		l.required(p, fm, map[string]string{"title": page.Home.Title, "summary": page.Home.Summary})
	}
	page.invalid = !ok
	return page
}

func (l *loader) guide(locale, key, p string) *Page {
	sp, ok := l.read(p)
	if !ok {
		return nil
	}
	if !slugRE.MatchString(strings.ToLower(key)) {
		l.add(l.pos(p, 1), "file name %q is not a slug: %s", key, slugRule)
		return nil
	}
	page := &Page{Kind: Guide, Locale: locale, Key: strings.ToLower(key), File: path.Join(l.opts.Root, p), Path: p, Body: sp.Body}
	fm, ok, checkable := l.decode(p, sp, &page.Guide)
	page.keys = fm.keys
	if checkable {
		l.checkGuide(p, page.Guide, fm)
	}
	if !ok {
		page.invalid = true
		return page
	}
	if !page.Guide.Draft {
		l.placeholders(p, sp)
	}
	page.Slug = cmp.Or(page.Guide.Slug, page.Key)
	page.URL = "/" + locale + "/roles/" + page.Slug + "/"
	return page
}

// placeholderMarkers are the placeholders of the drafts `guides new`
// writes, in its templates in internal/scaffold: "TODO", "DA FARE".
var placeholderMarkers = []string{"TODO", "DA FARE"}

// placeholderRE matches a line that starts, as a value, a list item or a
// paragraph, with one of placeholderMarkers, as the drafts' lines do.
var placeholderRE = regexp.MustCompile(`^\s*(?:-\s+)?(?:[a-z_]+:\s*)?\[?(` + strings.Join(placeholderMarkers, "|") + `)(?:[\s\]]|$)`)

// placeholders reports each placeholder left in a guide about to be
// published: its page would show "TODO" to every reader.
func (l *loader) placeholders(p string, sp split) {
	for _, part := range []struct {
		text  []byte
		first int
	}{{sp.YAML, sp.YAMLLine}, {sp.Body, 1}} {
		if !slices.ContainsFunc(placeholderMarkers, func(m string) bool { return bytes.Contains(part.text, []byte(m)) }) {
			continue // most pages: no line to match
		}
		for i, line := range bytes.Split(part.text, []byte("\n")) {
			if m := placeholderRE.FindSubmatch(line); m != nil {
				l.add(l.pos(p, part.first+i), "placeholder %q left by guides new: write the text, or keep the guide a draft (draft: true)", m[1])
			}
		}
	}
}

// required reports each required text field that is blank: at line 1 when
// it is absent, at its own line when it is there but empty.
func (l *loader) required(p string, fm *frontMatter, fields map[string]string) {
	for _, name := range slices.Sorted(maps.Keys(fields)) {
		if strings.TrimSpace(fields[name]) == "" && !fm.spoiled(name) {
			l.missing(p, fm, name)
		}
	}
}

// missing reports a required field without a value, absent or empty.
func (l *loader) missing(p string, fm *frontMatter, name string) {
	switch line := fm.keys[name]; {
	case line > 0:
		l.add(l.pos(p, line), "field %q is empty", name)
	case !slices.Contains(fm.misspelled, name):
		l.add(l.pos(p, 1), "missing required field %q", name)
	}
}

func (l *loader) checkGuide(p string, g GuideMeta, fm *frontMatter) {
	l.required(p, fm, map[string]string{"title": g.Title, "family": g.Family, "summary": g.Summary})
	if g.Updated.IsZero() && !fm.spoiled("updated") {
		l.missing(p, fm, "updated")
	}
	if today := l.today(); g.Updated.After(today.AddDate(0, 0, 1)) {
		l.add(l.pos(p, fm.line("updated")), "updated %s is after today (%s): write the day of the guide's last change", g.Updated, today.Format(time.DateOnly))
	}
	if g.Family != "" && !slugRE.MatchString(g.Family) {
		l.add(l.pos(p, fm.line("family")), "family %q is not a slug: %s", g.Family, slugRule)
	}
	if g.Slug != "" && !slugRE.MatchString(g.Slug) {
		l.add(l.pos(p, fm.line("slug")), "slug %q: %s", g.Slug, slugRule)
	}
	l.checkTags(p, "stack", g.Stack, fm)
	l.checkTags(p, "skills", g.Skills, fm)
	l.checkProcess(p, g.Process, fm)
}

// today is the build's day in UTC. An updated date may be one day later:
// east of Greenwich an editor's today can be UTC's tomorrow.
func (l *loader) today() time.Time {
	y, m, d := l.opts.Today.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// tagKey is what a tag shares with those that would repeat it.
func (l *loader) tagKey(tag string) string {
	if l.opts.TagKey != nil {
		if k := l.opts.TagKey(tag); k != "" {
			return k
		}
	}
	return strings.ToLower(tag)
}

// slugRule says what a slug is, for the messages about one.
const slugRule = "use lowercase letters and digits, with single dashes between words and none at the start or end, e.g. backend-engineer"

// checkTags reports an empty entry of a list of tags, or one repeating an
// earlier entry (the same TagKey), at its line: either would show on the page.
func (l *loader) checkTags(p, key string, tags []string, fm *frontMatter) {
	items := fm.doc.Items(key)
	if fm.spoiled(key) || nonNull(items) != len(tags) {
		return // what did not decode was reported; the rest cannot be matched to their items
	}
	type entry struct {
		n    int
		text string
	}
	seen := map[string]entry{}
	next := 0
	for i, it := range items {
		tag := ""
		if !it.Null {
			tag, next = tags[next], next+1
		}
		tag = strings.TrimSpace(tag)
		folded := l.tagKey(tag)
		first, repeated := seen[folded]
		switch {
		case tag == "":
			l.add(l.pos(p, it.Line), "%s entry %d is empty: remove it or fill it in", key, i+1)
		case repeated:
			l.add(l.pos(p, it.Line), "%s entry %d %q repeats entry %d %q: remove one", key, i+1, tag, first.n, first.text)
		default:
			seen[folded] = entry{i + 1, tag}
		}
	}
}

// maxMinutes bounds a round's length: a working day.
const maxMinutes = 480

// checkProcess checks each interview round at its own line: its item's, or
// that of the key at fault. A round that did not all decode was reported
// already and is skipped.
func (l *loader) checkProcess(p string, rounds []Round, fm *frontMatter) {
	items := fm.doc.Items("process")
	if nonNull(items) != len(rounds) {
		return // the decoder dropped a round of the wrong type, reported: the rest cannot be matched to their items
	}
	next := 0
	for i, it := range items {
		if it.Null {
			l.add(l.pos(p, it.Line), "process round %d is empty: give it a name and minutes, or remove it", i+1)
			continue
		}
		r := rounds[next]
		next++
		if !fm.spoiledItem("process", i) {
			l.checkRound(p, i+1, r, it, fm.misspelledIn[itemKey{"process", i}])
		}
	}
}

// checkRound checks round n, decoded as r from item it. A field that an
// unknown key of the round misspells was reported with it, not as missing.
func (l *loader) checkRound(p string, n int, r Round, it yamlfile.Item, misspelled []string) {
	if strings.TrimSpace(r.Name) == "" {
		line, ok := it.Keys["name"]
		switch {
		case ok:
			l.add(l.pos(p, line), "process round %d: field %q is empty", n, "name")
		case !slices.Contains(misspelled, "name"):
			l.add(l.pos(p, it.Line), "process round %d: missing required field %q", n, "name")
		}
	}
	if r.Minutes < 1 || r.Minutes > maxMinutes {
		line, ok := it.Keys["minutes"]
		switch {
		case ok:
			l.add(l.pos(p, line), "process round %d: minutes must be between 1 and %d, got %d", n, maxMinutes, r.Minutes)
		case !slices.Contains(misspelled, "minutes"):
			l.add(l.pos(p, it.Line), "process round %d: missing required field %q", n, "minutes")
		}
	}
}

// nonNull counts the items that decode to a list entry: null ones do not.
func nonNull(items []yamlfile.Item) int {
	n := 0
	for _, it := range items {
		if !it.Null {
			n++
		}
	}
	return n
}

// checkURLs reports two pages that would be written to one URL.
func (l *loader) checkURLs(pages []*Page) {
	seen := map[string]*Page{}
	for _, p := range pages {
		if first, ok := seen[p.URL]; ok {
			at, other := first, p
			if at.File < other.File {
				at, other = other, at
			}
			if at.Guide.Slug == "" && other.Guide.Slug != "" { // the slug made the clash: report it there
				at, other = other, at
			}
			l.add(diag.Pos{File: at.File, Line: at.Line("slug")}, "page URL %s is also the URL of %s: give one of them another slug", p.URL, other.File)
			continue
		}
		seen[p.URL] = p
	}
}

// checkFamilies reports a translation filed under another family: the home
// pages group by family, so the pair must agree.
func (l *loader) checkFamilies(pages []*Page) {
	byKey := map[string]*Page{}
	for _, p := range pages {
		if p.Kind != Guide || p.Guide.Family == "" { // no family is reported as such
			continue
		}
		if o, ok := byKey[p.Key]; ok && o.Guide.Family != p.Guide.Family {
			l.add(diag.Pos{File: p.File, Line: p.Line("family")}, "family %q differs from %q in %s", p.Guide.Family, o.Guide.Family, o.File)
		}
		byKey[p.Key] = p
	}
}

// unwrapPath drops the path a file system error starts with, which the
// position before the message names already (relative to another
// directory, at that): "open en/x.md: permission denied" says "permission
// denied".
func unwrapPath(err error) error {
	if perr, ok := errors.AsType[*fs.PathError](err); ok {
		return perr.Err
	}
	return err
}

// linksDir reports whether the symbolic link at p leads to a directory.
func linksDir(fsys fs.FS, p string) bool {
	st, err := fs.Stat(fsys, p)
	return err == nil && st.IsDir()
}
