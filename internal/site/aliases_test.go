package site

import (
	"sort"
	"strings"
	"testing"

	"portal/internal/diag"
)

func TestAliasesAndCollisions(t *testing.T) {
	s := mustSite(t, "", map[string]string{
		"content/tin/a.md": "aliases: [\"/cu/a/\", \"cu/a.html\"]\n",
	}, Options{})
	var outs []string
	for out, p := range s.Aliases {
		outs = append(outs, out+"→"+p.URL)
	}
	sort.Strings(outs)
	if got := strings.Join(outs, " "); got != "cu/a.html→/tin/a/ cu/a/index.html→/tin/a/" {
		t.Errorf("aliases = %s", got)
	}
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"alias on a page", map[string]string{"content/tin/a.md": "aliases: [/tin/b/]\n", "content/tin/b.md": ""}, "content/tin/a.md:3: aliases: /tin/b/ đã là địa chỉ của content/tin/b.md"},
		{"alias twice", map[string]string{"content/tin/a.md": "aliases: [/cu/]\n", "content/tin/b.md": "aliases: [/cu/]\n"}, "aliases: /cu/ cũng là bí danh của content/tin/a.md"},
	}
	// An alias on a file the build writes itself is output's to refuse
	// (output/paths_test.go).
	for _, tc := range tests {
		_, probs := newSite(t, "", tc.files, Options{})
		if !strings.Contains(diag.Errors(probs).Error(), tc.want) {
			t.Errorf("%s: problems\n%v\nwant %q", tc.name, diag.Errors(probs), tc.want)
		}
	}
}
