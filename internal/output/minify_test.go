package output

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	mhtml "github.com/tdewolff/minify/v2/html"
)

func TestMinifier(t *testing.T) {
	mf := NewMinifier()
	var buf bytes.Buffer
	html := []byte("<!doctype html>\n<html lang=\"vi\">\n<head>\n  <title> Tiêu đề </title>\n</head>\n<body>\n  <p class=\"a\">  Xin   chào  </p>\n</body>\n</html>\n")
	out := string(mf.Minify(&buf, TypeOf("index.html"), html))
	if len(out) >= len(html) || !strings.Contains(out, `<p class="a">Xin chào</p>`) || !strings.Contains(out, "<html lang=\"vi\">") || !strings.Contains(out, "</html>") {
		t.Errorf("minified HTML = %q", out)
	}
	css := string(mf.Minify(&buf, TypeOf("a.CSS"), []byte("body {\n  color: #ff0000;\n}\n")))
	if css != "body{color:red}" {
		t.Errorf("minified CSS = %q", css)
	}
	if got := mf.Minify(&buf, TypeOf("a.png"), []byte("  x  ")); string(got) != "  x  " {
		t.Errorf("unknown type changed: %q", got)
	}
	var nilMin *Minifier
	if got := nilMin.Minify(&buf, "text/html", []byte(" a ")); string(got) != " a " {
		t.Errorf("nil minifier changed input: %q", got)
	}
	for ext, want := range map[string]string{"x.html": "text/html", "x.xml": "application/xml", "x.svg": "image/svg+xml", "x.js": "application/javascript", "x.json": "application/json", "x.txt": ""} {
		if got := TypeOf(ext); got != want {
			t.Errorf("TypeOf(%q) = %q, want %q", ext, got, want)
		}
	}
}

// Style attributes are minified once per distinct value and remembered:
// the result must be the CSS minifier's, however often a value repeats,
// from any number of goroutines.
func TestMinifierInlineStyles(t *testing.T) {
	ref := minify.New()
	ref.Add("text/html", &mhtml.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	ref.AddFunc("text/css", css.Minify)
	var page strings.Builder
	page.WriteString("<table>")
	for i := range 50 {
		fmt.Fprintf(&page, `<tr><td style="text-align: right">%d</td><td style="text-align:center">x</td><td style="font-weight: bold ; color: #FF0000">y</td><td style="margin: 0px %dpx">z</td></tr>`, i, i%3)
	}
	page.WriteString(`</table><p style="` + strings.Repeat("color: red; ", 10) + `">dài</p>`)
	want, err := ref.String("text/html", page.String())
	if err != nil {
		t.Fatal(err)
	}
	mf := NewMinifier()
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 3 {
				var buf bytes.Buffer
				if got := string(mf.Minify(&buf, "text/html", []byte(page.String()))); got != want {
					t.Errorf("minified page differs from the CSS minifier's:\n%s\nwant\n%s", got, want)
				}
			}
		})
	}
	wg.Wait()
	// Six distinct short values (two alignments, one font rule, three
	// margins); the long one is minified each time.
	if n := mf.memoCount.Load(); n != 6 {
		t.Errorf("%d style values remembered, want the 6 short ones", n)
	}
	if !strings.Contains(want, `style="text-align:right"`) || !strings.Contains(want, `style="font-weight:700;color:red"`) {
		t.Errorf("reference output unexpected: %s", want)
	}
}
