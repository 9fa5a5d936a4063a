package devserver

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"guides/internal/diag"
)

// EventsPath is where pages listen for rebuilds. Other tools rely on it:
// never move it.
const EventsPath = "/__livereload"

// Reload is the data of the default ("message") event, sent after every
// successful rebuild: the site paths of the pages whose HTML changed, or
// "*" for too many to list, and whether stylesheets changed.
type Reload struct {
	Paths   []string `json:"paths"`
	CSS     bool     `json:"css"`
	Version int      `json:"version"` // successful builds so far, counted from the server's start time: a page open across a restart sees a new one
}

// Problems is the data of an "errors" event: every problem of the last
// build, or none once the sources are fixed.
type Problems struct {
	Errors []Problem `json:"errors"`
}

// Problem is one error in a source file.
type Problem struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Col     int    `json:"col,omitempty"`
	Message string `json:"message"`
	Text    string `json:"text"` // path:line: message
}

func problems(errs diag.List) Problems {
	out := Problems{Errors: []Problem{}}
	for _, e := range errs {
		out.Errors = append(out.Errors, Problem{File: e.Pos.File, Line: e.Pos.Line, Col: e.Pos.Col, Message: e.Msg, Text: e.Error()})
	}
	return out
}

// frame encodes one server-sent event; kind "" is the default type.
func frame(kind string, data any) []byte {
	b, err := json.Marshal(data)
	if err != nil {
		panic(fmt.Sprintf("devserver: encode %T: %v", data, err)) // plain structs always encode
	}
	if kind == "" {
		return fmt.Appendf(nil, "data: %s\n\n", b)
	}
	return fmt.Appendf(nil, "event: %s\ndata: %s\n\n", kind, b)
}

// hub fans events out to every open stream. A stream that falls behind is
// closed rather than allowed to hold up the others; its page reconnects.
type hub struct {
	mu      sync.Mutex
	clients map[chan []byte]bool
	errors  []byte // the current "errors" frame, sent to each new stream; nil when clean
	version int
	done    chan struct{} // closed on shutdown: every stream ends
	closed  bool
}

func newHub() *hub {
	return &hub{clients: map[chan []byte]bool{}, done: make(chan struct{}), version: int(time.Now().UnixMilli())}
}

// subscribe registers a stream and returns what it must send first.
func (h *hub) subscribe() (chan []byte, []byte, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, nil, false
	}
	ch := make(chan []byte, 16)
	h.clients[ch] = true
	first := append([]byte("retry: 1000\n\n"), frame("hello", map[string]int{"version": h.version})...)
	return ch, append(first, h.errors...), true
}

func (h *hub) unsubscribe(ch chan []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.clients[ch] {
		delete(h.clients, ch)
		close(ch)
	}
}

// reload announces a successful build and clears the error overlay.
func (h *hub) reload(paths []string, css bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.version++
	if h.errors != nil {
		h.errors = nil
		h.send(frame("errors", Problems{Errors: []Problem{}}))
	}
	if paths == nil {
		paths = []string{}
	}
	if len(paths) > maxListed {
		paths = []string{"*"} // thousands of names would cost every page more than a reload
	}
	h.send(frame("", Reload{Paths: paths, CSS: css, Version: h.version}))
}

// fail shows a failed build's problems on every page.
func (h *hub) fail(errs diag.List) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.errors = frame("errors", problems(errs))
	h.send(h.errors)
}

func (h *hub) send(f []byte) {
	for ch := range h.clients {
		select {
		case ch <- f:
		default:
			delete(h.clients, ch)
			close(ch)
		}
	}
}

// close ends every stream, so http.Server.Shutdown does not wait on them.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		close(h.done)
	}
}

// serve is the event stream handler.
func (h *hub) serve(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Content-Type", "text/event-stream")
	hd.Set("Cache-Control", "no-cache")
	hd.Set("X-Accel-Buffering", "no")
	if r.Method == http.MethodHead { // the headers, and no stream that never ends
		return
	}
	ch, first, ok := h.subscribe()
	if !ok {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	defer h.unsubscribe(ch)
	rc := http.NewResponseController(w)
	rc.SetWriteDeadline(time.Time{}) // a stream outlives any write timeout
	for f := first; ; {
		if _, err := w.Write(f); err != nil {
			return
		}
		if err := rc.Flush(); err != nil {
			return
		}
		select {
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		case f, ok = <-ch:
			if !ok {
				return
			}
		}
	}
}
