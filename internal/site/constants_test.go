package site

import (
	"reflect"
	"testing"
	"testing/fstest"

	"guides/internal/content"
)

// TestConstantsAreBaseViewFields: the fields a locale's templates have
// written in must be what baseView gives every page of the locale, or its
// pages would print the written-in value over the page's own.
func TestConstantsAreBaseViewFields(t *testing.T) {
	b, errs := New(testConfig(fstest.MapFS{}))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	p := newPlan(b, &content.Site{Locales: b.cat.Locales})
	for _, loc := range b.cat.Locales {
		fields := b.constants(loc).Fields
		if len(fields) == 0 {
			t.Fatalf("%s: no constant fields", loc)
		}
		for _, url := range []string{"/" + loc + "/", "/" + loc + "/roles/x/kit.html"} {
			v := reflect.ValueOf(*p.baseView(loc, url))
			for name, want := range fields {
				f := v.FieldByName(name)
				if !f.IsValid() || f.Kind() != reflect.String || f.String() != want {
					t.Errorf("%s %s: view.%s = %v, the templates print %q", loc, url, name, f, want)
				}
			}
		}
	}
}
