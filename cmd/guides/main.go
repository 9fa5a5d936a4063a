// Command guides builds the hiring-guides website from Markdown.
//
//	guides build [-content DIR] [-out DIR] [-base-url URL] [-minify]
//	guides check [-content DIR] [-root DIR] [-strict] [-samples]
//	guides serve [-addr 127.0.0.1:1313] [-content DIR] [-runner-url URL] [-root DIR]
//	guides new role <slug> [-family F]
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"guides/internal/hugepages"
)

func main() {
	if len(os.Args) > 1 && (os.Args[1] == "build" || os.Args[1] == "check") {
		// At 10,000 guides a build then takes 13,000 page faults instead
		// of 280,000. Once per process: the heap is the process's, and a
		// second call would reuse, and so zero, memory the first freed.
		hugepages.Prefer(heapAdvice)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// heapAdvice is how much of the heap build and check ask huge pages for
// (package hugepages): what a build of 10,000 guides peaks at, with room.
const heapAdvice int64 = 2 << 30

const usage = `usage: guides <command> [flags]

commands:
  build   build the site into an output directory
  check   validate content, links and anchors without writing output; report translations
  serve   serve the site from memory, rebuilding and reloading pages on every edit
  new     create a new role guide in every locale: guides new role <slug> [-family F]

Run "guides <command> -h" for a command's flags.
`

// run executes one command and returns the process exit status: 0 on
// success, 1 on content errors, 2 on usage errors.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "build":
		return runBuild(ctx, args[1:], stdout, stderr)
	case "check":
		return runCheck(ctx, args[1:], stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], stdout, stderr)
	case "new":
		return runNew(ctx, args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "guides: unknown command %q\n\n%s", args[0], usage)
	return 2
}
