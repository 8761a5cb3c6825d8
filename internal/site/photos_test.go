package site

import (
	"bytes"
	"strings"
	"testing"

	"portal/internal/diag"
	"portal/internal/testkit"
)

// Photos as editors attach them: sized as displayed, heavy ones and
// unreadable ones warned about, formats browsers do not show refused.
func TestPhotoFacts(t *testing.T) {
	phone := testkit.PhoneJPEG(t, 40, 24, 6)
	// Over the weight limit: a real JPEG padded with comments, as a
	// photo of 4 MB is mostly entropy data.
	pad := make([]byte, 60000)
	var segs [][]byte
	for range 10 {
		segs = append(segs, testkit.Segment(0xFE, pad))
	}
	heavy := testkit.SpliceJPEG(t, testkit.PhoneJPEG(t, 30, 20, 1), segs...)
	var pngb bytes.Buffer
	if err := pngEncode(&pngb, 30, 20); err != nil {
		t.Fatal(err)
	}
	s := mustSite(t, "", map[string]string{
		"content/tin/a/index.md":   "",
		"content/tin/a/phone.jpg":  string(phone),
		"content/tin/a/HOA.JPG":    string(phone),
		"content/tin/a/lies.jpg":   pngb.String(),
		"content/tin/a/heavy.jpg":  string(heavy),
		"content/tin/a/bomb.png":   string(testkit.PNGHeader(100000, 100000)),
		"content/tin/a/cut.jpeg":   string(phone[:50]),
		"content/tin/a/IMG_1.HEIC": "\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic",
		"content/tin/a/iphone.jpg": "\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic",
		"content/tin/a/scan.tif":   "II*\x00\x08\x00\x00\x00",
		"content/tin/a/dsc.NEF":    "MM\x00*\x00\x00\x00\x08",
		"content/tin/a/old.bmp":    "BM\x00\x00",
	}, Options{})
	r := s.NewResolver(s.PageByFile("tin/a/index.md"), nil)
	for _, tc := range []struct {
		dest  string
		w, h  int
		level string // "", "warning", "error"
		msg   string
	}{
		{"phone.jpg", 24, 40, "", ""},
		{"HOA.JPG", 24, 40, "", ""},
		{"lies.jpg", 30, 20, "", ""},
		{"heavy.jpg", 30, 20, "warning", "ảnh content/tin/a/heavy.jpg nặng 5"},
		{"bomb.png", 100000, 100000, "warning", "100000×100000 điểm ảnh: người dân xem trên điện thoại phải tải lâu; hãy thu nhỏ ảnh còn khoảng 1600 px"},
		{"cut.jpeg", 0, 0, "warning", "không đọc được ảnh content/tin/a/cut.jpeg"},
		{"IMG_1.HEIC", 0, 0, "error", "trình duyệt không hiển thị được ảnh HEIC; hãy lưu ảnh dưới dạng JPEG"},
		{"iphone.jpg", 0, 0, "error", "ảnh content/tin/a/iphone.jpg là ảnh HEIC"},
		{"scan.tif", 0, 0, "error", "là ảnh TIFF: trình duyệt không hiển thị được"},
		{"dsc.NEF", 0, 0, "error", "là ảnh RAW của máy ảnh"},
		{"old.bmp", 0, 0, "error", "là ảnh BMP"},
	} {
		u, w, h, err := r.Image(tc.dest)
		level := ""
		if err != nil {
			level = "error"
			if p, ok := err.(*diag.Problem); ok && p.Level == diag.Warning {
				level = "warning"
			}
		}
		if level != tc.level || w != tc.w || h != tc.h || (err != nil && !strings.Contains(err.Error(), tc.msg)) {
			t.Errorf("Image(%q) = %d×%d, %s %v; want %d×%d, %s %q", tc.dest, w, h, level, err, tc.w, tc.h, tc.level, tc.msg)
		}
		if (level == "error") != (u == "") {
			t.Errorf("Image(%q) src %q with %s", tc.dest, u, level)
		}
	}
}
