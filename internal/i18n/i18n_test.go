package i18n

import (
	"testing"
	"testing/fstest"
)

func testCatalog(t *testing.T) *Catalog {
	t.Helper()
	c, err := Load(fstest.MapFS{
		"en.toml": {Data: []byte("hello = \"Hello\"\nonly_en = \"English only\"\n[rounds]\none = \"{{.Count}} round\"\nother = \"{{.Count}} rounds\"\n")},
		"it.toml": {Data: []byte("hello = \"Ciao\"\n[rounds]\none = \"{{.Count}} fase\"\nmany = \"{{.Count}} di fasi\"\nother = \"{{.Count}} fasi\"\n")},
	}, "en")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestT(t *testing.T) {
	c := testCatalog(t)
	for _, tc := range []struct {
		locale, id string
		count      []any
		want       string
	}{
		{"en", "hello", nil, "Hello"},
		{"it", "hello", nil, "Ciao"},
		{"en", "rounds", []any{1}, "1 round"},
		{"en", "rounds", []any{3}, "3 rounds"},
		{"it", "rounds", []any{1}, "1 fase"},
		{"it", "rounds", []any{5}, "5 fasi"},
		{"it", "rounds", []any{1000000}, "1.000.000 di fasi"}, // digits grouped as each locale groups them
		{"en", "rounds", []any{2400}, "2,400 rounds"},
		{"it", "rounds", []any{2400}, "2.400 fasi"},
		{"it", "only_en", nil, "English only"},
		{"it", "absent", nil, "absent"},
	} {
		if got := c.T(tc.locale, tc.id, tc.count...); got != tc.want {
			t.Errorf("T(%s, %s, %v) = %q, want %q", tc.locale, tc.id, tc.count, got, tc.want)
		}
	}
	misses := c.Misses()
	if len(misses) != 2 || misses[0].ID != "absent" || misses[1].ID != "only_en" {
		t.Errorf("Misses() = %+v, want absent and only_en in it", misses)
	}
}

func TestLocalesDefaultFirst(t *testing.T) {
	if got := testCatalog(t).Locales; len(got) != 2 || got[0] != "en" || got[1] != "it" {
		t.Errorf("Locales = %v", got)
	}
}

func TestLoadNeedsDefaultLocale(t *testing.T) {
	if _, err := Load(fstest.MapFS{"it.toml": {Data: []byte("a = \"b\"\n")}}, "en"); err == nil {
		t.Error("Load without en.toml succeeded")
	}
}

// TestLoadErrorsHaveLines: a message file that does not parse is reported
// at its line and column.
func TestLoadErrorsHaveLines(t *testing.T) {
	_, err := Load(fstest.MapFS{
		"en.toml": {Data: []byte("hello = \"Hello\"\n")},
		"it.toml": {Data: []byte("hello = \"Ciao\"\nx = = 1\n")},
	}, "en")
	if err == nil || err.Error() != "it.toml:2:5: expected value but found '=' instead" {
		t.Errorf("Load = %v, want it.toml:2:5: expected value but found '=' instead", err)
	}
}

// TestMessageBelowATable: a plain message appended below a plural table
// belongs to that table in TOML; the error says so, at the message's line.
func TestMessageBelowATable(t *testing.T) {
	_, err := Load(fstest.MapFS{
		"en.toml": {Data: []byte("hello = \"Hello\"\n[rounds]\none = \"{{.Count}} round\"\nother = \"{{.Count}} rounds\"\nfamily_quality = \"Quality\"\n")},
	}, "en")
	want := `en.toml:5: message "family_quality" is inside the table [rounds] that starts on line 2: move it above the first [table], or give it a table of its own ([family_quality] with other = "...")`
	if err == nil || err.Error() != want {
		t.Errorf("Load = %v, want %s", err, want)
	}
}
