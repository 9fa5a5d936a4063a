package render

import (
	"regexp"
	"strconv"
)

// templatePos finds the position text/template ("template: kit.html:7:3:
// ...") and html/template's escaper ("html/template:kit.html:7:3: ...")
// give an error, wherever it is wrapped.
var templatePos = regexp.MustCompile(`(?s)template: ?([^:\s]+:\d+(?::\d+)?): (.*)$`)

// location is a position as text/template writes it: file:line[:col].
var location = regexp.MustCompile(`^([^:\s]+):(\d+)(?::(\d+))?$`)

// Where locates a template error in its file: the file name (as in the
// templates directory), line, column (0 when not given) and the message
// after the position. ok is false when err has no position, such as
// html/template's "x is undefined".
func Where(err error) (file string, line, col int, msg string, ok bool) {
	m := templatePos.FindStringSubmatch(err.Error())
	if m == nil {
		return "", 0, 0, "", false
	}
	file, line, col, ok = locate(m[1])
	return file, line, col, m[2], ok
}

// locate splits a position text/template gives ("kit.html:7:3"). Go counts
// the column from 0; locate counts it from 1, as editors and the site's
// other errors do.
func locate(loc string) (file string, line, col int, ok bool) {
	m := location.FindStringSubmatch(loc)
	if m == nil {
		return "", 0, 0, false
	}
	line, _ = strconv.Atoi(m[2])
	if m[3] != "" {
		col, _ = strconv.Atoi(m[3])
		col++
	}
	return m[1], line, col, true
}
