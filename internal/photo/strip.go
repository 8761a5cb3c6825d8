package photo

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"io"
)

// Stripped says what Strip took out of a file.
type Stripped struct {
	// Removed is true when any metadata was taken out.
	Removed bool
	// Location is true when what was taken out held a GPS position.
	Location bool
	// Truncated is true when the image data ends before its end marker:
	// it is published as far as it goes, as browsers show it.
	Truncated bool
}

// IsJPEG and IsPNG tell a file's format by its first bytes.
func IsJPEG(b []byte) bool { return len(b) >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF }

// IsPNG reports the PNG signature.
func IsPNG(b []byte) bool { return len(b) >= 8 && string(b[:8]) == pngSig }

// Strip writes src to w without its metadata when it is a JPEG or a PNG
// (whatever its name says), and unchanged otherwise. The pixels are
// never re-encoded: segments and chunks are copied byte for byte. On a
// header it cannot read it writes nothing and returns ErrCorrupt: such a
// file cannot be cleaned, so it must not be published as it is.
func Strip(w io.Writer, src []byte) (Stripped, error) {
	switch {
	case IsJPEG(src):
		return stripJPEG(w, src)
	case IsPNG(src):
		return stripPNG(w, src)
	}
	_, err := w.Write(src)
	return Stripped{}, err
}

// segment is one marker segment of a JPEG header: data[start:end] holds
// the marker, its length and its payload.
type segment struct {
	marker     byte
	start, end int
}

// keepJPEGSegment decides which header segments a published JPEG keeps:
// everything the decoder needs, the JFIF header, the ICC colour profile
// (APP2 "ICC_PROFILE") and Adobe's APP14 (it says how to read the
// colours). Every other APPn and comments go: Exif (place, phone, serial,
// owner, times, thumbnail), XMP, IPTC (APP13), the multi-picture index
// (APP2 "MPF") and makers' segments.
func keepJPEGSegment(m byte, payload []byte) bool {
	switch {
	case m == 0xE0:
		return bytes.HasPrefix(payload, []byte("JFIF\x00"))
	case m == 0xE2:
		return bytes.HasPrefix(payload, []byte("ICC_PROFILE\x00"))
	case m == 0xEE:
		return true
	case m >= 0xE0 && m <= 0xEF, m == 0xFE:
		return false
	}
	return true
}

// isMinimalExif reports an APP1 payload as stripJPEG writes it.
func isMinimalExif(p []byte) bool {
	e, ok := parseExif(p)
	return ok && e.orientation != 1 && string(p) == exifHeader+string(minimalTIFF(e.orientation))
}

// nextMarker finds the marker at or after i, skipping stray bytes as
// decoders do: the index of the first 0xFF before it (fill bytes 0xFF
// belong to the marker, so a segment cut out takes them along rather
// than leaving a lone 0xFF to pair with the next byte), the marker and
// the index after it; ok false at the end of the data.
func nextMarker(b []byte, i int) (at int, m byte, after int, ok bool) {
	for {
		j := bytes.IndexByte(b[i:], 0xFF)
		if j < 0 {
			return 0, 0, 0, false
		}
		at = i + j
		k := at + 1
		for k < len(b) && b[k] == 0xFF {
			k++
		}
		if k >= len(b) {
			return 0, 0, 0, false
		}
		if b[k] == 0x00 {
			i = k + 1
			continue
		}
		return at, b[k], k + 1, true
	}
}

// stripJPEG parses the header up to the first scan, writes the kept
// segments (with a minimal Exif carrying the orientation when it is not
// 1), then copies the scans, dropping APPn and comments between them
// and anything after the end marker (motion-photo videos, makers'
// trailers).
func stripJPEG(w io.Writer, b []byte) (Stripped, error) {
	var st Stripped
	var segs []segment
	orientation, exifSeen := 1, false
	i := 2
	sos := -1
	for sos < 0 {
		at, m, after, ok := nextMarker(b, i)
		if !ok {
			return st, corrupt("hết tệp trước phần dữ liệu ảnh")
		}
		if at > i {
			st.Removed = true // stray bytes between segments
		}
		switch {
		case m == 0x01 || (m >= 0xD0 && m <= 0xD7):
			i = after
			continue
		case m == 0xD8:
			return st, corrupt("hai dấu bắt đầu ảnh")
		case m == 0xD9:
			return st, corrupt("không có phần dữ liệu ảnh")
		}
		if after+2 > len(b) {
			return st, corrupt("hết tệp giữa một đoạn")
		}
		n := int(binary.BigEndian.Uint16(b[after:]))
		end := after + n
		if n < 2 || end > len(b) {
			return st, corrupt("độ dài đoạn sai")
		}
		payload := b[after+2 : end]
		if m == 0xDA {
			sos = at
			break
		}
		if keepJPEGSegment(m, payload) {
			segs = append(segs, segment{m, at, end})
		} else {
			// The Exif this writes is put back as it was: a cleaned
			// photo cleaned again is not "changed".
			st.Removed = st.Removed || !isMinimalExif(payload)
			if m == 0xE1 {
				if e, ok := parseExif(payload); ok {
					if !exifSeen { // the first Exif counts, as in Inspect
						orientation, exifSeen = e.orientation, true
					}
					st.Location = st.Location || e.gps
				} else if bytes.Contains(payload, []byte("GPSLatitude")) {
					st.Location = true // XMP
				}
			}
		}
		i = end
	}

	out := make([]byte, 0, 512)
	out = append(out, 0xFF, 0xD8)
	k := 0
	if k < len(segs) && segs[k].marker == 0xE0 {
		out = append(out, b[segs[k].start:segs[k].end]...)
		k++
	}
	if orientation != 1 {
		t := minimalTIFF(orientation)
		n := 2 + len(exifHeader) + len(t)
		out = append(out, 0xFF, 0xE1, byte(n>>8), byte(n))
		out = append(out, exifHeader...)
		out = append(out, t...)
	}
	for ; k < len(segs); k++ {
		out = append(out, b[segs[k].start:segs[k].end]...)
	}
	if _, err := w.Write(out); err != nil {
		return st, err
	}

	// From the first scan on: copy runs of bytes, cutting out APPn and
	// comments between scans and stopping after the end marker.
	run := sos
	i = sos
	for {
		at, m, after, ok := nextMarker(b, i)
		if !ok {
			st.Truncated = true
			_, err := w.Write(b[run:])
			return st, err
		}
		switch {
		case m == 0xD9:
			if after < len(b) {
				st.Removed = true
			}
			_, err := w.Write(b[run:after])
			return st, err
		case m == 0x01 || (m >= 0xD0 && m <= 0xD7):
			i = after // restart markers are part of the scan
			continue
		}
		if after+2 > len(b) {
			st.Truncated = true
			_, err := w.Write(b[run:at])
			return st, err
		}
		end := after + int(binary.BigEndian.Uint16(b[after:]))
		if end < after+2 || end > len(b) {
			st.Truncated = true
			_, err := w.Write(b[run:at])
			return st, err
		}
		if !keepJPEGSegment(m, b[after+2:end]) {
			st.Removed = true
			if _, err := w.Write(b[run:at]); err != nil {
				return st, err
			}
			run = end
		}
		// A kept segment (DHT, SOS of the next scan…) is copied with
		// the run; its payload is never searched for markers.
		i = end
	}
}

// keepPNGChunk lists the chunks a published PNG keeps: the critical ones
// and the ancillary ones that say how to show the pixels (colour space,
// transparency, density, animation). Text chunks (author, software,
// comments, times), eXIf and every unknown chunk go.
var keepPNGChunk = map[string]bool{
	"IHDR": true, "PLTE": true, "IDAT": true, "IEND": true,
	"iCCP": true, "sRGB": true, "gAMA": true, "cHRM": true, "sBIT": true, "cICP": true, "mDCv": true, "cLLi": true,
	"tRNS": true, "bKGD": true, "pHYs": true, "hIST": true, "sPLT": true,
	"acTL": true, "fcTL": true, "fdAT": true,
}

// stripPNG copies the kept chunks; the first eXIf before the pixels
// (the one Inspect and browsers read) with an orientation other than 1
// is replaced by one that holds only that, and every other eXIf goes.
func stripPNG(w io.Writer, b []byte) (Stripped, error) {
	var st Stripped
	out := make([]byte, 0, len(b))
	out = append(out, pngSig...)
	i := 8
	exifDone := false // an eXIf was met, or the pixels began
	for i < len(b) {
		if i+12 > len(b) {
			return st, corrupt("hết tệp giữa một phần PNG")
		}
		// Compared before any conversion: a length of 2³¹ or more is a
		// negative int on 32-bit builds.
		if uint64(binary.BigEndian.Uint32(b[i:])) > uint64(len(b)-i-12) {
			return st, corrupt("độ dài phần PNG sai")
		}
		n := int(binary.BigEndian.Uint32(b[i:]))
		end := i + 12 + n
		typ := string(b[i+4 : i+8])
		if i == 8 && typ != "IHDR" {
			return st, corrupt("thiếu phần IHDR")
		}
		switch {
		case keepPNGChunk[typ]:
			out = append(out, b[i:end]...)
			exifDone = exifDone || typ == "IDAT"
		case typ == "eXIf":
			data := b[i+8 : i+8+n]
			e, _ := parseTIFF(data[:min(len(data), maxExif)])
			st.Location = st.Location || e.gps
			first := !exifDone
			exifDone = true
			if !first || e.orientation == 1 {
				st.Removed = true
				break
			}
			t := minimalTIFF(e.orientation)
			// The eXIf this writes is put back as it was: a cleaned
			// photo cleaned again is not "changed".
			st.Removed = st.Removed || string(data) != string(t)
			out = appendPNGChunk(out, "eXIf", t)
		default:
			st.Removed = true
			if (typ == "iTXt" || typ == "tEXt" || typ == "zTXt") && bytes.Contains(b[i+8:i+8+n], []byte("GPSLatitude")) {
				st.Location = true // XMP in iTXt
			}
		}
		i = end
		if typ == "IEND" {
			if i < len(b) {
				st.Removed = true
			}
			break
		}
	}
	_, err := w.Write(out)
	return st, err
}

func appendPNGChunk(out []byte, typ string, data []byte) []byte {
	out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
	start := len(out)
	out = append(out, typ...)
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start:]))
}
