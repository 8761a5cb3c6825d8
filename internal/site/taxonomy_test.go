package site

import (
	"strings"
	"testing"
)

func TestTagsAndRelated(t *testing.T) {
	s := mustSite(t, "", map[string]string{
		"content/tin/a.md": "tags: [\"Cải cách\", PAPI, Hưng Yên]\ndate: 2024-01-01\n",
		"content/tin/b.md": "tags: [\"cải cách\", PAPI]\ndate: 2024-02-01\n",
		"content/tin/c.md": "tags: [PAPI]\ndate: 2024-03-01\n",
		"content/tin/d.md": "tags: [Khác]\n",
		"content/tin/e.md": "tags: [\"Hưng Yên\", \"HƯNG YÊN\"]\ndate: 2023-01-01\n",
	}, Options{})
	var names []string
	for _, tm := range s.Taxonomies["tags"] {
		names = append(names, tm.Name+"="+tm.Slug+"="+tm.RelPermalink+"="+string(rune('0'+tm.Count())))
	}
	if got := strings.Join(names, " "); got != "Cải cách=cai-cach=/papi/tags/cai-cach/=2 Hưng Yên=hung-yen=/papi/tags/hung-yen/=2 Khác=khac=/papi/tags/khac/=1 PAPI=papi=/papi/tags/papi/=3" {
		t.Errorf("tags = %s", got)
	}
	a := s.PageByURL("/tin/a/")
	if got := urls(a.Related); got != "/tin/b/ /tin/c/ /tin/e/" {
		t.Errorf("related(a) = %s", got)
	}
	if len(s.PageByURL("/tin/e/").Tags) != 1 {
		t.Errorf("duplicate tag on one page counted twice")
	}
	if r := s.PageByURL("/tin/d/").Related; len(r) != 0 {
		t.Errorf("related(d) = %s", urls(r))
	}
}

func TestRelatedLimit(t *testing.T) {
	files := map[string]string{}
	for _, n := range []string{"a", "b", "c", "d", "e", "f", "g"} {
		files["content/tin/"+n+".md"] = "tags: [PAPI]\n"
	}
	s := mustSite(t, "", files, Options{})
	if n := len(s.PageByURL("/tin/a/").Related); n != 5 {
		t.Errorf("related = %d, want 5", n)
	}
}
