package api

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"guides/internal/sample"
)

// publicSample is what anyone may know of a sample: never its hidden cases
// or reference solutions.
type publicSample struct {
	ID        string            `json:"id"`
	Title     map[string]string `json:"title"`
	Summary   map[string]string `json:"summary"`
	Languages []string          `json:"languages"`
	Limits    sample.Limits     `json:"limits"`
	Public    []publicCase      `json:"public"`
	Starter   map[string]string `json:"starter"`
}

type publicCase struct {
	Name     string            `json:"name"`
	Names    map[string]string `json:"names,omitempty"` // locale → name, where the tests file gives them
	Input    any               `json:"input"`
	Expected any               `json:"expected"`
}

// publicSamples encodes the body of GET /v1/samples, sorted by id.
func publicSamples(samples map[string]*sample.Sample) ([]byte, error) {
	out := make([]publicSample, 0, len(samples))
	for _, s := range samples {
		p := publicSample{
			ID: s.ID, Title: s.Title, Summary: s.Summary, Languages: s.Languages,
			Limits: s.Limits, Public: make([]publicCase, 0, len(s.Public)), Starter: map[string]string{},
		}
		for _, c := range s.Public {
			p.Public = append(p.Public, publicCase{Name: c.Name, Names: c.Names, Input: c.Input, Expected: c.Expected})
		}
		for _, lang := range s.Languages {
			p.Starter[lang] = s.Code[lang].Starter
		}
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b publicSample) int { return strings.Compare(a.ID, b.ID) })
	b, err := json.Marshal(map[string]any{"samples": out})
	if err != nil {
		return nil, fmt.Errorf("encode samples: %w", err)
	}
	return b, nil
}
