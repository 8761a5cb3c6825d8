package markdown

import (
	"testing"
)

// TestHeadingTextTypographer: the typographer's entities become characters
// in heading text, so tables of contents do not show "&rsquo;" (they
// escape the text once more).
func TestHeadingTextTypographer(t *testing.T) {
	c := New(Options{Typographer: true})
	res := c.Convert(Input{Src: []byte("## Hưng Yên province's \"scores\" -- 2024\n"), FirstLine: 1})
	if len(res.Headings) != 1 {
		t.Fatalf("headings: %+v", res.Headings)
	}
	h := res.Headings[0]
	if want := "Hưng Yên province’s “scores” – 2024"; h.Text != want {
		t.Errorf("heading text %q, want %q", h.Text, want)
	}
}
