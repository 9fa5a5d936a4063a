// Package devserver is guides serve: it builds the site into memory, serves
// it over HTTP, rebuilds when a source changes and tells open pages over
// Server-Sent Events at /__livereload.
//
// A content edit re-renders only the pages it touches (site.Live); a
// stylesheet edit bundles the assets again, which keep stable names in
// serve, and pages swap their stylesheet; a page template edit re-renders
// that template's pages; a layout, partial, locale or script edit rebuilds
// everything. A build with errors changes nothing that is served: the last
// good pages stay, and every open page shows the errors (path:line:
// message) in an overlay until the files are fixed.
package devserver

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"guides/internal/content"
	"guides/internal/output"
	"guides/internal/site"
	"guides/internal/watch"
)

// Dirs are the source directories a Server watches.
type Dirs struct {
	Content, Templates, Locales, Assets string
}

// abs makes the directories absolute, as the watcher reports paths under
// them.
func (d Dirs) abs() Dirs {
	for _, p := range []*string{&d.Content, &d.Templates, &d.Locales, &d.Assets} {
		if a, err := filepath.Abs(*p); err == nil && *p != "" {
			*p = a
		}
	}
	return d
}

// Options configure a Server.
type Options struct {
	Site   site.Config   // what to build; New turns drafts on and adds the reload script to Head
	Dirs   Dirs          // what to watch; Content is the directory Site.Content reads
	Quiet  time.Duration // debounce window; watch.DefaultQuiet if zero
	Logger *slog.Logger  // nil: discard
}

// Server serves one site in memory and rebuilds it on changes.
type Server struct {
	opts  Options
	log   *slog.Logger
	site  atomic.Pointer[output.Memory] // the last good build; nil before the first
	hub   *hub
	ready chan struct{} // closed once the first build has finished, well or not
}

// New prepares a Server; Run starts it.
func New(opts Options) *Server {
	opts.Site.Drafts, opts.Site.StableAssets = true, true
	opts.Dirs = opts.Dirs.abs()
	opts.Site.Head += Script()
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Server{opts: opts, log: log, hub: newHub(), ready: make(chan struct{})}
}

// Ready is closed once the first build has finished and the sources are
// watched: from then on an edit reaches the event stream.
func (s *Server) Ready() <-chan struct{} { return s.ready }

// Handler serves the site and the event stream.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+EventsPath, s.hub.serve)
	mux.HandleFunc("GET /", s.serveFile)
	return mux
}

// shutdownGrace is how long shutting down waits for responses under way
// before it closes every connection: pages come from memory, so they are
// quick, while net/http counts a connection that has not sent its request
// yet (a browser's preconnect) as busy for 5 seconds.
const shutdownGrace = 500 * time.Millisecond

// Run builds, watches and serves on ln until ctx is done, then shuts down:
// open event streams are closed first so they cannot hold shutdown up.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := watch.New(ctx, s.watched(), s.opts.Quiet, content.Skipped)
	if err != nil {
		return err
	}
	defer w.Close()
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second,
		ErrorLog: slog.NewLogLogger(s.log.Handler(), slog.LevelDebug)}
	srv.RegisterOnShutdown(s.hub.close)
	var wg sync.WaitGroup
	wg.Go(func() { newRebuilder(s).run(ctx, w) })
	wg.Go(func() {
		<-ctx.Done()
		stop, done := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
		defer done()
		if srv.Shutdown(stop) != nil {
			srv.Close()
		}
	})
	err = srv.Serve(ln)
	cancel()
	wg.Wait()
	s.hub.close()
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return fmt.Errorf("serve: %w", err)
}

// watched lists the source directories that exist; a project without, say,
// assets/ has nothing there to watch.
func (s *Server) watched() []string {
	d := s.opts.Dirs
	var out []string
	for _, dir := range []string{d.Content, d.Templates, d.Locales, d.Assets} {
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			out = append(out, dir)
		}
	}
	return out
}
