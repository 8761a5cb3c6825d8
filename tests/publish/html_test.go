package publish

import (
	"bytes"
	"html"
	"strings"

	"github.com/tdewolff/parse/v2"
	phtml "github.com/tdewolff/parse/v2/html"
)

// element is one start tag of a page, with its attributes (names lower
// case, values unquoted and unescaped) and, for script and style, its text.
type element struct {
	Tag   string
	Attrs map[string]string
	// Keys keeps the attribute names in document order, duplicates
	// included, so a test can see style="" even when empty.
	Keys []string
	Text string
}

func (e element) attr(k string) (string, bool) {
	v, ok := e.Attrs[k]
	return v, ok
}

// parseElements lists the start tags of an HTML document. The minified
// output leaves attribute values unquoted where it can, so values are read
// with the same lexer the minifier uses rather than with regular
// expressions.
func parseElements(doc []byte) []element {
	l := phtml.NewLexer(parse.NewInputBytes(doc))
	var out []element
	cur := -1
	for {
		tt, data := l.Next()
		switch tt {
		case phtml.ErrorToken:
			return out
		case phtml.StartTagToken:
			out = append(out, element{Tag: strings.ToLower(string(l.Text())), Attrs: map[string]string{}})
			cur = len(out) - 1
		case phtml.AttributeToken:
			if cur < 0 {
				continue
			}
			k := strings.ToLower(string(l.AttrKey()))
			v := string(l.AttrVal())
			if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
				v = v[1 : len(v)-1]
			}
			out[cur].Attrs[k] = html.UnescapeString(v)
			out[cur].Keys = append(out[cur].Keys, k)
		case phtml.StartTagCloseToken, phtml.StartTagVoidToken:
			if cur >= 0 && out[cur].Tag != "script" && out[cur].Tag != "style" {
				cur = -1
			}
		case phtml.TextToken:
			if cur >= 0 && (out[cur].Tag == "script" || out[cur].Tag == "style") {
				out[cur].Text += string(data)
			}
		case phtml.EndTagToken:
			cur = -1
		}
	}
}

// links are the URLs a page asks the browser to follow or fetch, with the
// element that holds each, so a failure can say where it came from.
type link struct {
	URL  string
	From string
}

// pageLinks returns every URL in an HTML page: anchors, stylesheets and
// other <link>s, scripts, images, form actions, a meta refresh target and
// the search index the search script loads from its data-index folder
// (manifest.json on a server, offline/manifest.js from file://).
func pageLinks(els []element, offline bool) []link {
	var out []link
	add := func(e element, k string) {
		if v, ok := e.attr(k); ok && v != "" {
			out = append(out, link{URL: v, From: "<" + e.Tag + " " + k + ">"})
		}
	}
	for _, e := range els {
		switch e.Tag {
		case "a", "area", "link":
			add(e, "href")
		case "script", "img", "source", "iframe", "embed", "audio", "video", "track":
			add(e, "src")
		case "form":
			add(e, "action")
		case "meta":
			if strings.EqualFold(e.Attrs["http-equiv"], "refresh") {
				c := e.Attrs["content"]
				if i := strings.Index(strings.ToLower(c), "url="); i >= 0 {
					out = append(out, link{URL: strings.Trim(c[i+4:], `'" `), From: "<meta refresh>"})
				}
			}
		}
		if v, ok := e.attr("data-index"); ok {
			index := "manifest.json"
			if offline {
				index = "offline/manifest.js"
			}
			out = append(out, link{URL: v + index, From: "<" + e.Tag + " data-index>"})
		}
	}
	return out
}

// inlineProblems reports what the Content-Security-Policy would block or
// what the portal promises not to have: scripts without src (other than
// JSON-LD data blocks), style elements, style attributes and event
// handler attributes.
func inlineProblems(els []element) []string {
	var out []string
	for _, e := range els {
		for _, k := range e.Keys {
			if k == "style" {
				out = append(out, "style attribute on <"+e.Tag+">")
			}
			if strings.HasPrefix(k, "on") && len(k) > 2 {
				out = append(out, k+" attribute on <"+e.Tag+">")
			}
		}
		switch e.Tag {
		case "style":
			out = append(out, "<style> element")
		case "script":
			if _, ok := e.attr("src"); ok {
				if strings.TrimSpace(e.Text) != "" {
					out = append(out, "<script src> with inline text")
				}
				continue
			}
			if strings.EqualFold(e.Attrs["type"], "application/ld+json") {
				continue
			}
			out = append(out, "inline <script> ("+strings.TrimSpace(truncate(e.Text, 40))+")")
		}
	}
	return out
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// isHTML reports whether a response or file holds an HTML document.
func isHTML(b []byte) bool {
	head := bytes.ToLower(b[:min(len(b), 512)])
	return bytes.Contains(head, []byte("<!doctype html")) || bytes.Contains(head, []byte("<html"))
}
