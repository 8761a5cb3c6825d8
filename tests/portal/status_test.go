package portal_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"portal/internal/build"
	"portal/internal/testkit"
)

// A page no longer in force keeps its address, says so at its top with
// the date and the replacing page, leaves its section's list for the
// section's archive, leaves the feeds but not the sitemap, and comes last
// in the search index.
func TestPageNoLongerInForce(t *testing.T) {
	src := testkit.Portal(t)
	testkit.WriteFile(t, src, testkit.OldDecreeFile, testkit.OldDecree)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(build.Options{Source: src, Dest: dest, NoMinify: true}); err != nil {
		t.Fatal(err)
	}
	page := testkit.ReadFile(t, dest, "van-ban/nghi-dinh-cu/index.html")
	banner, _, ok := strings.Cut(page, "<h1>")
	if !ok || !strings.Contains(banner, `role="region" aria-labelledby="tinh-trang-hieu-luc"`) {
		t.Fatalf("no banner above the title:\n%s", banner)
	}
	for _, want := range []string{
		`<h2 id="tinh-trang-hieu-luc" class="status-banner-title">Không còn hiệu lực</h2>`,
		`Nội dung trang này không còn hiệu lực từ <time datetime="2025-07-01">ngày 1 tháng 7 năm 2025</time>.`,
		`Thay thế bằng: <a href="/van-ban/nghi-dinh-20-2008-nd-cp/">Nghị định số 20/2008/NĐ-CP về phản ánh, kiến nghị về quy định hành chính</a>.`,
	} {
		if !strings.Contains(banner, want) {
			t.Errorf("banner lacks %s:\n%s", want, banner)
		}
	}
	if !strings.Contains(page, `<dt>Ngày hết hiệu lực</dt><dd><time datetime="2025-07-01">ngày 1 tháng 7 năm 2025</time></dd>`) {
		t.Error("the document's facts lack the date it ended")
	}
	if other := testkit.ReadFile(t, dest, "van-ban/nghi-dinh-20-2008-nd-cp/index.html"); strings.Contains(other, "status-banner") {
		t.Error("a page in force has the banner")
	}

	list := testkit.ReadFile(t, dest, "van-ban/index.html")
	current, archive, ok := strings.Cut(list, `<h2 id="van-ban-het-hieu-luc">Văn bản hết hiệu lực (1)</h2>`)
	if !ok {
		t.Fatal("the section's list page has no archive")
	}
	if strings.Contains(current, "nghi-dinh-cu/") {
		t.Error("the page no longer in force is in the section's list")
	}
	if !strings.Contains(archive, `<a href="/van-ban/nghi-dinh-cu/">Nghị định thử nghiệm đã hết hiệu lực</a>`) ||
		!strings.Contains(archive, `Hết hiệu lực từ <time datetime="2025-07-01">ngày 1 tháng 7 năm 2025</time>`) {
		t.Errorf("archive:\n%s", archive)
	}
	if !strings.Contains(current, `href="/van-ban/nghi-dinh-20-2008-nd-cp/"`) {
		t.Error("the pages in force left the list")
	}

	for _, f := range []string{"index.xml", "van-ban/index.xml"} {
		if strings.Contains(testkit.ReadFile(t, dest, f), "nghi-dinh-cu/") {
			t.Errorf("%s lists the page no longer in force", f)
		}
	}
	if !strings.Contains(testkit.ReadFile(t, dest, "sitemap.xml"), "/van-ban/nghi-dinh-cu/</loc>") {
		t.Error("sitemap.xml lost the page: its address still answers")
	}
	if s := testkit.ReadFile(t, dest, "tim-kiem/index.html"); !strings.Contains(s, `data-archived="Không còn hiệu lực"`) {
		t.Error("the search page does not give the script its label for pages no longer in force")
	}

	// The index gives it the last id and says how many come before it.
	var man struct{ Docs, Live, Chunk int }
	if err := json.Unmarshal([]byte(testkit.ReadFile(t, dest, "search/manifest.json")), &man); err != nil {
		t.Fatal(err)
	}
	if man.Live != man.Docs-1 || man.Chunk < man.Docs {
		t.Fatalf("manifest: %+v, want live = docs-1 in one chunk", man)
	}
	var docs [][]any
	if err := json.Unmarshal([]byte(testkit.ReadFile(t, dest, "search/docs/0.json")), &docs); err != nil {
		t.Fatal(err)
	}
	if last := docs[len(docs)-1][0]; last != "van-ban/nghi-dinh-cu/" {
		t.Errorf("last page of the index is %v", last)
	}
}
