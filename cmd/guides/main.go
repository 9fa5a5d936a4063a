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
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

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
