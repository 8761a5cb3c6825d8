package markdown

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"portal/internal/textutil"
)

// headingIDs makes heading anchors from folded Vietnamese text, unique per
// page: "Mục đích, yêu cầu" → "muc-dich-yeu-cau", then "-1", "-2"...
// They are made here rather than by goldmark's parser, which would take an
// attribute of any type for an id, and before a heading's shortcodes are
// rendered.
type headingIDs struct {
	used map[string]bool
	// next is the suffix to try first for a base id: thousands of headings
	// with one text then cost one lookup each, not one per earlier twin.
	next map[string]int
	// lines holds the source line of each heading id given out, to name
	// both headings when an editor writes the same {#id} twice.
	lines map[string]int
	// reserved are the layouts' own ids (Context.ReservedIDs).
	reserved map[string]bool
}

func newHeadingIDs(reserved map[string]bool) *headingIDs {
	return &headingIDs{used: map[string]bool{}, next: map[string]int{}, lines: map[string]int{}, reserved: reserved}
}

// taken reports whether id is given out already or is a layout's.
func (h *headingIDs) taken(id string) bool { return h.used[id] || h.reserved[id] }

var linkDestRE = regexp.MustCompile(`\]\([^)]*\)|[*_` + "`" + `]`)

// generate returns a new id for a heading whose source text is text.
func (h *headingIDs) generate(text string) string {
	if strings.ContainsAny(text, "]*_`") {
		text = linkDestRE.ReplaceAllString(text, "]")
	}
	base := textutil.Slugify(text)
	if base == "" {
		base = "muc"
	}
	id := base
	if h.taken(id) {
		i := max(h.next[base], 1)
		for id = base + "-" + strconv.Itoa(i); h.taken(id); id = base + "-" + strconv.Itoa(i) {
			i++
		}
		h.next[base] = i + 1
	}
	h.used[id] = true
	return id
}

// heading gives heading n its id (checked from its attributes, or made
// from its text) and records it among the page's headings. Its
// shortcodes are rendered already.
func (st *state) heading(n *ast.Heading) {
	line := st.lines.line(headingOffset(n))
	checkHeadingAttributes(n, line, st)
	var id string
	if v, explicit := n.AttributeString("id"); explicit {
		id = string(v.([]byte)) // checked above: a safe token
		st.ids.used[id] = true
		if st.ids.reserved[id] {
			st.problems = append(st.problems, st.problemAt(line, fmt.Sprintf("mã đề mục #%s trùng với một mã mà mẫu trình bày (layouts/) đã dùng trên trang; hãy chọn mã khác (heading id used by the layout)", id)))
		} else if first, dup := st.ids.lines[id]; dup {
			st.problems = append(st.problems, st.problemAt(line, fmt.Sprintf("mã đề mục #%s đã dùng cho đề mục ở dòng %d; mỗi đề mục cần một mã riêng (duplicate heading id)", id, first)))
		} else {
			st.ids.lines[id] = line
		}
	} else {
		id = st.ids.generate(st.headingSource(n))
		n.SetAttribute(attrID, []byte(id))
	}
	st.headings = append(st.headings, Heading{Level: n.Level, Text: inlineText(n, st.src), ID: id})
}

// headingSource is the text an id is made from: the heading's last source
// line, as goldmark would use it, with each shortcode call in it replaced
// by the text it rendered.
func (st *state) headingSource(n *ast.Heading) string {
	l := n.Lines().Len()
	if l == 0 {
		return ""
	}
	seg := n.Lines().At(l - 1)
	var calls []*call
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if sc, ok := c.(*shortcodeInline); ok && entering {
			calls = append(calls, sc.call)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if len(calls) == 0 {
		return string(seg.Value(st.src))
	}
	var b strings.Builder
	at := seg.Start
	for _, c := range calls {
		if c.start < at || c.end > seg.Stop {
			continue // not on the line ids are made from
		}
		b.Write(st.src[at:c.start])
		b.WriteString(htmlText(c.html))
		at = c.end
	}
	b.Write(st.src[at:seg.Stop])
	return b.String()
}

// headingOffset is a source offset on heading n's first line.
func headingOffset(n *ast.Heading) int {
	if n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	return nodeOffset(n)
}
