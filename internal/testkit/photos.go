package testkit

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

// Markers a phone photo's metadata carries in the fixtures below: a test
// asserts none of them is published.
const (
	PhotoGPSMarker    = "GPSLatitudeRef-N-20.6464" // in the Exif GPS directory
	PhotoSerialMarker = "SERIAL-R58M12345"         // the phone's serial
	PhotoOwnerMarker  = "Nguyen Van A"             // the owner's name
	PhotoXMPMarker    = "exif:GPSLatitude"         // in the XMP packet
	PhotoICC          = "ICC_PROFILE\x00\x01\x01fake-srgb-profile"
)

// PhotoImage is the picture the fixture photos hold: a gradient, so a
// rotation or a lost row shows.
func PhotoImage(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8((x + y) % 256), 255})
		}
	}
	return img
}

// PhoneJPEG is a JPEG as a phone writes it: w×h pixels stored as they
// are, with an Exif APP1 holding orientation, camera make, serial,
// owner, a GPS directory and a thumbnail-sized blob, an XMP packet with
// GPS, an ICC profile (APP2), IPTC (APP13), a comment, and a trailer
// after the end marker (a motion photo's video).
func PhoneJPEG(t testing.TB, w, h, orientation int) []byte {
	t.Helper()
	var enc bytes.Buffer
	if err := jpeg.Encode(&enc, PhotoImage(w, h), &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return SpliceJPEG(t, enc.Bytes(),
		Segment(0xE1, append([]byte("Exif\x00\x00"), PhoneExif(orientation)...)),
		Segment(0xE1, []byte("http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta><rdf:Description "+PhotoXMPMarker+"=\"20,38.8N\"/></x:xmpmeta>")),
		Segment(0xE2, []byte(PhotoICC)),
		Segment(0xED, []byte("Photoshop 3.0\x008BIM\x04\x04 by-line "+PhotoOwnerMarker)),
		Segment(0xFE, []byte("comment from "+PhotoOwnerMarker)),
	) // and then a trailer:
}

// PhoneJPEGWithTrailer is PhoneJPEG followed by bytes after the end
// marker that carry the GPS marker.
func PhoneJPEGWithTrailer(t testing.TB, w, h, orientation int) []byte {
	return append(PhoneJPEG(t, w, h, orientation), []byte("ftypmp42 "+PhotoGPSMarker)...)
}

// Segment is a JPEG marker segment.
func Segment(marker byte, payload []byte) []byte {
	n := len(payload) + 2
	return append([]byte{0xFF, marker, byte(n >> 8), byte(n)}, payload...)
}

// SpliceJPEG puts segments right after the start-of-image marker of jpg.
func SpliceJPEG(t testing.TB, jpg []byte, segs ...[]byte) []byte {
	t.Helper()
	if len(jpg) < 2 || jpg[0] != 0xFF || jpg[1] != 0xD8 {
		t.Fatal("SpliceJPEG: not a JPEG")
	}
	out := []byte{0xFF, 0xD8}
	for _, s := range segs {
		out = append(out, s...)
	}
	return append(out, jpg[2:]...)
}

// PhoneExif is a little-endian TIFF body with IFD0 (Orientation, Make,
// Model, a serial, the owner, a pointer to a GPS directory) and the GPS
// directory (latitude ref and a marker string).
func PhoneExif(orientation int) []byte {
	le := binary.LittleEndian
	var b []byte
	b = append(b, 'I', 'I', '*', 0)
	b = le.AppendUint32(b, 8)
	strs := []struct {
		tag uint16
		s   string
	}{{0x010F, "samsung"}, {0x0110, "SM-A525F " + PhotoSerialMarker}, {0x013B, PhotoOwnerMarker}}
	entries := 2 + len(strs)
	ifdEnd := 8 + 2 + 12*entries + 4
	data := ifdEnd
	b = le.AppendUint16(b, uint16(entries))
	// Orientation
	b = le.AppendUint16(b, 0x0112)
	b = le.AppendUint16(b, 3)
	b = le.AppendUint32(b, 1)
	b = le.AppendUint16(b, uint16(orientation))
	b = le.AppendUint16(b, 0)
	var blob []byte
	for _, s := range strs {
		b = le.AppendUint16(b, s.tag)
		b = le.AppendUint16(b, 2)
		b = le.AppendUint32(b, uint32(len(s.s)+1))
		b = le.AppendUint32(b, uint32(data+len(blob)))
		blob = append(blob, s.s...)
		blob = append(blob, 0)
	}
	gpsAt := data + len(blob)
	b = le.AppendUint16(b, 0x8825)
	b = le.AppendUint16(b, 4)
	b = le.AppendUint32(b, 1)
	b = le.AppendUint32(b, uint32(gpsAt))
	b = le.AppendUint32(b, 0) // no IFD1
	b = append(b, blob...)
	// GPS IFD: GPSLatitudeRef "N" and a user comment-like marker.
	b = le.AppendUint16(b, 2)
	b = le.AppendUint16(b, 0x0001)
	b = le.AppendUint16(b, 2)
	b = le.AppendUint32(b, 2)
	b = append(b, 'N', 0, 0, 0)
	b = le.AppendUint16(b, 0x001B) // GPSProcessingMethod, UNDEFINED
	b = le.AppendUint16(b, 7)
	b = le.AppendUint32(b, uint32(len(PhotoGPSMarker)))
	b = le.AppendUint32(b, uint32(len(b)+4+4))
	b = le.AppendUint32(b, 0)
	b = append(b, PhotoGPSMarker...)
	return b
}

// PhonePNG is a w×h PNG carrying text chunks (author, a GPS comment),
// an eXIf with the phone's Exif and an iCCP, as screenshots and edited
// photos do.
func PhonePNG(t testing.TB, w, h, orientation int) []byte {
	t.Helper()
	var enc bytes.Buffer
	if err := png.Encode(&enc, PhotoImage(w, h)); err != nil {
		t.Fatal(err)
	}
	b := enc.Bytes()
	ihdrEnd := 8 + 12 + 13
	out := append([]byte(nil), b[:ihdrEnd]...)
	out = PNGChunk(out, "iCCP", []byte("srgb\x00\x00"+PhotoICC))
	out = PNGChunk(out, "eXIf", PhoneExif(orientation))
	out = PNGChunk(out, "tEXt", []byte("Author\x00"+PhotoOwnerMarker))
	out = PNGChunk(out, "iTXt", []byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00"+PhotoXMPMarker+" "+PhotoGPSMarker))
	return append(out, b[ihdrEnd:]...)
}

// PNGChunk appends a chunk with its CRC.
func PNGChunk(out []byte, typ string, data []byte) []byte {
	out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
	start := len(out)
	out = append(out, typ...)
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start:]))
}

// PNGHeader is just the signature and an IHDR saying w×h: a
// decompression bomb's header.
func PNGHeader(w, h uint32) []byte {
	d := binary.BigEndian.AppendUint32(nil, w)
	d = binary.BigEndian.AppendUint32(d, h)
	d = append(d, 8, 2, 0, 0, 0)
	return PNGChunk([]byte("\x89PNG\r\n\x1a\n"), "IHDR", d)
}

// PhotoLeaks returns the metadata markers found in b.
func PhotoLeaks(b []byte) []string {
	var found []string
	for _, m := range []string{PhotoGPSMarker, PhotoSerialMarker, PhotoOwnerMarker, PhotoXMPMarker, "samsung", "GPS"} {
		if bytes.Contains(b, []byte(m)) {
			found = append(found, m)
		}
	}
	return found
}
