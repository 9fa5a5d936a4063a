package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"guides/runner-worker/internal/judge"
	"guides/runner-worker/internal/sandbox"
)

// target is the design's limit for a Submit's median in a language.
func target(lang string) (time.Duration, bool) {
	t, ok := map[string]time.Duration{"python": 150 * time.Millisecond, "go": 500 * time.Millisecond, "sql": 100 * time.Millisecond}[lang]
	return t, ok
}

// submissions times n Submits of req through HTTP and n judgings of the same
// cases bare.
func (r *rig) submissions(ctx context.Context, req judge.Request, n int) ([]string, error) {
	var viaHTTP, bare []time.Duration
	for i := range n + 2 { // two to warm up
		start := time.Now()
		if err := r.post(ctx, req); err != nil {
			return nil, fmt.Errorf("%s/%s: %w", req.Sample.ID, req.Language, err)
		}
		d := time.Since(start)
		start = time.Now()
		rep, err := r.judge.Run(ctx, r.bare, req)
		if err != nil || rep.Verdict != judge.Accepted {
			return nil, fmt.Errorf("%s/%s bare: %v %v", req.Sample.ID, req.Language, rep.Verdict, err)
		}
		if i >= 2 {
			viaHTTP, bare = append(viaHTTP, d), append(bare, time.Since(start))
		}
	}
	cases := len(req.Sample.Public) + len(req.Sample.Hidden)
	goal := "—"
	if t, ok := target(req.Language); ok {
		goal = fmt.Sprintf("< %d ms %s", t.Milliseconds(), mark(pct(viaHTTP, 50) < t))
	}
	return []string{
		fmt.Sprintf("%s Submit via HTTP (%s, %d cases), median / p90", req.Language, req.Sample.ID, cases),
		fmt.Sprintf("%s / %s ms", msOf(pct(viaHTTP, 50)), msOf(pct(viaHTTP, 90))),
		fmt.Sprintf("%s / %s ms (bare)", msOf(pct(bare, 50)), msOf(pct(bare, 90))),
		fmt.Sprintf("%.1f×", float64(pct(viaHTTP, 50))/float64(pct(bare, 50))),
		goal,
	}, nil
}

// post submits req through HTTP and checks that it is accepted.
func (r *rig) post(ctx context.Context, req judge.Request) error {
	status, verdict, err := r.postStatus(ctx, req)
	if err != nil {
		return err
	}
	if status != 200 || verdict != string(judge.Accepted) {
		return fmt.Errorf("status %d, verdict %q", status, verdict)
	}
	return nil
}

func (r *rig) postStatus(ctx context.Context, req judge.Request) (int, string, error) {
	body, _ := json.Marshal(map[string]string{"sample": req.Sample.ID, "language": req.Language, "code": req.Code, "mode": string(req.Mode)})
	hr, _ := http.NewRequestWithContext(ctx, "POST", r.url+"/v1/runs", bytes.NewReader(body))
	hr.Header.Set("Content-Type", "application/json")
	resp, err := r.client.Do(hr)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	var out struct{ Verdict string }
	b, _ := io.ReadAll(resp.Body)
	json.Unmarshal(b, &out)
	return resp.StatusCode, out.Verdict, nil
}

// overhead is the cost the sandbox adds to one process: /bin/true in a
// slot against /bin/true bare.
func (r *rig) overhead(ctx context.Context) ([]string, error) {
	var boxed, bare []time.Duration
	for i := range 32 {
		for _, s := range []*sandbox.Slot{r.slots[0], r.bare} {
			res, err := s.Run(ctx, sandbox.Spec{Argv: []string{"/bin/true"}})
			if err != nil || res.Status != sandbox.StatusOK {
				return nil, fmt.Errorf("overhead: %v %v", res.Status, err)
			}
			if i < 2 {
				continue
			}
			if s == r.bare {
				bare = append(bare, res.Wall)
			} else {
				boxed = append(boxed, res.Wall)
			}
		}
	}
	over := pct(boxed, 50) - pct(bare, 50)
	return []string{
		"sandbox overhead per process (/bin/true, median / p90)",
		fmt.Sprintf("%s / %s ms", msOf(pct(boxed, 50)), msOf(pct(boxed, 90))),
		fmt.Sprintf("%s ms (bare)", msOf(pct(bare, 50))),
		fmt.Sprintf("+%s ms", msOf(over)),
		fmt.Sprintf("< 10 ms %s", mark(over < 10*time.Millisecond)),
	}, nil
}

// loadResult is one load run.
type loadResult struct {
	done, refused, failed int64
	elapsed               time.Duration
	latencies             []time.Duration
}

func (l loadResult) rate() float64 { return float64(l.done) / l.elapsed.Seconds() }

// hammer runs clients that each do one job after another until d passes,
// cycling through the workload.
func (r *rig) hammer(ctx context.Context, clients int, d time.Duration, job func(judge.Request) (ok, refused bool)) loadResult {
	var res loadResult
	var mu sync.Mutex
	var next atomic.Int64
	deadline := time.Now().Add(d)
	start := time.Now()
	var wg sync.WaitGroup
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) && ctx.Err() == nil {
				req := r.work[int(next.Add(1))%len(r.work)]
				t := time.Now()
				ok, refused := job(req)
				lat := time.Since(t)
				mu.Lock()
				switch {
				case ok:
					res.done++
					res.latencies = append(res.latencies, lat)
				case refused:
					res.refused++
				default:
					res.failed++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	return res
}

// loadRows runs the workload with bounded clients, first straight into the
// pool and judge, then through HTTP on loopback.
func (r *rig) loadRows(ctx context.Context, o options) [][]string {
	direct := r.hammer(ctx, o.clients, o.load, func(req judge.Request) (bool, bool) {
		var rep judge.Report
		err := r.pool.Do(ctx, func(ctx context.Context, s *sandbox.Slot) error {
			var err error
			rep, err = r.judge.Run(ctx, s, req)
			return err
		})
		return err == nil && rep.Verdict == judge.Accepted, false
	})
	viaHTTP := r.hammer(ctx, o.clients, o.load, func(req judge.Request) (bool, bool) {
		status, verdict, err := r.postStatus(ctx, req)
		return err == nil && status == 200 && verdict == string(judge.Accepted), status == http.StatusTooManyRequests
	})
	ratio := viaHTTP.rate() / direct.rate()
	mix := make([]string, len(r.work))
	for i, w := range r.work {
		mix[i] = w.Language
	}
	what := fmt.Sprintf("%d clients for %v, Submits of %s in turn", o.clients, o.load, strings.Join(mix, ", "))
	return [][]string{
		{"load: throughput (" + what + ")", fmt.Sprintf("%.1f runs/s (HTTP)", viaHTTP.rate()), fmt.Sprintf("%.1f runs/s (no HTTP)", direct.rate()), fmt.Sprintf("%.0f%%", 100*ratio), "≥ 70% " + mark(ratio >= 0.7)},
		{"load: latency p50 / p99", fmt.Sprintf("%s / %s ms", msOf(pct(viaHTTP.latencies, 50)), msOf(pct(viaHTTP.latencies, 99))), fmt.Sprintf("%s / %s ms", msOf(pct(direct.latencies, 50)), msOf(pct(direct.latencies, 99))), "", ""},
		{"load: 429s / 5xx and failures", fmt.Sprintf("%d / %d", viaHTTP.refused, viaHTTP.failed), fmt.Sprintf("— / %d", direct.failed), "", "no 5xx " + mark(viaHTTP.failed == 0 && direct.failed == 0)},
	}
}

// leakRow counts what the benchmark could have left: processes of its slot
// uids, its cgroups, and bare runs' temporary directories.
func leakRow() []string {
	procs := 0
	statuses, _ := filepath.Glob("/proc/[0-9]*/status")
	for _, f := range statuses {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for line := range strings.Lines(string(b)) {
			if fields := strings.Fields(line); len(fields) > 1 && fields[0] == "Uid:" {
				if uid, _ := strconv.Atoi(fields[1]); uid >= uidBase && uid < uidBase+256 {
					procs++
				}
			}
		}
	}
	var groups []string
	for _, p := range []string{"/sys/fs/cgroup/*/guides-runner-uid42*", "/sys/fs/cgroup/*/*/guides-runner-uid42*", "/sys/fs/cgroup/*/*/*/guides-runner-uid42*"} {
		g, _ := filepath.Glob(p)
		groups = append(groups, g...)
	}
	temps, _ := filepath.Glob(filepath.Join(os.TempDir(), "guides-runner-*"))
	ok := procs == 0 && len(groups) == 0 && len(temps) == 0
	return []string{"leaks after the runs (processes / cgroups / temp dirs)", fmt.Sprintf("%d / %d / %d", procs, len(groups), len(temps)), "", "", "none " + mark(ok)}
}

func pct(xs []time.Duration, p int) time.Duration {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[min(max(i-1, 0), len(s)-1)]
}

func msOf(d time.Duration) string {
	return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 1, 64)
}

func mark(ok bool) string {
	if ok {
		return "✓"
	}
	return "✗"
}

func printTable(w io.Writer, rows [][]string) {
	fmt.Fprintln(w, "| measure | runner | baseline | ratio | target |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, r := range rows {
		fmt.Fprintln(w, "| "+strings.Join(r, " | ")+" |")
	}
}
