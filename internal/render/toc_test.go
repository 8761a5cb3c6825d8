package render

import (
	"testing"

	"portal/internal/markdown"
)

// The table of contents nests headings of levels 2 to 4, with a list item
// holding the deeper list where a level is skipped; html/template escapes
// every id and text.
func TestTableOfContents(t *testing.T) {
	tests := []struct {
		name string
		hs   []markdown.Heading
		want string
	}{
		{"none", nil, ""},
		{"only h1", []markdown.Heading{h(1, "A", "a")}, ""},
		{"flat", []markdown.Heading{h(2, "A", "a"), h(2, "B", "b")}, `<ol><li><a href="#a">A</a></li><li><a href="#b">B</a></li></ol>`},
		{"nested", []markdown.Heading{h(2, "A", "a"), h(3, "A1", "a1"), h(3, "A2", "a2"), h(2, "B", "b")},
			`<ol><li><a href="#a">A</a><ol><li><a href="#a1">A1</a></li><li><a href="#a2">A2</a></li></ol></li><li><a href="#b">B</a></li></ol>`},
		{"starts deeper", []markdown.Heading{h(3, "X", "x"), h(2, "B", "b")},
			`<ol><li><ol><li><a href="#x">X</a></li></ol></li><li><a href="#b">B</a></li></ol>`},
		{"skips a level", []markdown.Heading{h(2, "A", "a"), h(4, "C", "c"), h(2, "B", "b")},
			`<ol><li><a href="#a">A</a><ol><li><ol><li><a href="#c">C</a></li></ol></li></ol></li><li><a href="#b">B</a></li></ol>`},
		{"escapes text", []markdown.Heading{h(2, "A & <B>", "a-b")}, `<ol><li><a href="#a-b">A &amp; &lt;B&gt;</a></li></ol>`},
		{"escapes ids and quotes", []markdown.Heading{h(2, `"x" 'y'`, `a"><script>`)}, `<ol><li><a href="#a%22%3e%3cscript%3e">&#34;x&#34; &#39;y&#39;</a></li></ol>`},
		{"h5 ignored", []markdown.Heading{h(2, "A", "a"), h(5, "E", "e")}, `<ol><li><a href="#a">A</a></li></ol>`},
	}
	for _, tc := range tests {
		got, err := tableOfContents(tc.hs)
		if err != nil || string(got) != tc.want {
			t.Errorf("%s:\n got %s, %v\nwant %s", tc.name, got, err, tc.want)
		}
	}
}

func h(level int, text, id string) markdown.Heading {
	return markdown.Heading{Level: level, Text: text, ID: id}
}
