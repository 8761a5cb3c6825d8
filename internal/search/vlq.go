package search

import "fmt"

// Postings are written as base64 variable-length quantities (as in source
// maps): each character carries 5 bits of the number, least significant
// group first, and 32 marks "more groups follow". Small numbers, which
// delta encoding makes the common case, take one character, and the result
// is a plain JSON string that search.js decodes in a few lines.
const vlqAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

var vlqValue = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(vlqAlphabet); i++ {
		t[vlqAlphabet[i]] = int8(i)
	}
	return t
}()

// appendVLQ appends the encoding of the non-negative n to b.
func appendVLQ(b []byte, n uint64) []byte {
	for n >= 32 {
		b = append(b, vlqAlphabet[32|n&31])
		n >>= 5
	}
	return append(b, vlqAlphabet[n])
}

// vlqReader decodes a string written by appendVLQ.
type vlqReader struct {
	s string
	i int
}

func (r *vlqReader) more() bool { return r.i < len(r.s) }

func (r *vlqReader) next() (uint64, error) {
	var n uint64
	for shift := uint(0); ; shift += 5 {
		if r.i >= len(r.s) {
			return 0, fmt.Errorf("postings: truncated number at offset %d", r.i)
		}
		v := vlqValue[r.s[r.i]]
		if v < 0 {
			return 0, fmt.Errorf("postings: invalid character %q at offset %d", r.s[r.i], r.i)
		}
		if shift > 50 {
			return 0, fmt.Errorf("postings: number too large at offset %d", r.i)
		}
		r.i++
		n |= uint64(v&31) << shift
		if v&32 == 0 {
			return n, nil
		}
	}
}
