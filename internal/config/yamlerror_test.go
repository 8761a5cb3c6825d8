package config

import (
	"errors"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// Editors' usual YAML mistakes, read by the YAML library as the build
// reads them: each is told in Vietnamese at the line to fix, with its cause.
func TestDescribeYAMLErrorFromText(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		typed bool // decode into a struct, as site.yaml is
		line  int
		want  []string
	}{
		{"colon in an unquoted value", "title: Kế hoạch: năm 2023\ndate: 2023-02-08\n", false, 1,
			[]string{"đặt giá trị trong dấu ngoặc kép", `title: "Kế hoạch: năm 2023"`, "(YAML: mapping values are not allowed in this context)"}},
		{"colon on a later line", "title: \"a\"\ndescription: Mục đích: nâng cao\n", false, 2,
			[]string{`description: "Mục đích: nâng cao"`}},
		{"unclosed double quote", "title: \"Kế hoạch năm 2023\ndate: 2023-02-08\n", false, 1,
			[]string{"dấu ngoặc \" mở ở dòng 1 chưa được đóng", "found unexpected end of stream"}},
		{"unclosed single quote", "date: 2023-02-08\ntitle: 'Kế hoạch\n", false, 2,
			[]string{"dấu ngoặc ' mở ở dòng 2 chưa được đóng"}},
		{"text after the closing quote", "title: \"Kế hoạch\" năm 2023\n", false, 1,
			[]string{"có chữ sau dấu ngoặc kép đóng"}},
		{"tab before a key", "title: a\n\tdate: 2023-02-08\n", false, 2,
			[]string{"thụt lề bằng phím Tab", "dấu cách"}},
		{"tab before a list item", "title: a\ntags:\n\t- b\n", false, 3,
			[]string{"thụt lề bằng phím Tab"}},
		{"tab on the first line", "\ttitle: a\n", false, 1,
			[]string{"thụt lề bằng phím Tab"}},
		{"key indented under a value", "title: a\n  date: 2023-02-08\n", false, 2,
			[]string{"thụt lề sâu hơn dòng trên", "(wrong indentation)"}},
		{"list items not aligned", "tags:\n  - a\n - b\n", false, 3,
			[]string{"mục danh sách (- …) ở chỗ cần “khoá: giá trị”"}},
		{"list after a value", "title: a\n- b\n", false, 2,
			[]string{"(list where a value is expected)"}},
		{"list where a value is expected (typed)", "title:\n  - a\n  - b\n", true, 2,
			[]string{"giá trị sai kiểu (list where a value is expected)", "khoá này chỉ nhận một giá trị"}},
		{"unclosed list", "tags: [a, b\nweight: 1\n", false, 2,
			[]string{"danh sách trong [ ] chưa đóng"}},
		{"unclosed braces", "menu: {name: a\n", false, 2,
			[]string{"nhóm trong { } chưa đóng"}},
		{"value starting with @", "title: @portal\n", false, 1,
			[]string{"không được bắt đầu bằng '@'", "dấu ngoặc kép"}},
		{"unknown escape", "title: \"C:\\cong\"\n", false, 1,
			[]string{"dấu \\ chỉ đi với"}},
		{"star at the start", "title: *quan trọng\n", false, 0,
			[]string{"dấu * ở đầu giá trị"}},
		{"key written twice", "title: a\ndate: 2023-02-08\ntitle: b\n", true, 3,
			[]string{`khoá "title" xuất hiện hai lần (lần đầu ở dòng 1)`}},
		{"number expected", "weight: nhiều\n", true, 1,
			[]string{"giá trị sai kiểu (wrong type): ở đây cần một số nguyên", `"nhiều"`}},
		{"true or false expected", "draft: có\n", true, 1,
			[]string{"ở đây cần true hoặc false"}},
	}
	type page struct {
		Title  string   `yaml:"title"`
		Date   string   `yaml:"date"`
		Weight int      `yaml:"weight"`
		Draft  bool     `yaml:"draft"`
		Tags   []string `yaml:"tags"`
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			if tc.typed {
				var p page
				err = yaml.Unmarshal([]byte(tc.src), &p)
			} else {
				var n yaml.Node
				err = yaml.Unmarshal([]byte(tc.src), &n)
			}
			if err == nil {
				t.Fatalf("YAML accepted %q", tc.src)
			}
			probs := DescribeYAMLError(err, []byte(tc.src), 1)
			if len(probs) != 1 {
				t.Fatalf("%d problems: %+v", len(probs), probs)
			}
			p := probs[0]
			if p.Line != tc.line {
				t.Errorf("line %d; want %d (%s)", p.Line, tc.line, p.Msg)
			}
			for _, w := range tc.want {
				if !strings.Contains(p.Msg, w) {
					t.Errorf("message lacks %q:\n%s\n(raw: %v)", w, p.Msg, err)
				}
			}
		})
	}
}

// Lines are the file's: front matter starts on line 2, after "---", and
// the lines a message names are shifted too.
func TestDescribeYAMLErrorFileLines(t *testing.T) {
	src := "title: \"Kế hoạch\ndate: 2023-02-08\n"
	var n yaml.Node
	err := yaml.Unmarshal([]byte(src), &n)
	p := DescribeYAMLError(err, []byte(src), 2)[0]
	if p.Line != 2 || !strings.Contains(p.Msg, "mở ở dòng 2") {
		t.Errorf("%+v", p)
	}
	var m map[string]any
	err = yaml.Unmarshal([]byte("a: 1\nb: 2\na: 3\n"), &m)
	p = DescribeYAMLError(err, nil, 5)[0]
	if p.Line != 7 || !strings.Contains(p.Msg, "lần đầu ở dòng 5") {
		t.Errorf("duplicate key: %+v", p)
	}
}

// The library's raw messages, without the text: the line is still right
// (yaml.v3 counts its parser's lines from 0 and leaves out line 1) and the
// message is Vietnamese.
func TestDescribeYAMLErrorRaw(t *testing.T) {
	tests := []struct {
		raw  string
		line int
		want string
	}{
		{"yaml: mapping values are not allowed in this context", 1, "dấu hai chấm (:)"},
		{"yaml: line 4: mapping values are not allowed in this context", 4, "đặt giá trị trong dấu ngoặc kép"},
		{"yaml: line 3: found unexpected end of stream", 3, "thiếu dấu ngoặc kép đóng"},
		{"yaml: line 2: found a tab character that violates indentation", 2, "phím Tab"},
		{"yaml: found character that cannot start any token", 1, "đặt giá trị trong dấu ngoặc kép"},
		{"yaml: line 1: did not find expected key", 2, "thụt lề sai"},
		{"yaml: did not find expected key", 1, "thụt lề sai"},
		{"yaml: line 6: did not find expected '-' indicator", 7, "thẳng hàng"},
		{"yaml: line 1: did not find expected ',' or ']'", 2, "[ ]"},
		{"yaml: unknown anchor 'x' referenced", 0, "dấu *"},
		{"yaml: document contains excessive aliasing", 0, "bí danh"},
		{"yaml: something new", 1, "YAML không đọc được dòng này"},
	}
	for _, tc := range tests {
		line, msg := SplitYAMLError(errors.New(tc.raw))
		if line != tc.line || !strings.Contains(msg, tc.want) {
			t.Errorf("%q: line %d, %q; want line %d and %q", tc.raw, line, msg, tc.line, tc.want)
		}
		words := strings.TrimPrefix(tc.raw, "yaml: ")
		if _, after, ok := strings.Cut(words, ": "); ok && strings.HasPrefix(words, "line ") {
			words = after
		}
		if !strings.HasSuffix(msg, "(YAML: "+words+")") {
			t.Errorf("%q: the library's words are not kept for the technical team: %q", tc.raw, msg)
		}
	}
	te := &yaml.TypeError{Errors: []string{
		"line 2: cannot unmarshal !!seq into string",
		"line 5: cannot unmarshal !!map into []string",
		"line 7: cannot unmarshal !!str `abc` into float64",
	}}
	probs := DescribeYAMLError(te, nil, 1)
	want := []struct {
		line int
		msg  string
	}{{2, "không phải một danh sách"}, {5, "cần một danh sách"}, {7, `cần một số, ví dụ 1.5, không phải văn bản "abc"`}}
	if len(probs) != len(want) {
		t.Fatalf("%d problems: %+v", len(probs), probs)
	}
	for i, w := range want {
		if probs[i].Line != w.line || !strings.Contains(probs[i].Msg, w.msg) {
			t.Errorf("type error %d: %+v; want line %d and %q", i, probs[i], w.line, w.msg)
		}
	}
}
