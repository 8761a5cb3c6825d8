package config

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// YAMLProblem is one YAML mistake told for an editor: the line to fix and
// what is wrong there, in Vietnamese, with the usual cause and its fix.
type YAMLProblem struct {
	// Line is the file's line, 1-based; 0 when the library gave none.
	Line int
	Msg  string
}

// DescribeYAMLError turns an error of the YAML library, met reading src,
// into problems an editor can act on. It is the one place YAML's English
// becomes Vietnamese, for site.yaml, front matter, data files and i18n
// strings alike. first is the file line of src's first line (1 for a whole
// file, 2 for front matter after its "---"); src may be nil, which loses
// the hints that need the text (a tab, an unclosed quote's line).
func DescribeYAMLError(err error, src []byte, first int) []YAMLProblem {
	if first < 1 {
		first = 1
	}
	d := describer{lines: splitLines(src), first: first}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		var out []YAMLProblem
		for _, e := range te.Errors {
			out = append(out, d.typeProblem(e))
		}
		return out
	}
	return []YAMLProblem{d.syntaxProblem(strings.TrimPrefix(err.Error(), "yaml: "))}
}

// SplitYAMLError is DescribeYAMLError's first problem, for a caller
// without the YAML text.
func SplitYAMLError(err error) (int, string) {
	p := DescribeYAMLError(err, nil, 1)[0]
	return p.Line, p.Msg
}

// yamlParserProblems are the messages of yaml.v3's parser (not its
// scanner). yaml.v3 prints their line 0-based, one less than the editor's
// line, so one is added.
var yamlParserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

var (
	yamlLineRE  = regexp.MustCompile(`^line (\d+): (.*)$`)
	dupKeyRE    = regexp.MustCompile(`^mapping key "(.*)" already defined at line (\d+)$`)
	unmarshalRE = regexp.MustCompile("^cannot unmarshal !!(\\w+)(?: `(.*)`)? into (\\S+)$")
)

type describer struct {
	lines [][]byte // src's lines; nil without src
	first int
}

func splitLines(src []byte) [][]byte {
	if src == nil {
		return nil
	}
	return bytes.Split(src, []byte("\n"))
}

// fileLine is the file line of src's line n (1-based); 0 stays 0.
func (d describer) fileLine(n int) int {
	if n <= 0 {
		return 0
	}
	return n + d.first - 1
}

// line is src's line n (1-based), or nil.
func (d describer) line(n int) []byte {
	if n < 1 || n > len(d.lines) {
		return nil
	}
	return d.lines[n-1]
}

// syntaxProblem explains a scanner or parser error.
func (d describer) syntaxProblem(raw string) YAMLProblem {
	msg, n := raw, 0
	if m := yamlLineRE.FindStringSubmatch(raw); m != nil {
		n, _ = strconv.Atoi(m[1])
		msg = m[2]
		if yamlParserProblems[msg] {
			n++
		}
	} else if positional(msg) {
		// yaml.v3 leaves out "line 1:" (its line 0).
		n = 1
	}
	hint := ""
	// A tab is invisible in most editors, and YAML's own words ("cannot
	// start any token") do not name it.
	if t := d.tabLine(n); t > 0 {
		n = t
		hint = "dòng này thụt lề bằng phím Tab, YAML chỉ nhận dấu cách (tab indentation): hãy xoá Tab và thụt lề bằng dấu cách"
	} else if q := d.unclosedQuote(); q > 0 && (msg == "found unexpected end of stream" || msg == "did not find expected key" && q <= n) {
		n = q
		hint = fmt.Sprintf("dấu ngoặc %s mở ở dòng %d chưa được đóng: hãy thêm dấu %s ở cuối giá trị (unclosed quote)", d.quoteChar(q), d.fileLine(q), d.quoteChar(q))
	} else {
		hint = d.syntaxHint(msg, n)
	}
	return YAMLProblem{Line: d.fileLine(n), Msg: hint + " (YAML: " + msg + ")"}
}

// positional reports whether a message without a line is about a place in
// the text (then yaml.v3 left out line 1) rather than about the document.
func positional(msg string) bool {
	return !strings.HasPrefix(msg, "unknown anchor") && !strings.Contains(msg, "excessive aliasing") && !strings.HasPrefix(msg, "invalid map key")
}

// syntaxHint says what usually causes msg at src's line n.
func (d describer) syntaxHint(msg string, n int) string {
	l := d.line(n)
	switch {
	case msg == "mapping values are not allowed in this context":
		v := value(l)
		colon := bytes.Contains(v, []byte(": ")) || bytes.HasSuffix(v, []byte(":"))
		if fix, ok := quoted(l); ok && colon && !d.overIndented(n) {
			return fmt.Sprintf("giá trị có dấu hai chấm (:) nên YAML hiểu nhầm thành một khoá mới: hãy đặt giá trị trong dấu ngoặc kép, ví dụ %s (colon in an unquoted value)", fix)
		}
		if d.overIndented(n) {
			return "dòng này thụt lề sâu hơn dòng trên, nhưng dòng trên đã có giá trị: các khoá cùng cấp phải thụt lề bằng nhau (wrong indentation)"
		}
		return "dấu hai chấm (:) ở chỗ YAML không chờ: nếu giá trị có dấu hai chấm, hãy đặt giá trị trong dấu ngoặc kép; nếu không, kiểm tra thụt lề (colon in an unquoted value or wrong indentation)"
	case msg == "did not find expected key":
		if textAfterQuote(l) {
			return "có chữ sau dấu ngoặc kép đóng: hãy đặt cả giá trị trong một cặp dấu ngoặc kép (text after a closing quote)"
		}
		if isListItem(l) {
			return "một mục danh sách (- …) ở chỗ cần “khoá: giá trị”: các mục của một danh sách phải thẳng hàng, ngay dưới khoá của danh sách và không có giá trị trên dòng của khoá (list where a value is expected)"
		}
		return "thụt lề sai hoặc thiếu dấu hai chấm: mỗi dòng là “khoá: giá trị”, các khoá cùng cấp thụt lề bằng nhau (wrong indentation)"
	case msg == "did not find expected '-' indicator":
		return "các mục của danh sách (- …) phải thẳng hàng với nhau (wrong indentation)"
	case msg == "did not find expected ',' or ']'":
		return "danh sách trong [ ] chưa đóng, hoặc thiếu dấu phẩy giữa các mục: ví dụ [\"a\", \"b\"] (unclosed list)"
	case msg == "did not find expected ',' or '}'":
		return "nhóm trong { } chưa đóng, hoặc thiếu dấu phẩy giữa các cặp: ví dụ {name: \"a\", url: \"/b/\"} (unclosed mapping)"
	case msg == "found unexpected end of stream":
		return "tệp kết thúc khi một giá trị chưa xong, thường do thiếu dấu ngoặc kép đóng (unexpected end)"
	case msg == "found a tab character that violates indentation":
		return "thụt lề bằng phím Tab; YAML chỉ nhận dấu cách (tab indentation)"
	case msg == "found character that cannot start any token":
		if c := valueStart(l); c != 0 {
			return fmt.Sprintf("giá trị không được bắt đầu bằng %q: hãy đặt giá trị trong dấu ngoặc kép (reserved character)", c)
		}
		return "có ký tự YAML không nhận ở đầu giá trị (@, `, %, Tab): hãy đặt giá trị trong dấu ngoặc kép (reserved character)"
	case msg == "found unknown escape character":
		return "trong dấu ngoặc kép, dấu \\ chỉ đi với \\n, \\\" hoặc \\\\: hãy viết \\\\ cho một dấu \\, hoặc dùng dấu ngoặc đơn '…' (unknown escape)"
	case strings.HasPrefix(msg, "unknown anchor"):
		return "dấu * ở đầu giá trị có nghĩa riêng trong YAML: hãy đặt giá trị trong dấu ngoặc kép (unknown anchor)"
	case strings.Contains(msg, "excessive aliasing"):
		return "tệp dùng bí danh (&, *) lồng nhau quá nhiều lần; portal không đọc tệp như vậy (excessive aliasing)"
	case strings.HasPrefix(msg, "found duplicate") || strings.HasPrefix(msg, "found incompatible") || strings.HasPrefix(msg, "found undefined tag"):
		return "chỉ thị YAML (%…, !…) không hợp lệ: hãy xoá dòng đó, hoặc đặt giá trị trong dấu ngoặc kép (bad directive)"
	}
	return "YAML không đọc được dòng này: kiểm tra dấu hai chấm, dấu ngoặc kép và thụt lề"
}

// typeProblem explains one of a TypeError's messages ("line 3: cannot
// unmarshal !!seq into string").
func (d describer) typeProblem(raw string) YAMLProblem {
	n, msg := 0, raw
	if m := yamlLineRE.FindStringSubmatch(raw); m != nil {
		n, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	if m := dupKeyRE.FindStringSubmatch(msg); m != nil {
		firstAt, _ := strconv.Atoi(m[2])
		return YAMLProblem{Line: d.fileLine(n), Msg: fmt.Sprintf("khoá %q xuất hiện hai lần (lần đầu ở dòng %d): hãy xoá một dòng hoặc đổi tên khoá (duplicate key)", m[1], d.fileLine(firstAt))}
	}
	if m := unmarshalRE.FindStringSubmatch(msg); m != nil {
		return YAMLProblem{Line: d.fileLine(n), Msg: wrongType(m[1], m[2], m[3]) + " (YAML: " + msg + ")"}
	}
	return YAMLProblem{Line: d.fileLine(n), Msg: "giá trị sai kiểu (wrong type) (YAML: " + msg + ")"}
}

// wrongType says what was written (a YAML tag and maybe its text) and what
// was wanted (a Go type).
func wrongType(tag, text, into string) string {
	var want string
	switch {
	case into == "string":
		want = "một giá trị văn bản trên cùng dòng với khoá"
	case strings.HasPrefix(into, "int") || strings.HasPrefix(into, "uint"):
		want = "một số nguyên, ví dụ 10"
	case strings.HasPrefix(into, "float"):
		want = "một số, ví dụ 1.5"
	case into == "bool":
		want = "true hoặc false"
	case strings.HasPrefix(into, "[]"):
		want = "một danh sách, ví dụ [\"a\", \"b\"] hoặc các dòng \"- a\""
	case strings.HasPrefix(into, "map[") || strings.Contains(into, "."):
		want = "các cặp “khoá: giá trị” thụt lề bên dưới"
	default:
		want = "giá trị kiểu khác"
	}
	var got string
	switch tag {
	case "seq":
		got = "một danh sách (- …)"
	case "map":
		got = "các cặp “khoá: giá trị”"
	case "str":
		got = "văn bản"
	case "int", "float":
		got = "một số"
	case "bool":
		got = "true/false"
	case "null":
		got = "giá trị rỗng"
	default:
		got = "!!" + tag
	}
	if text != "" {
		got += fmt.Sprintf(" %q", text)
	}
	if tag == "seq" && into == "string" {
		return fmt.Sprintf("giá trị sai kiểu (list where a value is expected): ở đây cần %s, không phải %s; khoá này chỉ nhận một giá trị: viết “khoá: giá trị” trên một dòng, bỏ các dòng “- …”", want, got)
	}
	return fmt.Sprintf("giá trị sai kiểu (wrong type): ở đây cần %s, không phải %s", want, got)
}

// tabLine is the line to blame for a tab: line n, or the nearest line
// before it, whose indentation has a tab; 0 when none does.
func (d describer) tabLine(n int) int {
	for i := n; i >= 1 && i >= n-1; i-- {
		l := d.line(i)
		if bytes.ContainsRune(l[:len(l)-len(bytes.TrimLeft(l, " \t"))], '\t') {
			return i
		}
	}
	return 0
}

// unclosedQuote is the first line whose value opens a quote that the line
// does not close; 0 when there is none.
func (d describer) unclosedQuote() int {
	for i, l := range d.lines {
		v := value(l)
		if len(v) == 0 || (v[0] != '"' && v[0] != '\'') {
			continue
		}
		if closing(v) < 0 {
			return i + 1
		}
	}
	return 0
}

func (d describer) quoteChar(n int) string {
	if v := value(d.line(n)); len(v) > 0 && v[0] == '\'' {
		return "'"
	}
	return "\""
}

// overIndented reports whether line n is indented deeper than the line
// above it while that line already has a value.
func (d describer) overIndented(n int) bool {
	l := d.line(n)
	for i := n - 1; i >= 1; i-- {
		above := d.line(i)
		t := bytes.TrimSpace(above)
		if len(t) == 0 || t[0] == '#' {
			continue
		}
		return indent(l) > indent(above) && len(bytes.TrimSpace(value(above))) > 0
	}
	return false
}

func indent(l []byte) int { return len(l) - len(bytes.TrimLeft(l, " \t")) }

// value is the text after a line's "key:" or "- ", trimmed; nil when the
// line has neither.
func value(l []byte) []byte {
	t := bytes.TrimLeft(l, " \t")
	if bytes.HasPrefix(t, []byte("- ")) {
		return bytes.TrimSpace(t[2:])
	}
	if i := keyEnd(t); i > 0 {
		return bytes.TrimSpace(t[i+1:])
	}
	return nil
}

// keyEnd is the index of the colon ending a plain key at the start of t
// ("title:"), or -1.
func keyEnd(t []byte) int {
	for i, c := range t {
		switch {
		case c == ':' && (i+1 == len(t) || t[i+1] == ' ' || t[i+1] == '\t' || t[i+1] == '\r'):
			return i
		case c == '"' || c == '\'' || c == '#' || c == '{' || c == '[' || (c == ' ' && i == 0):
			return -1
		}
	}
	return -1
}

// closing is the index in v (which starts with a quote) of the quote that
// closes it, or -1.
func closing(v []byte) int {
	q := v[0]
	for i := 1; i < len(v); i++ {
		switch {
		case q == '"' && v[i] == '\\':
			i++
		case v[i] == q && q == '\'' && i+1 < len(v) && v[i+1] == '\'':
			i++
		case v[i] == q:
			return i
		}
	}
	return -1
}

// textAfterQuote reports whether a line's value is a quoted string with
// more text after its closing quote ('title: "Kế hoạch" năm 2023').
func textAfterQuote(l []byte) bool {
	v := value(l)
	if len(v) == 0 || (v[0] != '"' && v[0] != '\'') {
		return false
	}
	end := closing(v)
	if end < 0 {
		return false
	}
	rest := bytes.TrimSpace(v[end+1:])
	return len(rest) > 0 && rest[0] != '#'
}

func isListItem(l []byte) bool {
	t := bytes.TrimLeft(l, " \t")
	return bytes.HasPrefix(t, []byte("- ")) || bytes.Equal(bytes.TrimSpace(t), []byte("-"))
}

// valueStart is the character a line's value starts with when YAML
// reserves it (@ and `), or 0.
func valueStart(l []byte) rune {
	v := value(l)
	if len(v) > 0 && (v[0] == '@' || v[0] == '`' || v[0] == '%') {
		return rune(v[0])
	}
	return 0
}

// quoted rewrites a "key: value" line with its value in double quotes,
// as the fix to show; ok is false when the line is not of that shape.
func quoted(l []byte) (string, bool) {
	t := bytes.TrimSpace(l)
	i := keyEnd(t)
	if i <= 0 {
		return "", false
	}
	v := bytes.TrimSpace(t[i+1:])
	// “Kế hoạch: năm 2024” typed by a word processor is meant as quotes.
	if inner, ok := SmartQuoted(v); ok {
		v = inner
	}
	if len(v) == 0 || v[0] == '"' || v[0] == '\'' || v[0] == '[' || v[0] == '{' {
		return "", false
	}
	return string(t[:i]) + ": " + strconv.Quote(string(v)), true
}

// SmartQuoted reports whether a plain value is wrapped in typographic
// quotes (“…”, ‘…’, „…“), which word processors type for " and YAML
// keeps as text, and returns it without them.
func SmartQuoted(v []byte) ([]byte, bool) {
	for _, q := range [][2]string{{"“", "”"}, {"‘", "’"}, {"„", "“"}, {"“", "“"}} {
		if len(v) > len(q[0])+len(q[1]) && bytes.HasPrefix(v, []byte(q[0])) && bytes.HasSuffix(v, []byte(q[1])) {
			inner := v[len(q[0]) : len(v)-len(q[1])]
			// “A” và “B” is a value with quotes in it, not a quoted value.
			if bytes.ContainsAny(inner, q[0]+q[1]) {
				return nil, false
			}
			return inner, true
		}
	}
	return nil, false
}
