package serve

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// HTTP limits. Pages come from memory and are small, so generous limits
// still stop a client that holds a connection open doing nothing.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 10 * time.Second
	writeTimeout      = 30 * time.Second
	idleTimeout       = 60 * time.Second
	maxHeaderBytes    = 16 << 10
)

// NewHTTPServer wraps h with the preview's timeouts and limits. The event
// stream lifts its own deadlines (see serveEvents).
func NewHTTPServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
	}
}

// Run serves the site on ln, watching its sources, until ctx ends.
// opts.Origin is filled in from ln when empty.
func Run(ctx context.Context, ln net.Listener, opts Options) error {
	if opts.Origin == "" {
		opts.Origin = "http://" + DisplayHost(ln.Addr())
	}
	s := New(opts)
	defer s.Close()
	url := opts.Origin + s.BasePath()
	fmt.Fprintf(opts.Log, "Đang phục vụ tại %s — nhấn Ctrl+C để dừng\n", url)
	srv := NewHTTPServer(s)
	watchCtx, stopWatch := context.WithCancel(ctx)
	defer stopWatch()
	watchErr := make(chan error, 1)
	go func() { watchErr <- s.Watch(watchCtx) }()
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	var err error
	select {
	case <-ctx.Done():
	case err = <-serveErr:
	case err = <-watchErr:
	}
	s.Close()
	stopWatch()
	shutCtx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutCtx)
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// DisplayHost is the host:port to show for a listener: an unspecified
// address (0.0.0.0, ::) is shown as localhost, which a browser can open.
func DisplayHost(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	host := tcp.IP.String()
	if tcp.IP == nil || tcp.IP.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, fmt.Sprint(tcp.Port))
}
