package i18n

import (
	"slices"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

func TestRequiredForms(t *testing.T) {
	for _, tc := range []struct {
		locale string
		want   []string
	}{
		{"en", []string{"one", "other"}},
		{"it", []string{"one", "many", "other"}},
		{"ja", []string{"other"}},
		{"ru", []string{"one", "few", "many", "other"}},
		{"ar", []string{"zero", "one", "two", "few", "many", "other"}},
	} {
		if got := RequiredForms(tc.locale); !slices.Equal(got, tc.want) {
			t.Errorf("RequiredForms(%s) = %v, want %v", tc.locale, got, tc.want)
		}
	}
}

func TestGaps(t *testing.T) {
	for _, tc := range []struct {
		name   string
		en, it string
		render func(*Catalog) // what templates ask for before the report
		want   []Gap
	}{
		{
			name: "complete",
			en:   "hello = \"Hello\"\n[rounds]\none = \"a round\"\nother = \"rounds\"\n[intro]\nother = \"Intro\"\n",
			it:   "hello = \"Ciao\"\n[rounds]\none = \"una fase\"\nmany = \"di fasi\"\nother = \"fasi\"\n[intro]\nother = \"Intro\"\n",
		},
		{
			name: "missing message",
			en:   "hello = \"Hello\"\n\n# comment\nbye = \"Bye\"\n",
			it:   "hello = \"Ciao\"\n",
			want: []Gap{{Locale: "it", ID: "bye", File: "it.toml", Source: "en.toml", SourceLine: 4}},
		},
		{
			name: "missing plural forms",
			en:   "[rounds]\none = \"a round\"\nother = \"rounds\"\n",
			it:   "x = \"y\"\n[rounds]\nother = \"fasi\"\n",
			want: []Gap{
				{Locale: "it", ID: "rounds", Form: "one", File: "it.toml", Line: 2, Source: "en.toml", SourceLine: 1},
				{Locale: "it", ID: "rounds", Form: "many", File: "it.toml", Line: 2, Source: "en.toml", SourceLine: 1},
			},
		},
		{
			name: "a plural message the default locale lacks a form of",
			en:   "[rounds]\nother = \"rounds\"\nmany = \"lots\"\n",
			it:   "[rounds]\none = \"una fase\"\nmany = \"di fasi\"\nother = \"fasi\"\n",
			want: []Gap{{Locale: "en", ID: "rounds", Form: "one", File: "en.toml", Line: 1, Source: "en.toml", SourceLine: 1}},
		},
		{
			name: "a plain string where the default locale has a plural",
			en:   "[rounds]\none = \"a round\"\nother = \"rounds\"\n",
			it:   "rounds = \"fasi\"\n",
			want: []Gap{
				{Locale: "it", ID: "rounds", Form: "one", File: "it.toml", Line: 1, Source: "en.toml", SourceLine: 1},
				{Locale: "it", ID: "rounds", Form: "many", File: "it.toml", Line: 1, Source: "en.toml", SourceLine: 1},
			},
		},
		{
			name:   "a message templates use and no locale defines",
			en:     "hello = \"Hello\"\n",
			it:     "hello = \"Ciao\"\n",
			render: func(c *Catalog) { c.T("en", "nowhere"); c.T("it", "hello") },
			want: []Gap{{Locale: "en", ID: "nowhere", File: "en.toml", Source: "en.toml",
				Reason: `message "nowhere" not found in language "en"`}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load(fstest.MapFS{"en.toml": {Data: []byte(tc.en)}, "it.toml": {Data: []byte(tc.it)}}, "en")
			if err != nil {
				t.Fatal(err)
			}
			if tc.render != nil {
				tc.render(c)
			}
			if diff := cmp.Diff(tc.want, c.Gaps()); diff != "" {
				t.Errorf("Gaps() (-want +got):\n%s", diff)
			}
		})
	}
}

func TestKeyLines(t *testing.T) {
	src := "a = \"x\"\n\"b.c\" = 'y'\n[d]\none = \"1\"\nother = \"2\"\n[ 'e' ]\n"
	want := map[string]int{"a": 1, "b.c": 2, "d": 3, "e": 6}
	if diff := cmp.Diff(want, keyLines([]byte(src))); diff != "" {
		t.Errorf("keyLines (-want +got):\n%s", diff)
	}
}
