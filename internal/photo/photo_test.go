package photo

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"testing"

	"portal/internal/testkit"
)

func inspect(t *testing.T, b []byte, name string) Info {
	t.Helper()
	info, err := Inspect(bytes.NewReader(b), name)
	if err != nil {
		t.Fatalf("Inspect(%s): %v", name, err)
	}
	return info
}

func TestInspectOrientationSwapsSize(t *testing.T) {
	for _, tc := range []struct {
		o    int
		w, h int
	}{{1, 40, 24}, {3, 40, 24}, {5, 24, 40}, {6, 24, 40}, {7, 24, 40}, {8, 24, 40}} {
		info := inspect(t, testkit.PhoneJPEG(t, 40, 24, tc.o), "a.jpg")
		if info.Format != JPEG || info.Orientation != tc.o || info.Width != tc.w || info.Height != tc.h {
			t.Errorf("orientation %d: got %+v, want %dx%d", tc.o, info, tc.w, tc.h)
		}
	}
}

func TestInspectBigEndianExif(t *testing.T) {
	var enc bytes.Buffer
	_ = jpeg.Encode(&enc, testkit.PhotoImage(30, 10), nil)
	b := testkit.SpliceJPEG(t, enc.Bytes(), testkit.Segment(0xE1, append([]byte(exifHeader), minimalTIFF(8)...)))
	if info := inspect(t, b, "x.jpeg"); info.Width != 10 || info.Height != 30 || info.Orientation != 8 {
		t.Errorf("got %+v", info)
	}
}

func TestInspectFormats(t *testing.T) {
	var pngb, gifb bytes.Buffer
	_ = png.Encode(&pngb, testkit.PhotoImage(7, 5))
	_ = gif.Encode(&gifb, testkit.PhotoImage(9, 4), nil)
	webpLossy := []byte("RIFF\x00\x00\x00\x00WEBPVP8 \x00\x00\x00\x00\x00\x00\x00\x9d\x01\x2a")
	webpLossy = binary.LittleEndian.AppendUint16(webpLossy, 320)
	webpLossy = binary.LittleEndian.AppendUint16(webpLossy, 200)
	webpLossless := []byte("RIFF\x00\x00\x00\x00WEBPVP8L\x00\x00\x00\x00\x2f")
	webpLossless = binary.LittleEndian.AppendUint32(webpLossless, uint32(99)|uint32(49)<<14)
	webpLossless = append(webpLossless, 0, 0, 0, 0, 0)
	webpExt := []byte("RIFF\x00\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x00\x00\x00\x00\x7f\x07\x00\x37\x04\x00")
	for _, tc := range []struct {
		name   string
		b      []byte
		format string
		w, h   int
	}{
		{"a.png", pngb.Bytes(), PNG, 7, 5},
		{"a.PNG", pngb.Bytes(), PNG, 7, 5},
		{"lies.jpg", pngb.Bytes(), PNG, 7, 5},
		{"a.gif", gifb.Bytes(), GIF, 9, 4},
		{"a.webp", webpLossy, WebP, 320, 200},
		{"b.webp", webpLossless, WebP, 100, 50},
		{"c.webp", webpExt, WebP, 1920, 1080},
		{"d.webp", []byte("RIFF\x00\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x00\x00\x00\x00\xff\x01\x00\xff\x00\x00"), WebP, 512, 256},
		{"a.avif", avif(t, 1200, 800, false), AVIF, 1200, 800},
		{"r.avif", avif(t, 1200, 800, true), AVIF, 800, 1200},
		{"a.heic", bmffHeader("heic", "mif1"), HEIC, 0, 0},
		{"a.HEIF", bmffHeader("mif1", "heic"), HEIC, 0, 0},
		{"named.jpg", bmffHeader("heic", "mif1"), HEIC, 0, 0},
		{"a.tif", []byte("II*\x00\x08\x00\x00\x00"), TIFF, 0, 0},
		{"a.dng", []byte("II*\x00\x08\x00\x00\x00"), RAW, 0, 0},
		{"a.bmp", []byte("BM\x00\x00\x00\x00"), BMP, 0, 0},
		{"a.CR3", []byte("whatever"), RAW, 0, 0},
		{"bomb.png", testkit.PNGHeader(100000, 100000), PNG, 100000, 100000},
		{"notes.txt", []byte("hello"), Unknown, 0, 0},
	} {
		info := inspect(t, tc.b, tc.name)
		if info.Format != tc.format || info.Width != tc.w || info.Height != tc.h {
			t.Errorf("%s: got %+v, want %s %dx%d", tc.name, info, tc.format, tc.w, tc.h)
		}
	}
}

func bmffHeader(major, compat string) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(16+len(compat)))
	b = append(b, "ftyp"+major+"\x00\x00\x00\x00"+compat...)
	return b
}

func box(typ string, body ...[]byte) []byte {
	n := 8
	for _, b := range body {
		n += len(b)
	}
	out := binary.BigEndian.AppendUint32(nil, uint32(n))
	out = append(out, typ...)
	for _, b := range body {
		out = append(out, b...)
	}
	return out
}

func avif(t testing.TB, w, h uint32, rotate bool) []byte {
	t.Helper()
	ispe := func(w, h uint32) []byte {
		d := []byte{0, 0, 0, 0}
		d = binary.BigEndian.AppendUint32(d, w)
		return box("ispe", binary.BigEndian.AppendUint32(d, h))
	}
	props := [][]byte{ispe(w/8, h/8), ispe(w, h)}
	if rotate {
		props = append(props, box("irot", []byte{1}))
	}
	meta := box("meta", []byte{0, 0, 0, 0}, box("hdlr", make([]byte, 20)), box("iprp", box("ipco", props...)))
	return append(bmffHeader("avif", "mif1miaf"), meta...)
}

func TestInspectCorruptNeverPanics(t *testing.T) {
	good := testkit.PhoneJPEG(t, 20, 20, 6)
	for _, tc := range []struct {
		name string
		b    []byte
	}{
		{"soi only", []byte{0xFF, 0xD8, 0xFF}},
		{"cut in exif", good[:40]},
		{"no frame", []byte{0xFF, 0xD8, 0xFF, 0xDA, 0, 2}},
		{"bad length", []byte{0xFF, 0xD8, 0xFF, 0xE1, 0, 1}},
		{"png without IHDR", []byte(pngSig + "\x00\x00\x00\x00IEND")},
		{"short webp", []byte("RIFF\x00\x00\x00\x00WEBPVP8 ")},
		{"avif without ispe", bmffHeader("avif", "mif1")},
	} {
		if _, err := Inspect(bytes.NewReader(tc.b), "x"); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: err = %v, want ErrCorrupt", tc.name, err)
		}
	}
}

func decode(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	return img
}

func samePixels(t *testing.T, a, b image.Image) {
	t.Helper()
	if a.Bounds() != b.Bounds() {
		t.Fatalf("bounds %v, want %v", b.Bounds(), a.Bounds())
	}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				t.Fatalf("pixel %d,%d differs", x, y)
			}
		}
	}
}

func strip(t *testing.T, b []byte) ([]byte, Stripped) {
	t.Helper()
	var out bytes.Buffer
	st, err := Strip(&out, b)
	if err != nil {
		t.Fatalf("Strip: %v", err)
	}
	return out.Bytes(), st
}

func TestStripJPEGRemovesMetadataKeepsOrientationAndICC(t *testing.T) {
	src := testkit.PhoneJPEGWithTrailer(t, 48, 32, 6)
	out, st := strip(t, src)
	if leaks := testkit.PhotoLeaks(out); len(leaks) > 0 {
		t.Errorf("published photo still holds %q", leaks)
	}
	if !st.Removed || !st.Location || st.Truncated {
		t.Errorf("Stripped = %+v", st)
	}
	if !bytes.Contains(out, []byte(testkit.PhotoICC)) {
		t.Error("ICC profile lost")
	}
	info := inspect(t, out, "out.jpg")
	if info.Orientation != 6 || info.Width != 32 || info.Height != 48 {
		t.Errorf("published photo reads %+v, want orientation 6, 32x48", info)
	}
	samePixels(t, decode(t, src), decode(t, out))
	if len(out) >= len(src) {
		t.Errorf("published %d bytes, source %d", len(out), len(src))
	}
	// Cleaning twice changes nothing more.
	again, st2 := strip(t, out)
	if !bytes.Equal(again, out) || st2.Removed {
		t.Errorf("second strip changed the file (%+v)", st2)
	}
}

func TestStripJPEGOrientationOneLeavesNoExif(t *testing.T) {
	out, _ := strip(t, testkit.PhoneJPEG(t, 16, 16, 1))
	if bytes.Contains(out, []byte("Exif")) {
		t.Error("an upright photo keeps an Exif segment")
	}
	if info := inspect(t, out, "o.jpg"); info.Orientation != 1 || info.Width != 16 {
		t.Errorf("got %+v", info)
	}
}

func TestStripJPEGKeepsJFIFFirstAndDropsMetadataBetweenScans(t *testing.T) {
	var enc bytes.Buffer
	_ = jpeg.Encode(&enc, testkit.PhotoImage(20, 20), nil) // Go writes no JFIF; add one
	jfif := testkit.Segment(0xE0, []byte("JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"))
	src := testkit.SpliceJPEG(t, enc.Bytes(), jfif, testkit.Segment(0xE1, append([]byte(exifHeader), testkit.PhoneExif(8)...)))
	// A comment just before the end marker, as some tools write.
	eoi := len(src) - 2
	src = append(append(append([]byte(nil), src[:eoi]...), testkit.Segment(0xFE, []byte(testkit.PhotoOwnerMarker))...), 0xFF, 0xD9)
	out, _ := strip(t, src)
	if !bytes.HasPrefix(out, append([]byte{0xFF, 0xD8}, jfif...)) {
		t.Error("JFIF is not the first segment")
	}
	if leaks := testkit.PhotoLeaks(out); len(leaks) > 0 {
		t.Errorf("leaks %q", leaks)
	}
	samePixels(t, decode(t, src), decode(t, out))
	if info := inspect(t, out, "a.jpg"); info.Orientation != 8 {
		t.Errorf("orientation %d", info.Orientation)
	}
}

func TestStripJPEGTruncated(t *testing.T) {
	src := testkit.PhoneJPEG(t, 64, 64, 6)
	out, st := strip(t, src[:len(src)-100])
	if !st.Truncated || len(testkit.PhotoLeaks(out)) > 0 {
		t.Errorf("Stripped %+v, leaks %q", st, testkit.PhotoLeaks(out))
	}
	// Cut inside the header: refused, nothing written.
	var w bytes.Buffer
	if _, err := Strip(&w, src[:60]); !errors.Is(err, ErrCorrupt) || w.Len() != 0 {
		t.Errorf("err %v, wrote %d bytes", err, w.Len())
	}
}

func TestStripPNG(t *testing.T) {
	src := testkit.PhonePNG(t, 30, 20, 6)
	out, st := strip(t, src)
	if leaks := testkit.PhotoLeaks(out); len(leaks) > 0 {
		t.Errorf("leaks %q", leaks)
	}
	if !st.Removed || !st.Location {
		t.Errorf("Stripped %+v", st)
	}
	if !bytes.Contains(out, []byte("iCCP")) {
		t.Error("iCCP lost")
	}
	samePixels(t, decode(t, src), decode(t, out))
	if info := inspect(t, out, "a.png"); info.Orientation != 6 || info.Width != 20 || info.Height != 30 {
		t.Errorf("got %+v", info)
	}
	var w bytes.Buffer
	if _, err := Strip(&w, src[:30]); !errors.Is(err, ErrCorrupt) {
		t.Errorf("truncated PNG: %v", err)
	}
}

func TestStripOtherFilesUnchanged(t *testing.T) {
	for _, b := range [][]byte{[]byte("GIF89a..."), []byte("plain text"), nil} {
		if out, st := strip(t, b); !bytes.Equal(out, b) || st.Removed {
			t.Errorf("%q changed", b)
		}
	}
}

// FuzzStripJPEG: the rewriter never panics, and what a decoder reads in
// its input it reads the same in its output.
func FuzzStripJPEG(f *testing.F) {
	f.Add(testkit.PhoneJPEGWithTrailer(f, 16, 8, 6))
	f.Add(testkit.PhoneJPEG(f, 9, 9, 1))
	var prog bytes.Buffer
	_ = jpeg.Encode(&prog, testkit.PhotoImage(8, 8), &jpeg.Options{Quality: 10})
	f.Add(prog.Bytes())
	f.Add([]byte(testkit.ReadFile(f, "testdata", "progressive.jpeg")))
	f.Add([]byte(testkit.ReadFile(f, "testdata", "restart.jpeg")))
	f.Add([]byte{0xFF, 0xD8, 0xFF, 0xD9})
	f.Fuzz(func(t *testing.T, b []byte) {
		var out bytes.Buffer
		_, err := Strip(&out, b)
		_, _ = Inspect(bytes.NewReader(b), "f.jpg")
		if err != nil {
			return
		}
		in, err := jpeg.Decode(bytes.NewReader(b))
		if err != nil {
			return
		}
		got, err := jpeg.Decode(bytes.NewReader(out.Bytes()))
		if err != nil {
			t.Fatalf("input decodes, output does not: %v", err)
		}
		samePixels(t, in, got)
	})
}

// The first eXIf before the pixels is the one that counts, for Inspect
// and Strip alike; a cleaned PNG cleaned again is not "changed".
func TestStripPNGExifChunks(t *testing.T) {
	for _, tc := range []struct {
		name   string
		chunks []string // eXIf orientations, "IDAT" for the pixels
		want   int
	}{
		{"one", []string{"6", "IDAT"}, 6},
		{"first wins", []string{"3", "5", "IDAT"}, 3},
		{"explicit 1 first", []string{"1", "6", "IDAT"}, 1},
		{"after the pixels", []string{"IDAT", "6"}, 1},
	} {
		var pngb bytes.Buffer
		_ = png.Encode(&pngb, testkit.PhotoImage(4, 2))
		enc := pngb.Bytes()
		ihdrEnd := 8 + 12 + 13
		src := append([]byte(nil), enc[:ihdrEnd]...)
		for _, c := range tc.chunks {
			if c == "IDAT" {
				src = append(src, enc[ihdrEnd:len(enc)-12]...)
				continue
			}
			src = testkit.PNGChunk(src, "eXIf", minimalTIFF(int(c[0]-'0')))
		}
		src = append(src, enc[len(enc)-12:]...)
		out, _ := strip(t, src)
		if in, got := inspect(t, src, "a.png"), inspect(t, out, "a.png"); in.Orientation != tc.want || got != in {
			t.Errorf("%s: Inspect %+v before, %+v after; want orientation %d", tc.name, in, got, tc.want)
		}
		if n := bytes.Count(out, []byte("eXIf")); n > 1 || (n == 1) != (tc.want != 1) {
			t.Errorf("%s: %d eXIf chunks kept", tc.name, n)
		}
		again, st := strip(t, out)
		if !bytes.Equal(again, out) || st.Removed {
			t.Errorf("%s: second pass changed it (%+v)", tc.name, st)
		}
		samePixels(t, decode(t, src), decode(t, out))
	}
}

// Offsets and sizes of 2³¹ or more are refused before they become ints:
// on 32-bit builds they would be negative.
func TestHugeOffsetsAndSizes(t *testing.T) {
	for _, b := range [][]byte{
		[]byte("MM\x00*\x7f\xff\xff\xfe\x00\x00"),
		[]byte("II*\x00\xfe\xff\xff\x7f\x00\x00"),
		[]byte("MM\x00*\xff\xff\xff\xff\x00\x00"),
	} {
		if e, ok := parseTIFF(b); ok || e.orientation != 1 {
			t.Errorf("% x: %+v %v", b, e, ok)
		}
	}
	ispe := func(w, h uint32) []byte {
		d := binary.BigEndian.AppendUint32([]byte{0, 0, 0, 0}, w)
		return box("ispe", binary.BigEndian.AppendUint32(d, h))
	}
	b := append(bmffHeader("avif", "mif1"), box("meta", []byte{0, 0, 0, 0}, box("iprp", box("ipco", ispe(0xFFFFFFFF, 0xFFFFFFFF), ispe(64, 48))))...)
	if info := inspect(t, b, "a.avif"); info.Width != 64 || info.Height != 48 {
		t.Errorf("avif: got %+v", info)
	}
	png := testkit.PNGHeader(0x80000000, 4)
	if _, err := Inspect(bytes.NewReader(png), "a.png"); !errors.Is(err, ErrCorrupt) {
		t.Errorf("png 2³¹ wide: err = %v", err)
	}
}

// Browsers read every APP1 before the first scan: an Exif after the
// frame header still turns the photo, and Inspect says so, before
// stripping (which moves it to the front) as after.
func TestInspectExifAfterFrameHeader(t *testing.T) {
	var enc bytes.Buffer
	_ = jpeg.Encode(&enc, testkit.PhotoImage(30, 10), nil)
	b := enc.Bytes()
	i := bytes.Index(b, []byte{0xFF, 0xC0})
	end := i + 2 + int(binary.BigEndian.Uint16(b[i+2:]))
	seg := testkit.Segment(0xE1, append([]byte(exifHeader), minimalTIFF(6)...))
	src := append(append(append([]byte(nil), b[:end]...), seg...), b[end:]...)
	out, _ := strip(t, src)
	for _, f := range [][]byte{src, out} {
		if info := inspect(t, f, "a.jpg"); info.Width != 10 || info.Height != 30 || info.Orientation != 6 {
			t.Errorf("got %+v, want 10x30 orientation 6", info)
		}
	}
	// A file cut after its frame header still has a size.
	if info := inspect(t, b[:end+4], "a.jpg"); info.Width != 30 || info.Height != 10 {
		t.Errorf("cut after SOF: got %+v", info)
	}
}

// Boxes of size 1 carry a 64-bit size after their type; size 0 runs to
// the end of the file; sizes past the file end at it.
func TestInspectAVIFBoxSizes(t *testing.T) {
	ispe := binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32([]byte{0, 0, 0, 0}, 320), 240)
	ipco := box("iprp", box("ipco", box("ispe", ispe)))
	large := func(typ string, size uint64, body []byte) []byte {
		b := append([]byte{0, 0, 0, 1}, typ...)
		return append(binary.BigEndian.AppendUint64(b, size), body...)
	}
	metaBody := append([]byte{0, 0, 0, 0}, ipco...)
	for name, b := range map[string][]byte{
		"largesize":               large("meta", uint64(16+len(metaBody)), metaBody),
		"largesize past the file": large("meta", 1<<63, metaBody),
		"size 0":                  append([]byte{0, 0, 0, 0, 'm', 'e', 't', 'a'}, metaBody...),
		"size past the file":      append([]byte{0xFF, 0xFF, 0xFF, 0xF0, 'm', 'e', 't', 'a'}, metaBody...),
		"after a largesize box":   append(large("free", 24, make([]byte, 8)), box("meta", metaBody)...),
	} {
		src := append(bmffHeader("avif", "mif1"), b...)
		if info := inspect(t, src, "a.avif"); info.Width != 320 || info.Height != 240 {
			t.Errorf("%s: got %+v", name, info)
		}
	}
}

// Of several APP1 segments, the first Exif one gives the orientation, as
// browsers read it, even when it says 1; an XMP APP1 before it does not
// count.
func TestJPEGFirstExifCounts(t *testing.T) {
	var enc bytes.Buffer
	_ = jpeg.Encode(&enc, testkit.PhotoImage(30, 10), nil)
	xmp := testkit.Segment(0xE1, []byte("http://ns.adobe.com/xap/1.0/\x00<x/>"))
	exif := func(o int) []byte { return testkit.Segment(0xE1, append([]byte(exifHeader), minimalTIFF(o)...)) }
	for _, tc := range []struct {
		name string
		segs [][]byte
		want int
	}{
		{"xmp then exif", [][]byte{xmp, exif(6)}, 6},
		{"exif 1 then exif 6", [][]byte{exif(1), exif(6)}, 1},
		{"exif 8 then exif 6", [][]byte{exif(8), exif(6)}, 8},
	} {
		src := testkit.SpliceJPEG(t, enc.Bytes(), tc.segs...)
		out, _ := strip(t, src)
		for _, f := range [][]byte{src, out} {
			if info := inspect(t, f, "a.jpg"); info.Orientation != tc.want {
				t.Errorf("%s: got %+v, want orientation %d", tc.name, info, tc.want)
			}
		}
	}
}

// Progressive JPEGs (several scans, tables between them) and JPEGs with
// restart markers, with metadata and fill bytes put before every scan:
// the metadata goes, the pixels stay, and a second pass changes nothing.
func TestStripJPEGScansAndRestarts(t *testing.T) {
	for _, name := range []string{"progressive.jpeg", "restart.jpeg"} {
		src := []byte(testkit.ReadFile(t, "testdata", name))
		exif := testkit.Segment(0xE1, testkit.PhoneExif(6))
		var dirty []byte
		scans := 0
		for i := 0; i < len(src); {
			j := bytes.Index(src[i:], []byte{0xFF, 0xDA})
			if j < 0 {
				dirty = append(dirty, src[i:]...)
				break
			}
			dirty = append(dirty, src[i:i+j]...)
			dirty = append(dirty, 0xFF, 0xFF) // fill bytes
			dirty = append(dirty, exif...)
			dirty = append(dirty, testkit.Segment(0xFE, []byte("GPSLatitude 20.6"))...)
			dirty = append(dirty, 0xFF, 0xDA)
			i += j + 2
			scans++
		}
		out, st := strip(t, dirty)
		if !st.Removed || !st.Location || st.Truncated {
			t.Errorf("%s: Stripped %+v", name, st)
		}
		if leaks := jpegLeaks(out); len(leaks) > 0 || bytes.Contains(out, []byte("GPSLatitude")) {
			t.Errorf("%s: segments % X left", name, leaks)
		}
		samePixels(t, decode(t, src), decode(t, out))
		if again, st := strip(t, out); !bytes.Equal(again, out) || st.Removed {
			t.Errorf("%s: second pass changed it (%+v)", name, st)
		}
		if name == "progressive.jpeg" && scans < 3 {
			t.Errorf("%s: %d scans", name, scans)
		}
		if name == "restart.jpeg" && !bytes.Contains(out, []byte{0xFF, 0xD0}) {
			t.Errorf("%s: restart markers lost", name)
		}
	}
}

// An APNG keeps its animation chunks, and every kept chunk keeps its
// bytes, CRC included (only chunks this writes get a new CRC).
func TestStripPNGKeepsAnimationAndCRCs(t *testing.T) {
	var pngb bytes.Buffer
	_ = png.Encode(&pngb, testkit.PhotoImage(4, 2))
	enc := pngb.Bytes()
	ihdrEnd := 8 + 12 + 13
	src := append([]byte(nil), enc[:ihdrEnd]...)
	src = testkit.PNGChunk(src, "acTL", []byte{0, 0, 0, 2, 0, 0, 0, 0})
	src = testkit.PNGChunk(src, "tEXt", []byte("Author\x00Nguyễn Văn A"))
	src = testkit.PNGChunk(src, "fcTL", make([]byte, 26))
	src = append(src, enc[ihdrEnd:len(enc)-12]...) // IDAT
	src = testkit.PNGChunk(src, "fcTL", append([]byte{0, 0, 0, 1}, make([]byte, 22)...))
	src = testkit.PNGChunk(src, "fdAT", []byte{0, 0, 0, 2, 1, 2, 3})
	src = testkit.PNGChunk(src, "zTXt", []byte("Comment\x00\x00x"))
	src = append(src, enc[len(enc)-12:]...)
	out, st := strip(t, src)
	if !st.Removed {
		t.Errorf("Stripped %+v", st)
	}
	want := bytes.ReplaceAll(src, testkit.PNGChunk(nil, "tEXt", []byte("Author\x00Nguyễn Văn A")), nil)
	want = bytes.ReplaceAll(want, testkit.PNGChunk(nil, "zTXt", []byte("Comment\x00\x00x")), nil)
	if !bytes.Equal(out, want) {
		t.Errorf("got\n%q\nwant\n%q", out, want)
	}
}
