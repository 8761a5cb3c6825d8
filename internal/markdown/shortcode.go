package markdown

import (
	"fmt"
	"strconv"
	"strings"
)

// A shortcode is written {{< name args >}}, or {{< name args />}}, or, for
// a shortcode that takes content, {{< name args >}}content{{< /name >}}.
// The parsers (shortcode_parse.go) make each call a goldmark node; its
// content is parsed as Markdown, as the node's children. The transformer
// renders each call (shortcode_render.go) through the conversion's
// Shortcodes.

// Shortcodes renders a page's shortcode calls.
type Shortcodes interface {
	// Encloses reports whether shortcode name takes content between an
	// opening and a closing tag.
	Encloses(name string) bool
	// Render returns the HTML of call.
	Render(call *Shortcode) (string, error)
}

// Existing is what a Shortcodes may also tell: whether shortcode name
// exists. The call of one that does not is reported (by Render) and its
// closing tag, after it, is not reported again.
type Existing interface {
	Has(name string) bool
}

// Shortcode is one call of a shortcode in a page.
type Shortcode struct {
	Name       string
	Params     map[string]string
	Positional []string
	// Inner is the rendered Markdown between the opening and closing tags
	// of a paired call; empty for a single one.
	Inner string
	// Paired reports whether the call had a closing tag.
	Paired bool
	// SelfClosed reports a call written {{< name />}}: single on purpose.
	SelfClosed bool
	// Line is the source line of the opening tag.
	Line int
	// Inline is true when the call shares its paragraph with other text;
	// the output is then placed inside the paragraph rather than
	// replacing it.
	Inline bool
}

// Get returns a named argument, or a positional one when given an int.
func (s *Shortcode) Get(key any) string {
	switch k := key.(type) {
	case string:
		return s.Params[k]
	case int:
		if k >= 0 && k < len(s.Positional) {
			return s.Positional[k]
		}
	}
	return ""
}

// tag is one parsed shortcode tag.
type tag struct {
	name       string
	closing    bool
	selfClose  bool
	params     map[string]string
	positional []string
}

// parseTag reads the text between "{{<" and ">}}".
func parseTag(inner []byte) (tag, error) {
	s := strings.TrimSpace(string(inner))
	t := tag{params: map[string]string{}}
	if strings.HasSuffix(s, "/") {
		t.selfClose = true
		s = strings.TrimSpace(strings.TrimSuffix(s, "/"))
	}
	if strings.HasPrefix(s, "/") {
		t.closing = true
		s = strings.TrimSpace(s[1:])
	}
	name, rest, _ := strings.Cut(s, " ")
	if i := strings.IndexAny(name, "\t\n"); i >= 0 {
		name, rest = name[:i], name[i:]+" "+rest
	}
	name = strings.TrimSpace(name)
	if name == "" || strings.ContainsAny(name, `"'=<>{}/\`) {
		return t, fmt.Errorf("tên mã ngắn (shortcode) không hợp lệ: %q", name)
	}
	t.name = name
	rest = strings.TrimSpace(rest)
	for rest != "" {
		var key, val string
		// key="value" | "value" | bare
		eq := strings.IndexByte(rest, '=')
		q := strings.IndexAny(rest, "\"`")
		sp := strings.IndexAny(rest, " \t\n")
		if eq > 0 && (q < 0 || eq < q) && (sp < 0 || eq < sp) {
			key = strings.TrimSpace(rest[:eq])
			rest = strings.TrimLeft(rest[eq+1:], " \t")
		}
		if rest == "" {
			return t, fmt.Errorf("tham số %q của mã ngắn %q thiếu giá trị", key, name)
		}
		switch rest[0] {
		case '"':
			v, n, err := unquote(rest)
			if err != nil {
				return t, fmt.Errorf("giá trị trong mã ngắn %q thiếu dấu \" đóng", name)
			}
			val, rest = v, rest[n:]
		case '`':
			endq := strings.IndexByte(rest[1:], '`')
			if endq < 0 {
				return t, fmt.Errorf("giá trị trong mã ngắn %q thiếu dấu ` đóng", name)
			}
			val, rest = rest[1:endq+1], rest[endq+2:]
		default:
			n := strings.IndexAny(rest, " \t\n")
			if n < 0 {
				n = len(rest)
			}
			val, rest = rest[:n], rest[n:]
		}
		if key != "" {
			if _, dup := t.params[key]; dup {
				return t, fmt.Errorf("tham số %q của mã ngắn %q xuất hiện hai lần", key, name)
			}
			t.params[key] = val
		} else {
			t.positional = append(t.positional, val)
		}
		rest = strings.TrimSpace(rest)
	}
	if t.closing && (len(t.params) > 0 || len(t.positional) > 0) {
		return t, fmt.Errorf("thẻ đóng {{< /%s >}} không nhận tham số", name)
	}
	return t, nil
}

func unquote(s string) (string, int, error) {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			v, err := strconv.Unquote(s[:i+1])
			return v, i + 1, err
		}
	}
	return "", 0, fmt.Errorf("unterminated")
}
