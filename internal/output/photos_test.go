package output

import (
	"bytes"
	"image"
	"path/filepath"
	"strings"
	"testing"

	_ "image/jpeg"
	_ "image/png"

	"portal/internal/content"
	"portal/internal/diag"
	"portal/internal/testkit"
)

// Photos copied from static/ and page bundles are published without
// their metadata; other files as they are; a photo too broken to clean
// is not published.
func TestPhotosPublishedWithoutMetadata(t *testing.T) {
	phone := testkit.PhoneJPEGWithTrailer(t, 40, 24, 6)
	screenshot := testkit.PhonePNG(t, 20, 10, 1)
	src := testkit.Files(t, map[string][]byte{
		"static/anh/logo.PNG":          screenshot,
		"static/tai-lieu/ke-hoach.pdf": []byte("%PDF-1.4 " + testkit.PhotoOwnerMarker),
		"content/tin/a/IMG_2041.JPG":   phone,
		"content/tin/a/ten-sai.jpeg":   screenshot, // a PNG under a JPEG name
		"content/tin/a/hong.jpg":       phone[:60],
	})
	m := NewMemWriter()
	probs := &diag.List{}
	e := NewEmitter(m, probs, EmitOptions{Workers: 2})
	e.Statics(src, map[string]string{"anh/logo.PNG": "static/anh/logo.PNG", "tai-lieu/ke-hoach.pdf": "static/tai-lieu/ke-hoach.pdf"}, &Assets{})
	res := map[string]*content.File{}
	for _, name := range []string{"IMG_2041.JPG", "ten-sai.jpeg", "hong.jpg"} {
		res["tin/a/"+name] = &content.File{Path: "tin/a/" + name, Abs: filepath.Join(src, "content/tin/a", name)}
	}
	e.Resources(res)

	for rel, source := range map[string][]byte{"tin/a/IMG_2041.JPG": phone, "anh/logo.PNG": screenshot, "tin/a/ten-sai.jpeg": screenshot} {
		got, ok := m.Get(rel)
		if !ok {
			t.Fatalf("%s not published", rel)
		}
		if leaks := testkit.PhotoLeaks(got); len(leaks) > 0 {
			t.Errorf("%s still holds %q", rel, leaks)
		}
		if !bytes.Contains(got, []byte(testkit.PhotoICC)) {
			t.Errorf("%s lost its colour profile", rel)
		}
		a, _, err1 := image.Decode(bytes.NewReader(source))
		b, _, err2 := image.Decode(bytes.NewReader(got))
		if err1 != nil || err2 != nil || a.Bounds() != b.Bounds() || a.At(7, 5) != b.At(7, 5) {
			t.Errorf("%s: pixels differ (%v, %v)", rel, err1, err2)
		}
	}
	if got, _ := m.Get("tin/a/IMG_2041.JPG"); !bytes.Contains(got, []byte("Exif\x00\x00MM\x00*")) {
		t.Error("the orientation was not kept")
	}
	if got, _ := m.Get("tai-lieu/ke-hoach.pdf"); !strings.Contains(string(got), testkit.PhotoOwnerMarker) {
		t.Error("a PDF was changed")
	}
	if _, ok := m.Get("tin/a/hong.jpg"); ok {
		t.Error("a photo that could not be cleaned was published")
	}
	ps := probs.Problems()
	if len(ps) != 1 || ps[0].File != "content/tin/a/hong.jpg" || ps[0].Level != diag.Error || !strings.Contains(ps[0].Msg, "ảnh bị hỏng nên không xoá được thông tin đi kèm") {
		t.Errorf("problems = %v", ps)
	}
	if cleaned, located := e.Photos(); cleaned != 3 || located != 3 {
		t.Errorf("Photos() = %d, %d; want 3 cleaned, 3 with a location", cleaned, located)
	}
}
