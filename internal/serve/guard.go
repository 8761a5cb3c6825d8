package serve

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"portal/internal/output"
)

// The preview serves drafts and unpublished edits, so it answers only its
// own address, and it sends the site's own security headers, so an SVG or
// HTML file runs no more script here than on the published site.

// fallbackPolicy is sent by the preview of a site whose static/_headers
// gives no Content-Security-Policy: only the site's own files, nothing
// framed, no plugins.
const fallbackPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// headerPolicy is what the preview sends: the site's _headers rules.
type headerPolicy struct {
	rules []output.HeaderRule
}

// loadPolicy reads SOURCE/static/_headers. A site without one gets
// fallbackPolicy; one that does not parse too, with the reason.
func loadPolicy(source string) (*headerPolicy, error) {
	name := filepath.Join(source, "static", output.HeadersFileName)
	b, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return &headerPolicy{}, nil
	}
	if err != nil {
		return &headerPolicy{}, err
	}
	rules, err := output.ParseHeaders(b)
	if err != nil {
		return &headerPolicy{}, fmt.Errorf("static/%s: %w", output.HeadersFileName, err)
	}
	return &headerPolicy{rules: rules}, nil
}

// apply sets the headers the site's rules give sitePath ("/ve-papi/"),
// except its caching (the preview caches nothing), on every response.
func (hp *headerPolicy) apply(h http.Header, sitePath string) {
	for k, v := range output.ResolveHeaders(hp.rules, sitePath) {
		switch k {
		case "Cache-Control", "Expires", "Strict-Transport-Security":
			continue
		case "Content-Security-Policy":
			v = previewCSP(v)
		}
		h.Set(k, v)
	}
	if h.Get("Content-Security-Policy") == "" {
		h.Set("Content-Security-Policy", fallbackPolicy)
	}
	h.Set("X-Content-Type-Options", "nosniff")
}

// previewCSP drops the directives that would send the preview's own
// requests to https, where it does not answer.
func previewCSP(v string) string {
	var keep []string
	for _, d := range strings.Split(v, ";") {
		name, _, _ := strings.Cut(strings.TrimSpace(d), " ")
		switch strings.ToLower(name) {
		case "upgrade-insecure-requests", "block-all-mixed-content":
			continue
		}
		if strings.TrimSpace(d) != "" {
			keep = append(keep, strings.TrimSpace(d))
		}
	}
	return strings.Join(keep, "; ")
}

// hostAllowed reports whether the request names the preview by its own
// address: 127.0.0.1, localhost or [::1], the address it was reached on,
// or the --bind name, each with the port it listens on. A page on another
// site can make a browser send requests here under a name of its own
// whose address it points at 127.0.0.1 (DNS rebinding), and read the
// answers as its own; those requests carry that other name.
func (s *Server) hostAllowed(r *http.Request) bool {
	host, port, err := net.SplitHostPort(r.Host)
	if err != nil {
		host, port = r.Host, "80"
	}
	host = strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
	local, _ := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if local == nil {
		// Called directly, not through a listener (tests): the loopback
		// names only.
		return host == "localhost" || host == "127.0.0.1" || host == "::1"
	}
	lhost, lport, err := net.SplitHostPort(local.String())
	if err != nil || port != lport {
		return false
	}
	switch host {
	case "localhost", "127.0.0.1", "::1":
		return true
	}
	if ip := net.ParseIP(host); ip != nil && ip.Equal(net.ParseIP(lhost)) {
		return true
	}
	return s.opts.Bind != "" && strings.EqualFold(host, strings.Trim(s.opts.Bind, "[]"))
}

const misdirected = "Bản xem trước chỉ trả lời tại địa chỉ của chính nó, ví dụ http://127.0.0.1:%s/ hoặc http://localhost:%s/ (misdirected request: unknown Host)\n"

// refuseHost answers a request for another host name.
func refuseHost(w http.ResponseWriter, r *http.Request) {
	port := "1313"
	if local, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
		if _, p, err := net.SplitHostPort(local.String()); err == nil {
			port = p
		}
	}
	http.Error(w, fmt.Sprintf(misdirected, port, port), http.StatusMisdirectedRequest)
}
