package publish

import (
	"strings"
	"testing"

	"portal/internal/check"
	"portal/internal/testkit"
)

// TestCheckBothLanguages: "portal check" finds no error in the portal, its
// English pages included (their footer says "being confirmed" under
// English labels, which the footer rule must accept).
func TestCheckBothLanguages(t *testing.T) {
	fs, err := check.Run(check.Options{Source: testkit.Root(t)})
	if err != nil {
		t.Fatal(err)
	}
	english := 0
	for _, f := range fs {
		if f.Level == check.Error {
			t.Errorf("%s:%d: %s", f.File, f.Line, f.Msg)
		}
		if strings.Contains(f.File, "/en/") {
			english++
		}
	}
	if english > 0 {
		t.Errorf("%d findings on English pages", english)
	}
}
