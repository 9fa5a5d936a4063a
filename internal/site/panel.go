package site

import (
	"html/template"
	"strings"

	"guides/internal/sample"
)

var languageNames = map[string]string{"go": "Go", "python": "Python", "javascript": "JavaScript", "sql": "SQL"}

// panelView is the data of templates/try.html.
type panelView struct {
	p         *plan
	Locale    string
	ID        string
	Title     string
	Runner    string
	Statement template.HTML
	Cases     []panelCase
	Languages []panelLanguage
}

type panelCase struct{ Name, Input, Expected string }

type panelLanguage struct {
	ID, Name, Starter string
	Rows              int
}

func newPanelView(p *plan, s *sample.Sample, loc string, statement []byte) *panelView {
	v := &panelView{p: p, Locale: loc, ID: s.ID, Title: sample.Locale(s.Title, loc), Runner: p.b.cfg.RunnerURL,
		Statement: template.HTML(statement)}
	for _, c := range s.Public {
		v.Cases = append(v.Cases, panelCase{Name: c.NameIn(loc), Input: showValue(c.Input), Expected: showValue(c.Expected)})
	}
	for _, lang := range s.Languages {
		starter := s.Code[lang].Starter
		v.Languages = append(v.Languages, panelLanguage{ID: lang, Name: languageNames[lang], Starter: starter,
			Rows: min(max(strings.Count(starter, "\n")+2, 8), 30)})
	}
	return v
}

// T localizes a message in the panel's locale.
func (v *panelView) T(id string, n ...any) string { return v.p.b.cat.T(v.Locale, id, n...) }
