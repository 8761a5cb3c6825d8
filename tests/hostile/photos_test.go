package hostile

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"image"
	_ "image/jpeg" // decoders for the pixel comparisons
	"image/png"
	"regexp"
	"testing"

	"portal/internal/testkit"
)

// bundle is the page editors attach photos to, with the image written
// at line 6.
const bundle = "content/tin-tuc/anh-hop/index.md"

func writeBundle(t *testing.T, src, body string, files map[string][]byte) {
	t.Helper()
	testkit.WriteFile(t, src, bundle, "---\ntitle: \"Ảnh cuộc họp\"\n---\nẢnh:\n\n"+body)
	for name, b := range files {
		testkit.WriteFile(t, src, "content/tin-tuc/anh-hop/"+name, b)
	}
}

// photoCases are real photos as editors attach them from their phones.
func photoCases() []hostileCase {
	var phone, screenshot []byte
	return []hostileCase{
		// A phone photo stored landscape, shown portrait (Orientation 6),
		// with GPS, serial and owner; a screenshot PNG with text chunks
		// and eXIf, under a .jpg name; upper-case names; WebP and AVIF.
		{name: "photo-phone", setup: func(t *testing.T, src string) {
			phone = testkit.PhoneJPEGWithTrailer(t, 48, 32, 6)
			screenshot = testkit.PhonePNG(t, 20, 10, 1)
			webp := []byte("RIFF\x00\x00\x00\x00WEBPVP8 \x00\x00\x00\x00\x00\x00\x00\x9d\x01\x2a")
			webp = binary.LittleEndian.AppendUint16(webp, 320)
			webp = binary.LittleEndian.AppendUint16(webp, 200)
			writeBundle(t, src, "![Cuộc họp](IMG_2041.JPG)\n\n![Màn hình](man-hinh.jpg)\n\n![Biểu đồ](bieu-do.webp)\n", map[string][]byte{
				"IMG_2041.JPG": phone, "man-hinh.jpg": screenshot, "bieu-do.webp": webp,
			})
			testkit.WriteFile(t, src, "static/anh/hoi-nghi.jpeg", phone)
		}, check: func(t *testing.T, dest string) {
			html := testkit.ReadFile(t, dest, "tin-tuc/anh-hop/index.html")
			for _, want := range []string{
				`src="/tin-tuc/anh-hop/IMG_2041.JPG" alt="Cuộc họp" loading="lazy" decoding="async" width="32" height="48"`,
				`src="/tin-tuc/anh-hop/man-hinh.jpg" alt="Màn hình" loading="lazy" decoding="async" width="20" height="10"`,
				`width="320" height="200"`,
			} {
				mustContain(t, html, want, "image sized as displayed")
			}
			for rel, source := range map[string][]byte{"tin-tuc/anh-hop/IMG_2041.JPG": phone, "anh/hoi-nghi.jpeg": phone, "tin-tuc/anh-hop/man-hinh.jpg": screenshot} {
				got := []byte(testkit.ReadFile(t, dest, rel))
				if leaks := testkit.PhotoLeaks(got); len(leaks) > 0 {
					t.Errorf("%s published with %q", rel, leaks)
				}
				if !bytes.Contains(got, []byte(testkit.PhotoICC)) {
					t.Errorf("%s lost its colour profile", rel)
				}
				a, _, err1 := image.Decode(bytes.NewReader(source))
				b, _, err2 := image.Decode(bytes.NewReader(got))
				if err1 != nil || err2 != nil || a.Bounds() != b.Bounds() || a.At(11, 7) != b.At(11, 7) {
					t.Errorf("%s: pixels differ (%v, %v)", rel, err1, err2)
				}
			}
			if got := testkit.ReadFile(t, dest, "tin-tuc/anh-hop/IMG_2041.JPG"); !regexp.MustCompile("Exif\x00\x00MM\x00\\*\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06").MatchString(got) {
				t.Error("orientation 6 not kept")
			}
		}},
		{name: "photo-heic", setup: func(t *testing.T, src string) {
			heic := []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")
			writeBundle(t, src, "![Cuộc họp](IMG_0001.HEIC)\n\n![Bản đồ](ban-do.jpg)\n\n![Bản quét](quet.tiff)\n", map[string][]byte{
				"IMG_0001.HEIC": heic, "ban-do.jpg": heic, "quet.tiff": []byte("II*\x00\x08\x00\x00\x00"),
			})
		}, errs: []want{
			{bundle + ":6:", "ảnh content/tin-tuc/anh-hop/IMG_0001.HEIC là ảnh HEIC (định dạng mặc định của iPhone): trình duyệt không hiển thị được ảnh HEIC; hãy lưu ảnh dưới dạng JPEG"},
			{bundle + ":8:", "ảnh content/tin-tuc/anh-hop/ban-do.jpg là ảnh HEIC"},
			{bundle + ":10:", "ảnh content/tin-tuc/anh-hop/quet.tiff là ảnh TIFF: trình duyệt không hiển thị được"},
		}},
		// Heavy photos are published with a warning at the line that
		// shows them; a 100000×100000 header costs its header only.
		{name: "photo-heavy", setup: func(t *testing.T, src string) {
			img := image.NewNRGBA(image.Rect(0, 0, 400, 400))
			_, _ = rand.Read(img.Pix)
			var noise bytes.Buffer
			if err := png.Encode(&noise, img); err != nil {
				t.Fatal(err)
			}
			writeBundle(t, src, "![Toàn cảnh](toan-canh.png)\n\n![Bom](bom.png)\n", map[string][]byte{
				"toan-canh.png": noise.Bytes(), "bom.png": testkit.PNGHeader(100000, 100000),
			})
		}, check: func(t *testing.T, dest string) {
			mustContain(t, testkit.ReadFile(t, dest, "tin-tuc/anh-hop/index.html"), `width="400" height="400"`, "heavy photo still sized")
		}, warns: []want{
			{bundle + ":6:", "ảnh content/tin-tuc/anh-hop/toan-canh.png nặng 6"},
			{bundle + ":8:", "ảnh content/tin-tuc/anh-hop/bom.png nặng 33 byte, 100000×100000 điểm ảnh: người dân xem trên điện thoại phải tải lâu; hãy thu nhỏ ảnh còn khoảng 1600 px chiều rộng và nén JPEG chất lượng khoảng 80 (trên Windows: mở ảnh bằng ứng dụng Photos → Resize, hoặc Paint → Resize)"},
		}},
		// A photo cut off inside its header (an upload that stopped) is
		// warned about where it is shown and refused where it would be
		// published: it cannot be cleaned of its GPS position.
		{name: "photo-corrupt", setup: func(t *testing.T, src string) {
			writeBundle(t, src, "![Cuộc họp](hong.jpg)\n", map[string][]byte{"hong.jpg": testkit.PhoneJPEG(t, 20, 20, 6)[:80]})
		}, errs: []want{
			{"content/tin-tuc/anh-hop/hong.jpg:", "ảnh bị hỏng nên không xoá được thông tin đi kèm (vị trí GPS, tên máy, người chụp) và không được xuất bản"},
		}, warns: []want{
			{bundle + ":6:", "không đọc được ảnh content/tin-tuc/anh-hop/hong.jpg"},
		}},
	}
}
