// Package leakcheck finds a sample's secrets in text: what its hidden cases
// hold and what its reference solutions say, beyond anything public. Tests
// use it to prove that no report or HTTP response gives them away.
package leakcheck

import (
	"encoding/json"
	"slices"
	"strings"

	"guides/internal/sample"
)

// Secrets returns distinctive fragments of s's hidden cases and reference
// solutions that appear nowhere in its public parts. s must have been loaded
// with secrets.
func Secrets(s *sample.Sample) []string {
	public := publicText(s)
	var out []string
	add := func(frag string, min int) {
		frag = strings.TrimSpace(frag)
		if len(frag) >= min && !strings.Contains(public, frag) && !slices.Contains(out, frag) {
			out = append(out, frag)
		}
	}
	for _, c := range s.Hidden {
		for _, v := range []any{c.Input, c.Expected} {
			b, _ := json.Marshal(v)
			add(string(b), 8)
			for _, leaf := range leaves(v) {
				add(leaf, 6)
			}
		}
	}
	for _, code := range s.Code {
		for line := range strings.Lines(code.Solution) {
			add(line, 24)
		}
	}
	return out
}

// Find returns the secrets that text contains.
func Find(text string, secrets []string) []string {
	var found []string
	for _, s := range secrets {
		if strings.Contains(text, s) {
			found = append(found, s)
		}
	}
	return found
}

func publicText(s *sample.Sample) string {
	var b strings.Builder
	pub, _ := json.Marshal(s.Public)
	b.Write(pub)
	for _, c := range s.Public {
		for _, v := range []any{c.Input, c.Expected} {
			for _, leaf := range leaves(v) {
				b.WriteString("\n" + leaf)
			}
		}
	}
	for _, m := range []map[string]string{s.Title, s.Summary, s.Statements} {
		for _, t := range m {
			b.WriteString("\n" + t)
		}
	}
	for _, c := range s.Code {
		b.WriteString("\n" + c.Starter + "\n" + c.Harness)
	}
	return b.String()
}

// leaves lists the scalar values in v, and each line of its strings.
func leaves(v any) []string {
	switch x := v.(type) {
	case map[string]any:
		var out []string
		for _, e := range x {
			out = append(out, leaves(e)...)
		}
		return out
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, leaves(e)...)
		}
		return out
	case string:
		return append(strings.Split(x, "\n"), x)
	case nil, bool:
		return nil
	}
	b, _ := json.Marshal(v) // numbers as JSON writes them: 7770001, not 7.770001e+06
	return []string{string(b)}
}
