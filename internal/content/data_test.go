package content

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"portal/internal/testkit"
)

func TestLoadData(t *testing.T) {
	root := t.TempDir()
	testkit.WriteFile(t, root, "data/lien-he.yaml", []byte("dien_thoai:\n  value: \"0221 3862 400\"\n  confirmed: false\ndia_chi: Hưng Yên\n"))
	testkit.WriteFile(t, root, "data/so/lieu.json", []byte(`{"nam": 2024, "diem": 44.23, "ds": [1, "a"]}`))
	testkit.WriteFile(t, root, "data/papi.csv", []byte("year, total\n2023,42.1\n2024,\"44,23\"\n"))
	testkit.WriteFile(t, root, "data/ghi-chu.txt", []byte("not data"))
	testkit.WriteFile(t, root, "data/.an.yaml", []byte(": : :"))
	d, probs := LoadData(root)
	if len(probs) != 0 {
		t.Fatal(probs)
	}
	lh := d.Values["lien-he"].(map[string]any)
	if lh["dia_chi"] != "Hưng Yên" || lh["dien_thoai"].(map[string]any)["confirmed"] != false {
		t.Errorf("lien-he = %#v", lh)
	}
	so := d.Values["so"].(map[string]any)["lieu"].(map[string]any)
	if so["nam"] != 2024 || so["diem"] != 44.23 || !reflect.DeepEqual(so["ds"], []any{1, "a"}) {
		t.Errorf("so/lieu = %#v", so)
	}
	rows := d.Values["papi"].([]any)
	if len(rows) != 2 || rows[1].(map[string]any)["total"] != "44,23" || rows[0].(map[string]any)["year"] != "2023" {
		t.Errorf("papi rows = %#v", rows)
	}
	tb := d.Tables["papi"]
	if tb == nil || !reflect.DeepEqual(tb.Header, []string{"year", "total"}) || len(tb.Rows) != 2 {
		t.Errorf("papi table = %#v", tb)
	}
	if _, ok := d.Values["ghi-chu"]; ok {
		t.Error("a .txt file became data")
	}
	if _, ok := d.Values[".an"]; ok {
		t.Error("a hidden file became data")
	}
	if want := []string{"data/lien-he.yaml", "data/papi.csv", "data/so/lieu.json"}; !reflect.DeepEqual(d.Files, want) {
		t.Errorf("Files = %v, want %v", d.Files, want)
	}
}

func TestLoadDataErrors(t *testing.T) {
	tests := []struct {
		name, file, src string
		want            string // "line:fragment"
	}{
		{"yaml indentation", "data/a.yaml", "a: 1\nb: 2\n  c: 3\n", "3:YAML không hợp lệ"},
		{"yaml unclosed flow", "data/a.yaml", "a: 1\nb: [1, 2\nc: 3\n", "2:YAML không hợp lệ"},
		{"yaml block after mapping", "data/a.yaml", "a: 1\n- b\n", "2:YAML không hợp lệ"},
		{"yaml duplicate key", "data/a.yaml", "a: 1\nb: 2\na: 3\n", `3:YAML không hợp lệ`},
		{"json syntax", "data/b.json", "{\n  \"a\": 1,\n  \"b\": ,\n}\n", "3:JSON không hợp lệ"},
		{"json trailing comma", "data/b.json", "{\n\"a\": 1,\n}\n", "3:JSON không hợp lệ"},
		{"csv field count", "data/c.csv", "a,b\n1,2\n3\n", "3:CSV không hợp lệ"},
		{"csv bare quote", "data/c.csv", "a,b\n1,2\n3,4\"x\n", "3:CSV không hợp lệ"},
		{"csv empty", "data/c.csv", "", "1:tệp CSV trống"},
		{"invalid UTF-8", "data/d.yaml", "a: 1\nb: \xff\n", "2:UTF-8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			testkit.WriteFile(t, root, tc.file, []byte(tc.src))
			testkit.WriteFile(t, root, "data/good.yaml", []byte("x: 1\n"))
			d, probs := LoadData(root)
			assertProblems(t, probs, tc.file, []string{tc.want})
			if d.Values["good"] == nil {
				t.Error("a bad data file stopped the good one from loading")
			}
		})
	}
}

func TestWalkSymlinks(t *testing.T) {
	outside := t.TempDir()
	testkit.WriteFile(t, outside, "secret.md", []byte("---\ntitle: s\n---\n"))
	root := t.TempDir()
	testkit.WriteFile(t, root, "content/a.md", []byte("---\ntitle: a\n---\n"))
	testkit.WriteFile(t, root, "shared/b.md", []byte("---\ntitle: b\n---\n"))
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(root, "content", name)); err != nil {
			t.Skip("symlinks unsupported:", err)
		}
	}
	link(filepath.Join(outside, "secret.md"), "secret.md")
	link(filepath.Join(root, "shared", "b.md"), "b.md")
	link(filepath.Join(root, "missing.md"), "broken.md")
	link(outside, "dir")
	files, probs := Walk(root, filepath.Join(root, "content"), "content")
	if want := []string{"a.md", "b.md"}; !reflect.DeepEqual(files, want) {
		t.Errorf("files = %v, want %v", files, want)
	}
	got := map[string]string{}
	for _, p := range probs {
		got[p.File] = p.Level.String() + ": " + p.Msg
	}
	for file, frag := range map[string]string{
		"content/secret.md": "error: liên kết tượng trưng trỏ ra ngoài thư mục trang",
		"content/dir":       "error: liên kết tượng trưng trỏ ra ngoài thư mục trang",
		"content/broken.md": "error: liên kết tượng trưng hỏng",
	} {
		if m, ok := got[file]; !ok || !strings.Contains(m, frag) {
			t.Errorf("%s: got %q, want %q", file, m, frag)
		}
	}
}

func TestIgnored(t *testing.T) {
	for _, name := range []string{".DS_Store", ".git", "#a.md#", "a.md~", "a.swp", "a.tmp", "Thumbs.db", "desktop.ini", "~$bao-cao.docx", "__MACOSX"} {
		if !Ignored(name) {
			t.Errorf("Ignored(%q) = false", name)
		}
	}
	for _, name := range []string{"a.md", "_index.md", "bao-cao.docx", "anh~1.png", "ảnh.png"} {
		if Ignored(name) {
			t.Errorf("Ignored(%q) = true", name)
		}
	}
	root := t.TempDir()
	testkit.WriteFile(t, root, "content/tin/~$bao-cao.docx", []byte("lock"))
	testkit.WriteFile(t, root, "content/tin/__MACOSX/._a.md", []byte("x"))
	testkit.WriteFile(t, root, "content/tin/a.md", []byte("---\ntitle: a\n---\n"))
	files, probs := Walk(root, filepath.Join(root, "content"), "content")
	if len(probs) != 0 || len(files) != 1 || files[0] != "tin/a.md" {
		t.Errorf("Walk = %v %v", files, probs)
	}
}

// A data/ folder that is a symlink to a folder inside the site is read
// through it; one that leads outside is refused by name.
func TestLoadDataThroughSymlink(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "chung"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "chung", "so.yaml"), []byte("a: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("chung", filepath.Join(root, "data")); err != nil {
		t.Fatal(err)
	}
	d, probs := LoadData(root)
	if len(probs) != 0 || d.Values["so"] == nil {
		t.Errorf("data through an inside symlink: %v %v", d.Values, probs)
	}
	other := t.TempDir()
	root2 := t.TempDir()
	if err := os.Symlink(other, filepath.Join(root2, "data")); err != nil {
		t.Fatal(err)
	}
	if _, probs := LoadData(root2); len(probs) != 1 || !strings.Contains(probs[0].Error(), "symlink points outside the site") {
		t.Errorf("data symlinked outside: %v", probs)
	}
}

func TestJSONDuplicateKey(t *testing.T) {
	for _, c := range []struct {
		src  string
		key  string
		line int
	}{
		{`{"a":1,"a":2}`, "a", 1},
		{"{\n  \"a\": 1,\n  \"b\": {\"c\": [1, {\"a\": 2}]},\n  \"a\": 3\n}", "a", 4},
		{"{\"x\": {\"k\": 1,\n\"k\": 2}}", "k", 2},
		{`{"a":{"b":1},"b":{"a":1}}`, "", 0},
		{`[{"a":1},{"a":2}]`, "", 0},
		{`{"a":[],"b":{},"c":"a"}`, "", 0},
	} {
		key, line, dup := jsonDuplicateKey([]byte(c.src))
		if key != c.key || line != c.line || dup != (c.key != "") {
			t.Errorf("%q: %q line %d dup %v; want %q line %d", c.src, key, line, dup, c.key, c.line)
		}
	}
}

func TestDuplicateDataName(t *testing.T) {
	root := testkit.Files(t, map[string]string{"data/so.yaml": "a: 1\n", "data/so.json": `{"a": 2}`})
	_, probs := LoadData(root)
	if len(probs) != 1 || !strings.Contains(probs[0].Error(), "data/so.yaml: tệp này và data/so.json") {
		t.Errorf("problems = %v", probs)
	}
}
