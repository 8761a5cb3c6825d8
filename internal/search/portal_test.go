package search_test

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"

	"portal/internal/build"
	"portal/internal/search"
)

// TestPortalIndex builds the search index of the portal's real content
// (the repository's site) and checks its size budget — about 1 KB
// compressed per page, "a ~30-page portal's full index < 30 KB" — and that
// typical queries typed without diacritics find pages.
func TestPortalIndex(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "site.yaml")); err != nil {
		t.Skip("no site in the repository: ", err)
	}
	res, err := build.Build(build.Options{Source: root, Dest: t.TempDir(), Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	docs := build.SearchDocs(res.Site, res.Views)
	files, err := search.Build(docs, search.Options{BasePath: res.Site.BasePath})
	if err != nil {
		t.Fatal(err)
	}
	raw, gz := 0, 0
	for name, b := range files {
		if name == "search/search.js" {
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
	t.Logf("portal: %d pages, %d index files, %d bytes, %d bytes gzip (search.js excluded)", len(docs), len(files)-1, raw, gz)
	if gz > len(docs)*1024 {
		t.Errorf("index is %d bytes gzip for %d pages: over 1 KB per page", gz, len(docs))
	}
	ix, err := search.Open(files)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"minh bach", "tham gia", "kiem soat tham nhung", "thu tuc hanh chinh"} {
		rs, err := ix.Search(q, 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) == 0 {
			t.Errorf("%q finds nothing in the portal", q)
			continue
		}
		t.Logf("%-22q → %s (%s)", q, rs[0].URL, rs[0].Title)
	}
}
