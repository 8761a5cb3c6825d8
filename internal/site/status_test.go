package site

import (
	"strings"
	"testing"
	"time"

	"portal/internal/content"
	"portal/internal/diag"
)

// statusFiles is a section with two pages in force and three marked no
// longer in force: one ended, replaced by a page; one ended, replaced by a
// document elsewhere; one that ends after the build's date.
var statusFiles = map[string]string{
	"content/_index.md":               "",
	"content/van-ban/_index.md":       "",
	"content/van-ban/moi.md":          "weight: 1\ntags: [A]\n",
	"content/van-ban/khac.md":         "weight: 2\ntags: [A]\n",
	"content/van-ban/cu.md":           "weight: 3\ntags: [A]\nstatus: het-hieu-luc\nngay_het_hieu_luc: 2025-05-01\nthay_the_boi: moi.md\n",
	"content/van-ban/cu-hon.md":       "weight: 4\nstatus: Hết hiệu lực\nngay_het_hieu_luc: 2024-01-01\nthay_the_boi: https://vbpl.vn/x\n",
	"content/van-ban/sap-het.md":      "weight: 5\nstatus: het-hieu-luc\nngay_het_hieu_luc: 2025-07-01\nthay_the_boi: /van-ban/moi/\n",
	"content/van-ban/con-hieu-luc.md": "weight: 6\nstatus: con-hieu-luc\n",
}

// A page no longer in force keeps its URL and stays in the site, leaves
// its section's list for the section's archive (the most recently ended
// first), loses its neighbours, comes after the pages in force in a tag's
// list, and knows what replaced it.
func TestOutOfForcePages(t *testing.T) {
	s := mustSite(t, "", statusFiles, Options{})
	sec := s.PageByURL("/van-ban/")
	if got, want := urls(sec.Pages), "/van-ban/moi/ /van-ban/khac/ /van-ban/sap-het/ /van-ban/con-hieu-luc/"; got != want {
		t.Errorf("section list = %s, want %s", got, want)
	}
	if got, want := urls(sec.Archive), "/van-ban/cu/ /van-ban/cu-hon/"; got != want {
		t.Errorf("archive = %s, want %s", got, want)
	}
	cu := s.PageByURL("/van-ban/cu/")
	if cu == nil || cu.InForce() || cu.Status != content.StatusOutOfForce || !cu.OutOfForceFrom.Equal(time.Date(2025, 5, 1, 0, 0, 0, 0, s.Config.Location)) {
		t.Fatalf("cu = %+v", cu)
	}
	if cu.ReplacedBy != s.PageByURL("/van-ban/moi/") || cu.ReplacedByURL != "/papi/van-ban/moi/" {
		t.Errorf("cu replaced by %v %q", cu.ReplacedBy, cu.ReplacedByURL)
	}
	if cu.Prev != nil || cu.Next != nil || s.PageByURL("/van-ban/khac/").Next != s.PageByURL("/van-ban/sap-het/") {
		t.Error("a page no longer in force is nobody's neighbour")
	}
	if !strings.Contains(urls(s.Pages), "/van-ban/cu/") || !strings.Contains(urls(s.AllPages), "/van-ban/cu/") {
		t.Error("a page no longer in force is still a page of the site")
	}
	if cuHon := s.PageByURL("/van-ban/cu-hon/"); cuHon.ReplacedBy != nil || cuHon.ReplacedByURL != "https://vbpl.vn/x" || cuHon.InForce() {
		t.Errorf("cu-hon: %v %q %v", cuHon.ReplacedBy, cuHon.ReplacedByURL, cuHon.InForce())
	}
	// Before its date a page is in force; the date and the replacement
	// are kept for the notice, and a broken replacement is found early.
	sap := s.PageByURL("/van-ban/sap-het/")
	if !sap.InForce() || sap.OutOfForceFrom.IsZero() || sap.ReplacedBy != s.PageByURL("/van-ban/moi/") {
		t.Errorf("sap-het before its date: in force %v, from %v, replaced by %v", sap.InForce(), sap.OutOfForceFrom, sap.ReplacedBy)
	}
	if tags := s.Taxonomies["tags"]; len(tags) != 1 || urls(tags[0].Pages) != "/van-ban/moi/ /van-ban/khac/ /van-ban/cu/" {
		t.Errorf("tag A lists %s", urls(s.Taxonomies["tags"][0].Pages))
	}
	// From its date on (the daily build, or build --now) it leaves.
	later := mustSite(t, "", statusFiles, Options{Now: time.Date(2025, 7, 1, 0, 0, 0, 0, s.Config.Location)})
	sec = later.PageByURL("/van-ban/")
	if got, want := urls(sec.Archive), "/van-ban/sap-het/ /van-ban/cu/ /van-ban/cu-hon/"; got != want {
		t.Errorf("archive on 2025-07-01 = %s, want %s", got, want)
	}
	if sap := later.PageByURL("/van-ban/sap-het/"); sap.InForce() || sap.ReplacedBy != later.PageByURL("/van-ban/moi/") {
		t.Errorf("sap-het on its date: in force %v, replaced by %v", sap.InForce(), sap.ReplacedBy)
	}
}

func TestOutOfForceErrors(t *testing.T) {
	out := "status: het-hieu-luc\nngay_het_hieu_luc: 2025-01-01\n"
	tests := []struct {
		name  string
		files map[string]string
		want  string // file:line: fragment
	}{
		{"broken page link", map[string]string{"content/a/x.md": out + "thay_the_boi: y.md\n"},
			`content/a/x.md:5: thay_the_boi: liên kết tới "y.md": không tìm thấy trang content/a/y.md`},
		{"broken address", map[string]string{"content/a/x.md": out + "thay_the_boi: /duong-dan/trang-moi/\n"},
			`content/a/x.md:5: thay_the_boi: liên kết tới "/duong-dan/trang-moi/": không có trang hay tệp nào ở địa chỉ này`},
		{"a draft", map[string]string{"content/a/x.md": out + "thay_the_boi: /a/y/\n", "content/a/y.md": "draft: true\n"},
			`content/a/x.md:5: thay_the_boi: liên kết tới "/a/y/": không có trang hay tệp nào`},
		{"itself", map[string]string{"content/a/x.md": out + "thay_the_boi: /a/x/\n"},
			`content/a/x.md:5: thay_the_boi: "/a/x/" là chính trang này`},
		{"a script", map[string]string{"content/a/x.md": out + "thay_the_boi: \"javascript:alert(1)\"\n"},
			`content/a/x.md:5: thay_the_boi: "javascript:alert(1)" không phải một địa chỉ trang`},
		{"a section", map[string]string{"content/a/_index.md": out, "content/a/x.md": ""},
			`content/a/_index.md:3: status: het-hieu-luc chỉ dùng cho một trang, không dùng cho trang chủ hay trang mục`},
		{"the home page", map[string]string{"content/_index.md": out},
			`content/_index.md:3: status: het-hieu-luc chỉ dùng cho một trang`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, probs := newSite(t, "", tc.files, Options{})
			if len(probs) != 1 || !strings.HasPrefix(probs[0].Error(), tc.want) || probs[0].Level != diag.Error {
				t.Fatalf("problems:\n%v\nwant one starting %s", diag.Errors(probs), tc.want)
			}
			for _, p := range s.AllPages {
				if p.Kind != KindPage && !p.InForce() {
					t.Errorf("%s is out of force", p.URL)
				}
			}
		})
	}
}
