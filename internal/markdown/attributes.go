package markdown

import (
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"

	"portal/internal/textutil"
)

// A heading's attribute block ({#id .class}) is the only way page text
// reaches an attribute of its own: a heading id is also written into the
// table of contents, search results and links. So ids and classes are held
// to what portal itself makes (ASCII letters, digits, '-', '_' and '.'),
// as are data-* attributes; other attributes are refused, whatever a
// renderer would escape.

// safeToken reports whether v is a non-empty run of ASCII letters, digits,
// '-', '_' and '.'.
func safeToken(v string) bool {
	if v == "" {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// attrText is an attribute value as text; goldmark keeps strings as
// []byte and numbers, lists and maps as other types.
func attrText(v any) (string, bool) {
	switch t := v.(type) {
	case []byte:
		return string(t), true
	case string:
		return t, true
	}
	return fmt.Sprint(v), false
}

// checkHeadingAttributes refuses the attributes of heading n that are not
// a safe id, safe classes or safe data-* attributes, reporting each at
// line, and removes them, so even a preview of a page with mistakes
// carries none. A heading whose id is refused gets one made from its text.
func checkHeadingAttributes(n *ast.Heading, line int, st *state) {
	attrs := n.Attributes()
	if len(attrs) == 0 {
		return
	}
	var keep []ast.Attribute
	changed := false
	for _, a := range attrs {
		name := string(a.Name)
		val, isText := attrText(a.Value)
		switch name {
		case "id":
			if isText && safeToken(val) {
				keep = append(keep, ast.Attribute{Name: a.Name, Value: []byte(val)})
				continue
			}
			st.problems = append(st.problems, st.problemAt(line, fmt.Sprintf(
				"mã đề mục (heading id) %q không hợp lệ: chỉ dùng chữ cái không dấu, chữ số và các dấu - _ . (ví dụ {#%s})", truncate(val, 60), hintToken(val))))
		case "class":
			var bad []string
			for _, c := range strings.Fields(val) {
				if !safeToken(c) {
					bad = append(bad, c)
				}
			}
			if isText && len(bad) == 0 && strings.TrimSpace(val) != "" {
				keep = append(keep, a)
				continue
			}
			st.problems = append(st.problems, st.problemAt(line, fmt.Sprintf(
				"lớp (class) %q của đề mục không hợp lệ: chỉ dùng chữ cái không dấu, chữ số và các dấu - _ . (ví dụ {.%s})", truncate(val, 60), hintToken(val))))
		default:
			if v := strings.TrimPrefix(name, "data-"); v != name && safeToken(v) && safeToken(val) {
				// A number ({data-so=1}) is kept as its text: goldmark
				// writes only text values.
				keep = append(keep, ast.Attribute{Name: a.Name, Value: []byte(val)})
				changed = changed || !isText
				continue
			}
			st.problems = append(st.problems, st.problemAt(line, fmt.Sprintf(
				"thuộc tính %q không dùng được cho đề mục: chỉ nhận mã {#ma-de-muc}, lớp {.ten-lop} và data-ten=gia-tri (heading attribute not allowed)", truncate(name, 40))))
		}
	}
	if len(keep) == len(attrs) && !changed {
		return
	}
	n.RemoveAttributes()
	for _, a := range keep {
		n.SetAttribute(a.Name, a.Value)
	}
}

var attrID = []byte("id")

// hintToken is v made safe, for the example in a message.
func hintToken(v string) string {
	if s := textutil.Slugify(v); s != "" {
		return s
	}
	return "muc-1"
}
