// Package i18n holds the interface strings of every locale: one go-i18n
// bundle loaded from locales/<locale>.toml, a Localizer per locale, and a
// record of every message a template asked for and did not find, so the
// translation report can list it.
package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Catalog is the loaded messages of every locale. Safe for concurrent use.
type Catalog struct {
	Locales []string // the default locale first, then the rest sorted
	def     string
	bundle  *i18n.Bundle
	locs    map[string]*i18n.Localizer
	ids     map[string]map[string]bool // locale → message IDs it defines
	files   map[string]messageFile     // locale → its parsed file, for Gaps

	simple  map[string]map[string]string // locale → ID → text of messages without a count, localized once
	counted sync.Map                     // countKey → text of a message with an integer count, localized once

	mu     sync.Mutex
	misses map[Miss]bool
}

// countKey is a message asked for with an integer count.
type countKey struct {
	locale, id string
	n          int
}

// Miss is a message a locale was asked for and lacks (or lacks a plural form of).
type Miss struct {
	Locale, ID, Reason string
}

// Load reads every *.toml file of fsys but hidden ones (an editor's lock
// file, .#it.toml); the file name is the locale. The default locale must be
// among them.
func Load(fsys fs.FS, defaultLocale string) (*Catalog, error) {
	files, err := fs.Glob(fsys, "*.toml")
	if err != nil {
		return nil, err
	}
	c := &Catalog{
		def:    defaultLocale,
		files:  map[string]messageFile{},
		bundle: i18n.NewBundle(language.Make(defaultLocale)),
		locs:   map[string]*i18n.Localizer{},
		ids:    map[string]map[string]bool{},
		misses: map[Miss]bool{},
		simple: map[string]map[string]string{},
	}
	c.bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	for _, f := range files {
		if strings.HasPrefix(f, ".") {
			continue
		}
		if err := c.loadFile(fsys, f); err != nil {
			return nil, err
		}
	}
	if c.ids[defaultLocale] == nil {
		return nil, fmt.Errorf("no messages for the default locale %q (want locales/%s.toml)", defaultLocale, defaultLocale)
	}
	c.localizeOnce()
	slices.SortFunc(c.Locales, func(a, b string) int {
		switch {
		case a == defaultLocale:
			return -1
		case b == defaultLocale:
			return 1
		}
		return strings.Compare(a, b)
	})
	return c, nil
}

func (c *Catalog) loadFile(fsys fs.FS, name string) error {
	buf, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	var raw map[string]any
	if _, err := toml.Decode(string(buf), &raw); err != nil {
		return fileError(name, err)
	}
	mf, err := c.bundle.ParseMessageFileBytes(buf, name)
	if err != nil {
		if fe := strayKey(name, buf, err); fe != nil {
			return fe
		}
		return fileError(name, err)
	}
	loc := strings.TrimSuffix(path.Base(name), ".toml")
	c.Locales = append(c.Locales, loc)
	c.locs[loc] = i18n.NewLocalizer(c.bundle, loc)
	c.ids[loc] = map[string]bool{}
	for id := range raw {
		c.ids[loc][id] = true
	}
	c.files[loc] = newMessageFile(name, buf, mf.Messages)
	return nil
}

// FileError is a problem in one message file, at its line when known.
type FileError struct {
	File      string // as named in the locales directory
	Line, Col int    // 0 when unknown
	Msg       string
}

func (e *FileError) Error() string {
	switch {
	case e.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

func fileError(name string, err error) error {
	var perr toml.ParseError
	if errors.As(err, &perr) {
		return &FileError{File: name, Line: perr.Position.Line, Col: perr.Position.Col, Msg: perr.Message}
	}
	return &FileError{File: name, Msg: err.Error()}
}

var mixedKeys = regexp.MustCompile(`mixed with unreserved keys \[([^\] ]+)`)

// strayKey explains go-i18n's "reserved keys [other] mixed with unreserved
// keys [x]": a plain message written below a table (appended to the file,
// say) belongs to that table in TOML. It is at x's line, or nil for other
// errors.
func strayKey(name string, buf []byte, err error) *FileError {
	m := mixedKeys.FindStringSubmatch(err.Error())
	if m == nil {
		return nil
	}
	table, tableLine := "", 0
	for i, line := range strings.Split(string(buf), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			table, tableLine = strings.Trim(line, "[] "), i+1
		}
		if key, _, ok := strings.Cut(line, "="); ok && strings.TrimSpace(key) == m[1] && table != "" {
			return &FileError{File: name, Line: i + 1, Msg: fmt.Sprintf("message %q is inside the table [%s] that starts on line %d: "+
				"move it above the first [table], or give it a table of its own ([%s] with other = \"...\")", m[1], table, tableLine, m[1])}
		}
	}
	return nil
}

// localizeOnce caches every message that needs no count in every locale:
// pages ask for the same few strings thousands of times.
func (c *Catalog) localizeOnce() {
	all := map[string]bool{}
	for _, ids := range c.ids {
		for id := range ids {
			all[id] = true
		}
	}
	for _, loc := range c.Locales {
		c.simple[loc] = map[string]string{}
		for id := range all {
			if s, err := c.locs[loc].Localize(&i18n.LocalizeConfig{MessageID: id}); err == nil {
				c.simple[loc][id] = s
			}
		}
	}
}

// Has reports whether locale defines message id itself (no fallback).
func (c *Catalog) Has(locale, id string) bool { return c.ids[locale][id] }

// Simple returns the text of a message that locale defines without plural
// forms, as T prints it with no count.
func (c *Catalog) Simple(locale, id string) (string, bool) {
	s, ok := c.simple[locale][id]
	return s, ok
}

// T localizes id for locale. With a count it picks the plural form and passes
// {{.Count}}. A missing message falls back to the default locale's text and
// is recorded, never an error: a template must not fail on a translation.
func (c *Catalog) T(locale, id string, count ...any) string {
	if s, ok := c.simple[locale][id]; ok && len(count) == 0 {
		return s
	}
	if n, ok := intCount(count); ok {
		key := countKey{locale, id, n}
		if s, ok := c.counted.Load(key); ok {
			return s.(string)
		}
		s := c.localize(locale, id, count)
		c.counted.Store(key, s)
		return s
	}
	return c.localize(locale, id, count)
}

// intCount is the count of a T call when it is a single int: pages ask for
// "45 minutes" and "3 rounds" thousands of times, and go-i18n runs a
// template for each.
func intCount(count []any) (int, bool) {
	if len(count) != 1 {
		return 0, false
	}
	n, ok := count[0].(int)
	return n, ok
}

// localize asks go-i18n, recording what it cannot find.
func (c *Catalog) localize(locale, id string, count []any) string {
	lc := &i18n.LocalizeConfig{MessageID: id}
	if len(count) > 0 {
		lc.PluralCount = count[0]
		lc.TemplateData = map[string]any{"Count": showCount(locale, count[0])}
	}
	loc, ok := c.locs[locale]
	if !ok {
		c.miss(Miss{locale, id, "unknown locale"})
		return id
	}
	s, err := loc.Localize(lc)
	if err != nil {
		c.miss(Miss{locale, id, err.Error()})
	}
	if s == "" {
		return id
	}
	return s
}

func (c *Catalog) miss(m Miss) {
	c.mu.Lock()
	c.misses[m] = true
	c.mu.Unlock()
}

// Misses lists what T could not find, sorted.
func (c *Catalog) Misses() []Miss {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]Miss, 0, len(c.misses))
	for m := range c.misses {
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b Miss) int {
		return strings.Compare(a.Locale+"\x00"+a.ID, b.Locale+"\x00"+b.ID)
	})
	return out
}

// showCount writes a whole number as the locale groups its digits ("2,400"
// minutes, "2.400 minuti"); other counts as they are.
func showCount(locale string, n any) any {
	if _, ok := n.(int); !ok {
		return n
	}
	tag, err := language.Parse(locale)
	if err != nil {
		return n
	}
	return message.NewPrinter(tag).Sprintf("%d", n)
}
