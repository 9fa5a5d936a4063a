// Package diag reports problems in a user's files by position, the way
// go/scanner.ErrorList does: every problem of a run is collected, sorted by
// file and line, and printed one per line as "file:line[:col]: message".
package diag

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Pos is a position in a file. Line and Col count from 1; zero means unknown.
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string {
	s := p.File
	if p.Line > 0 {
		s += fmt.Sprintf(":%d", p.Line)
		if p.Col > 0 {
			s += fmt.Sprintf(":%d", p.Col)
		}
	}
	return s
}

// Error is one problem at one position.
type Error struct {
	Pos Pos
	Msg string
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// Errorf returns an Error at pos.
func Errorf(pos Pos, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// List collects the problems of one run. Its zero value is empty and ready.
type List []*Error

// Add appends a problem at pos.
func (l *List) Add(pos Pos, format string, args ...any) {
	*l = append(*l, Errorf(pos, format, args...))
}

// Append appends every problem of other.
func (l *List) Append(other List) { *l = append(*l, other...) }

// Sort orders the list by file, line, column, then message, and drops exact
// duplicates (a problem found by two passes is reported once).
func (l List) Sort() List {
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	return slices.CompactFunc(l, func(a, b *Error) bool { return *a == *b })
}

// Err returns the list as an error, or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Error prints every problem, one per line.
func (l List) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// LineAt returns the 1-based line of byte offset off in src.
func LineAt(src []byte, off int) int {
	off = min(max(off, 0), len(src))
	return 1 + bytes.Count(src[:off], []byte("\n"))
}

// Lines answers LineAt for one text asked about many times: a walk over a
// page's blocks that counted from the start for each of them spent more
// than a hundredth of a large site's build doing so. It counts on from the
// offset asked last, as a walk asks in order; asked about an earlier one,
// it finds the text's newlines once. A Lines is for one goroutine.
type Lines struct {
	src        []byte
	last, line int   // the offset asked last, and its line
	newlines   []int // offsets of the '\n's, nil before an offset before last is asked
}

// NewLines prepares src for At.
func NewLines(src []byte) *Lines { return &Lines{src: src, line: 1} }

// At is LineAt(src, off).
func (l *Lines) At(off int) int {
	off = min(max(off, 0), len(l.src))
	if off >= l.last {
		l.line += bytes.Count(l.src[l.last:off], []byte("\n"))
		l.last = off
		return l.line
	}
	if l.newlines == nil {
		l.newlines = make([]int, 0, bytes.Count(l.src, []byte("\n")))
		for i := 0; ; {
			j := bytes.IndexByte(l.src[i:], '\n')
			if j < 0 {
				break
			}
			l.newlines = append(l.newlines, i+j)
			i += j + 1
		}
	}
	n, _ := slices.BinarySearch(l.newlines, off)
	return 1 + n
}

// ColAt returns the 1-based column of byte offset off in src, counted in
// characters, as editors count them (an accented letter is one).
func ColAt(src []byte, off int) int {
	off = min(max(off, 0), len(src))
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return 1 + utf8.RuneCount(src[start:off])
}

// NotText is the problem of a file NotTextLine finds a line in.
const NotText = "text is not UTF-8: save the file as UTF-8"

// NotTextLine is the line of the first byte of src that is not UTF-8 text (a
// byte of another encoding, or the NUL of UTF-16), or 0.
func NotTextLine(src []byte) int {
	if utf8.Valid(src) && bytes.IndexByte(src, 0) < 0 {
		return 0
	}
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if (r == utf8.RuneError && n == 1) || r == 0 {
			return LineAt(src, i)
		}
		i += n
	}
	return 0
}
