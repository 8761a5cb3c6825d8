package search

import (
	"fmt"
	"slices"
	"testing"

	"portal/internal/testkit"
)

// archivedDocs are twelve pages about a plan: the one whose title names
// it best is no longer in force.
func archivedDocs(archived bool) []Doc {
	docs := []Doc{{URL: "/a/cu/", Title: "Kế hoạch tuyên truyền năm 2023", Section: "Văn bản",
		Body: "Kế hoạch tuyên truyền kế hoạch năm 2023.", Archived: archived}}
	for i := range 11 {
		body := fmt.Sprintf("Trang %d nhắc tới một kế hoạch của xã.", i)
		if i < 2 {
			body += " Việc tuyên truyền do xã làm."
		}
		docs = append(docs, Doc{URL: fmt.Sprintf("/a/moi-%02d/", i), Title: fmt.Sprintf("Tin số %d", i), Section: "Tin tức", Body: body})
	}
	return docs
}

// A page no longer in force is found, but after every page in force: off
// the first page of results (ten) even where it would rank first.
func TestArchivedRankLast(t *testing.T) {
	rs, err := mustIndex(t, archivedDocs(false), Options{}).Search("kế hoạch", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 12 || rs[0].URL != "a/cu/" {
		t.Fatalf("in force, the plan ranks first: %v", urls(rs))
	}
	files, err := Build(archivedDocs(true), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(files["search/manifest.json"]), `{"v":1,"docs":12,"shards":1,"chunk":12,"live":11}`; got != want {
		t.Errorf("manifest = %s, want %s", got, want)
	}
	ix, err := Open(files)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"kế hoạch", "ke hoach", "tuyên truyền"} {
		rs, err := ix.Search(q, 0)
		if err != nil {
			t.Fatal(err)
		}
		got := urls(rs)
		if len(got) < 2 || got[len(got)-1] != "a/cu/" || slices.Index(got, "a/cu/") != len(got)-1 {
			t.Errorf("%q: %v, want a/cu/ last", q, got)
		}
		for _, r := range rs {
			if r.Archived != (r.URL == "a/cu/") {
				t.Errorf("%q: %s archived = %v", q, r.URL, r.Archived)
			}
		}
		if first, _ := ix.Search(q, 10); slices.Contains(urls(first), "a/cu/") && len(rs) > 10 {
			t.Errorf("%q: first page %v holds the page no longer in force", q, urls(first))
		}
	}
	// The order the pages come in does not change the files.
	rev := archivedDocs(true)
	slices.Reverse(rev)
	again, err := Build(rev, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != len(files) {
		t.Errorf("%d files with the pages reversed, %d before", len(again), len(files))
	}
	for name, b := range files {
		if string(again[name]) != string(b) {
			t.Errorf("%s differs with the pages reversed", name)
		}
	}
}

// search.js ranks and labels a page no longer in force as the Go reader
// does.
func TestSearchJSArchivedLast(t *testing.T) {
	node := testkit.Program(t, testkit.InstallBrowserTools, "node")
	files, err := Build(archivedDocs(true), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Open(files)
	if err != nil {
		t.Fatal(err)
	}
	dir := testkit.Files(t, files)
	page := compareJS(t, node, dir, "online", "http://example.org/sub/", ix, "tuyên truyền")
	if n := len(page.Results); n != 3 || page.Results[2].Meta != "Văn bản · Không còn hiệu lực" || page.Results[0].Meta != "Tin tức" {
		t.Errorf("results: %+v", page.Results)
	}
	compareJS(t, node, dir, "online", "http://example.org/sub/", ix, "kế hoạch")
}
