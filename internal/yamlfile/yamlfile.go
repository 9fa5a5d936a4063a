// Package yamlfile decodes YAML strictly and reports every problem with the
// line it is on, so content and samples can name file and line in errors.
package yamlfile

import (
	"errors"
	"regexp"

	"go.yaml.in/yaml/v4"
)

// LineError is a problem at a line of the YAML text (0 when unknown).
type LineError struct {
	Line int
	Msg  string
}

// Load decodes src into v, rejecting unknown fields, and returns every problem.
func Load(src []byte, v any) []LineError {
	err := yaml.Load(src, v, yaml.WithKnownFields())
	if err == nil {
		return nil
	}
	return Errors(err)
}

// Errors splits an error from go.yaml.in/yaml/v4 into its positioned parts.
func Errors(err error) []LineError {
	var many *yaml.LoadErrors
	if errors.As(err, &many) && len(many.Errors) > 0 {
		out := make([]LineError, 0, len(many.Errors))
		for _, e := range many.Errors {
			out = append(out, LineError{Line: e.Mark.Line, Msg: friendly(e.Message)})
		}
		return out
	}
	var one *yaml.LoadError
	if errors.As(err, &one) {
		return []LineError{{Line: one.Mark.Line, Msg: friendly(one.Message)}}
	}
	return []LineError{{Msg: err.Error()}}
}

// KeyLines maps each top-level key of a YAML mapping to its line, so a check
// made after decoding (a missing value, a bad reference) can point at it.
func KeyLines(src []byte) map[string]int {
	lines := map[string]int{}
	var doc yaml.Node
	if yaml.Load(src, &doc) != nil || len(doc.Content) == 0 {
		return lines
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		lines[m.Content[i].Value] = m.Content[i].Line
	}
	return lines
}

var (
	unknownField = regexp.MustCompile(`^field (\S+) not found in type .+$`)
	wrongType    = regexp.MustCompile(`^cannot construct !!(\w+) (.*?) ?into (.+)$`)
	numberType   = regexp.MustCompile(`^u?int\d*$|^float\d+$`)
)

// friendly rewords the decoder's messages in the terms an editor uses.
func friendly(msg string) string {
	if m := unknownField.FindStringSubmatch(msg); m != nil {
		return "unknown field " + `"` + m[1] + `"`
	}
	if m := wrongType.FindStringSubmatch(msg); m != nil {
		got := map[string]string{"str": "text", "int": "a number", "float": "a number", "bool": "true/false",
			"seq": "a list", "map": "a mapping", "null": "nothing", "timestamp": "a date"}[m[1]]
		if got == "" {
			got = m[1]
		}
		if m[2] != "" {
			got += " " + m[2]
		}
		return "wrong type: got " + got + ", want " + goType(m[3])
	}
	return msg
}

func goType(t string) string {
	switch {
	case t == "string":
		return "text"
	case t == "bool":
		return "true or false"
	case numberType.MatchString(t):
		return "a number"
	case len(t) > 2 && t[:2] == "[]":
		return "a list"
	case len(t) > 3 && t[:3] == "map":
		return "a mapping"
	}
	return t
}
