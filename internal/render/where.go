package render

import (
	"regexp"
	"strconv"
)

// templatePos finds the position text/template ("template: kit.html:7:3:
// ...") and html/template's escaper ("html/template:kit.html:7:3: ...")
// give an error, wherever it is wrapped.
var templatePos = regexp.MustCompile(`(?s)template: ?([^:\s]+):(\d+)(?::(\d+))?: (.*)$`)

// Where locates a template error in its file: the file name (as in the
// templates directory), line, column (0 when not given) and the message
// after the position. ok is false when err has no position, such as
// html/template's "x is undefined".
func Where(err error) (file string, line, col int, msg string, ok bool) {
	m := templatePos.FindStringSubmatch(err.Error())
	if m == nil {
		return "", 0, 0, "", false
	}
	line, _ = strconv.Atoi(m[2])
	col, _ = strconv.Atoi(m[3])
	return m[1], line, col, m[4], true
}
