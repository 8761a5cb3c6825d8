package output

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
)

// HeadersFileName is the hosts' header file (Netlify, Cloudflare Pages):
// a site keeps its response headers, its Content-Security-Policy first,
// in static/_headers, which is published at the output root. The preview
// server sends the same headers, so the one copy is that file.
const HeadersFileName = "_headers"

// HeaderRule is one block of a _headers file: a path pattern and the
// headers it sets or drops.
type HeaderRule struct {
	pattern *regexp.Regexp
	set     [][2]string
	detach  []string
}

// ParseHeaders reads the _headers format of Netlify and Cloudflare Pages:
// a path line, then indented "Name: value" lines; "! Name" drops a
// header an earlier matching rule set (Cloudflare; Netlify ignores it).
// Errors name the line.
func ParseHeaders(b []byte) ([]HeaderRule, error) {
	var rules []HeaderRule
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSuffix(line, "\r")
		trim := strings.TrimSpace(line)
		if trim == "" || strings.HasPrefix(trim, "#") {
			continue
		}
		if strings.HasPrefix(line, "/") {
			if strings.Count(line, "*") > 1 {
				return nil, fmt.Errorf("dòng %d: %q có nhiều hơn một dấu * (more than one *)", i+1, line)
			}
			re := "^" + strings.ReplaceAll(regexp.QuoteMeta(trim), `\*`, ".*") + "$"
			rules = append(rules, HeaderRule{pattern: regexp.MustCompile(re)})
			continue
		}
		if len(rules) == 0 || line == trim {
			return nil, fmt.Errorf("dòng %d: %q: dòng tiêu đề phải thụt lề và đứng sau một đường dẫn (a header line must be indented and follow a path)", i+1, line)
		}
		r := &rules[len(rules)-1]
		if strings.HasPrefix(trim, "!") {
			r.detach = append(r.detach, http.CanonicalHeaderKey(strings.TrimSpace(trim[1:])))
			continue
		}
		k, v, ok := strings.Cut(trim, ":")
		if !ok || strings.TrimSpace(v) == "" {
			return nil, fmt.Errorf("dòng %d: %q không có dạng Tên: giá trị (not Name: value)", i+1, trim)
		}
		r.set = append(r.set, [2]string{http.CanonicalHeaderKey(strings.TrimSpace(k)), strings.TrimSpace(v)})
	}
	return rules, nil
}

// ResolveHeaders is the headers a host sends for the site path p: every
// matching rule in order; values of one header from several rules are
// joined with ", ", as Cloudflare Pages does, so a conflict shows up as a
// wrong value.
func ResolveHeaders(rules []HeaderRule, p string) map[string]string {
	out := map[string]string{}
	for _, r := range rules {
		if !r.pattern.MatchString(p) {
			continue
		}
		for _, k := range r.detach {
			delete(out, k)
		}
		for _, kv := range r.set {
			if old, ok := out[kv[0]]; ok {
				out[kv[0]] = old + ", " + kv[1]
			} else {
				out[kv[0]] = kv[1]
			}
		}
	}
	return out
}
