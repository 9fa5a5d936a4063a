package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"guides/bench/corpus"
)

// tool is one site builder under test.
type tool struct {
	name string
	// command returns the build of the corpus in dir into out.
	command func(ctx context.Context, dir, out string) *exec.Cmd
	// once: the tool runs in the first timed round only (it is slow and
	// its figure is a report, not a target's).
	once bool
}

// toolNames lists the tools in table order. "guides" keeps its search index
// cache between runs, as a user's rebuilds do, so its timed runs reuse the
// index its warm-up built; "guides-cold" has no cache and builds the index
// with Pagefind on every run, which shows what a first build costs. "hugo"
// writes the pages guides writes; "hugo-guides" only the guide and home
// pages, the narrower comparison of earlier reports.
func toolNames() []string {
	return []string{"guides", "hugo", "floor", "guides-cold", "hugo-guides"}
}

// isTool reports whether name is a known tool.
func isTool(name string) bool {
	return slices.Contains(toolNames(), name)
}

// prepareTools builds or finds each selected tool, binaries going into tmp.
func prepareTools(ctx context.Context, opts options, tmp string, stderr io.Writer) ([]tool, error) {
	var tools []tool
	for _, name := range toolNames() {
		if !opts.only[name] {
			continue
		}
		fmt.Fprintf(stderr, "preparing %s\n", name)
		t, err := newTool(ctx, name, opts.root, tmp, stderr)
		if err != nil {
			return nil, err
		}
		tools = append(tools, t)
	}
	return tools, nil
}

// newTool returns the named tool, ready to run.
func newTool(ctx context.Context, name, root, tmp string, stderr io.Writer) (tool, error) {
	switch name {
	case "guides":
		return guidesTool(ctx, name, root, tmp, filepath.Join(tmp, "search-cache"))
	case "guides-cold":
		t, err := guidesTool(ctx, name, root, tmp, "")
		t.once = true
		return t, err
	case "hugo":
		return hugoTool(ctx, name, "", stderr)
	case "hugo-guides":
		t, err := hugoTool(ctx, name, corpus.HugoGuidesOnlyConfig, stderr)
		t.once = true
		return t, err
	default:
		return floorTool(ctx, root, tmp)
	}
}

// guidesTool builds cmd/guides, whose search index cache is cache ("" for
// none). It runs in the repository root, where its templates, locales,
// assets and Pagefind live.
func guidesTool(ctx context.Context, name, root, tmp, cache string) (tool, error) {
	bin, err := goBuild(ctx, root, filepath.Join(tmp, "guides"), "./cmd/guides")
	return tool{name: name, command: func(ctx context.Context, dir, out string) *exec.Cmd {
		cmd := exec.CommandContext(ctx, bin, "build", "-content", filepath.Join(dir, "content"), "-out", out, "-cache", cache)
		cmd.Dir = root
		return cmd
	}}, err
}

// hugoTool finds hugo on PATH and logs its version. config, when not empty,
// names the site configuration to use instead of hugo.toml.
func hugoTool(ctx context.Context, name, config string, stderr io.Writer) (tool, error) {
	bin, err := exec.LookPath("hugo")
	if err != nil {
		return tool{}, fmt.Errorf("hugo not found (make bench-deps installs it): %w", err)
	}
	if v, err := exec.CommandContext(ctx, bin, "version").Output(); err == nil {
		fmt.Fprintf(stderr, "  %s", v)
	}
	return tool{name: name, command: func(ctx context.Context, dir, out string) *exec.Cmd {
		args := []string{"--source", filepath.Join(dir, "hugo"), "--destination", out, "--quiet"}
		if config != "" {
			args = append(args, "--config", config)
		}
		return exec.CommandContext(ctx, bin, args...)
	}}, nil
}

// floorTool builds bench/cmd/floor with the profile guides is built with
// (cmd/guides/default.pgo, see `make pgo`), so that its goldmark is compiled
// as guides' is and the ratio measures guides' own work, not the compiler's.
func floorTool(ctx context.Context, root, tmp string) (tool, error) {
	var flags []string
	if pgo := filepath.Join(root, "cmd", "guides", "default.pgo"); fileExists(pgo) {
		flags = append(flags, "-pgo="+pgo)
	}
	bin, err := goBuild(ctx, root, filepath.Join(tmp, "floor"), "./bench/cmd/floor", flags...)
	return tool{name: "floor", command: func(ctx context.Context, dir, out string) *exec.Cmd {
		return exec.CommandContext(ctx, bin, "-content", filepath.Join(dir, "content"), "-out", out)
	}}, err
}

// goBuild builds pkg of the module at root into bin, with extra build flags.
func goBuild(ctx context.Context, root, bin, pkg string, flags ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", append(append([]string{"build", "-o", bin}, flags...), pkg)...)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build %s: %w\n%s", pkg, err, strings.TrimSpace(string(out)))
	}
	return bin, nil
}

func fileExists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}
