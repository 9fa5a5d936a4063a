package scaffold

import (
	"strings"
	"testing"
	"time"
)

func TestRender(t *testing.T) {
	r := Role{Slug: "site-reliability-engineer", Family: "operations", Updated: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}
	want := map[string][]string{
		"en": {"title: How to hire a Site Reliability Engineer\n", "family: operations\n", "summary: ", "stack: ", "skills:\n",
			"process:\n", "updated: 2026-11-25\n", "draft: true\n", "# slug: site-reliability-engineer",
			"{#why-hard}", "{#what-to-look-for}", "{#interview-structure}", "{#questions}", "{#common-mistakes}", "{#red-flags}", "{#tips}",
			"::::question{kind=technical}", ":::strong", ":::weak"},
		"it": {"title: Come assumere un/una Site Reliability Engineer\n", "draft: true\n", "updated: 2026-11-25\n",
			"## Perché è difficile assumere questo ruolo {#why-hard}", "## Cosa cercare {#what-to-look-for}",
			"## Come strutturare il colloquio {#interview-structure}", "## Domande di esempio {#questions}",
			"## Errori comuni {#common-mistakes}", "## Segnali d'allarme {#red-flags}", "## Consigli per il colloquio {#tips}"},
	}
	for _, loc := range Locales() {
		got, err := r.Render(loc)
		if err != nil {
			t.Fatalf("Render(%s): %v", loc, err)
		}
		for _, w := range want[loc] {
			if !strings.Contains(string(got), w) {
				t.Errorf("Render(%s) lacks %q", loc, w)
			}
		}
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		slug, family string
		ok           bool
	}{
		{"backend-engineer", "engineering", true},
		{"qa2", "quality", true},
		{"Backend", "engineering", false},
		{"backend_engineer", "engineering", false},
		{"-backend", "engineering", false},
		{"backend-", "engineering", false},
		{"a--b", "engineering", false},
		{"../x", "engineering", false},
		{"", "engineering", false},
		{"backend", "Engineering", false},
		{"backend", "", false},
	}
	for _, tt := range tests {
		err := Role{Slug: tt.slug, Family: tt.family}.Check()
		if (err == nil) != tt.ok {
			t.Errorf("Role{%q, %q}.Check() = %v, want ok %v", tt.slug, tt.family, err, tt.ok)
		}
	}
}

func TestTitle(t *testing.T) {
	for slug, want := range map[string]string{
		"site-reliability-engineer": "Site Reliability Engineer",
		"qa-engineer":               "QA Engineer",
		"ios-developer":             "iOS Developer",
		"ml-ops-engineer":           "ML Ops Engineer",
		"engineering-manager-2":     "Engineering Manager 2",
	} {
		if got := title(slug); got != want {
			t.Errorf("title(%q) = %q, want %q", slug, got, want)
		}
	}
}
