package site

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"guides/internal/output"
)

var update = flag.Bool("update", false, "rewrite the want: sections of testdata/*.txtar")

// testConfig builds with the project's real templates, locales and assets.
func testConfig(content fstest.MapFS) Config {
	return Config{
		Content:    content,
		ContentDir: "content",
		Templates:  os.DirFS("../../templates"),
		Locales:    os.DirFS("../../locales"),
		AssetsDir:  "../../assets",
		BaseURL:    "https://guides.example",
		RunnerURL:  "http://127.0.0.1:8090",
	}
}

// TestSites builds each testdata/*.txtar site. Files under content/ are the
// input; "want:errors" holds every problem reported, "want:files" every file
// written; a "contains:<path>" section lists lines that output file must
// contain, "lacks:<path>" lines it must not.
func TestSites(t *testing.T) {
	archives, _ := filepath.Glob("testdata/*.txtar")
	if len(archives) == 0 {
		t.Fatal("no testdata/*.txtar")
	}
	for _, file := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got := buildArchive(t, ar)
			if *update {
				rewrite(t, file, ar, got)
				return
			}
			for i, f := range ar.Files {
				checkSection(t, f.Name, string(ar.Files[i].Data), got)
			}
		})
	}
}

type built struct {
	errors string
	files  string
	mem    *output.Memory
}

func buildArchive(t *testing.T, ar *txtar.Archive) built {
	t.Helper()
	b, errs := New(testConfig(contentOf(ar)))
	if len(errs) > 0 {
		t.Fatalf("New: %v", errs)
	}
	mem := output.NewMemory()
	_, errs = b.Build(context.Background(), mem)
	var got built
	got.mem = mem
	if len(errs) > 0 {
		got.errors = errs.Error() + "\n"
	}
	for _, e := range errs {
		if !errorFormat.MatchString(e.Error()) {
			t.Errorf("error not in the form path:line[:col]: message: %s", e)
		}
	}
	for _, p := range mem.Paths() {
		if !strings.HasPrefix(p, "assets/") {
			got.files += p + "\n"
		}
	}
	return got
}

// errorFormat is the CLI's contract for every content error.
var errorFormat = regexp.MustCompile(`^[^:\s][^:]*:[1-9][0-9]*(:[1-9][0-9]*)?: \S.*$`)

func checkSection(t *testing.T, name, want string, got built) {
	t.Helper()
	switch {
	case name == "want:errors":
		if diff := cmp.Diff(want, got.errors); diff != "" {
			t.Errorf("errors mismatch (-want +got):\n%s", diff)
		}
	case name == "want:files":
		if diff := cmp.Diff(want, got.files); diff != "" {
			t.Errorf("files mismatch (-want +got):\n%s", diff)
		}
	case strings.HasPrefix(name, "contains:"), strings.HasPrefix(name, "lacks:"):
		kind, path, _ := strings.Cut(name, ":")
		data, ok := got.mem.Get(path)
		if !ok {
			t.Errorf("%s: no output file %s", name, path)
			return
		}
		for _, line := range strings.Split(strings.TrimSpace(want), "\n") {
			if has := bytes.Contains(data, []byte(line)); has != (kind == "contains") {
				t.Errorf("%s: %s %q is %v", path, kind, line, has)
			}
		}
	}
}

func rewrite(t *testing.T, file string, ar *txtar.Archive, got built) {
	t.Helper()
	var files []txtar.File
	for _, f := range ar.Files {
		if f.Name != "want:errors" && f.Name != "want:files" {
			files = append(files, f)
		}
	}
	if got.errors != "" {
		files = append(files, txtar.File{Name: "want:errors", Data: []byte(got.errors)})
	} else {
		files = append(files, txtar.File{Name: "want:files", Data: []byte(got.files)})
	}
	ar.Files = files
	if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
		t.Fatal(err)
	}
}

// contentOf is an archive's files under content/, as a content FS.
func contentOf(ar *txtar.Archive) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		if rest, ok := strings.CutPrefix(f.Name, "content/"); ok {
			fsys[rest] = &fstest.MapFile{Data: f.Data}
		}
	}
	return fsys
}
