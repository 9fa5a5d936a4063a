package selftest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"guides/internal/sample"
	"guides/runner-worker/internal/judge"
	"guides/runner-worker/internal/sandbox"
)

func slot(t *testing.T, opts sandbox.Options) (*sandbox.Slot, sandbox.Mode) {
	t.Helper()
	h, err := sandbox.NewHost(opts)
	if err != nil {
		t.Fatal(err)
	}
	s, err := h.NewSlot()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, h.Mode()
}

func config(t *testing.T, s *sandbox.Slot, mode sandbox.Mode) Config {
	t.Helper()
	dir := "../judge/testdata/samples"
	samples, errs := sample.LoadAll(os.DirFS(dir), ".", sample.Options{Secrets: true})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	hostFile, _ := filepath.Abs(filepath.Join(dir, "double", "tests", "hidden.yaml"))
	tc := judge.DefaultToolchain()
	if err := tc.Check([]string{"python", "javascript", "go", "sql"}); err != nil {
		t.Skipf("toolchain missing (make runner-deps installs it): %v", err)
	}
	return Config{Slot: s, Mode: mode, Python: tc.Python, HostFile: hostFile, Judge: judge.New(tc), Samples: samples}
}

func TestPassesInTheSandbox(t *testing.T) {
	if _, err := exec.LookPath("bwrap"); err != nil || os.Geteuid() != 0 {
		t.Skip("bubblewrap is not installed or not root: this test needs the real sandbox (make runner-deps installs it)")
	}
	for _, opts := range []sandbox.Options{{}, {NoCgroups: true}} {
		s, mode := slot(t, opts)
		rep, err := Run(t.Context(), config(t, s, mode))
		if err != nil {
			t.Fatalf("%s: %v", mode, err)
		}
		if rep.Overhead <= 0 || len(rep.References) != 4 {
			t.Errorf("%s: report %+v", mode, rep)
		}
	}
}

// TestProbeCatchesNoSandbox runs the isolation probe bare: it must see the
// host file, the loopback port and the environment, and say so.
func TestProbeCatchesNoSandbox(t *testing.T) {
	t.Setenv("GUIDES_RUNNER_SELFTEST", "visible")
	s, _ := slot(t, sandbox.Options{Insecure: true})
	cfg := config(t, s, sandbox.ModeNone)
	err := isolation(t.Context(), cfg)
	if err == nil {
		t.Fatal("the probe passed without a sandbox")
	}
	for _, want := range []string{"read a host file", "connect to the runner's loopback", "open an internet socket"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("probe error %q does not report %q", err, want)
		}
	}
	if err := memory(t.Context(), cfg); err == nil {
		t.Error("the memory probe passed without a sandbox")
	}
}
