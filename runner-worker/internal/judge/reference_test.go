package judge

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"guides/internal/sample"
	"guides/runner-worker/internal/sandbox"
)

// samplesDir is the project's real samples, from this package's directory.
const samplesDir = "../../../content/samples"

// newSlot returns a slot of the real sandbox, closed when the test ends.
func newSlot(t *testing.T) *sandbox.Slot {
	t.Helper()
	if _, err := exec.LookPath("bwrap"); err != nil {
		t.Skip("bubblewrap is not installed: these tests need the real sandbox (make runner-deps installs it)")
	}
	if os.Geteuid() != 0 {
		t.Skip("the sandbox needs root to run slots as their own uids")
	}
	h, err := sandbox.NewHost(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := h.NewSlot()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close slot: %v", err)
		}
	})
	return s
}

// needToolchain skips languages whose toolchain is missing, saying what to
// install.
func needToolchain(t *testing.T, tc Toolchain, lang string) {
	t.Helper()
	if err := tc.Check([]string{lang}); err != nil {
		t.Skipf("%s toolchain missing (make runner-deps installs it): %v", lang, err)
	}
}

func loadSamples(t *testing.T, dir string) map[string]*sample.Sample {
	t.Helper()
	samples, errs := sample.LoadAll(os.DirFS(dir), ".", sample.Options{Secrets: true})
	if len(errs) > 0 {
		t.Fatalf("load samples from %s:\n%v", dir, errs)
	}
	return samples
}

func sortedIDs(m map[string]*sample.Sample) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// TestReferenceAndStarter proves, through the real sandbox, that every real
// sample's reference solution passes every public and hidden case in every
// language, and that its starter compiles and fails at least one case.
func TestReferenceAndStarter(t *testing.T) {
	samples := loadSamples(t, samplesDir)
	if len(samples) == 0 {
		t.Fatalf("no samples in %s", filepath.Clean(samplesDir))
	}
	slot := newSlot(t)
	j := New(DefaultToolchain())
	for _, id := range sortedIDs(samples) {
		s := samples[id]
		for _, lang := range s.Languages {
			t.Run(id+"/"+lang, func(t *testing.T) {
				needToolchain(t, j.tc, lang)
				ref, err := j.Run(t.Context(), slot, Request{Sample: s, Language: lang, Code: s.Code[lang].Solution, Mode: ModeSubmit})
				if err != nil {
					t.Fatal(err)
				}
				if ref.Verdict != Accepted || len(ref.Tests) != len(s.Public)+len(s.Hidden) {
					t.Errorf("reference: verdict %s with %d of %d cases; compile output %q, stderr %q", ref.Verdict, len(ref.Tests), len(s.Public)+len(s.Hidden), ref.CompileOutput, ref.Stderr)
					for _, tc := range ref.Tests {
						if tc.Verdict != Accepted {
							t.Logf("  %s: %s (%v) actual %v error %q", tc.Name, tc.Verdict, tc.Time, tc.Actual, tc.Error)
						}
					}
				}
				starter, err := j.Run(t.Context(), slot, Request{Sample: s, Language: lang, Code: s.Code[lang].Starter, Mode: ModeSubmit})
				if err != nil {
					t.Fatal(err)
				}
				if starter.Verdict == Accepted || starter.Verdict == CompileError {
					t.Errorf("starter: verdict %s, want a failing case; compile output %q", starter.Verdict, starter.CompileOutput)
				}
				if !slices.ContainsFunc(starter.Tests, func(tc Test) bool { return tc.Verdict != Accepted }) {
					t.Errorf("starter: no failing case in %v", starter.Tests)
				}
			})
		}
	}
}
