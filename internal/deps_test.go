// Package internal_test states the import policy of the project's packages,
// in the spirit of go/build's deps_test.go: imports flow one way, and the
// runner shares nothing of the generator but the sample format.
package internal_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// allowed lists, for each package, the project packages it may import.
var allowed = map[string][]string{
	"guides/internal/diag":      {},
	"guides/internal/yamlfile":  {},
	"guides/internal/sample":    {"diag", "yamlfile"},
	"guides/internal/content":   {"diag", "yamlfile", "sample"},
	"guides/internal/markdown":  {"diag"},
	"guides/internal/i18n":      {},
	"guides/internal/render":    {},
	"guides/internal/assets":    {"diag"},
	"guides/internal/output":    {},
	"guides/internal/hugepages": {},
	"guides/internal/site":      {"diag", "yamlfile", "sample", "content", "markdown", "i18n", "render", "assets", "output"},
}

// generatorOnly are packages runner-worker must never import.
var generatorOnly = []string{"content", "markdown", "i18n", "render", "assets", "output", "site", "devserver", "watch"}

func deps(t *testing.T, pkg string) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", pkg).Output()
	if err != nil {
		t.Fatalf("go list %s: %v", pkg, err)
	}
	var own []string
	for _, p := range strings.Fields(string(out)) {
		if rest, ok := strings.CutPrefix(p, "guides/internal/"); ok && p != pkg {
			own = append(own, rest)
		}
	}
	return own
}

func TestImportPolicy(t *testing.T) {
	for pkg, ok := range allowed {
		for _, d := range deps(t, pkg) {
			if !slices.Contains(ok, strings.SplitN(d, "/", 2)[0]) {
				t.Errorf("%s imports guides/internal/%s, which the policy forbids", pkg, d)
			}
		}
	}
}

func TestRunnerImportsOnlyTheSampleFormat(t *testing.T) {
	out, err := exec.Command("go", "list", "./../runner-worker/...").Output()
	if err != nil || len(strings.TrimSpace(string(out))) == 0 {
		t.Skip("no runner-worker packages yet")
	}
	for _, pkg := range strings.Fields(string(out)) {
		for _, d := range deps(t, pkg) {
			if slices.Contains(generatorOnly, strings.SplitN(d, "/", 2)[0]) {
				t.Errorf("%s imports guides/internal/%s: the runner shares only internal/sample", pkg, d)
			}
		}
	}
}
