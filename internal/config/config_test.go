package config

import (
	"errors"
	"strings"
	"testing"

	"portal/internal/diag"
)

func problemsOf(t *testing.T, err error) []*diag.Problem {
	t.Helper()
	var errs diag.Errors
	if errors.As(err, &errs) {
		return errs
	}
	var p *diag.Problem
	if errors.As(err, &p) {
		return []*diag.Problem{p}
	}
	t.Fatalf("error %v (%T) is not a diag problem", err, err)
	return nil
}

func TestParseFull(t *testing.T) {
	src := `title: "Cổng thông tin PAPI thành phố Hưng Yên"
baseURL: "https://example.org/papi"
languageCode: vi
timeZone: Asia/Bangkok
markup:
  unsafeHTML: true
  typographer: false
menus:
  main:
    - {name: "Về PAPI", url: "/ve-papi/", weight: 10}
    - {name: "Kế hoạch", page: "ke-hoach/_index.md", weight: 20, identifier: kh}
    - {name: "Con", url: "/ke-hoach/con/", parent: kh}
params:
  coQuan: "UBND thành phố"
  lienKet:
    a: 1
check:
  pageBudgetKB: 200
`
	cfg, err := Parse("site.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Title != "Cổng thông tin PAPI thành phố Hưng Yên" || cfg.LanguageCode != "vi" || cfg.TimeZone != "Asia/Bangkok" || cfg.Location.String() != "Asia/Bangkok" {
		t.Errorf("cfg = %+v", cfg)
	}
	if cfg.BaseURL != "https://example.org/papi/" || cfg.BasePath != "/papi/" || !cfg.Absolute() {
		t.Errorf("BaseURL %q BasePath %q", cfg.BaseURL, cfg.BasePath)
	}
	if !cfg.Markup.UnsafeHTML || cfg.Markup.Typographer == nil || *cfg.Markup.Typographer {
		t.Errorf("markup = %+v", cfg.Markup)
	}
	m := cfg.Menus["main"]
	if len(m) != 3 || m[0].Name != "Về PAPI" || m[0].URL != "/ve-papi/" || m[0].Weight != 10 || m[1].Page != "ke-hoach/_index.md" || m[2].Parent != "kh" || m[0].Line != 10 || m[2].Line != 12 {
		t.Errorf("menus = %+v", m)
	}
	if cfg.Params["coQuan"] != "UBND thành phố" || cfg.Params["lienKet"].(map[string]any)["a"] != 1 {
		t.Errorf("params = %#v", cfg.Params)
	}
	if cfg.Check.PageBudgetKB != 200 || cfg.Check.MaxTitle != 70 || cfg.Check.MaxDescription != 160 {
		t.Errorf("check = %+v", cfg.Check)
	}
}

func TestParseDefaults(t *testing.T) {
	for _, src := range []string{"", "title: T\n", "\xef\xbb\xbftitle: T\r\n"} {
		cfg, err := Parse("site.yaml", []byte(src))
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if cfg.LanguageCode != "vi" || cfg.TimeZone != "Asia/Ho_Chi_Minh" || cfg.Location == nil || cfg.Location.String() != "Asia/Ho_Chi_Minh" {
			t.Errorf("%q: defaults lang %q zone %q", src, cfg.LanguageCode, cfg.TimeZone)
		}
		if cfg.BaseURL != "/" || cfg.BasePath != "/" || cfg.Absolute() {
			t.Errorf("%q: BaseURL %q BasePath %q", src, cfg.BaseURL, cfg.BasePath)
		}
		if cfg.Params == nil || cfg.Markup.UnsafeHTML {
			t.Errorf("%q: params %v unsafe %v", src, cfg.Params, cfg.Markup.UnsafeHTML)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // "line:fragment"
	}{
		{"unknown key", "title: T\nbaseUrl: https://example.org/\n", []string{`2:khoá "baseUrl" không được hỗ trợ`}},
		{"unknown nested key", "title: T\nmarkup:\n  unsafe: true\n", []string{`3:khoá "unsafe" không được hỗ trợ`}},
		{"unknown menu key", "title: T\nmenus:\n  main:\n    - {name: a, link: /a/}\n", []string{`4:khoá "link" không được hỗ trợ`}},
		{"two unknown keys", "title: T\nfoo: 1\nbar: 2\n", []string{`2:khoá "foo"`, `3:khoá "bar"`}},
		{"title as list", "title: [a, b]\n", []string{"1:giá trị sai kiểu"}},
		{"unsafeHTML as text", "markup:\n  unsafeHTML: maybe\n", []string{"2:giá trị sai kiểu"}},
		{"weight as text", "menus:\n  main:\n    - {name: a, url: /, weight: nhiều}\n", []string{"3:giá trị sai kiểu"}},
		{"params as list", "params: [a]\n", []string{"1:giá trị sai kiểu"}},
		{"invalid YAML", "title: T\nbaseURL: [\nx: 1\n", []string{"2:YAML không hợp lệ"}},
		{"bad indentation", "title: T\nmarkup:\n  unsafeHTML: true\n    x: 1\n", []string{"4:YAML không hợp lệ"}},
		{"invalid UTF-8", "title: T\nparams:\n  a: \"\xff\"\n", []string{"3:UTF-8"}},
		{"unknown time zone", "title: T\ntimeZone: Asia/Hanoi_City\n", []string{`2:múi giờ "Asia/Hanoi_City" không tồn tại`}},
		{"ftp baseURL", "title: T\nbaseURL: ftp://example.org/\n", []string{`2:baseURL "ftp://example.org/" không hợp lệ`}},
		{"baseURL without host", "title: T\nbaseURL: \"https:///papi/\"\n", []string{"2:baseURL"}},
		{"baseURL with query", "title: T\nbaseURL: \"https://example.org/?a=1\"\n", []string{"2:baseURL"}},
		{"baseURL with fragment", "title: T\nbaseURL: \"https://example.org/#x\"\n", []string{"2:baseURL"}},
		{"baseURL with dot-dot", "title: T\nbaseURL: \"https://example.org/a/../b/\"\n", []string{"2:baseURL"}},
		{"baseURL unparsable", "title: T\nbaseURL: \"http://[::1\"\n", []string{"2:baseURL"}},
		// Values taken with a merge key are reported where they are written.
		{"time zone through a merge key", "title: T\nparams:\n  chung: &chung\n    timeZone: Asia/Hanoi_City\n<<: *chung\n", []string{`4:múi giờ "Asia/Hanoi_City" không tồn tại`}},
		{"baseURL through merged list", "title: T\nparams:\n  a: &a\n    baseURL: ftp://a.example/\n  b: &b\n    baseURL: https://b.example/\n<<: [*a, *b]\n", []string{`4:baseURL "ftp://a.example/"`}},
		{"wrong type and unknown key together", "title: T\nfoo: 1\nmarkup:\n  unsafeHTML: maybe\n", []string{`2:khoá "foo"`, "4:giá trị sai kiểu"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := Parse("site.yaml", []byte(tc.src))
			if err == nil {
				t.Fatalf("no error; cfg = %+v", cfg)
			}
			probs := problemsOf(t, err)
			if len(probs) != len(tc.want) {
				t.Errorf("got %d problems, want %d:\n%v", len(probs), len(tc.want), err)
			}
			for _, w := range tc.want {
				line, frag, _ := strings.Cut(w, ":")
				found := false
				for _, p := range probs {
					if p.File == "site.yaml" && strings.HasPrefix(p.Error(), "site.yaml:"+line+": ") && strings.Contains(p.Msg, frag) {
						found = true
					}
				}
				if !found {
					t.Errorf("missing site.yaml:%s %q in:\n%v", line, frag, err)
				}
			}
		})
	}
}

func TestSetBaseURL(t *testing.T) {
	tests := []struct {
		in, url, path string
		abs           bool
	}{
		{"", "/", "/", false},
		{"https://example.org", "https://example.org/", "/", true},
		{"https://example.org/", "https://example.org/", "/", true},
		{"https://example.org/papi", "https://example.org/papi/", "/papi/", true},
		{"https://example.org/papi/", "https://example.org/papi/", "/papi/", true},
		{"http://localhost:1313/a/b/", "http://localhost:1313/a/b/", "/a/b/", true},
		{"/papi/", "/papi/", "/papi/", false},
		{"papi", "/papi/", "/papi/", false},
		{"https://example.org/cổng/", "https://example.org/c%E1%BB%95ng/", "/c%E1%BB%95ng/", true},
	}
	for _, tc := range tests {
		var c Config
		if err := c.SetBaseURL(tc.in); err != nil {
			t.Errorf("SetBaseURL(%q): %v", tc.in, err)
			continue
		}
		if c.BaseURL != tc.url || c.BasePath != tc.path || c.Absolute() != tc.abs {
			t.Errorf("SetBaseURL(%q) = %q %q %v, want %q %q %v", tc.in, c.BaseURL, c.BasePath, c.Absolute(), tc.url, tc.path, tc.abs)
		}
	}
	for _, bad := range []string{"javascript:alert(1)", "ftp://x/", "https://", "https://x/?q", "https://x/#f", "https://x/../", "//example.org/"} {
		var c Config
		if err := c.SetBaseURL(bad); err == nil {
			t.Errorf("SetBaseURL(%q) accepted: %q %q", bad, c.BaseURL, c.BasePath)
		}
	}
}

func TestSplitYAMLError(t *testing.T) {
	tests := []struct {
		msg  string
		line int
	}{
		{"yaml: line 3: mapping values are not allowed in this context", 3},
		{"yaml: line 1: did not find expected key", 2},
		{"yaml: did not find expected key", 1},
		{"yaml: unknown anchor 'y' referenced", 0},
	}
	for _, tc := range tests {
		if line, _ := SplitYAMLError(errors.New(tc.msg)); line != tc.line {
			t.Errorf("SplitYAMLError(%q) line = %d, want %d", tc.msg, line, tc.line)
		}
	}
}

// Each menu entry knows the line of each of its keys, through merge keys
// too, in the site's menus and each language's.
func TestMenuLines(t *testing.T) {
	src := "title: T\n" + // 1
		"params:\n" + // 2
		"  mau: &mau\n" + // 3
		"    url: \"javascript:alert(1)\"\n" + // 4
		"    weight: 5\n" + // 5
		"menus:\n" + // 6
		"  main:\n" + // 7
		"    - name: \"A\"\n" + // 8
		"      url: \"/a/\"\n" + // 9
		"    - <<: *mau\n" + // 10
		"      name: \"B\"\n" + // 11
		"languages:\n" + // 12
		"  en:\n" + // 13
		"    menus:\n" + // 14
		"      main:\n" + // 15
		"        - <<: *mau\n" + // 16
		"          name: \"C\"\n" // 17
	cfg, err := Parse("site.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m := cfg.Menus["main"]
	if len(m) != 2 {
		t.Fatalf("menu = %+v", m)
	}
	for _, c := range []struct {
		e    MenuEntry
		key  string
		line int
	}{
		{m[0], "url", 9}, {m[0], "name", 8}, {m[0], "page", 8},
		{m[1], "url", 4}, {m[1], "name", 11}, {m[1], "weight", 5},
		{cfg.Languages["en"].Menus["main"][0], "url", 4},
		{cfg.Languages["en"].Menus["main"][0], "name", 17},
	} {
		if got := c.e.LineOf(c.key); got != c.line {
			t.Errorf("%s.LineOf(%q) = %d, want %d", c.e.Name, c.key, got, c.line)
		}
	}
	if m[1].URL != "javascript:alert(1)" || m[1].Weight != 5 {
		t.Errorf("merged entry decoded as %+v", m[1])
	}
}
