package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildRejectsOut gives -out directories the build would destroy or
// read back, under several names each, and a file: every one is a usage
// error that leaves the content, the project and the file as they were.
func TestBuildRejectsOut(t *testing.T) {
	repo, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"file.txt":                   "not a site\n",
		"proj/site/templates/x.html": "",
		"proj/site/locales/en.toml":  "",
		"proj/site/assets/x.css":     "",
	}
	for name, data := range validSite {
		files[name] = data
	}
	dir := writeSite(t, files)
	if err := os.Symlink("content", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	for _, tc := range []struct {
		name string
		cwd  string // relative to dir
		args []string
		want string
	}{
		{"out is the content", ".", []string{"-root", repo, "-content", "./content", "-out", "content/"},
			`-out "content/" is the content directory (-content "./content"): the build would replace it; choose an output directory outside it`},
		{"out is the content by absolute path", ".", []string{"-root", repo, "-content", "content", "-out", filepath.Join(dir, "content")},
			`-out "` + filepath.Join(dir, "content") + `" is the content directory (-content "content"): the build would replace it; choose an output directory outside it`},
		{"content through a symlink", ".", []string{"-root", repo, "-content", "link", "-out", "content"},
			`-out "content" is the content directory (-content "link"): the build would replace it; choose an output directory outside it`},
		{"out inside the content", ".", []string{"-root", repo, "-content", "content", "-out", "content/en/public"},
			`-out "content/en/public" is inside the content directory (-content "content"): the next build would read the site as content; choose an output directory outside it`},
		{"out inside the content through a symlink", ".", []string{"-root", repo, "-content", "content", "-out", "link/en/public"},
			`-out "link/en/public" is inside the content directory (-content "content"): the next build would read the site as content; choose an output directory outside it`},
		{"out contains the content", ".", []string{"-root", repo, "-content", "content", "-out", "."},
			`-out "." contains the content directory (-content "content"): the build would replace it; choose an output directory outside it`},
		{"out is the project", ".", []string{"-root", "proj/site", "-content", "content", "-out", "./proj/site"},
			`-out "./proj/site" is the project directory (-root "proj/site"): the build would replace templates/, locales/ and assets/; choose another output directory, such as "proj/site/public"`},
		{"out contains the project", ".", []string{"-root", "proj/site", "-content", "content", "-out", "proj"},
			`-out "proj" contains the project directory (-root "proj/site"): the build would replace templates/, locales/ and assets/; choose another output directory, such as "proj/site/public"`},
		{"out is the default project", "proj/site", []string{"-content", "../../content", "-out", "."},
			`-out "." is the project directory (-root "."): the build would replace templates/, locales/ and assets/; choose another output directory, such as "public"`},
		{"out is the templates", ".", []string{"-root", "proj/site", "-content", "content", "-out", "proj/site/templates"},
			`-out "proj/site/templates" is the templates directory "proj/site/templates": the build would replace it; choose another output directory, such as "proj/site/public"`},
		{"cache inside the content", ".", []string{"-root", repo, "-content", "content", "-out", "public", "-cache", "content/en/cache"},
			`-cache "content/en/cache" overlaps the content directory (-content "content"): the next build would read it as content; choose a directory outside it`},
		{"cache inside the output", ".", []string{"-root", repo, "-content", "content", "-out", "public", "-cache", "public/.cache"},
			`-cache "public/.cache" overlaps the out directory (-out "public"): each build would replace it; choose a directory outside it`},
		{"out is a file", ".", []string{"-root", repo, "-content", "content", "-out", "file.txt"},
			`-out "file.txt" is not a directory: the build would replace it with one; remove it or choose another output directory`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(filepath.Join(dir, tc.cwd))
			before := snapshot(t, dir)
			args := append([]string{"build", "-cache", ""}, tc.args...)
			code, stdout, stderr := runCLI(t, args...)
			wantUsageError(t, "build", code, stdout, stderr, tc.want)
			if after := snapshot(t, dir); after != before {
				t.Errorf("the rejected build changed %s:\nbefore:\n%s\nafter:\n%s", dir, before, after)
			}
		})
	}
}

// TestBuildOutBesideContent builds into a sibling of the content whose name
// begins with the content's: beside the content is not inside it.
func TestBuildOutBesideContent(t *testing.T) {
	dir := writeSite(t, validSite)
	out := filepath.Join(dir, "content-public")
	code, _, stderr := runCLI(t, "build", "-root", root, "-content", filepath.Join(dir, "content"), "-out", out, "-cache", "")
	if code != 0 {
		t.Fatalf("build exit %d:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "en/index.html")); err != nil {
		t.Error(err)
	}
}

// wantUsageError checks that a command exited with status 2 and printed
// "guides <cmd>: <msg>" on the first line of stderr, its usage after, and
// nothing on stdout.
func wantUsageError(t *testing.T, cmd string, code int, stdout, stderr, msg string) {
	t.Helper()
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	first, rest, _ := strings.Cut(stderr, "\n")
	if want := "guides " + cmd + ": " + msg; first != want {
		t.Errorf("stderr begins\n%s\nwant\n%s", first, want)
	}
	if !strings.HasPrefix(rest, "Usage of "+cmd+":") {
		t.Errorf("no usage after the message:\n%s", rest)
	}
	if stdout != "" {
		t.Errorf("stdout = %q, want nothing", stdout)
	}
}
