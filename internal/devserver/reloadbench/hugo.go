package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"guides/internal/devserver"
)

const (
	// hugoPoll is how often the edited page is fetched from hugo server.
	hugoPoll = 2 * time.Millisecond
	// hugoSettle is the pause after each of Hugo's edits, so that work it
	// does after serving the page (its watcher's batching, other pages) is
	// not counted in the next edit. It can only make Hugo look faster.
	hugoSettle = time.Second
	// hugoStartTimeout bounds hugo server's first build.
	hugoStartTimeout = 10 * time.Minute
	// hugoEditTimeout bounds one edit.
	hugoEditTimeout = 5 * time.Minute
)

// hugoResult is what the Hugo half of the benchmark measured.
type hugoResult struct {
	version    string // "hugo v0.111.3+extended …"
	args       []string
	guides     int // guides in both locales of the Hugo site
	built      time.Duration
	lat        []time.Duration
	rss, peak  string // VmRSS and VmHWM of hugo server after the edits
	pollErrors int    // failed fetches while waiting for edits
}

// benchHugo serves the Hugo site of the same corpus with hugo server and
// times the same edits to the same guide: from the file write until the
// server serves the page with the edit in it. hugo server is stopped, and
// the guide and the site put back as they were, before it returns.
func benchHugo(ctx context.Context, o options, guide, page string) (r hugoResult, err error) {
	rel, err := filepath.Rel(o.content, guide)
	if err != nil {
		return r, err
	}
	file := filepath.Join(o.hugo, "content", rel)
	if _, err := os.Stat(file); err != nil {
		return r, fmt.Errorf("%w (is -hugo the Hugo site of the -content corpus?)", err)
	}
	bin, err := exec.LookPath("hugo")
	if err != nil {
		return r, fmt.Errorf("%w (make bench-deps installs it)", err)
	}
	if v, err := exec.CommandContext(ctx, bin, "version").Output(); err == nil {
		r.version = strings.TrimSpace(string(v))
	}
	r.guides = countGuides(filepath.Join(o.hugo, "content"), "*")

	// The corpus hard-links the Hugo Markdown to ours: edits through one
	// name would show in both. Give the Hugo copy its own file, and link it
	// back at the end.
	orig, restore, err := detach(guide, file)
	if err != nil {
		return r, err
	}
	defer func() {
		if rerr := restore(); rerr != nil && err == nil {
			err = fmt.Errorf("restoring %s: %w", file, rerr)
		}
	}()
	// hugo server makes an empty resources/ in the site; remove it after
	// if it was not there before.
	resources := filepath.Join(o.hugo, "resources")
	if _, err := os.Stat(resources); errors.Is(err, os.ErrNotExist) {
		defer removeEmptyDirs(resources)
	}
	cache, err := os.MkdirTemp("", "reloadbench-hugo-cache-")
	if err != nil {
		return r, err
	}
	defer os.RemoveAll(cache)

	port, err := freePort()
	if err != nil {
		return r, err
	}
	base := "http://127.0.0.1:" + strconv.Itoa(port)
	// hugo 0.111 has no flag to open a browser (later versions' --openBrowser
	// is off by default): nothing to disable. --quiet drops its banner and
	// build summaries; --noBuildLock and --cacheDir keep the site unchanged.
	r.args = []string{"server", "--source", o.hugo, "--port", strconv.Itoa(port), "--bind", "127.0.0.1",
		"--baseURL", "http://127.0.0.1/", "--disableFastRender=false", "--noBuildLock", "--quiet", "--cacheDir", cache}
	h, err := startHugo(ctx, bin, r.args, o.verbose)
	if err != nil {
		return r, err
	}
	defer h.stop()

	client := &http.Client{Timeout: time.Minute}
	start := time.Now()
	if _, _, err := h.poll(ctx, client, base+page, nil, 20*time.Millisecond, hugoStartTimeout); err != nil {
		return r, fmt.Errorf("first build: %w", err)
	}
	r.built = time.Since(start)
	// The fetch above marked the page visited, so fast render rebuilds it
	// first on each change. Let the first build's tail finish.
	time.Sleep(hugoSettle)

	for i := 1; i <= o.edits; i++ {
		data, err := variant(orig, o.mode, i)
		if err != nil {
			return r, err
		}
		marker := editMarker(o.mode, i)
		start := time.Now()
		if err := os.WriteFile(file, data, 0o644); err != nil {
			return r, err
		}
		at, fails, err := h.poll(ctx, client, base+page, marker, hugoPoll, hugoEditTimeout)
		r.pollErrors += fails
		if err != nil {
			return r, fmt.Errorf("edit %d: %w", i, err)
		}
		r.lat = append(r.lat, at.Sub(start))
		time.Sleep(hugoSettle)
	}
	r.rss, r.peak = procStatus(strconv.Itoa(h.cmd.Process.Pid), "VmRSS"), procStatus(strconv.Itoa(h.cmd.Process.Pid), "VmHWM")
	return r, nil
}

// editMarker is text that the page served after edit i of variant holds and
// the page before it does not.
func editMarker(mode string, i int) []byte {
	if mode == "title" {
		return fmt.Appendf(nil, "<h1>(%d) ", i)
	}
	return fmt.Appendf(nil, "Edited %d times.", i)
}

// detach makes file, the Hugo copy of guide, a file of its own if it is a
// hard link to guide. It returns the copy's content and the function that
// puts it back: linked again, or rewritten.
func detach(guide, file string) ([]byte, func() error, error) {
	orig, err := os.ReadFile(file)
	if err != nil {
		return nil, nil, err
	}
	fi, err := os.Stat(file)
	if err != nil {
		return nil, nil, err
	}
	gi, err := os.Stat(guide)
	linked := err == nil && os.SameFile(fi, gi)
	perm := fi.Mode().Perm()
	tmp := file + ".reloadbench"
	if linked {
		if err := os.WriteFile(tmp, orig, perm); err != nil {
			os.Remove(tmp)
			return nil, nil, err
		}
		if err := os.Rename(tmp, file); err != nil {
			os.Remove(tmp)
			return nil, nil, err
		}
	}
	restore := func() error {
		if linked {
			if cur, err := os.ReadFile(guide); err == nil && bytes.Equal(cur, orig) && os.Link(guide, tmp) == nil {
				if err := os.Rename(tmp, file); err == nil {
					return nil
				}
				os.Remove(tmp)
			}
		}
		return os.WriteFile(file, orig, perm)
	}
	return orig, restore, nil
}

// removeEmptyDirs removes dir if it holds nothing but empty directories.
func removeEmptyDirs(dir string) {
	var dirs []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return errors.New("not empty")
		}
		dirs = append(dirs, p)
		return nil
	})
	if err != nil {
		return
	}
	for _, d := range slices.Backward(dirs) {
		os.Remove(d)
	}
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// hugoProc is a running hugo server.
type hugoProc struct {
	cmd    *exec.Cmd
	out    *tail
	exited chan struct{} // closed when the process has exited
	err    error         // its exit status, once exited is closed
}

// startHugo starts hugo with args. Its output is kept (the end of it, for
// errors), or copied to stderr with verbose.
func startHugo(ctx context.Context, bin string, args []string, verbose bool) (*hugoProc, error) {
	h := &hugoProc{out: &tail{max: 64 << 10}, exited: make(chan struct{})}
	h.cmd = exec.CommandContext(ctx, bin, args...)
	var out io.Writer = h.out
	if verbose {
		out = io.MultiWriter(h.out, os.Stderr)
	}
	h.cmd.Stdout, h.cmd.Stderr = out, out
	// If this process dies without stopping it, so does hugo.
	h.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	h.cmd.WaitDelay = 5 * time.Second
	if err := h.cmd.Start(); err != nil {
		return nil, err
	}
	go func() { h.err = h.cmd.Wait(); close(h.exited) }()
	return h, nil
}

// stop kills hugo and waits for it.
func (h *hugoProc) stop() {
	select {
	case <-h.exited:
		return
	default:
	}
	h.cmd.Process.Kill()
	<-h.exited
}

// poll fetches url every interval until it answers 200 with a body holding
// marker (any body if marker is nil), and returns when that answer was read
// and how many fetches failed on the way.
func (h *hugoProc) poll(ctx context.Context, client *http.Client, url string, marker []byte, interval, timeout time.Duration) (time.Time, int, error) {
	deadline := time.Now().Add(timeout)
	fails := 0
	var last error
	for {
		next := time.Now().Add(interval)
		body, err := fetch(ctx, client, url)
		now := time.Now()
		if err == nil && bytes.Contains(body, marker) {
			return now, fails, nil
		}
		if err != nil {
			fails++
			last = err
		}
		select {
		case <-h.exited:
			return now, fails, fmt.Errorf("hugo server exited (%v): %s", h.err, h.out.String())
		case <-ctx.Done():
			return now, fails, ctx.Err()
		default:
		}
		if now.After(deadline) {
			if last == nil {
				last = errors.New("page without the edit")
			}
			return now, fails, fmt.Errorf("%s not served in %s; last: %v; hugo said: %s", url, timeout, last, h.out.String())
		}
		time.Sleep(time.Until(next))
	}
}

// fetch GETs url and returns its body if the status is 200.
func fetch(ctx context.Context, client *http.Client, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %s", resp.Status)
	}
	return body, nil
}

// tail keeps the last max bytes written to it.
type tail struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > t.max {
		t.buf = t.buf[len(t.buf)-t.max:]
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if s := strings.TrimSpace(string(t.buf)); s != "" {
		return s
	}
	return "(nothing)"
}

func (r hugoResult) report(w io.Writer, o options, page string) {
	fmt.Fprintf(w, "hugo site %s: %d guides; %s; first build %s\n", o.hugo, r.guides, r.version, r.built.Round(time.Millisecond))
	sorted := slices.Sorted(slices.Values(r.lat))
	fmt.Fprintf(w, "write → hugo server serves the edit, %d %s edits of %s (polled every %s):\n", len(r.lat), o.mode, page, hugoPoll)
	fmt.Fprintf(w, "  median %s  p90 %s  min %s  max %s\n", ms(percentile(sorted, 50)), ms(percentile(sorted, 90)), ms(sorted[0]), ms(sorted[len(sorted)-1]))
	fmt.Fprintf(w, "memory: hugo server RSS %s, peak RSS %s\n", r.rss, r.peak)
}

// table prints the comparison as one Markdown table, with what was
// measured under it.
func table(w io.Writer, o options, page string, g guidesResult, h hugoResult) {
	gs, hs := slices.Sorted(slices.Values(g.lat)), slices.Sorted(slices.Values(h.lat))
	gMed, gP90 := percentile(gs, 50), percentile(gs, 90)
	hMed, hP90 := percentile(hs, 50), percentile(hs, 90)
	const limit = 10
	ratio := hMed.Seconds() / gMed.Seconds()
	verdict := "FAIL"
	if ratio >= limit {
		verdict = "PASS"
	}
	num := func(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d.Microseconds())/1000) }
	version := "hugo server"
	if f := strings.Fields(h.version); len(f) > 1 {
		version += " " + strings.SplitN(f[1], "+", 2)[0]
	}
	fmt.Fprintf(w, "| tool | pages | median ms | p90 ms | hugo/guides (≥ %d) | memory |\n", limit)
	fmt.Fprintln(w, "|---|---:|---:|---:|---|---|")
	fmt.Fprintf(w, "| guides serve | %d | %s | %s | | heap %d MiB in use (%d MiB live), RSS %s, peak RSS %s |\n",
		countGuides(o.content, "*"), num(gMed), num(gP90), g.mem.heapInuse>>20, g.mem.heapLive>>20, mib(g.mem.rss), mib(g.mem.peak))
	fmt.Fprintf(w, "| %s | %d | %s | %s | %.1f %s (p90 %.1f) | peak RSS %s (VmHWM), RSS %s |\n",
		version, h.guides, num(hMed), num(hP90), ratio, verdict, hP90.Seconds()/gP90.Seconds(), mib(h.peak), mib(h.rss))
	fmt.Fprintln(w)
	fmt.Fprintf(w, "%d %s edits of the same guide (%s) each; pages counts guides in both locales.\n", len(g.lat), o.mode, page)
	fmt.Fprintf(w, "guides: file write → %s event naming the page (dev server in process; first build %s).\n",
		devserver.EventsPath, g.built.Round(time.Millisecond))
	fmt.Fprintf(w, "hugo: file write → hugo server serves the edited page, polled every %s until its body holds the edit: "+
		"rebuild + serve, an upper bound of when its livereload would fire (fast render mode; %s pause after each edit; first build %s).\n",
		hugoPoll, hugoSettle, h.built.Round(time.Millisecond))
}

// mib turns "123456 kB" into "121 MiB"; anything else is returned as is.
func mib(kb string) string {
	v, ok := strings.CutSuffix(kb, " kB")
	if n, err := strconv.ParseUint(v, 10, 64); ok && err == nil {
		return fmt.Sprintf("%d MiB", n>>10)
	}
	return kb
}
