// Command reloadbench measures how long an edit to one guide takes to reach
// the browser in guides serve: it starts the dev server in process on a
// content directory, listens on /__livereload as a page would, rewrites one
// guide again and again, and reports the time from each file write to the
// event naming that guide's page, with the server's memory.
//
//	go run ./bench/cmd/corpus -pages 5000 -out /tmp/corpus-5000
//	go run ./internal/devserver/reloadbench -content /tmp/corpus-5000/content
//
// -mode body edits a paragraph (the guide's pages are re-rendered); -mode
// title edits the title, which is on the home pages too. The guide is put
// back as it was at the end.
//
// -hugo DIR/hugo, the Hugo site of the same corpus, adds the comparison:
// after guides, hugo server serves that site and gets the same edits to the
// same guide, timed from the write until it serves the edited page. The
// output is then one Markdown table (details go to stderr):
//
//	go run ./internal/devserver/reloadbench -content /tmp/corpus-5000/content -hugo /tmp/corpus-5000/hugo
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"

	"guides/internal/devserver"
	"guides/internal/site"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "reloadbench:", err)
		os.Exit(1)
	}
}

type options struct {
	content, root, mode, guide string
	hugo                       string
	cpuprofile                 string
	edits                      int
	verbose                    bool
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	var o options
	flags := flag.NewFlagSet("reloadbench", flag.ContinueOnError)
	flags.StringVar(&o.content, "content", "", "content `directory` (required), e.g. a corpus's DIR/content")
	flags.StringVar(&o.root, "root", ".", "project `directory` holding templates/, locales/ and assets/")
	flags.StringVar(&o.mode, "mode", "body", "what to edit: body or title")
	flags.StringVar(&o.guide, "guide", "", "`file` to edit, relative to -content (default: the middle English guide)")
	flags.IntVar(&o.edits, "edits", 20, "number of edits")
	flags.StringVar(&o.hugo, "hugo", "", "Hugo site `directory` of the same corpus (DIR/hugo): also time hugo server on the same edits")
	flags.BoolVar(&o.verbose, "v", false, "print the server's log")
	flags.StringVar(&o.cpuprofile, "cpuprofile", "", "write a CPU profile of the edits to `file`")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if o.content == "" || (o.mode != "body" && o.mode != "title") || o.edits < 1 {
		flags.Usage()
		return errors.New("need -content, -mode body|title and -edits ≥ 1")
	}
	return bench(ctx, o, stdout)
}

func bench(ctx context.Context, o options, stdout io.Writer) error {
	guide, err := pickGuide(o)
	if err != nil {
		return err
	}
	page := "/en/roles/" + strings.TrimSuffix(filepath.Base(guide), ".md") + "/"
	g, err := benchGuides(ctx, o, guide, page)
	if err != nil {
		return err
	}
	if o.hugo == "" {
		report(stdout, o, page, g)
		return nil
	}
	report(os.Stderr, o, page, g)
	h, err := benchHugo(ctx, o, guide, page)
	if err != nil {
		return fmt.Errorf("hugo: %w", err)
	}
	h.report(os.Stderr, o, page)
	table(stdout, o, page, g, h)
	return nil
}

// guidesResult is what the guides half of the benchmark measured.
type guidesResult struct {
	built time.Duration
	lat   []time.Duration
	mem   memory
}

// benchGuides runs the dev server in process, times the edits, reads the
// memory while the server still holds the site, and stops the server.
func benchGuides(ctx context.Context, o options, guide, page string) (guidesResult, error) {
	var r guidesResult
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	start := time.Now()
	url, done, err := serve(ctx, o)
	if err != nil {
		return r, err
	}
	defer func() { cancel(); <-done }()
	events, err := listen(ctx, url)
	if err != nil {
		return r, err
	}
	r.built = time.Since(start)
	stopProfile, err := profile(o.cpuprofile)
	if err != nil {
		return r, err
	}
	r.lat, err = edit(ctx, guide, page, o, events)
	stopProfile()
	if err != nil {
		return r, err
	}
	r.mem = readMemory()
	return r, nil
}

// profile starts a CPU profile into file, if one is asked for, and returns
// the function that stops it.
func profile(file string) (func(), error) {
	if file == "" {
		return func() {}, nil
	}
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// pickGuide returns the file to edit: -guide, or the middle English guide.
func pickGuide(o options) (string, error) {
	if o.guide != "" {
		return filepath.Join(o.content, o.guide), nil
	}
	files, err := filepath.Glob(filepath.Join(o.content, "en", "roles", "*.md"))
	if err != nil || len(files) == 0 {
		return "", fmt.Errorf("no guides under %s/en/roles", o.content)
	}
	slices.Sort(files)
	return files[len(files)/2], nil
}

// serve starts the dev server the way guides serve does and waits for its
// first build.
func serve(ctx context.Context, o options) (string, chan error, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	url := "http://" + ln.Addr().String()
	log := slog.New(slog.DiscardHandler)
	if o.verbose {
		log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	srv := devserver.New(devserver.Options{
		Logger: log,
		Site: site.Config{Content: os.DirFS(o.content), ContentDir: o.content, Templates: os.DirFS(filepath.Join(o.root, "templates")),
			Locales: os.DirFS(filepath.Join(o.root, "locales")), AssetsDir: filepath.Join(o.root, "assets"), BaseURL: url},
		Dirs: devserver.Dirs{Content: o.content, Templates: filepath.Join(o.root, "templates"),
			Locales: filepath.Join(o.root, "locales"), Assets: filepath.Join(o.root, "assets")},
	})
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx, ln) }()
	select {
	case <-srv.Ready():
		return url, done, nil
	case err := <-done:
		return "", nil, fmt.Errorf("server stopped: %v", err)
	}
}

// event is a server-sent event as a page receives it.
type event struct {
	kind, data string
	at         time.Time
}

// listen opens the event stream and delivers its events, stamped when read.
func listen(ctx context.Context, url string) (<-chan event, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", url+devserver.EventsPath, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	out := make(chan event, 16)
	go func() {
		defer resp.Body.Close()
		defer close(out)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var ev event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "" && ev.data != "":
				ev.at = time.Now()
				out <- ev
				ev = event{}
			case strings.HasPrefix(line, "event: "):
				ev.kind = line[len("event: "):]
			case strings.HasPrefix(line, "data: "):
				ev.data = line[len("data: "):]
			}
		}
	}()
	return out, nil
}

// edit rewrites the guide o.edits times, each time waiting for the event
// naming its page, and puts it back. It returns each edit's latency.
func edit(ctx context.Context, guide, page string, o options, events <-chan event) ([]time.Duration, error) {
	orig, err := os.ReadFile(guide)
	if err != nil {
		return nil, err
	}
	defer os.WriteFile(guide, orig, 0o644)
	var lat []time.Duration
	for i := 1; i <= o.edits; i++ {
		data, err := variant(orig, o.mode, i)
		if err != nil {
			return nil, err
		}
		start := time.Now()
		if err := os.WriteFile(guide, data, 0o644); err != nil {
			return nil, err
		}
		at, err := waitFor(ctx, events, page)
		if err != nil {
			return nil, fmt.Errorf("edit %d: %w", i, err)
		}
		lat = append(lat, at.Sub(start))
	}
	return lat, nil
}

// variant is the guide with edit number i applied.
func variant(orig []byte, mode string, i int) ([]byte, error) {
	s := string(orig)
	if mode == "title" {
		if !strings.Contains(s, "\ntitle: ") {
			return nil, errors.New("the guide has no title line")
		}
		return []byte(strings.Replace(s, "\ntitle: ", fmt.Sprintf("\ntitle: (%d) ", i), 1)), nil
	}
	return []byte(s + fmt.Sprintf("\nEdited %d times.\n", i)), nil
}

// waitFor returns when the event naming page arrived.
func waitFor(ctx context.Context, events <-chan event, page string) (time.Time, error) {
	timeout := time.After(5 * time.Minute)
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				return time.Time{}, errors.New("event stream closed")
			}
			if ev.kind == "errors" && !strings.Contains(ev.data, `"errors":[]`) {
				return time.Time{}, fmt.Errorf("build failed: %s", ev.data)
			}
			var r devserver.Reload
			if ev.kind == "" && json.Unmarshal([]byte(ev.data), &r) == nil &&
				(slices.Contains(r.Paths, page) || slices.Contains(r.Paths, "*")) {
				return ev.at, nil
			}
		case <-ctx.Done():
			return time.Time{}, ctx.Err()
		case <-timeout:
			return time.Time{}, errors.New("no event in 5 minutes")
		}
	}
}

func report(w io.Writer, o options, page string, g guidesResult) {
	fmt.Fprintf(w, "content %s: %d English guides; first build %s\n", o.content, countGuides(o.content, "en"), g.built.Round(time.Millisecond))
	sorted := slices.Sorted(slices.Values(g.lat))
	fmt.Fprintf(w, "write → %s event, %d %s edits of %s:\n", devserver.EventsPath, len(g.lat), o.mode, page)
	fmt.Fprintf(w, "  median %s  p90 %s  min %s  max %s\n", ms(percentile(sorted, 50)), ms(percentile(sorted, 90)), ms(sorted[0]), ms(sorted[len(sorted)-1]))
	fmt.Fprintf(w, "memory: heap in use %d MiB (live after GC %d MiB), RSS %s, peak RSS %s\n",
		g.mem.heapInuse>>20, g.mem.heapLive>>20, g.mem.rss, g.mem.peak)
}

// memory is this process's memory while the dev server holds the site.
type memory struct {
	heapInuse, heapLive uint64 // bytes: in use before a GC, allocated after one
	rss, peak           string // VmRSS and VmHWM, such as "310212 kB"
}

func readMemory() memory {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	out := memory{heapInuse: m.HeapInuse}
	runtime.GC()
	runtime.ReadMemStats(&m)
	out.heapLive = m.HeapAlloc
	out.rss, out.peak = procStatus("self", "VmRSS"), procStatus("self", "VmHWM")
	return out
}

// countGuides counts the guides of a content directory: under locale/roles,
// or under every locale when locale is "*".
func countGuides(content, locale string) int {
	files, _ := filepath.Glob(filepath.Join(content, locale, "roles", "*.md"))
	return len(files)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

// percentile is the nearest-rank percentile of sorted durations.
func percentile(sorted []time.Duration, p int) time.Duration {
	rank := (p*len(sorted) + 99) / 100
	return sorted[max(rank, 1)-1]
}

// procStatus reads a field ("VmRSS") of /proc/<pid>/status, pid being a
// number or "self", or "?".
func procStatus(pid, field string) string {
	data, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		return "?"
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}
