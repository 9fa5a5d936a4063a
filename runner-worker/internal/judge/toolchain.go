package judge

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Toolchain says where the languages' tools are. Every path must lie under
// /usr, the one host tree a sandbox sees, except GoCache, which is bound
// read-only at /gocache.
type Toolchain struct {
	Python  string // python3 executable
	Node    string // node executable
	SQLite  string // sqlite3 executable
	GoRoot  string // GOROOT of the go command
	GoCache string // a GOCACHE holding a build of std, made at install time
}

// DefaultToolchain is the toolchain of a Debian machine with Go in
// /usr/local/go and the cache `make runner-deps` makes.
func DefaultToolchain() Toolchain {
	return Toolchain{
		Python:  "/usr/bin/python3",
		Node:    "/usr/bin/node",
		SQLite:  "/usr/bin/sqlite3",
		GoRoot:  "/usr/local/go",
		GoCache: "/var/cache/guides-runner/gocache",
	}
}

// Check reports what is missing for the given languages.
func (tc Toolchain) Check(langs []string) error {
	var errs []error
	need := func(what, path string) {
		if _, err := os.Stat(path); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", what, err))
		}
	}
	for _, l := range langs {
		switch l {
		case "python":
			need("python", tc.Python)
		case "javascript":
			need("node", tc.Node)
		case "sql":
			need("sqlite3", tc.SQLite)
		case "go":
			need("go", filepath.Join(tc.GoRoot, "bin", "go"))
			need("go build cache (make runner-deps makes it)", filepath.Join(tc.GoCache, "README"))
		default:
			errs = append(errs, fmt.Errorf("unknown language %q", l))
		}
	}
	return errors.Join(errs...)
}
