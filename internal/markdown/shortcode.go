package markdown

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// Shortcode is one {{< name args >}} call found in a page.
type Shortcode struct {
	Name       string
	Params     map[string]string
	Positional []string
	// Inner is the rendered Markdown between the opening and closing tags
	// of a paired shortcode; empty for a single one.
	Inner string
	// Paired reports whether the call had a closing tag.
	Paired bool
	// SelfClosed reports a call written {{< name />}}: single on purpose.
	SelfClosed bool
	// Line is the source line of the opening tag.
	Line int
	// Inline is true when the call shares its line with other text; the
	// output is then placed inside the paragraph rather than replacing it.
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

// ShortcodeFunc renders a shortcode to HTML.
type ShortcodeFunc func(sc *Shortcode) (string, error)

type scTag struct {
	start, end int // byte range in src of the whole tag
	name       string
	closing    bool
	selfClose  bool
	params     map[string]string
	positional []string
	line       int
}

// scanTags finds shortcode tags outside code. Fenced code blocks, indented
// code and inline code spans are left alone, so documentation can show the
// syntax itself.
func scanTags(src []byte, lineOf func(int) int, codeBlocks [][2]int) ([]scTag, error) {
	var tags []scTag
	inFence := false
	var fence []byte
	off := 0
	for off < len(src) {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off
		}
		line := src[off:end]
		trimmed := bytes.TrimLeft(line, " ")
		indent := len(line) - len(trimmed)
		if inFence {
			if indent < 4 && bytes.HasPrefix(trimmed, fence) && len(bytes.TrimSpace(bytes.TrimLeft(trimmed, string(fence[:1])))) == 0 {
				inFence = false
			}
			off = end + 1
			continue
		}
		if indent < 4 && (bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~"))) {
			c := trimmed[0]
			n := 0
			for n < len(trimmed) && trimmed[n] == c {
				n++
			}
			fence = trimmed[:n]
			inFence = true
			off = end + 1
			continue
		}
		if inRanges(off, end, codeBlocks) {
			off = end + 1
			continue
		}
		// Inline code spans on this line: mask them out.
		i := 0
		for i < len(line) {
			if line[i] == '`' {
				n := 0
				for i+n < len(line) && line[i+n] == '`' {
					n++
				}
				closeAt := bytes.Index(line[i+n:], bytes.Repeat([]byte("`"), n))
				if closeAt >= 0 {
					i += n + closeAt + n
					continue
				}
				i += n
				continue
			}
			if line[i] == '{' && bytes.HasPrefix(line[i:], []byte("{{<")) {
				abs := off + i
				closeIdx := bytes.Index(src[abs:], []byte(">}}"))
				if closeIdx < 0 {
					return nil, fmt.Errorf("dòng %d: mã ngắn (shortcode) mở bằng '{{<' nhưng thiếu '>}}' đóng lại", lineOf(abs))
				}
				tag, err := parseTag(src[abs+3:abs+closeIdx], lineOf(abs))
				if err != nil {
					return nil, err
				}
				tag.start, tag.end = abs, abs+closeIdx+3
				tags = append(tags, tag)
				// Continue after the tag, which may span lines.
				if tag.end > end {
					off = tag.end
					goto nextLine
				}
				i = tag.end - off
				continue
			}
			i++
		}
		off = end + 1
		continue
	nextLine:
	}
	return tags, nil
}

// inRanges reports whether the line [start, end) overlaps a range.
func inRanges(start, end int, ranges [][2]int) bool {
	for _, r := range ranges {
		if r[0] < end && start < r[1] {
			return true
		}
	}
	return false
}

func parseTag(inner []byte, line int) (scTag, error) {
	s := strings.TrimSpace(string(inner))
	t := scTag{line: line, params: map[string]string{}}
	if strings.HasSuffix(s, "/") {
		t.selfClose = true
		s = strings.TrimSpace(strings.TrimSuffix(s, "/"))
	}
	if strings.HasPrefix(s, "/") {
		t.closing = true
		s = strings.TrimSpace(s[1:])
	}
	name, rest, _ := strings.Cut(s, " ")
	name = strings.TrimSpace(name)
	if name == "" || strings.ContainsAny(name, `"'=<>{}/\`) {
		return t, fmt.Errorf("dòng %d: tên mã ngắn (shortcode) không hợp lệ: %q", line, name)
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
			return t, fmt.Errorf("dòng %d: tham số %q của mã ngắn %q thiếu giá trị", line, key, name)
		}
		switch rest[0] {
		case '"':
			v, n, err := unquote(rest)
			if err != nil {
				return t, fmt.Errorf("dòng %d: giá trị trong mã ngắn %q thiếu dấu \" đóng", line, name)
			}
			val, rest = v, rest[n:]
		case '`':
			endq := strings.IndexByte(rest[1:], '`')
			if endq < 0 {
				return t, fmt.Errorf("dòng %d: giá trị trong mã ngắn %q thiếu dấu ` đóng", line, name)
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
				return t, fmt.Errorf("dòng %d: tham số %q của mã ngắn %q xuất hiện hai lần", line, key, name)
			}
			t.params[key] = val
		} else {
			t.positional = append(t.positional, val)
		}
		rest = strings.TrimSpace(rest)
	}
	if t.closing && (len(t.params) > 0 || len(t.positional) > 0) {
		return t, fmt.Errorf("dòng %d: thẻ đóng {{< /%s >}} không nhận tham số", line, name)
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
