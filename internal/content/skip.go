package content

import "strings"

// Skipped reports whether a build leaves a file or directory alone: hidden
// ones (.git, .DS_Store, .#x, .x.swp), editors' backup and temporary files
// (x~, #x#, x.tmp, x.bak, x___jb_tmp___, and Vim's write test 4913 and its
// all-digit successors, as files only: 2048 is a fine sample id) and what
// merge and patch tools leave beside a file (x.orig, x.rej). serve's
// watcher uses this rule too, so that no change it ignores is one a build
// reads, and none a build skips triggers one.
func Skipped(name string, dir bool) bool {
	switch {
	case name == "" || strings.HasPrefix(name, "."):
		return true
	case strings.HasSuffix(name, "~"), strings.HasSuffix(name, ".tmp"), strings.HasSuffix(name, ".bak"),
		strings.HasSuffix(name, ".orig"), strings.HasSuffix(name, ".rej"),
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".swo"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"):
		return true
	case len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"):
		return true
	}
	return !dir && strings.Trim(name, "0123456789") == ""
}
