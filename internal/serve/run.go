package serve

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"syscall"
	"time"

	"portal/internal/parallel"
)

// DefaultPort is the preview's port when none is asked for: Hugo's, which
// editors coming from it know.
const DefaultPort = 1313

// portTries is how many ports from the asked one Listen tries before it
// lets the system choose any free one.
const portTries = 20

// Listen opens the preview's port on bind. When the port is taken and
// was not asked for (fixed is false), the next free port is used, or any
// free one; the caller prints the address it got. A port asked for
// that cannot be had is an error saying why and what to do.
func Listen(bind string, port int, fixed bool) (net.Listener, error) {
	addr := func(p int) string { return net.JoinHostPort(bind, strconv.Itoa(p)) }
	ln, err := net.Listen("tcp", addr(port))
	if err == nil {
		return ln, nil
	}
	if fixed || port == 0 || !portUnavailable(err) {
		return nil, listenError(bind, port, fixed, err)
	}
	for p := port + 1; p < port+portTries && p <= 65535; p++ {
		ln, err := net.Listen("tcp", addr(p))
		if err == nil {
			return ln, nil
		}
		if !portUnavailable(err) {
			return nil, listenError(bind, p, fixed, err)
		}
	}
	if ln, err = net.Listen("tcp", addr(0)); err != nil {
		return nil, listenError(bind, 0, fixed, err)
	}
	return ln, nil
}

// listenError says in the editor's words why the port could not be had.
func listenError(bind string, port int, fixed bool, err error) error {
	switch {
	case portTaken(err) && fixed:
		return fmt.Errorf("cổng %d trên %s đang được dùng, có thể bởi một bản portal serve khác đang chạy. Hãy đóng chương trình đó, chọn cổng khác (--port %d), hoặc bỏ --port để portal tự chọn cổng trống (port in use): %w", port, bind, port+1, err)
	case errors.Is(err, syscall.EACCES) && port < 1024:
		return fmt.Errorf("không được phép mở cổng %d: cổng dưới 1024 cần quyền quản trị; hãy dùng cổng từ 1024 trở lên, ví dụ --port 1313 (permission denied): %w", port, err)
	}
	return fmt.Errorf("không mở được cổng %d trên %s (kiểm tra --bind và --port): %w", port, bind, err)
}

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
	// A panic while rebuilding ends the preview as an error (the command
	// reports an internal error), not the process with a Go trace.
	go func() { watchErr <- watch(watchCtx, s) }()
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

// watch is s.Watch, returning a panic as *parallel.Panic.
func watch(ctx context.Context, s *Server) (err error) {
	defer parallel.Catch(&err)
	return s.Watch(ctx)
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
