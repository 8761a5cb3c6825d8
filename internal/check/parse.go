package check

import (
	"bytes"
	"sort"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"portal/internal/diag"
)

// ref is one URL a page refers to.
type ref struct {
	tag, attr, val string
	// text is the link's text, for finding it in the Markdown.
	text string
}

type anchorEl struct {
	href, text, label string
	hasImgAlt         bool
}

type imgEl struct {
	src    string
	alt    string
	hasAlt bool
}

type heading struct {
	level int
	text  string
}

type tableEl struct {
	hasTH     bool
	firstText string
}

// doc is what the rules need from one built HTML file.
type doc struct {
	out         string
	hasHTMLTag  bool
	lang        string
	ids         map[string]bool
	refs        []ref
	anchors     []anchorEl
	imgs        []imgEl
	headings    []heading
	tables      []tableEl
	hasFooter   bool
	footer      string
	stylesheets []string
	scripts     []string
}

// parseAll parses every built HTML file.
func (c *checker) parseAll() {
	for out := range c.exists {
		if !strings.HasSuffix(out, ".html") {
			continue
		}
		b, _ := c.files.Get(out)
		root, err := html.Parse(bytes.NewReader(b))
		if err != nil {
			c.add(&diag.Problem{File: c.built(out), Level: Error, Msg: "HTML không đọc được: " + err.Error()})
			continue
		}
		d := &doc{out: out, ids: map[string]bool{}}
		d.walk(root)
		c.docs[out] = d
		c.order = append(c.order, out)
	}
	sort.Strings(c.order)
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// textOf is the node's text as a reader sees it, spaces collapsed.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			return
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func hasImgWithAlt(n *html.Node) bool {
	found := false
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.DataAtom == atom.Img || n.DataAtom == atom.Svg) {
			if alt, ok := attr(n, "alt"); ok && strings.TrimSpace(alt) != "" {
				found = true
			}
			if l, ok := attr(n, "aria-label"); ok && strings.TrimSpace(l) != "" {
				found = true
			}
		}
		for ch := n.FirstChild; ch != nil && !found; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(n)
	return found
}

func (d *doc) walk(n *html.Node) {
	if n.Type == html.ElementNode {
		if id, ok := attr(n, "id"); ok && id != "" {
			d.ids[id] = true
		}
		switch n.DataAtom {
		case atom.Html:
			d.hasHTMLTag = true
			d.lang, _ = attr(n, "lang")
		case atom.A:
			if name, ok := attr(n, "name"); ok && name != "" {
				d.ids[name] = true
			}
			if href, ok := attr(n, "href"); ok {
				text := textOf(n)
				label, _ := attr(n, "aria-label")
				if label == "" {
					label, _ = attr(n, "title")
				}
				d.anchors = append(d.anchors, anchorEl{href: href, text: text, label: label, hasImgAlt: hasImgWithAlt(n)})
				d.refs = append(d.refs, ref{tag: "a", attr: "href", val: href, text: text})
			}
		case atom.Link:
			if href, ok := attr(n, "href"); ok {
				rel, _ := attr(n, "rel")
				if strings.Contains(" "+strings.ToLower(rel)+" ", " stylesheet ") {
					d.stylesheets = append(d.stylesheets, href)
				}
				// Feeds, canonical and alternates point at pages too.
				d.refs = append(d.refs, ref{tag: "link", attr: "href", val: href})
			}
		case atom.Img:
			src, _ := attr(n, "src")
			alt, hasAlt := attr(n, "alt")
			d.imgs = append(d.imgs, imgEl{src: src, alt: alt, hasAlt: hasAlt})
			if src != "" {
				d.refs = append(d.refs, ref{tag: "img", attr: "src", val: src})
			}
			d.srcset(n, "img")
		case atom.Source:
			if src, ok := attr(n, "src"); ok {
				d.refs = append(d.refs, ref{tag: "source", attr: "src", val: src})
			}
			d.srcset(n, "source")
		case atom.Script:
			if src, ok := attr(n, "src"); ok {
				d.scripts = append(d.scripts, src)
				d.refs = append(d.refs, ref{tag: "script", attr: "src", val: src})
			}
		case atom.Iframe, atom.Video, atom.Audio, atom.Track, atom.Embed:
			if src, ok := attr(n, "src"); ok {
				d.refs = append(d.refs, ref{tag: n.Data, attr: "src", val: src})
			}
		case atom.Object:
			if data, ok := attr(n, "data"); ok {
				d.refs = append(d.refs, ref{tag: "object", attr: "data", val: data})
			}
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			d.headings = append(d.headings, heading{level: int(n.Data[1] - '0'), text: textOf(n)})
		case atom.Table:
			d.tables = append(d.tables, tableEl{hasTH: hasDescendant(n, atom.Th), firstText: firstCellText(n)})
		case atom.Footer:
			d.hasFooter = true
			d.footer += " " + textOf(n)
		}
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		d.walk(ch)
	}
}

func (d *doc) srcset(n *html.Node, tag string) {
	set, ok := attr(n, "srcset")
	if !ok {
		return
	}
	for _, cand := range strings.Split(set, ",") {
		if f := strings.Fields(cand); len(f) > 0 {
			d.refs = append(d.refs, ref{tag: tag, attr: "srcset", val: f[0]})
		}
	}
}

func hasDescendant(n *html.Node, a atom.Atom) bool {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && ch.DataAtom == a {
			return true
		}
		if hasDescendant(ch, a) {
			return true
		}
	}
	return false
}

func firstCellText(n *html.Node) string {
	var out string
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode && (n.DataAtom == atom.Td || n.DataAtom == atom.Th) {
			out = textOf(n)
			return out != ""
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			if walk(ch) {
				return true
			}
		}
		return false
	}
	walk(n)
	return out
}
