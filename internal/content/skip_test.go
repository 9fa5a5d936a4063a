package content

import "testing"

func TestSkipped(t *testing.T) {
	for _, tt := range []struct {
		name string
		dir  bool
		want bool
	}{
		{"backend-engineer.md", false, false},
		{"roles", true, false},
		{"2026-notes.md", false, false},
		{"2048", true, false}, // a sample id
		{"4913", false, true}, // Vim's write test
		{"5036", false, true},
		{"backend-engineer.md~", false, true},
		{".backend-engineer.md.swp", false, true},
		{"backend-engineer.md.swx", false, true},
		{"x.swo", false, true},
		{".#backend-engineer.md", false, true},
		{"#backend-engineer.md#", false, true},
		{"backend-engineer.md___jb_tmp___", false, true},
		{"backend-engineer.md___jb_old___", false, true},
		{".goutputstream-ABC123", false, true},
		{"backend-engineer.md.tmp", false, true},
		{"backend-engineer.md.bak", false, true},
		{"backend-engineer.md.orig", false, true}, // git mergetool's copy
		{"backend-engineer.md.rej", false, true},  // patch's rejected hunks
		{".DS_Store", false, true},
		{"._backend-engineer.md", false, true},
		{".git", true, true},
	} {
		if got := Skipped(tt.name, tt.dir); got != tt.want {
			t.Errorf("Skipped(%q, dir %v) = %v, want %v", tt.name, tt.dir, got, tt.want)
		}
	}
}
