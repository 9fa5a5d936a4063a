package content

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v4"
)

// TestSchemaAgreesWithValidation runs the shipped JSON Schema and the Go
// validation on the same front matter: both must accept or both reject.
func TestSchemaAgreesWithValidation(t *testing.T) {
	schema := compileSchema(t)
	base := "title: T\nfamily: engineering\nsummary: S\nupdated: 2026-11-22\n"
	for _, tc := range []struct {
		name, yaml string
		valid      bool
	}{
		{"minimal", base, true},
		{"full", base + "stack: [Go]\nskills: [APIs]\nprocess:\n  - {name: Screen, minutes: 45, focus: DBs}\ndraft: true\nslug: backend\n", true},
		{"unknown field", base + "skils: [Go]\n", false},
		{"missing title", "family: engineering\nsummary: S\nupdated: 2026-11-22\n", false},
		{"missing updated", "title: T\nfamily: engineering\nsummary: S\n", false},
		{"blank summary", "title: T\nfamily: engineering\nsummary: ' '\nupdated: 2026-11-22\n", false},
		{"minutes as text", base + "process:\n  - {name: Screen, minutes: ten}\n", false},
		{"zero minutes", base + "process:\n  - {name: Screen, minutes: 0}\n", false},
		{"a working day", base + "process:\n  - {name: Onsite, minutes: 480}\n", true},
		{"over a working day", base + "process:\n  - {name: Onsite, minutes: 481}\n", false},
		{"null round", base + "process:\n  - ~\n", false},
		{"round without name", base + "process:\n  - {minutes: 30}\n", false},
		{"unknown round field", base + "process:\n  - {name: S, minutes: 3, minuts: 3}\n", false},
		{"stack not a list", base + "stack: Go\n", false},
		{"empty stack entry", base + "stack: [Go, '']\n", false},
		{"blank skills entry", base + "skills: [' ']\n", false},
		{"null stack entry", base + "stack: [Go, ~]\n", false},
		{"repeated stack entry", base + "stack: [Go, Go]\n", false},
		{"repeated skills entry", base + "skills: [APIs, SQL, APIs]\n", false},
		{"distinct tags", base + "stack: [Go, SQL]\nskills: [APIs, Go]\n", true},
		{"bad date", "title: T\nfamily: engineering\nsummary: S\nupdated: 22/11/2026\n", false},
		{"family not a slug", "title: T\nfamily: Engineering Team\nsummary: S\nupdated: 2026-11-22\n", false},
		{"draft not bool", base + "draft: maybe\n", false},
		{"draft as a YAML 1.1 word", base + "draft: yes\n", false},
		{"draft as a quoted YAML 1.1 word", base + "draft: 'off'\n", false},
		{"draft as quoted true", base + "draft: \"true\"\n", false},
		{"draft capitalized", base + "draft: False\n", true},
		{"bad slug", base + "slug: Back End\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			goValid := goAccepts(tc.yaml)
			schemaErr := schema.Validate(toJSON(t, tc.yaml))
			if goValid != tc.valid || (schemaErr == nil) != tc.valid {
				t.Errorf("valid: Go %v, schema %v (%v), want %v", goValid, schemaErr == nil, schemaErr, tc.valid)
			}
		})
	}
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("guide.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("guide.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("guide.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func goAccepts(fm string) bool {
	fsys := fstest.MapFS{
		"en/_index.md":  {Data: []byte("---\ntitle: H\nsummary: S\n---\n")},
		"en/roles/x.md": {Data: []byte("---\n" + fm + "---\nBody.\n")},
	}
	_, errs := Load(fsys, Options{Locales: []string{"en"}, Root: "content"})
	return len(errs) == 0
}

// toJSON decodes YAML the way an editor's YAML language server would before
// applying the schema: scalars as YAML types, dates left as strings.
func toJSON(t *testing.T, src string) any {
	t.Helper()
	var v any
	if err := yaml.Load([]byte(src), &v); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(stringDates(v))
	if err != nil {
		t.Fatal(err)
	}
	out, err := jsonschema.UnmarshalJSON(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func stringDates(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = stringDates(e)
		}
	case []any:
		for i, e := range x {
			x[i] = stringDates(e)
		}
	case interface{ Format(string) string }:
		return x.Format("2006-01-02")
	}
	return v
}
