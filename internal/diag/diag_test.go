package diag

import "testing"

func TestListSortAndPrint(t *testing.T) {
	var l List
	l.Add(Pos{File: "content/it/roles/b.md", Line: 3}, "second file")
	l.Add(Pos{File: "content/en/roles/a.md", Line: 12, Col: 4}, "later line")
	l.Add(Pos{File: "content/en/roles/a.md", Line: 2}, "earlier line")
	l.Add(Pos{File: "content/en/roles/a.md", Line: 2}, "earlier line")
	l.Add(Pos{File: "content/en/roles/a.md"}, "no line")
	got := l.Sort().Error()
	want := "content/en/roles/a.md: no line\n" +
		"content/en/roles/a.md:2: earlier line\n" +
		"content/en/roles/a.md:12:4: later line\n" +
		"content/it/roles/b.md:3: second file"
	if got != want {
		t.Errorf("List.Sort().Error() =\n%s\nwant\n%s", got, want)
	}
}

func TestErrOfEmptyListIsNil(t *testing.T) {
	var l List
	if err := l.Err(); err != nil {
		t.Errorf("empty List.Err() = %v, want nil", err)
	}
}

func TestLineAt(t *testing.T) {
	src := []byte("a\nbc\n\nd")
	lines := NewLines(src)
	// Offsets out of order too: Lines must not depend on being asked in order.
	for _, tc := range []struct{ off, want int }{{0, 1}, {1, 1}, {2, 2}, {5, 3}, {6, 4}, {99, 4}, {-1, 1}, {4, 2}, {3, 2}} {
		if got := LineAt(src, tc.off); got != tc.want {
			t.Errorf("LineAt(%q, %d) = %d, want %d", src, tc.off, got, tc.want)
		}
		if got := lines.At(tc.off); got != tc.want {
			t.Errorf("Lines(%q).At(%d) = %d, want %d", src, tc.off, got, tc.want)
		}
	}
	// Every pair of offsets, in either order: counting on from the last one
	// and finding an earlier one agree.
	for a := -1; a <= len(src)+1; a++ {
		for b := -1; b <= len(src)+1; b++ {
			lines := NewLines(src)
			lines.At(a)
			if got, want := lines.At(b), LineAt(src, b); got != want {
				t.Errorf("Lines(%q).At(%d) after At(%d) = %d, want %d", src, b, a, got, want)
			}
		}
	}
	for _, src := range []string{"", "\n", "\n\n", "no newline"} {
		lines := NewLines([]byte(src))
		for off := -1; off <= len(src)+1; off++ {
			if got, want := lines.At(off), LineAt([]byte(src), off); got != want {
				t.Errorf("Lines(%q).At(%d) = %d, want %d as LineAt", src, off, got, want)
			}
		}
	}
}
