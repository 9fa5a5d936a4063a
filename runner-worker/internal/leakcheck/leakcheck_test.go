package leakcheck

import (
	"os"
	"slices"
	"testing"

	"guides/internal/sample"
)

func TestSecrets(t *testing.T) {
	samples, errs := sample.LoadAll(os.DirFS("../judge/testdata/samples"), ".", sample.Options{Secrets: true})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := Secrets(samples["double"])
	for _, want := range []string{"7770001", "-15540004", `{"n":7770001}`} {
		if !slices.Contains(got, want) {
			t.Errorf("Secrets(double) = %q, missing %q", got, want)
		}
	}
	for _, public := range []string{"21", "42", "2"} {
		if slices.Contains(got, public) {
			t.Errorf("Secrets(double) contains the public value %q", public)
		}
	}
	if found := Find(`{"tests":[{"name":"x","actual":-15540004}]}`, got); len(found) != 1 {
		t.Errorf("Find = %q, want the hidden expected value", found)
	}
	rows := Secrets(samples["rows"])
	if !slices.Contains(rows, "hidden-zeta") {
		t.Errorf("Secrets(rows) = %q, missing a hidden setup value", rows)
	}
}
