// Package photo reads what the portal needs from image files without
// decoding them — format, size as displayed, EXIF orientation — and
// takes the metadata out of the JPEG and PNG files it publishes (place,
// phone, owner, time), losslessly: segments and chunks are copied, pixels
// are never re-encoded. Everything here reads headers only, so a photo
// costs the bytes of its header to size, and a decompression bomb costs
// nothing.
package photo

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// Formats Inspect recognises.
const (
	Unknown = ""
	JPEG    = "JPEG"
	PNG     = "PNG"
	GIF     = "GIF"
	WebP    = "WebP"
	AVIF    = "AVIF"
	SVG     = "SVG"
	HEIC    = "HEIC"
	TIFF    = "TIFF"
	BMP     = "BMP"
	RAW     = "RAW"
)

// Info is what the header of an image says.
type Info struct {
	Format string
	// Width and Height are the size as browsers display the image: an
	// EXIF orientation of 5 to 8 (a phone held upright) swaps them.
	Width, Height int
	// Orientation is the EXIF orientation, 1 to 8; 1 when there is none.
	Orientation int
}

// Browsable reports whether browsers show images of format f.
func Browsable(f string) bool {
	switch f {
	case JPEG, PNG, GIF, WebP, AVIF, SVG:
		return true
	}
	return false
}

// rawExts are camera raw formats, known by name: most are TIFF inside.
var rawExts = map[string]bool{".cr2": true, ".cr3": true, ".nef": true, ".nrw": true, ".arw": true, ".dng": true, ".orf": true, ".rw2": true, ".raf": true, ".raw": true, ".pef": true, ".srw": true, ".x3f": true}

// FormatByName guesses a format from a file name alone, for the formats
// that must be refused whatever the bytes say (a .heic that failed to
// read is still a HEIC).
func FormatByName(name string) string {
	ext := strings.ToLower(path.Ext(name))
	switch {
	case ext == ".heic" || ext == ".heif" || ext == ".hif":
		return HEIC
	case ext == ".tif" || ext == ".tiff":
		return TIFF
	case ext == ".bmp" || ext == ".dib":
		return BMP
	case rawExts[ext]:
		return RAW
	}
	return Unknown
}

// ErrCorrupt wraps the reasons a header cannot be read.
var ErrCorrupt = errors.New("tệp ảnh hỏng hoặc không đầy đủ")

func corrupt(what string) error { return fmt.Errorf("%w (%s)", ErrCorrupt, what) }

// maxHeader bounds what Inspect reads before the pixels begin: headers
// are small, and a file that says otherwise is not worth more.
const maxHeader = 4 << 20

// maxDim is the largest width or height Inspect reports: PNG's own limit
// (2³¹−1), and what an int holds on the 32-bit builds.
const maxDim = 1<<31 - 1

// maxExif bounds the Exif read from a PNG's eXIf: IFD0, with the
// orientation, comes first; the rest (thumbnail, maker notes) is not read.
const maxExif = 64 << 10

// Inspect reads an image's header from r. name is used only for formats
// known by their name (camera raw). The format comes from the bytes, not
// the name: a PNG named .jpg is a PNG. An unknown format is not an error
// (Info.Format is Unknown); a known one whose header is broken is.
func Inspect(r io.Reader, name string) (Info, error) {
	br := bufio.NewReaderSize(r, 4096)
	head, _ := br.Peek(32)
	info := Info{Orientation: 1}
	switch {
	case len(head) >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF:
		info.Format = JPEG
		return inspectJPEG(br, info)
	case len(head) >= 8 && string(head[:8]) == pngSig:
		info.Format = PNG
		return inspectPNG(br, info)
	case len(head) >= 6 && (string(head[:6]) == "GIF87a" || string(head[:6]) == "GIF89a"):
		info.Format = GIF
		if len(head) < 10 {
			return info, corrupt("thiếu kích thước")
		}
		info.Width, info.Height = int(binary.LittleEndian.Uint16(head[6:])), int(binary.LittleEndian.Uint16(head[8:]))
		return info, nil
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		info.Format = WebP
		return inspectWebP(head, info)
	case len(head) >= 12 && string(head[4:8]) == "ftyp":
		return inspectBMFF(br, info)
	case len(head) >= 4 && (string(head[:4]) == "II*\x00" || string(head[:4]) == "MM\x00*"):
		info.Format = TIFF
		if FormatByName(name) == RAW {
			info.Format = RAW
		}
		return info, nil
	case len(head) >= 2 && string(head[:2]) == "BM":
		info.Format = BMP
		return info, nil
	}
	info.Format = FormatByName(name)
	return info, nil
}

// inspectJPEG walks the segments up to the first scan (SOS), reading
// the size from the frame header (SOFn) and the orientation from an Exif
// APP1 on the way: browsers read every APP1 before the scan, so an Exif
// after the frame header still turns the photo.
func inspectJPEG(br *bufio.Reader, info Info) (Info, error) {
	if _, err := br.Discard(2); err != nil {
		return info, corrupt("thiếu phần đầu")
	}
	sof, exifSeen := false, false
	done := func() (Info, error) {
		if !sof {
			return info, corrupt("không có phần khung ảnh (SOF)")
		}
		if info.Orientation >= 5 {
			info.Width, info.Height = info.Height, info.Width
		}
		return info, nil
	}
	read := 2
walk:
	for read < maxHeader {
		b, err := br.ReadByte()
		if err != nil {
			break
		}
		read++
		if b != 0xFF {
			continue // stray bytes between segments, as libjpeg allows
		}
		m, err := br.ReadByte()
		for err == nil && m == 0xFF {
			m, err = br.ReadByte()
			read++
		}
		if err != nil {
			break
		}
		read++
		if m == 0x00 || m == 0x01 || (m >= 0xD0 && m <= 0xD7) {
			continue
		}
		if m == 0xD9 || m == 0xDA {
			return done()
		}
		var lb [2]byte
		if _, err := io.ReadFull(br, lb[:]); err != nil {
			break
		}
		n := int(binary.BigEndian.Uint16(lb[:])) - 2
		read += 2
		if n < 0 {
			return info, corrupt("độ dài đoạn sai")
		}
		switch {
		case isSOF(m) && !sof:
			var f [5]byte
			if n < 5 {
				return info, corrupt("phần khung ảnh quá ngắn")
			}
			if _, err := io.ReadFull(br, f[:]); err != nil {
				return info, corrupt("hết tệp giữa phần khung ảnh")
			}
			info.Height = int(binary.BigEndian.Uint16(f[1:]))
			info.Width = int(binary.BigEndian.Uint16(f[3:]))
			sof = true
			if _, err := br.Discard(n - 5); err != nil {
				return done()
			}
		case m == 0xE1 && !exifSeen:
			seg := make([]byte, n)
			if _, err := io.ReadFull(br, seg); err != nil {
				if sof {
					return done()
				}
				return info, corrupt("hết tệp giữa đoạn Exif")
			}
			// The first Exif counts, as in browsers, even when it says 1
			// or nothing; an XMP APP1 is not one.
			if e, ok := parseExif(seg); ok {
				info.Orientation, exifSeen = e.orientation, true
			}
		default:
			if _, err := br.Discard(n); err != nil {
				break walk
			}
		}
		read += n
	}
	if sof {
		// The frame header was read; what follows it is the browser's
		// problem, as for a PNG cut short after IHDR.
		return done()
	}
	if read >= maxHeader {
		return info, corrupt("phần đầu quá dài")
	}
	return info, corrupt("hết tệp trước phần khung ảnh")
}

// isSOF reports the frame-header markers: C0–CF but DHT (C4), JPG (C8)
// and DAC (CC).
func isSOF(m byte) bool {
	return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC
}

const pngSig = "\x89PNG\r\n\x1a\n"

// inspectPNG reads IHDR and, if one comes before the pixels, the
// orientation in an eXIf chunk.
func inspectPNG(br *bufio.Reader, info Info) (Info, error) {
	if _, err := br.Discard(8); err != nil {
		return info, corrupt("thiếu phần đầu")
	}
	read := 8
	first, exifSeen := true, false
	for read < maxHeader {
		var h [8]byte
		if _, err := io.ReadFull(br, h[:]); err != nil {
			if !first {
				return info, nil // size known; the rest is the browser's problem
			}
			return info, corrupt("thiếu phần IHDR")
		}
		// PNG lengths stop at 2³¹−1; a larger one would be a negative
		// int on 32-bit builds.
		if binary.BigEndian.Uint32(h[:4]) > maxDim {
			if first {
				return info, corrupt("thiếu phần IHDR")
			}
			break
		}
		n := int(binary.BigEndian.Uint32(h[:4]))
		typ := string(h[4:])
		if first {
			if typ != "IHDR" || n < 8 {
				return info, corrupt("thiếu phần IHDR")
			}
			var d [8]byte
			if _, err := io.ReadFull(br, d[:]); err != nil {
				return info, corrupt("thiếu phần IHDR")
			}
			w, h := binary.BigEndian.Uint32(d[:4]), binary.BigEndian.Uint32(d[4:])
			if w > maxDim || h > maxDim {
				return info, corrupt("kích thước PNG sai")
			}
			info.Width, info.Height = int(w), int(h)
			n -= 8
			first = false
		} else if typ == "IDAT" || typ == "IEND" {
			break
		} else if typ == "eXIf" && !exifSeen {
			// Only the first eXIf counts, as in Strip; IFD0 sits at the
			// start, so a bounded prefix of a large one is enough.
			exifSeen = true
			d := make([]byte, min(n, maxExif))
			if _, err := io.ReadFull(br, d); err != nil {
				break
			}
			if e, ok := parseTIFF(d); ok {
				info.Orientation = e.orientation
			}
			n -= len(d)
		}
		if _, err := br.Discard(n + 4); err != nil { // data and CRC
			break
		}
		read += 12 + n
	}
	if info.Orientation >= 5 {
		info.Width, info.Height = info.Height, info.Width
	}
	return info, nil
}

// inspectWebP reads the canvas size of the three kinds of WebP file:
// extended (VP8X), lossy (VP8) and lossless (VP8L).
func inspectWebP(head []byte, info Info) (Info, error) {
	if len(head) < 30 {
		return info, corrupt("thiếu phần đầu WebP")
	}
	switch string(head[12:16]) {
	case "VP8X":
		info.Width = 1 + (int(head[24]) | int(head[25])<<8 | int(head[26])<<16)
		info.Height = 1 + (int(head[27]) | int(head[28])<<8 | int(head[29])<<16)
	case "VP8 ":
		if head[23] != 0x9D || head[24] != 0x01 || head[25] != 0x2A {
			return info, corrupt("phần VP8 sai")
		}
		info.Width = int(binary.LittleEndian.Uint16(head[26:])) & 0x3FFF
		info.Height = int(binary.LittleEndian.Uint16(head[28:])) & 0x3FFF
	case "VP8L":
		if head[20] != 0x2F {
			return info, corrupt("phần VP8L sai")
		}
		bits := binary.LittleEndian.Uint32(head[21:])
		info.Width = 1 + int(bits&0x3FFF)
		info.Height = 1 + int(bits>>14&0x3FFF)
	default:
		return info, corrupt("không rõ kiểu WebP")
	}
	return info, nil
}

// heicBrands are the ftyp brands of HEIF files that are not AVIF.
var heicBrands = map[string]bool{"heic": true, "heix": true, "hevc": true, "hevx": true, "heim": true, "heis": true, "hevm": true, "hevs": true}

// inspectBMFF tells AVIF from HEIC by the ftyp brands and reads an
// AVIF's size from its 'ispe' property (the largest, which is the
// primary image's: the others are thumbnails and alpha planes), swapped
// when an 'irot' turns it a quarter.
func inspectBMFF(br *bufio.Reader, info Info) (Info, error) {
	var h [8]byte
	if _, err := io.ReadFull(br, h[:]); err != nil {
		return info, corrupt("thiếu hộp ftyp")
	}
	n := int(binary.BigEndian.Uint32(h[:4]))
	if n < 16 || n > 4096 {
		return info, corrupt("hộp ftyp sai")
	}
	ftyp := make([]byte, n-8)
	if _, err := io.ReadFull(br, ftyp); err != nil {
		return info, corrupt("hộp ftyp sai")
	}
	avif, heic := false, false
	for i := 0; i+4 <= len(ftyp); i += 4 {
		if i == 4 {
			continue // minor version
		}
		b := string(ftyp[i : i+4])
		avif = avif || b == "avif" || b == "avis"
		heic = heic || heicBrands[b]
	}
	switch {
	case avif:
		info.Format = AVIF
	case heic || string(ftyp[:4]) == "mif1" || string(ftyp[:4]) == "msf1":
		info.Format = HEIC
		return info, nil
	default:
		return info, nil // an MP4 video or the like
	}
	// The meta box comes early in every AVIF the encoders write; reading
	// a bounded prefix keeps a file that says otherwise cheap.
	buf := make([]byte, 0, 64<<10)
	for len(buf) < cap(buf) {
		k, err := br.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+k]
		if err != nil {
			break
		}
	}
	var rot bool
	walkBoxes(buf, 0, &info, &rot)
	if info.Width == 0 {
		return info, corrupt("không tìm thấy kích thước (ispe)")
	}
	if rot {
		info.Width, info.Height = info.Height, info.Width
	}
	return info, nil
}

// walkBoxes looks through ISO boxes for ispe and irot, descending into
// the containers that hold them.
func walkBoxes(b []byte, depth int, info *Info, rot *bool) {
	if depth > 4 {
		return
	}
	for len(b) >= 8 {
		size := uint64(binary.BigEndian.Uint32(b))
		typ := string(b[4:8])
		hdr := 8
		if size == 1 && len(b) >= 16 { // a 64-bit size follows the type
			size, hdr = binary.BigEndian.Uint64(b[8:]), 16
		}
		// Size 0 (to the end of the file), a size smaller than the
		// header or one past the prefix: the box runs to the end of
		// what was read. Compared as uint64, before any conversion.
		if size < uint64(hdr) || size > uint64(len(b)) {
			size = uint64(len(b))
		}
		if int(size) < hdr {
			return
		}
		body := b[hdr:size]
		switch typ {
		case "meta":
			if len(body) >= 4 {
				walkBoxes(body[4:], depth+1, info, rot) // full box: version and flags
			}
		case "iprp", "ipco":
			walkBoxes(body, depth+1, info, rot)
		case "ispe":
			if len(body) >= 12 {
				w, h := binary.BigEndian.Uint32(body[4:]), binary.BigEndian.Uint32(body[8:])
				// Sizes beyond maxDim are nonsense and negative as
				// ints on 32-bit builds.
				if w <= maxDim && h <= maxDim && uint64(w)*uint64(h) > uint64(info.Width)*uint64(info.Height) {
					info.Width, info.Height = int(w), int(h)
				}
			}
		case "irot":
			if len(body) >= 1 {
				*rot = body[0]&3 == 1 || body[0]&3 == 3
			}
		}
		b = b[size:]
	}
}
