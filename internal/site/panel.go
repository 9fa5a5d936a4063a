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
	// TitleLang and StatementLang name the language of a title or statement
	// shown in the default locale's words for want of the page's: "" when
	// it is the page's.
	TitleLang, StatementLang string
	Cases                    []panelCase
	Languages                []panelLanguage
}

type panelCase struct {
	Name, Input, Expected string
	NameLang              string // as TitleLang
}

type panelLanguage struct {
	ID, Name, Starter string
	Rows              int
}

func newPanelView(p *plan, s *sample.Sample, loc, stmtLoc string, statement []byte) *panelView {
	v := &panelView{p: p, Locale: loc, ID: s.ID, Title: sample.Locale(s.Title, loc), Runner: p.b.cfg.RunnerURL,
		Statement: template.HTML(statement), TitleLang: fallbackLang(s.Title, loc)}
	if stmtLoc != loc {
		v.StatementLang = stmtLoc
	}
	for _, c := range s.Public {
		v.Cases = append(v.Cases, panelCase{Name: c.NameIn(loc), Input: showValue(c.Input), Expected: showValue(c.Expected),
			NameLang: fallbackLang(c.Names, loc)})
	}
	for _, lang := range s.Languages {
		starter := s.Code[lang].Starter
		v.Languages = append(v.Languages, panelLanguage{ID: lang, Name: languageNames[lang], Starter: starter,
			Rows: min(max(strings.Count(starter, "\n")+2, 8), 30)})
	}
	return v
}

// fallbackLang is the language of a text that texts lacks in loc, so shown
// in the default locale's; "" when texts has it in loc.
func fallbackLang(texts map[string]string, loc string) string {
	if loc == DefaultLocale || strings.TrimSpace(texts[loc]) != "" {
		return ""
	}
	return DefaultLocale
}

// T localizes a message in the panel's locale.
func (v *panelView) T(id string, n ...any) string { return v.p.b.cat.T(v.Locale, id, n...) }
