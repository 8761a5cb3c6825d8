package search_test

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"portal/internal/build"
	"portal/internal/search"
	"portal/internal/testkit"
)

// TestPortalIndex reads the search index a build of the portal's real
// content (the repository's site) publishes and checks its size budget —
// about 1 KB compressed per page, "a ~30-page portal's full index < 30 KB"
// — and that typical queries typed without diacritics find pages, by
// words of their titles and of their text.
func TestPortalIndex(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "site.yaml")); err != nil {
		t.Skip("no site in the repository: ", err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	res, err := build.Build(build.Options{Source: root, Dest: dest, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for name, b := range testkit.ReadTree(t, filepath.Join(dest, "search")) {
		files["search/"+name] = []byte(b)
	}
	raw, gz := 0, 0
	for name, b := range files {
		if strings.HasPrefix(name, "search/search.") && strings.HasSuffix(name, ".js") || strings.HasPrefix(name, "search/offline/") {
			continue
		}
		var buf bytes.Buffer
		w := gzip.NewWriter(&buf)
		if _, err := w.Write(b); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		raw += len(b)
		gz += buf.Len()
	}
	pages := len(res.Site.AllPages)
	t.Logf("portal: %d pages, %d index files, %d bytes, %d bytes gzip (the script excluded)", pages, len(files), raw, gz)
	if gz > pages*1024 {
		t.Errorf("index is %d bytes gzip for %d pages: over 1 KB per page", gz, pages)
	}
	ix, err := search.Open(files)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ q, url string }{
		{"minh bach", ""},
		{"tham gia", ""},
		{"kiem soat tham nhung", "chi-so/kiem-soat-tham-nhung-trong-khu-vuc-cong/"},
		{"thu tuc hanh chinh", ""},
		// Words only in pages' text, not in their titles or headings
		// (URLs are relative to the site root; an anchor may follow).
		{"CECODES", "ve-papi/papi-la-gi/"},
		{"axe-core", "tro-nang/"},
		{"dichvucong", "tham-gia/dich-vu-cong-truc-tuyen/"},
	} {
		rs, err := ix.Search(tc.q, 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) == 0 {
			t.Errorf("%q finds nothing in the portal", tc.q)
			continue
		}
		if tc.url != "" && !slices.ContainsFunc(rs, func(r search.Result) bool { return strings.HasPrefix(r.URL, tc.url) }) {
			t.Errorf("%q: %s not among the first results %v", tc.q, tc.url, rs)
		}
		t.Logf("%-22q → %s (%s)", tc.q, rs[0].URL, rs[0].Title)
	}
}
