package content

import (
	"reflect"
	"strings"
)

// fieldNames lists the front-matter fields of the struct v points to, by
// their yaml tags.
func fieldNames(v any) []string { return yamlNames(reflect.TypeOf(v)) }

// itemFieldNames are the YAML names of the fields of the items of v's
// list field key (a round's, for "process"), if its items are structs.
func itemFieldNames(v any, key string) []string {
	t := structType(reflect.TypeOf(v))
	for i := range t.NumField() {
		if f := t.Field(i); yamlName(f) == key && f.Type.Kind() == reflect.Slice {
			return yamlNames(f.Type.Elem())
		}
	}
	return nil
}

// yamlNames are the yaml names of the fields of struct type t, or of the
// struct it points to; none when it is no struct.
func yamlNames(t reflect.Type) []string {
	t = structType(t)
	if t.Kind() != reflect.Struct {
		return nil
	}
	var out []string
	for i := range t.NumField() {
		if name := yamlName(t.Field(i)); name != "" {
			out = append(out, name)
		}
	}
	return out
}

func structType(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// yamlName is the name a field's yaml tag gives it, or "" for none.
func yamlName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if name == "-" {
		return ""
	}
	return name
}

// nearest is the field that key most likely misspells ("skils", "Title",
// "sumary"), or "" when none is close: at most one edit away in a short
// name, two in a longer one, a swap of neighbours counting as one.
func nearest(key string, fields []string) string {
	best, bestDist := "", 3
	for _, f := range fields {
		limit := 1
		if len(f) >= 5 {
			limit = 2
		}
		if d := editDistance(strings.ToLower(key), f); d <= limit && d < bestDist {
			best, bestDist = f, d
		}
	}
	return best
}

// editDistance counts the insertions, deletions, substitutions and swaps of
// adjacent bytes that turn a into b (optimal string alignment).
func editDistance(a, b string) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
