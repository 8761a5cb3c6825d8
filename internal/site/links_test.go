package site

import (
	"bytes"
	"image"
	"image/png"
	"io"
	"strings"
	"testing"
	"time"
)

func TestResolver(t *testing.T) {
	s := mustSite(t, "", map[string]string{
		"content/_index.md":                   "",
		"content/ke-hoach/_index.md":          "",
		"content/ke-hoach/Kế hoạch 2023.md":   "",
		"content/ke-hoach/nhap.md":            "draft: true\n",
		"content/ke-hoach/tai-lieu.pdf":       "pdf",
		"content/ve-papi/gioi-thieu/index.md": "",
		"content/ve-papi/gioi-thieu/logo.png": "png",
		"content/tin/a.md":                    "",
	}, Options{})
	from := s.PageByFile("ke-hoach/Kế hoạch 2023.md")
	bundle := s.PageByFile("ve-papi/gioi-thieu/index.md")
	tests := []struct {
		from *Page
		dest string
		want string
		err  string
	}{
		{from, "../tin/a.md", "/papi/tin/a/", ""},
		{from, "../tin/a.md#muc", "/papi/tin/a/#muc", ""},
		{from, "_index.md", "/papi/ke-hoach/", ""},
		{from, "../ke-hoach/", "/papi/ke-hoach/", ""},
		{from, "../ve-papi/gioi-thieu/index.md", "/papi/ve-papi/gioi-thieu/", ""},
		{from, "../ve-papi/gioi-thieu/", "/papi/ve-papi/gioi-thieu/", ""},
		{from, "../ve-papi/gioi-thieu/logo.png", "/papi/ve-papi/gioi-thieu/logo.png", ""},
		{from, "tai-lieu.pdf", "/papi/ke-hoach/tai-lieu.pdf", ""},
		{from, "tai-lieu.pdf?v=2#trang=3", "/papi/ke-hoach/tai-lieu.pdf?v=2#trang=3", ""},
		{from, "Kế%20hoạch%202023.md", "/papi/ke-hoach/ke-hoach-2023/", ""},
		{from, "Kế hoạch 2023.md", "/papi/ke-hoach/ke-hoach-2023/", ""},
		{from, "/ve-papi/gioi-thieu/", "/papi/ve-papi/gioi-thieu/", ""},
		{from, "/ve-papi/gioi-thieu", "/papi/ve-papi/gioi-thieu/", ""},
		{from, "/css/a.css", "/papi/css/a.css", ""},
		{from, "/tags/", "/papi/tags/", ""},
		{from, "/sitemap.xml", "/papi/sitemap.xml", ""},
		{from, "#rieng", "#rieng", ""},
		{from, "https://example.com/a.md", "https://example.com/a.md", ""},
		{from, "mailto:a@example.org", "mailto:a@example.org", ""},
		{from, "tel:+842213862400", "tel:+842213862400", ""},
		{bundle, "logo.png", "/papi/ve-papi/gioi-thieu/logo.png", ""},
		{bundle, "../../ke-hoach/_index.md", "/papi/ke-hoach/", ""},
		{from, "khong-co.md", "", "không tìm thấy trang content/ke-hoach/khong-co.md"},
		{from, "nhap.md", "", "bản nháp"},
		{from, "../../ngoai.md", "", "đi ra ngoài thư mục content/"},
		// Outside content/ as a file, but an address from the page's URL.
		{s.PageByFile("tin/a.md"), "../../css/a.css", "/papi/css/a.css", ""},
		{s.PageByFile("tin/a.md"), "../../ke-hoach/", "/papi/ke-hoach/", ""},
		{from, "/khong-co/", "", "broken link"},
		{from, "anh-khong-co.png", "", "broken link"},
	}
	for _, tc := range tests {
		r := s.NewResolver(tc.from, nil)
		l, err := r.Link(tc.dest)
		got := l.Href
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("Link(%q) = %q, %v; want error %q", tc.dest, got, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("Link(%q) from %s = %q, %v; want %q", tc.dest, tc.from.File, got, err, tc.want)
		}
	}
	// A stylesheet published under a fingerprinted name is linked by it,
	// whichever way the link is written.
	assets := assetNames{"css/a.css": "css/a.0123456789.css"}
	for _, dest := range []string{"/css/a.css", "../../css/a.css", "../../css/a.css?v=1"} {
		from := s.PageByFile("tin/a.md")
		want := "/papi/css/a.0123456789.css" + strings.TrimPrefix(dest, strings.Split(dest, "?")[0])
		if l, err := s.NewResolver(from, assets).Link(dest); err != nil || l.Href != want {
			t.Errorf("Link(%q) with assets = %q, %v; want %q", dest, l.Href, err, want)
		}
	}
	// A link to a page names the page and the fragment, decoded.
	r := s.NewResolver(from, nil)
	l1, err := r.Link("../tin/a.md#phan-mot")
	if err != nil {
		t.Fatal(err)
	}
	l2, err := r.Link("#ri%C3%AAng")
	if err != nil {
		t.Fatal(err)
	}
	l3, err := r.Link("https://example.org/#x")
	if err != nil {
		t.Fatal(err)
	}
	if l1.Fragment != "phan-mot" || l1.Page != s.PageByFile("tin/a.md") || l2.Page != from || l2.Fragment != "riêng" || l3.Page != nil || l3.Fragment != "" {
		t.Errorf("links = %+v %+v %+v", l1, l2, l3)
	}
	// The fixture's logo.png holds three letters: published, unsized,
	// with a warning.
	u, w, h, err := s.NewResolver(bundle, nil).Image("logo.png")
	if err == nil || !strings.Contains(err.Error(), "không phải là ảnh") || u != "/papi/ve-papi/gioi-thieu/logo.png" || w != 0 || h != 0 {
		t.Errorf("Image = %q %d %d %v", u, w, h, err)
	}
	// Images from other hosts are refused; inline data and the site's
	// own absolute address are not another host.
	for dest, ok := range map[string]bool{
		"https://upload.example.com/a.png":               false,
		"//cdn.example.com/a.png":                        false,
		"HTTP://EXAMPLE.COM/a.png":                       false,
		"data:image/png;base64,iVBORw0KGgo=":             true,
		s.Config.BaseURL + "ve-papi/gioi-thieu/logo.png": s.Config.Absolute(),
	} {
		_, _, _, err := s.NewResolver(bundle, nil).Image(dest)
		if (err == nil) != ok || err != nil && !strings.Contains(err.Error(), "external image") {
			t.Errorf("Image(%q) err = %v, want accepted=%v", dest, err, ok)
		}
	}
}

// macOS can save file names decomposed (NFD) while the Markdown, being
// normalised, links to them composed (NFC).
// A broken link names the page the editor probably meant, as a link of
// the same kind (a file relative to the page, or an address), and only
// when one is near.
func TestBrokenLinkSuggestion(t *testing.T) {
	s := mustSite(t, "", map[string]string{
		"content/_index.md":                      "",
		"content/ket-qua/_index.md":              "",
		"content/ket-qua/2024.md":                "",
		"content/ket-qua/tong-diem-2018-2024.md": "",
		"content/van-ban/ke-hoach-19-kh-ubnd.md": "",
		"content/hoi-dap/_index.md":              "",
		"content/hoi-dap/cach-gui/phan-anh.md":   "",
		"content/hoi-dap/cach-gui/khieu-nai.md":  "",
		"content/ve-papi/gioi-thieu/index.md":    "",
		"content/ve-papi/gioi-thieu/so-do.png":   "png",
		"content/ve-papi/gioi-thieu/bang-so.pdf": "pdf",
	}, Options{})
	hoiDap, deep, home := s.PageByFile("hoi-dap/_index.md"), s.PageByFile("hoi-dap/cach-gui/phan-anh.md"), s.PageByFile("_index.md")
	const (
		noPage = "không có trang hay tệp nào ở địa chỉ này (broken link)"
		noFile = "(có thể tệp đã đổi tên hoặc bị xoá) (broken link)"
	)
	for _, tc := range []struct {
		from *Page
		dest string
		want string
	}{
		{hoiDap, "/ket-qua/nam-2024/", `liên kết tới "/ket-qua/nam-2024/": ` + noPage + `; có phải ý bạn là "/ket-qua/2024/"?`},
		{hoiDap, "/ket-qua/tong-diem-2018-2023/", `liên kết tới "/ket-qua/tong-diem-2018-2023/": ` + noPage + `; có phải ý bạn là "/ket-qua/tong-diem-2018-2024/"?`},
		{hoiDap, "/ve-papi/gioi-thieu/so-do.jpg", `liên kết tới "/ve-papi/gioi-thieu/so-do.jpg": ` + noPage + `; có phải ý bạn là "/ve-papi/gioi-thieu/so-do.png"?`},
		{hoiDap, "../ket-qua/tong-diem-2018-2023.md", `liên kết tới "../ket-qua/tong-diem-2018-2023.md": không tìm thấy trang content/ket-qua/tong-diem-2018-2023.md ` + noFile + `; có phải ý bạn là "../ket-qua/tong-diem-2018-2024.md"?`},
		{deep, "../../van-ban/ke-hoach-19-kh-ubn.md", `liên kết tới "../../van-ban/ke-hoach-19-kh-ubn.md": không tìm thấy trang content/van-ban/ke-hoach-19-kh-ubn.md ` + noFile + `; có phải ý bạn là "../../van-ban/ke-hoach-19-kh-ubnd.md"?`},
		{deep, "khieu-naii.md", `liên kết tới "khieu-naii.md": không tìm thấy trang content/hoi-dap/cach-gui/khieu-naii.md ` + noFile + `; có phải ý bạn là "khieu-nai.md"?`},
		// A page is not suggested to itself.
		{deep, "phan-anhh.md", `liên kết tới "phan-anhh.md": không tìm thấy trang content/hoi-dap/cach-gui/phan-anhh.md ` + noFile},
		{home, "ket-qua/Tổng-điểm-2018-2024.md", `liên kết tới "ket-qua/Tổng-điểm-2018-2024.md": không tìm thấy trang content/ket-qua/Tổng-điểm-2018-2024.md ` + noFile + `; có phải ý bạn là "ket-qua/tong-diem-2018-2024.md"?`},
		{hoiDap, "ket-qua-2024/", `liên kết tới "ket-qua-2024/": ` + noPage},
		{hoiDap, "/hoan-toan-khac/", `liên kết tới "/hoan-toan-khac/": ` + noPage},
		{hoiDap, "tin-tuc/bai-moi.md", `liên kết tới "tin-tuc/bai-moi.md": không tìm thấy trang content/hoi-dap/tin-tuc/bai-moi.md ` + noFile},
	} {
		_, err := s.NewResolver(tc.from, nil).Link(tc.dest)
		if err == nil || err.Error() != tc.want {
			t.Errorf("Link(%q) from %s:\n got %v\nwant %s", tc.dest, tc.from.File, err, tc.want)
		}
	}
}

func TestRelativeTo(t *testing.T) {
	for _, tc := range []struct{ dir, target, want string }{
		{".", "ket-qua/a.md", "ket-qua/a.md"},
		{"hoi-dap", "ket-qua/a.md", "../ket-qua/a.md"},
		{"hoi-dap", "hoi-dap/b.md", "b.md"},
		{"hoi-dap/cach-gui", "hoi-dap/_index.md", "../_index.md"},
		{"a/b", "a/b/c/d.md", "c/d.md"},
		{"ket-qua", "ket-qua.md", "../ket-qua.md"},
	} {
		if got := relativeTo(tc.dir, tc.target); got != tc.want {
			t.Errorf("relativeTo(%q, %q) = %q; want %q", tc.dir, tc.target, got, tc.want)
		}
	}
}

func TestNFDFileNames(t *testing.T) {
	s := mustSite(t, "title: T\nmenus:\n  main:\n    - {page: \"tin/Kế hoạch.md\"}\n", map[string]string{
		"content/tin/Ke\u0302\u0301 hoa\u0323ch.md":  "---\ntitle: Kế hoạch\n---\n",
		"content/tin/Ta\u0300i lie\u0323\u0302u.pdf": "pdf",
		"content/tin/b.md":                           "",
	}, Options{})
	r := s.NewResolver(s.PageByFile("tin/b.md"), nil)
	if l, err := r.Link("Kế hoạch.md"); err != nil || l.Href != "/tin/ke-hoach/" {
		t.Errorf("link to NFD file = %q, %v", l.Href, err)
	}
	if l, err := r.Link("Tài liệu.pdf"); err != nil || !strings.HasSuffix(l.Href, ".pdf") {
		t.Errorf("link to NFD resource = %q, %v", l.Href, err)
	}
	if m := s.Menus["main"]; len(m) != 1 || m[0].URL != "/tin/ke-hoach/" {
		t.Errorf("menu = %+v", m)
	}
}

func TestImageSizes(t *testing.T) {
	var png bytes.Buffer
	if err := pngEncode(&png, 30, 20); err != nil {
		t.Fatal(err)
	}
	s, probs := newSite(t, "", map[string]string{
		"content/tin/a/index.md": "",
		"content/tin/a/anh.png":  png.String(),
		"content/tin/a/vb.svg":   `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120.4 40"><rect/></svg>`,
		"content/tin/a/wh.svg":   `<svg xmlns="http://www.w3.org/2000/svg" width="64px" height="32" viewBox="0 0 1 1"></svg>`,
		"content/tin/a/hong.png": "không phải ảnh",
		"static/img/logo.png":    png.String(),
	}, Options{})
	if len(probs) != 0 {
		t.Fatal(probs)
	}
	r := s.NewResolver(s.PageByFile("tin/a/index.md"), nil)
	for dest, want := range map[string][3]any{
		"anh.png":       {"/papi/tin/a/anh.png", 30, 20},
		"vb.svg":        {"/papi/tin/a/vb.svg", 120, 40},
		"wh.svg":        {"/papi/tin/a/wh.svg", 64, 32},
		"hong.png":      {"/papi/tin/a/hong.png", 0, 0},
		"/img/logo.png": {"/papi/img/logo.png", 30, 20},
	} {
		u, w, h, err := r.Image(dest)
		if dest == "hong.png" && err != nil && strings.Contains(err.Error(), "content/tin/a/hong.png không phải là ảnh") {
			err = nil // a warning, the src kept
		}
		if err != nil || u != want[0] || w != want[1] || h != want[2] {
			t.Errorf("Image(%q) = %q %d×%d %v; want %v", dest, u, w, h, err, want)
		}
	}
}

func pngEncode(w io.Writer, width, height int) error {
	return png.Encode(w, image.NewRGBA(image.Rect(0, 0, width, height)))
}

// assetNames publishes static files under the names it maps them to.
type assetNames map[string]string

func (a assetNames) Name(static string) (string, bool) {
	n, ok := a[static]
	return n, ok
}

// A link to a page this build leaves out says why the page is not
// published, instead of calling it missing.
func TestLinkToUnpublishedPage(t *testing.T) {
	now := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	s, _ := newSite(t, "", map[string]string{
		"content/_index.md":      "",
		"content/tin/_index.md":  "",
		"content/tin/nhap.md":    "---\ntitle: \"Nháp\"\ndraft: true\n---\n",
		"content/tin/sau.md":     "---\ntitle: \"Sau\"\npublishDate: 2027-01-02\n---\n",
		"content/tin/het-han.md": "---\ntitle: \"Hết hạn\"\nexpiryDate: 2026-02-03\n---\n",
	}, Options{Now: now})
	home := s.PageByFile("_index.md")
	for dest, why := range map[string]string{
		"tin/nhap.md":    "đang là bản nháp (draft: true)",
		"tin/sau.md":     "chỉ xuất bản từ ngày 2 tháng 1 năm 2027 (publishDate)",
		"tin/het-han.md": "đã hết hạn từ ngày 3 tháng 2 năm 2026 (expiryDate)",
	} {
		_, err := s.NewResolver(home, nil).Link(dest)
		want := `liên kết tới "` + dest + `": trang content/` + dest + ` chưa được xuất bản vì ` + why + `, nên người đọc sẽ gặp trang lỗi; hãy bỏ liên kết hoặc chờ trang được xuất bản (link to an unpublished page)`
		if err == nil || err.Error() != want {
			t.Errorf("Link(%q):\n got %v\nwant %s", dest, err, want)
		}
	}
}
