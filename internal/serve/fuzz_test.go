package serve

import (
	"bufio"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"portal/internal/testkit"
)

// FuzzServeURL sends the preview server request targets a browser, a
// script or an attacker could send: it must never panic, answer with one
// of the statuses it knows, serve only what the build wrote, and redirect
// only to a path on the same server (never "//host" or "/\host", which
// browsers read as another host).
func FuzzServeURL(f *testing.F) {
	for _, s := range []string{"/", "/ve-papi", "/ve-papi/", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2fetc%2fpasswd",
		"//evil.example/", "/\\evil.example", "/ve-papi/%00", "/%25%32%65", "/css/", "/tags/papi", "/index.html?x=1#y",
		"http://evil.example/", "/./ve-papi/", "/ve-papi//", "/Ve-Papi/", "/v%C3%A9", "/%ZZ", "/" + strings.Repeat("a/", 600)} {
		f.Add(s)
	}
	s := New(Options{Source: testkit.Site(f, "engine")})
	f.Cleanup(s.Close)
	if len(s.Problems()) > 0 {
		f.Fatalf("fixture does not build: %v", s.Problems())
	}
	f.Fuzz(func(t *testing.T, target string) {
		req, err := http.ReadRequest(bufio.NewReader(strings.NewReader("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")))
		if err != nil {
			return
		}
		if p, ok := cleanRequestPath(req.URL.EscapedPath()); ok && p == EventsPath {
			return // an event stream stays open; the server tests cover it
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		switch rec.Code {
		case http.StatusOK, http.StatusNotFound, http.StatusBadRequest, http.StatusRequestURITooLong:
		case http.StatusMisdirectedRequest:
			// An absolute target names its host: only the preview's own.
			if h := strings.ToLower(req.Host); h == "127.0.0.1" || h == "localhost" {
				t.Fatalf("GET %q: refused its own host", target)
			}
		case http.StatusMovedPermanently, http.StatusFound:
			loc := rec.Header().Get("Location")
			if !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, "/\\") {
				t.Fatalf("GET %q redirects to %q: not a path on this server", target, loc)
			}
		default:
			t.Fatalf("GET %q: status %d", target, rec.Code)
		}
	})
}
