package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"path/filepath"

	"guides/internal/devserver"
)

// runServe builds the site into memory, serves it and rebuilds on every
// change to content, templates, locales or assets until ctx is done.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var c common
	c.register(fs)
	addr := fs.String("addr", "127.0.0.1:1313", "listen `address`")
	runner := fs.String("runner-url", "http://127.0.0.1:8090", "`URL` of runner-worker for try blocks")
	if status, ok := parse(fs, args, stdout, stderr); !ok {
		return status
	}
	if err := checkURL("runner-url", *runner, "http://127.0.0.1:8090"); err != nil {
		return usageError(fs, "%v", err)
	}
	if errs := c.checkDirs(); len(errs) > 0 {
		return c.report(stderr, errs)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "guides serve: %v\n", err)
		return 1
	}
	cfg := c.config()
	cfg.BaseURL, cfg.RunnerURL = siteURL(ln.Addr()), *runner
	srv := devserver.New(devserver.Options{Site: cfg, Dirs: c.watchDirs(), Logger: slog.New(slog.NewTextHandler(stderr, nil))})
	fmt.Fprintf(stdout, "serving %s/ (drafts included); Ctrl-C stops\n", cfg.BaseURL)
	if err := srv.Run(ctx, ln); err != nil {
		fmt.Fprintf(stderr, "guides serve: %v\n", err)
		return 1
	}
	return 0
}

// siteURL is the URL a browser opens the site at: on a listener bound to
// every interface (-addr :1313, 0.0.0.0, [::]) that is localhost, since the
// pages' canonical and alternate links are made from it.
func siteURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String()
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// watchDirs are the directories serve rebuilds on.
func (c *common) watchDirs() devserver.Dirs {
	return devserver.Dirs{
		Content:   c.content,
		Templates: filepath.Join(c.root, "templates"),
		Locales:   filepath.Join(c.root, "locales"),
		Assets:    filepath.Join(c.root, "assets"),
	}
}
