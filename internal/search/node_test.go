package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"portal/internal/testkit"
)

type jsPage struct {
	Status  string `json:"status"`
	Results []struct {
		Href, Title, Meta, Snippet string
		Marks                      []string
	} `json:"results"`
	More       bool     `json:"more"`
	Replaced   *string  `json:"replaced"`
	Downloaded int      `json:"downloaded"`
	Requests   []string `json:"requests"`
}

func runJS(t *testing.T, node, dir, mode, q string) jsPage {
	t.Helper()
	cmd := exec.Command(node, filepath.Join("testdata", "harness.js"), dir, mode, q)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node harness %s %q: %v\n%s", mode, q, err, stderr.String())
	}
	var p jsPage
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatalf("harness output %q: %v", out, err)
	}
	return p
}

func wantStatus(n int, q string) string {
	if n == 0 {
		return "Không tìm thấy kết quả nào cho “" + q + "”"
	}
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return "Tìm thấy " + s + " kết quả cho “" + q + "”"
}

// compareJS runs q through search.js and the Go reader and checks that
// the page shows the same results, headings and snippets.
func compareJS(t *testing.T, node, dir, mode, origin string, ix *Index, q string) jsPage {
	t.Helper()
	all, err := ix.Search(q, 10)
	if err != nil {
		t.Fatal(err)
	}
	total, err := ix.Count(q)
	if err != nil {
		t.Fatal(err)
	}
	page := runJS(t, node, dir, mode, q)
	if page.Status != wantStatus(total, q) {
		t.Errorf("%s %q: status %q, want %q", mode, q, page.Status, wantStatus(total, q))
	}
	n := min(10, len(all))
	if len(page.Results) != n {
		t.Fatalf("%s %q: JS shows %d results, Go has %d", mode, q, len(page.Results), len(all))
	}
	if page.More != (total > 10) {
		t.Errorf("%s %q: more button shown=%v with %d results", mode, q, page.More, total)
	}
	for i, r := range all[:n] {
		js := page.Results[i]
		if js.Href != origin+r.URL || js.Title != r.Title || js.Snippet != r.Snippet {
			t.Errorf("%s %q result %d:\n JS %s %q %q\n Go %s %q %q", mode, q, i,
				js.Href, js.Title, js.Snippet, origin+r.URL, r.Title, r.Snippet)
		}
		meta := strings.Join(slices.DeleteFunc([]string{r.Section, r.Heading}, func(s string) bool { return s == "" }), " › ")
		if r.Archived {
			meta = strings.TrimPrefix(meta+" · Không còn hiệu lực", " · ")
		}
		if js.Meta != meta {
			t.Errorf("%s %q result %d: meta %q, want %q", mode, q, i, js.Meta, meta)
		}
		set := querySet(Tokenize(q))
		for _, m := range js.Marks {
			tk := Tokenize(m)
			if len(tk) != 1 || set[tk[0].Folded] == nil {
				t.Errorf("%s %q: marked %q is not a query term", mode, q, m)
				continue
			}
			// A term typed with diacritics marks another spelling only
			// when the snippet does not hold the one typed.
			if forms := set[tk[0].Folded]; len(forms) > 0 && !forms[tk[0].Exact] {
				for _, w := range Tokenize(r.Snippet) {
					if forms[w.Exact] {
						t.Errorf("%s %q: marked %q although the snippet has the spelling typed", mode, q, m)
						break
					}
				}
			}
		}
		if countHits(r.Snippet, set) > 0 && len(js.Marks) == 0 {
			t.Errorf("%s %q result %d: snippet %q has query terms but no <mark>", mode, q, i, js.Snippet)
		}
	}
	return page
}

func TestSearchJSMatchesGo(t *testing.T) {
	node := testkit.Program(t, testkit.InstallBrowserTools, "node")
	docs := fixtureDocs()
	queries := []string{"minh bach", "Minh bạch", "dong", "đồng", "má", "ma", "hành chính", "kiem soat tham nhung",
		"thu", "hộ nghèo", "du toan", "quyết định", "không có từ này", "\u00f0ồng"}

	files, err := Build(docs, Options{BasePath: "/papi/"})
	if err != nil {
		t.Fatal(err)
	}
	dir := testkit.Files(t, files)
	ix, err := Open(files)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range queries {
		ix.Loaded = map[string]bool{}
		page := compareJS(t, node, dir, "online", "http://example.org/sub/", ix, q)
		// the script downloads exactly what the Go reader reads
		var got []string
		for _, r := range page.Requests {
			if r != "search/search.js" {
				got = append(got, r)
			}
		}
		ix.Loaded["search/manifest.json"] = true
		want := slices.Sorted(func(yield func(string) bool) {
			for k := range ix.Loaded {
				if !yield(k) {
					return
				}
			}
		})
		slices.Sort(got)
		if !slices.Equal(slices.Compact(got), want) {
			t.Errorf("%q: JS loaded %v, Go reader %v", q, got, want)
		}
		if page.Replaced == nil || *page.Replaced != "?q="+url.PathEscape(q) {
			t.Errorf("%q: URL replaced with %v", q, page.Replaced)
		}
	}

	// Ð/ð (the eth old Vietnamese encodings put for Đ) is read as Đ, in the
	// browser as in Go: the same pages, not none.
	ix.Loaded = map[string]bool{}
	eth := compareJS(t, node, dir, "online", "http://example.org/sub/", ix, "\u00d0ồng")
	ix.Loaded = map[string]bool{}
	dd := compareJS(t, node, dir, "online", "http://example.org/sub/", ix, "Đồng")
	if len(dd.Results) == 0 || len(eth.Results) != len(dd.Results) || eth.Results[0].Href != dd.Results[0].Href {
		t.Errorf("Ðồng found %d pages, Đồng %d", len(eth.Results), len(dd.Results))
	}

	// a query with no word in it says nothing was found and fetches nothing
	for _, q := range []string{"%", "...", "“”"} {
		page := runJS(t, node, dir, "online", q)
		if page.Status != wantStatus(0, q) || len(page.Results) != 0 {
			t.Errorf("%q: status %q, %d results", q, page.Status, len(page.Results))
		}
		for _, r := range page.Requests {
			if r != "search/search.js" {
				t.Errorf("%q: fetched %s", q, r)
			}
		}
	}

	// typing: debounced search, shareable URL
	page := runJS(t, node, dir, "type", "minh bạch")
	if page.Replaced == nil || *page.Replaced != "?q="+url.PathEscape("minh bạch") {
		t.Errorf("typing: URL replaced with %v", page.Replaced)
	}
	if len(page.Results) == 0 || page.Results[0].Href != "http://example.org/sub/minh-bach/" {
		t.Errorf("typing: results %+v", page.Results)
	}

	// offline: file://, no fetch, data from script tags, links to index.html
	offFiles, err := BuildOffline(docs, Options{BasePath: "/papi/"})
	if err != nil {
		t.Fatal(err)
	}
	offDir := testkit.Files(t, offFiles)
	offIx, err := Open(offFiles)
	if err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(offDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"minh bach", "hộ nghèo", "dong"} {
		p := compareJS(t, node, offDir, "offline", "file://"+abs+"/", offIx, q)
		for _, r := range p.Results {
			if !strings.Contains(r.Href, "index.html") {
				t.Errorf("offline link %s lacks index.html", r.Href)
			}
		}
	}
}

// TestSearchJSLargeIndex checks search.js against the Go reader on a
// generated site large enough to use many shards and chunks.
func TestSearchJSLargeIndex(t *testing.T) {
	node := testkit.Program(t, testkit.InstallBrowserTools, "node")
	if testing.Short() {
		t.Skip("large index: skipped in -short mode")
	}
	files, err := Build(genCorpus(2000, 300), Options{BasePath: "/"})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Open(files)
	if err != nil {
		t.Fatal(err)
	}
	if ix.Manifest.Shards < 16 {
		t.Fatalf("only %d shards: corpus too small for this test", ix.Manifest.Shards)
	}
	dir := testkit.Files(t, files)
	for _, q := range typicalQueries {
		compareJS(t, node, dir, "online", "http://example.org/sub/", ix, q)
	}
}
