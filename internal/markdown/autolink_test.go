package markdown

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Bodies without anything GFM could autolink are parsed without the
// autolinker; the HTML must be what the autolinker would have given. Checked
// on every page of the portal and on awkward inputs.
func TestNoAutolinkSameOutput(t *testing.T) {
	inputs := map[string]string{
		"emphasis at word start": "*a* _b_ ~~c~~ (d) (*e*)\n",
		"near misses":            "http:/x https:x www x ftp:/ wwwx @ không\n",
		"typographer":            "\"Trích\" -- và --- ... 'đơn' (c) (tm)\n",
		"table and list":         "| a | b |\n|---|---|\n| *x* | (y) |\n\n- [ ] (z)\n- ~việc~\n",
		"code":                   "`http` and ```\nwww\n```\n",
	}
	err := filepath.WalkDir("../../content", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		b, err := os.ReadFile(path)
		inputs[path] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	conv := New(Options{Typographer: true})
	linked := New(Options{Typographer: true})
	linked.noLinks = linked.md
	skipped := 0
	for name, src := range inputs {
		if mayAutolink([]byte(src)) {
			continue
		}
		skipped++
		in := Input{Src: []byte(src), Context: Context{Links: passResolver{}, Shortcodes: shortcodeFunc(fuzzShortcode)}}
		got, want := conv.Convert(in), linked.Convert(in)
		if string(got.HTML) != string(want.HTML) || got.Plain != want.Plain {
			t.Errorf("%s: output without the autolinker differs:\n%s\nwith it:\n%s", name, got.HTML, want.HTML)
		}
	}
	if skipped < 20 {
		t.Errorf("only %d inputs took the path without the autolinker", skipped)
	}
}
