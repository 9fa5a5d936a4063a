package site

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
)

// showValue writes a test case's input or expected value for people to read.
// An object takes one field a line and a multi-line string (an SQL setup
// script) keeps its lines, indented under its field; everything else is JSON
// with a space after each comma and colon, so long values wrap between items.
// assets/ts/try/results.ts shows the runner's values the same way.
func showValue(v any) string {
	if s, ok := v.(string); ok && multiline(s) {
		return strings.TrimRight(s, "\n")
	}
	m, ok := v.(map[string]any)
	if !ok || len(m) == 0 {
		return inlineValue(v)
	}
	var b strings.Builder
	for i, k := range sortedKeys(m) {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(k + ":")
		if s, ok := m[k].(string); ok && multiline(s) {
			for _, line := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
				b.WriteString("\n  " + line)
			}
			continue
		}
		b.WriteString(" " + inlineValue(m[k]))
	}
	return b.String()
}

func multiline(s string) bool { return strings.Contains(strings.TrimRight(s, "\n"), "\n") }

// inlineValue is JSON with a space after each comma and colon.
func inlineValue(v any) string {
	switch v := v.(type) {
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = inlineValue(x)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		parts := make([]string, 0, len(v))
		for _, k := range sortedKeys(v) {
			parts = append(parts, jsonScalar(k)+": "+inlineValue(v[k]))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return jsonScalar(v)
}

// jsonScalar encodes without escaping <, > and &: the template escapes for HTML.
func jsonScalar(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "?"
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
