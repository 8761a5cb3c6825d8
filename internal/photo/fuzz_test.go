package photo

import (
	"bytes"
	"encoding/binary"
	"image/jpeg"
	"image/png"
	"testing"

	"portal/internal/testkit"
)

// checkInfo holds whatever Inspect returns to what a page can use: a
// size that is never negative and an orientation browsers know.
func checkInfo(t *testing.T, info Info) {
	t.Helper()
	if info.Width < 0 || info.Height < 0 || info.Width > maxDim || info.Height > maxDim {
		t.Fatalf("size %dx%d", info.Width, info.Height)
	}
	if info.Orientation < 1 || info.Orientation > 8 {
		t.Fatalf("orientation %d", info.Orientation)
	}
}

// FuzzInspect: the header reader never panics, never loops, reads a
// bounded amount and returns a usable size, for every format it knows.
func FuzzInspect(f *testing.F) {
	var pngb bytes.Buffer
	_ = png.Encode(&pngb, testkit.PhotoImage(7, 5))
	f.Add(pngb.Bytes())
	f.Add(testkit.PhonePNG(f, 6, 4, 6))
	f.Add(testkit.PhoneJPEG(f, 9, 5, 8))
	f.Add([]byte("GIF89a\x09\x00\x04\x00"))
	f.Add([]byte("RIFF\x00\x00\x00\x00WEBPVP8 \x00\x00\x00\x00\x00\x00\x00\x9d\x01\x2a\x40\x01\xc8\x00"))
	f.Add([]byte("RIFF\x00\x00\x00\x00WEBPVP8L\x00\x00\x00\x00\x2f\x62\x40\x0c\x00\x00\x00\x00\x00\x00"))
	f.Add([]byte("RIFF\x00\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x00\x00\x00\x00\x7f\x07\x00\x37\x04\x00"))
	f.Add(avif(f, 640, 480, true))
	f.Add(append(bmffHeader("avif", "mif1"), 0, 0, 0, 1, 'm', 'e', 't', 'a', 0, 0, 0, 0, 0, 0, 0, 40))
	f.Add(append(bmffHeader("avif", "mif1"), 0, 0, 0, 0, 'm', 'e', 't', 'a', 0, 0, 0, 0))
	f.Add(bmffHeader("heic", "mif1heic"))
	f.Add([]byte("II*\x00\x08\x00\x00\x00"))
	f.Add([]byte("MM\x00*\x00\x00\x00\x08"))
	f.Add([]byte("BM\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r := &countingReader{r: bytes.NewReader(b)}
		info, err := Inspect(r, "x.jpg")
		if err == nil {
			checkInfo(t, info)
		}
		if r.n > maxHeader+64<<10+8192 {
			t.Fatalf("read %d bytes", r.n)
		}
	})
}

type countingReader struct {
	r *bytes.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// FuzzParseTIFF: the IFD reader never panics and only reports
// orientations 1–8, whatever the offsets and counts say.
func FuzzParseTIFF(f *testing.F) {
	f.Add(minimalTIFF(6))
	f.Add(testkit.PhoneExif(8)[len(exifHeader):])
	le := []byte("II*\x00\x08\x00\x00\x00\x01\x00\x12\x01\x03\x00\x01\x00\x00\x00\x09\x00\x00\x00")
	f.Add(le)
	f.Add([]byte("MM\x00*\x00\x00\x00\x04\xff\xff"))
	f.Add([]byte("II*\x00\xff\xff\xff\xff"))
	f.Add([]byte("MM\x00*\x7f\xff\xff\xfe"))
	f.Fuzz(func(t *testing.T, b []byte) {
		e, _ := parseTIFF(b)
		if e.orientation < 1 || e.orientation > 8 {
			t.Fatalf("orientation %d", e.orientation)
		}
		e, _ = parseExif(append([]byte(exifHeader), b...))
		if e.orientation < 1 || e.orientation > 8 {
			t.Fatalf("orientation %d", e.orientation)
		}
	})
}

// keptJPEGHeader reports a header segment a published JPEG may hold.
func publishedJPEGSegment(m byte, payload []byte) bool {
	if m == 0xE1 {
		return isMinimalExif(payload)
	}
	return keepJPEGSegment(m, payload)
}

// jpegLeaks lists the metadata segments left in a stripped JPEG: every
// segment of the header, and those between scans.
func jpegLeaks(b []byte) []byte {
	var leaks []byte
	i := 2
	inScan := false
	for {
		_, m, after, ok := nextMarker(b, i)
		if !ok || m == 0xD9 {
			return leaks
		}
		if m == 0x01 || (m >= 0xD0 && m <= 0xD7) {
			i = after
			continue
		}
		if after+2 > len(b) {
			return leaks
		}
		end := after + int(binary.BigEndian.Uint16(b[after:]))
		if end < after+2 || end > len(b) {
			return leaks
		}
		if !publishedJPEGSegment(m, b[after+2:end]) || (inScan && m == 0xE1) {
			leaks = append(leaks, m)
		}
		if m == 0xDA {
			inScan = true
		}
		i = end
	}
}

func stripOK(b []byte) ([]byte, Stripped, error) {
	var out bytes.Buffer
	st, err := Strip(&out, b)
	return out.Bytes(), st, err
}

// checkStripped holds the properties every stripped file has: cleaning
// it again changes nothing and reports nothing, and Inspect reads the
// same size and orientation in it as in the original.
func checkStripped(t *testing.T, in, out []byte) {
	t.Helper()
	again, st, err := stripOK(out)
	if err != nil {
		t.Fatalf("stripping the output: %v", err)
	}
	if !bytes.Equal(again, out) {
		t.Fatalf("not idempotent:\n%q\n%q", out, again)
	}
	if st.Removed || st.Location {
		t.Fatalf("second pass reports %+v", st)
	}
	a, errA := Inspect(bytes.NewReader(in), "x")
	b, errB := Inspect(bytes.NewReader(out), "x")
	if errA == nil && (errB != nil || a != b) {
		t.Fatalf("Inspect: %+v before, %+v (%v) after", a, b, errB)
	}
}

// FuzzStripPNG: the PNG rewriter never panics or loops, is idempotent,
// leaves only the chunks it keeps (and a minimal eXIf), and a PNG that
// decodes decodes to the same pixels after.
func FuzzStripPNG(f *testing.F) {
	f.Add(testkit.PhonePNG(f, 6, 4, 6))
	f.Add(testkit.PhonePNG(f, 3, 3, 1))
	var pngb bytes.Buffer
	_ = png.Encode(&pngb, testkit.PhotoImage(40, 30))
	f.Add(pngb.Bytes())
	apng := testkit.PNGHeader(2, 2)
	apng = testkit.PNGChunk(apng, "acTL", []byte{0, 0, 0, 1, 0, 0, 0, 0})
	apng = testkit.PNGChunk(apng, "eXIf", minimalTIFF(3))
	apng = testkit.PNGChunk(apng, "eXIf", minimalTIFF(5))
	apng = testkit.PNGChunk(apng, "tEXt", []byte("GPSLatitude\x001"))
	apng = testkit.PNGChunk(apng, "IEND", nil)
	f.Add(apng)
	f.Fuzz(func(t *testing.T, b []byte) {
		if !IsPNG(b) {
			b = append([]byte(pngSig), b...)
		}
		out, _, err := stripOK(b)
		if err != nil {
			return
		}
		for i := 8; i+8 <= len(out); {
			n := int(binary.BigEndian.Uint32(out[i:]))
			typ := string(out[i+4 : i+8])
			if !keepPNGChunk[typ] && typ != "eXIf" {
				t.Fatalf("chunk %q kept", typ)
			}
			if typ == "eXIf" {
				e, ok := parseTIFF(out[i+8 : i+8+n])
				if !ok || string(out[i+8:i+8+n]) != string(minimalTIFF(e.orientation)) {
					t.Fatalf("eXIf kept as it was")
				}
			}
			i += 12 + n
		}
		checkStripped(t, b, out)
		in, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			return
		}
		got, err := png.Decode(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("input decodes, output does not: %v", err)
		}
		samePixels(t, in, got)
	})
}

// FuzzStripJPEGProperties: the JPEG rewriter is idempotent and leaves no
// metadata segment, in the header or between scans.
func FuzzStripJPEGProperties(f *testing.F) {
	f.Add(testkit.PhoneJPEGWithTrailer(f, 16, 8, 6))
	f.Add(testkit.PhoneJPEG(f, 9, 9, 1))
	var prog bytes.Buffer
	_ = jpeg.Encode(&prog, testkit.PhotoImage(8, 8), &jpeg.Options{Quality: 10})
	f.Add(testkit.SpliceJPEG(f, prog.Bytes(),
		testkit.Segment(0xE1, []byte("http://ns.adobe.com/xap/1.0/\x00<x GPSLatitude/>")),
		testkit.Segment(0xE1, testkit.PhoneExif(6))))
	f.Add([]byte(testkit.ReadFile(f, "testdata", "progressive.jpeg")))
	f.Add([]byte(testkit.ReadFile(f, "testdata", "restart.jpeg")))
	f.Add([]byte{0xFF, 0xD8, 0xFF, 0xFF, 0xFF, 0xDA, 0, 2, 1, 0xFF, 0xD0, 2, 0xFF, 0xFF, 0xE1, 0, 2, 0xFF, 0xD9})
	f.Fuzz(func(t *testing.T, b []byte) {
		if !IsJPEG(b) {
			b = append([]byte{0xFF, 0xD8, 0xFF}, b...)
		}
		out, _, err := stripOK(b)
		if err != nil {
			return
		}
		if leaks := jpegLeaks(out); len(leaks) > 0 {
			t.Fatalf("segments % X left", leaks)
		}
		checkStripped(t, b, out)
	})
}
