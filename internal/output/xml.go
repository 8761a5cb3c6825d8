package output

import (
	"bytes"
	"encoding/xml"
	"strings"
)

// marshalXML writes v, one of this package's feed or sitemap types
// (which always encode), as an indented XML document.
func marshalXML(v any) []byte {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", " ")
	_ = enc.Encode(v)
	buf.WriteByte('\n')
	return buf.Bytes()
}

// uriOf percent-encodes what a URI may not hold raw (bytes of non-ASCII
// letters, spaces, quotes): a page under content/漢字/ has an address
// browsers accept as typed, but the sitemap protocol and RSS readers want
// it encoded. Existing escapes are kept as they are.
func uriOf(u string) string {
	const hex = "0123456789ABCDEF"
	var b []byte
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c >= 0x80 || c <= ' ' || strings.IndexByte("\"<>\\^`{|}", c) >= 0 {
			if b == nil {
				b = append(make([]byte, 0, len(u)+16), u[:i]...)
			}
			b = append(b, '%', hex[c>>4], hex[c&15])
			continue
		}
		if b != nil {
			b = append(b, c)
		}
	}
	if b == nil {
		return u
	}
	return string(b)
}
