package browsertest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestTypeScript type-checks the widget: esbuild strips types without
// checking them. It runs the tsc that package-lock.json pins, never a
// download, so it skips when node_modules is missing (`npm ci` installs it).
func TestTypeScript(t *testing.T) {
	tsc := filepath.Join(env.root, "node_modules", ".bin", "tsc")
	if _, err := os.Stat(tsc); err != nil {
		t.Skipf("%s is missing: run `npm ci` at the repository root (make deps does)", tsc)
	}
	cmd := exec.Command(tsc, "--noEmit", "-p", ".")
	cmd.Dir = env.root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("tsc --noEmit -p . failed: %v\n%s", err, out)
	}
}
