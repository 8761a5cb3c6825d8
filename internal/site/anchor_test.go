package site

import (
	"testing"

	"portal/internal/markdown"
)

// A page's anchors are its headings' ids, as converted.
func TestHasAnchor(t *testing.T) {
	p := &Page{}
	SetConverted(p, markdown.Result{Headings: []markdown.Heading{{Level: 2, Text: "Mục đích", ID: "muc-dich"}, {Level: 3, Text: "Yêu cầu", ID: "yeu-cau-2"}}})
	for id, want := range map[string]bool{"muc-dich": true, "yeu-cau-2": true, "yeu-cau": false, "": false, "Muc-dich": false} {
		if got := p.HasAnchor(id); got != want {
			t.Errorf("HasAnchor(%q) = %v, want %v", id, got, want)
		}
	}
	if (&Page{}).HasAnchor("x") {
		t.Error("a page not converted has no anchors")
	}
}
