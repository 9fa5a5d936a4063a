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
	for _, tc := range []struct{ off, want int }{{0, 1}, {2, 2}, {5, 3}, {6, 4}, {99, 4}, {-1, 1}} {
		if got := LineAt(src, tc.off); got != tc.want {
			t.Errorf("LineAt(%q, %d) = %d, want %d", src, tc.off, got, tc.want)
		}
	}
}
