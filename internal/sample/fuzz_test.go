package sample

import (
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzLoad loads a sample whose sample.yaml and tests/public.yaml come from
// the fuzzer. Whatever they hold, Load must not panic, must place every
// problem in one of the sample's files, and every public case it accepts must
// compare equal to its own expected value after a trip through JSON, the way
// the runner receives a correct answer.
func FuzzLoad(f *testing.F) {
	dirs, _ := filepath.Glob("../../content/samples/*")
	for _, dir := range dirs {
		meta, err1 := os.ReadFile(filepath.Join(dir, "sample.yaml"))
		public, err2 := os.ReadFile(filepath.Join(dir, "tests", "public.yaml"))
		if err1 == nil && err2 == nil {
			f.Add(meta, public)
		}
	}
	f.Add([]byte(demoYAML), []byte(demoPublic))
	f.Add([]byte(""), []byte(""))
	f.Add([]byte("id: &a demo\ntitle: *a\n"), []byte("- &c {name: a}\n- *c\n"))
	f.Add([]byte("[1, 2]"), []byte("- name: a\n  input: {1: x, [2]: y}\n  expected: .nan\n"))
	f.Add([]byte("id: demo\nlimits: {time_ms: 99999999999999999999}\n"), []byte("- name: big\n  expected: 1e400\n"))

	f.Fuzz(func(t *testing.T, meta, public []byte) {
		fsys := demoFiles()
		fsys[path.Join(demoDir, "sample.yaml")] = &fstest.MapFile{Data: meta}
		fsys[path.Join(demoDir, "tests/public.yaml")] = &fstest.MapFile{Data: public}
		for _, secrets := range []bool{false, true} {
			s, errs := Load(fsys, demoDir, Options{Secrets: secrets})
			for _, e := range errs {
				if !strings.HasPrefix(e.Pos.File, demoDir+"/") {
					t.Errorf("problem outside the sample: %v", e)
				}
			}
			if s == nil {
				continue
			}
			for _, c := range s.Public {
				b, err := json.Marshal(c.Expected)
				if err != nil {
					t.Fatalf("case %q: expected value %#v does not marshal: %v", c.Name, c.Expected, err)
				}
				d := json.NewDecoder(strings.NewReader(string(b)))
				d.UseNumber()
				var back any
				if err := d.Decode(&back); err != nil {
					t.Fatalf("case %q: decode %s: %v", c.Name, b, err)
				}
				if !Equal(s.Compare, c.Expected, back) {
					t.Errorf("case %q: expected %#v is not Equal to itself after JSON (%s)", c.Name, c.Expected, b)
				}
			}
		}
	})
}
