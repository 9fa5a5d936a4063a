package sandbox

import (
	"bytes"
	"errors"
	"os"
	"sync"
	"time"
)

// capture collects what a sandboxed program writes, within caps. Crossing a
// cap calls onFlood once, which kills the run: an output flood is stopped as
// it happens, not after the program ends.
type capture struct {
	outputCap, resultsCap int64
	onFlood               func()

	mu       sync.Mutex
	stdout   bytes.Buffer
	stderr   bytes.Buffer
	output   int64 // stdout and stderr bytes seen, kept or not
	results  bytes.Buffer
	ends     []lineEnd // where each complete line of results ends, and when it came
	started  time.Time
	flooded  bool
	wg       sync.WaitGroup
	readEnds []*os.File
}

type lineEnd struct {
	end int
	at  time.Time
}

// maxLines bounds the lines of results a run may write: a harness writes one
// per test case, and each costs the runner some work.
const maxLines = 10000

// follow starts reading every pipe: stdout, stderr, results (fd 3) and the
// marker the sandbox's init writes when it reaches the command.
func (c *capture) follow(stdout, stderr, results, started *os.File) {
	c.readEnds = []*os.File{stdout, stderr, results}
	c.reader(stdout, func(b []byte) { c.addOutput(&c.stdout, b) })
	c.reader(stderr, func(b []byte) { c.addOutput(&c.stderr, b) })
	c.reader(results, c.addResults)
	if started != nil {
		c.readEnds = append(c.readEnds, started)
		c.reader(started, func([]byte) { c.markStarted() })
	}
}

func (c *capture) reader(r *os.File, add func([]byte)) {
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		buf := make([]byte, 32<<10)
		for {
			n, err := r.Read(buf)
			if n > 0 {
				add(buf[:n])
			}
			if err != nil {
				return
			}
		}
	}()
}

func (c *capture) addOutput(dst *bytes.Buffer, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	keep := min(int64(len(b)), max(c.outputCap-c.output, 0))
	dst.Write(b[:keep])
	c.output += int64(len(b))
	if c.output > c.outputCap {
		c.flood()
	}
}

func (c *capture) addResults(b []byte) {
	now := time.Now()
	c.mu.Lock()
	defer c.mu.Unlock()
	if int64(c.results.Len()+len(b)) > c.resultsCap {
		c.flood()
		return
	}
	start := c.results.Len()
	c.results.Write(b)
	for i, ch := range b {
		if ch == '\n' {
			c.ends = append(c.ends, lineEnd{end: start + i, at: now})
		}
	}
	if len(c.ends) > maxLines {
		c.flood()
	}
}

func (c *capture) markStarted() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.started.IsZero() {
		c.started = time.Now()
	}
}

// flood records a crossed cap; c.mu is held.
func (c *capture) flood() {
	if !c.flooded {
		c.flooded = true
		go c.onFlood()
	}
}

// wait waits for every writer to close its end, which happens once the
// sandbox's last process is gone, or gives up after grace and closes the
// read ends so that no reader is left behind.
func (c *capture) wait(grace time.Duration) error {
	done := make(chan struct{})
	go func() { c.wg.Wait(); close(done) }()
	var err error
	select {
	case <-done:
	case <-time.After(grace):
		err = errors.New("sandbox output pipes stayed open after the run ended")
	}
	for _, f := range c.readEnds {
		f.Close()
	}
	<-done
	return err
}

// fill copies what was captured into r. Line times count from the moment
// the command started, or from spawn if that was never seen.
func (c *capture) fill(r *Result, spawned time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r.Stdout, r.Stderr = c.stdout.Bytes(), c.stderr.Bytes()
	r.Started = !c.started.IsZero()
	from := spawned
	if r.Started {
		from = c.started
	}
	data, prev := c.results.Bytes(), 0
	for _, e := range c.ends {
		r.Lines = append(r.Lines, Line{Data: data[prev:e.end], At: e.at.Sub(from)})
		prev = e.end + 1
	}
	if prev < len(data) {
		r.Lines = append(r.Lines, Line{Data: data[prev:], At: time.Since(from)})
	}
}
