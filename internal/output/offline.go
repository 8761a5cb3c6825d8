package output

import (
	"regexp"
	"strings"
)

// The refresh of alias pages ("0; url=/papi/x/") is a link too.
var offlineAttrRE = regexp.MustCompile(`(\s(?:href|src|action|poster|data-index)="|\scontent="\d+;\s*url=)([^"]*)(")`)

// offlineLinks rewrites the site's own URLs in a page at rel into
// relative links that a browser can follow from file://: "/papi/ve-papi/"
// seen from "chi-so/x/index.html" becomes "../../ve-papi/index.html".
func offlineLinks(html []byte, rel, basePath string) []byte {
	depth := strings.Count(rel, "/")
	up := strings.Repeat("../", depth)
	return offlineAttrRE.ReplaceAllFunc(html, func(m []byte) []byte {
		sub := offlineAttrRE.FindSubmatch(m)
		u := string(sub[2])
		if !strings.HasPrefix(u, basePath) || strings.HasPrefix(u, "//") {
			return m
		}
		p := strings.TrimPrefix(u, basePath)
		frag := ""
		if i := strings.IndexAny(p, "?#"); i >= 0 {
			p, frag = p[:i], p[i:]
		}
		attr := string(sub[1])
		if (p == "" || strings.HasSuffix(p, "/")) && !strings.Contains(attr, "data-index") {
			p += "index.html"
		}
		target := up + p
		if target == "" {
			target = "./"
		}
		return []byte(attr + target + frag + string(sub[3]))
	})
}
