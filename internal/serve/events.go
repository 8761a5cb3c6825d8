package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"portal/internal/diag"
)

// EventsPath is the reserved address of the live-reload event stream.
// It starts with "__portal", which no content path can (slugs start with
// a letter or digit), so it never hides a page.
const EventsPath = "/__portal/events"

// ScriptPath is the reserved address of the live-reload script.
const ScriptPath = "/__portal/live.js"

// heartbeat keeps idle event streams open through proxies and lets the
// handler notice a closed connection.
const heartbeat = 20 * time.Second

type event struct {
	name string
	data string
}

// hub fans rebuild events out to the open event streams.
type hub struct {
	mu   sync.Mutex
	subs map[chan event]struct{}
}

func newHub() *hub { return &hub{subs: map[chan event]struct{}{}} }

func (h *hub) subscribe() (chan event, func()) {
	ch := make(chan event, 8)
	h.mu.Lock()
	h.subs[ch] = struct{}{}
	h.mu.Unlock()
	return ch, func() {
		h.mu.Lock()
		delete(h.subs, ch)
		h.mu.Unlock()
	}
}

// publish never blocks: a stream that is not keeping up loses older
// events, keeping the newest, which always describes the current state. A
// pending reload is never downgraded to a stylesheet swap.
func (h *hub) publish(ev event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs {
		select {
		case ch <- ev:
			continue
		default:
		}
		e := ev
		select {
		case old := <-ch:
			if old.name == "reload" && e.name == "css" {
				e = old
			}
		default:
		}
		select {
		case ch <- e:
		default:
		}
	}
}

// subscribers is the number of open streams.
func (h *hub) subscribers() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs)
}

// problemJSON is a problem as the browser script receives it.
type problemJSON struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Level   string `json:"level"`
	Message string `json:"message"`
	// Text is the line exactly as the terminal prints it.
	Text string `json:"text"`
}

func errorEvent(ps []*diag.Problem) event {
	list := make([]problemJSON, len(ps))
	for i, p := range ps {
		list[i] = problemJSON{File: p.File, Line: p.Line, Level: p.Level.String(), Message: p.Msg, Text: p.Error()}
	}
	b, _ := json.Marshal(map[string]any{"problems": list})
	return event{name: "error", data: string(b)}
}

func writeEvent(w http.ResponseWriter, ev event) error {
	var b strings.Builder
	b.WriteString("event: ")
	b.WriteString(ev.name)
	b.WriteByte('\n')
	for _, l := range strings.Split(ev.data, "\n") {
		b.WriteString("data: ")
		b.WriteString(l)
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	_, err := fmt.Fprint(w, b.String())
	return err
}

// serveEvents streams rebuild events. The write and read deadlines the
// server sets for ordinary requests are lifted: this response stays open
// for as long as the tab does.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Time{})
	_ = rc.SetReadDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	ch, unsubscribe := s.hub.subscribe()
	defer unsubscribe()
	if _, err := fmt.Fprint(w, "retry: 1000\n\n"); err != nil {
		return
	}
	// A tab that connects while the build is broken learns it at once.
	if ps := s.cur.Load().problems; ps != nil {
		if writeEvent(w, errorEvent(ps)) != nil {
			return
		}
	} else if writeEvent(w, event{name: "ok", data: "1"}) != nil {
		return
	}
	if rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.closing:
			return
		case ev := <-ch:
			if writeEvent(w, ev) != nil || rc.Flush() != nil {
				return
			}
		case <-tick.C:
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil || rc.Flush() != nil {
				return
			}
		}
	}
}
