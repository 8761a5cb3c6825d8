package photo

import "encoding/binary"

// exifHeader starts the APP1 segment of a JPEG that holds Exif.
const exifHeader = "Exif\x00\x00"

// exifInfo is what the portal reads of Exif: only IFD0, the first
// directory, which holds the orientation and the pointer to the GPS
// directory. Parsing it by hand is a few lines; a library would read the
// whole tree, maker notes and all, for one tag.
type exifInfo struct {
	orientation int  // 1–8; 1 when absent or out of range
	gps         bool // IFD0 points at a GPS directory
}

// parseExif reads the payload of an APP1 segment.
func parseExif(seg []byte) (exifInfo, bool) {
	if len(seg) < len(exifHeader) || string(seg[:len(exifHeader)]) != exifHeader {
		return exifInfo{orientation: 1}, false
	}
	return parseTIFF(seg[len(exifHeader):])
}

// parseTIFF reads IFD0 of a TIFF structure (the body of Exif).
func parseTIFF(t []byte) (exifInfo, bool) {
	e := exifInfo{orientation: 1}
	if len(t) < 8 {
		return e, false
	}
	var bo binary.ByteOrder
	switch string(t[:4]) {
	case "II*\x00":
		bo = binary.LittleEndian
	case "MM\x00*":
		bo = binary.BigEndian
	default:
		return e, false
	}
	// Compared as uint64: converted first, an offset near 2³¹ wraps
	// off+2 negative on 32-bit builds and slips past the bound.
	if o := uint64(bo.Uint32(t[4:])); o < 8 || o+2 > uint64(len(t)) {
		return e, false
	}
	off := int(bo.Uint32(t[4:]))
	n := int(bo.Uint16(t[off:]))
	for i := 0; i < n; i++ {
		p := off + 2 + 12*i
		if p+12 > len(t) {
			break
		}
		switch bo.Uint16(t[p:]) {
		case 0x0112: // Orientation, SHORT
			if bo.Uint16(t[p+2:]) == 3 {
				if v := int(bo.Uint16(t[p+8:])); v >= 1 && v <= 8 {
					e.orientation = v
				}
			}
		case 0x8825: // GPSInfo IFD pointer
			e.gps = true
		}
	}
	return e, true
}

// minimalTIFF is the Exif body a published photo keeps: IFD0 with one
// entry, the orientation, so a photo taken upright still shows upright.
func minimalTIFF(orientation int) []byte {
	t := []byte{
		'M', 'M', 0, '*', 0, 0, 0, 8, // big-endian, IFD0 at 8
		0, 1, // one entry
		0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, byte(orientation), 0, 0, // Orientation SHORT 1
		0, 0, 0, 0, // no next IFD
	}
	return t
}
