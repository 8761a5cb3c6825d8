package search

import (
	"encoding/binary"
	"math/bits"
	"strings"
	"unicode/utf8"
)

// termEntry is one folded term of an indexer: its exact forms, in the
// order first seen, and how many pages hold it.
type termEntry struct {
	folded   string
	variants []string
	hash     uint32 // fnv32(folded)
	df       int
}

type tokRef struct {
	term    int32
	variant int32 // index into variants, -1 when past maxVariants
}

// docTerm is the scratch record of one term in the document being indexed.
type docTerm struct {
	tf    uint32
	field uint8  // best field: 0 body, 1 meta, 2 heading, 3 title
	sec   uint32 // first body section holding the term, 0 if none
	vmask uint32
	next  []int32 // distinct terms that directly follow it, at most maxAdjacent
}

// entry is a term's record in one document, as the second pass reads it.
type entry struct {
	term  int32
	vmask uint32
	tf    uint32
	sec   uint32 // section<<2 | best field
}

func (e entry) section() uint32 { return e.sec >> 2 }
func (e entry) field() uint32   { return e.sec & 3 }

// docIndex is what the first pass keeps of one page: for each term in
// it, as uvarints, its id, exact-form mask, frequency-1 and section<<2 |
// best field, then the length in bytes (a byte) of the ids of the
// distinct terms that follow it, and those ids. Common terms are met
// first and get the small ids, so most numbers take one byte and a
// page's record is about half the size of its text.
type docIndex struct {
	n    int32  // terms
	data []byte // points into the indexer's blocks
}

// byteBlock is the size of the blocks the first pass appends to, so that
// a growing index never copies what it holds, and at most one block is
// idle.
const byteBlock = 1 << 18

// indexer is the first pass over a run of consecutive pages: per-term
// scratch is indexed by term id, so an occurrence costs a table lookup on
// the raw syllable and a few field updates.
type indexer struct {
	short  shortTable        // raw syllables of up to 8 bytes
	syl    sylTable          // of 9 to 16 bytes
	long   map[string]tokRef // longer raw syllables
	byFold map[string]int32
	terms  []termEntry

	cur     []docTerm
	seen    []int32
	sec     uint32 // section being indexed: 0 title/meta, 1 intro, 2+k heading k
	tmp     []byte
	found   []span
	missing []Heading

	invalid bool   // add met invalid UTF-8
	bad     string // URL of the first page with invalid UTF-8

	lo   int        // index of the first page, in URL order
	docs []docIndex // per page from lo
	data []byte     // current block of docIndex data
	recs []byte     // current block of display records
}

func newIndexer() *indexer {
	ix := &indexer{long: make(map[string]tokRef), byFold: make(map[string]int32, 1<<10)}
	ix.short.init(1 << 12)
	ix.syl.init(1 << 10)
	return ix
}

// keepBytes copies b into the block *blk and returns the copy.
func keepBytes(blk *[]byte, b []byte) []byte {
	if cap(*blk)-len(*blk) < len(b) {
		*blk = make([]byte, 0, max(len(b), byteBlock))
	}
	n := len(*blk)
	*blk = append(*blk, b...)
	return (*blk)[n:len(*blk):len(*blk)]
}

// ref returns the term and exact form of the raw syllable s[start:end].
func (ix *indexer) ref(s string, start, end int) tokRef {
	n := end - start
	if n > 16 {
		raw := s[start:end]
		if r, ok := ix.long[raw]; ok {
			return r
		}
		r := ix.newRef(raw)
		ix.long[strings.Clone(raw)] = r
		return r
	}
	var a, b uint64
	if start+16 <= len(s) {
		a, b = le64(s[start:]), le64(s[start+8:])
		if n < 8 {
			a &= 1<<(8*n) - 1
			b = 0
		} else {
			b &= 1<<(8*(n-8)) - 1
		}
	} else {
		for j := range n {
			if j < 8 {
				a |= uint64(s[start+j]) << (8 * j)
			} else {
				b |= uint64(s[start+j]) << (8 * (j - 8))
			}
		}
	}
	if n <= 8 {
		if r, ok := ix.short.get(a); ok {
			return r
		}
		r := ix.newRef(s[start:end])
		ix.short.put(a, r)
		return r
	}
	if r, ok := ix.syl.get(a, b); ok {
		return r
	}
	r := ix.newRef(s[start:end])
	ix.syl.put(a, b, r)
	return r
}

func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// newRef normalises a raw syllable not seen before and files it under
// its folded term, which it creates if need be.
func (ix *indexer) newRef(raw string) tokRef {
	t := MakeToken(raw)
	id, ok := ix.byFold[t.Folded]
	if !ok {
		id = int32(len(ix.terms))
		ix.byFold[t.Folded] = id
		ix.terms = append(ix.terms, termEntry{folded: t.Folded, hash: fnv32(t.Folded)})
		ix.cur = append(ix.cur, docTerm{})
	}
	te := &ix.terms[id]
	v := int32(-1)
	for i, e := range te.variants {
		if e == t.Exact {
			v = int32(i)
			break
		}
	}
	if v < 0 && len(te.variants) < maxVariants {
		v = int32(len(te.variants))
		te.variants = append(te.variants, t.Exact)
	}
	return tokRef{term: id, variant: v}
}

// sylTable is an open-addressing hash table from a raw syllable of at
// most 16 bytes, packed little-endian into two words, to its tokRef. A
// syllable holds no zero byte, so zero padding is unambiguous and a zero
// first word marks an empty slot. It is much faster than a map[string]:
// the key is two loads from the text and compares in two instructions,
// and this lookup runs for every word of the site.
type sylTable struct {
	slots []sylSlot
	n     int
	shift uint
}

type sylSlot struct {
	a, b uint64
	ref  tokRef
}

func sylHash(a, b uint64) uint64 {
	h := a*0x9E3779B97F4A7C15 ^ b*0xD6E8FEB86659FD93
	h ^= h >> 32
	return h * 0x9E3779B97F4A7C15
}

func (t *sylTable) get(a, b uint64) (tokRef, bool) {
	i := sylHash(a, b) >> t.shift
	if s := &t.slots[i]; s.a == a && s.b == b {
		return s.ref, true
	}
	return t.probe(i, a, b)
}

// probe goes on from slot i, which did not hold the key.
func (t *sylTable) probe(i, a, b uint64) (tokRef, bool) {
	mask := uint64(len(t.slots) - 1)
	for {
		s := &t.slots[i]
		if s.a == a && s.b == b {
			return s.ref, true
		}
		if s.a == 0 {
			return tokRef{}, false
		}
		i = (i + 1) & mask
	}
}

func (t *sylTable) put(a, b uint64, r tokRef) {
	if 4*(t.n+1) > 3*len(t.slots) {
		old := t.slots
		t.init(2 * len(old))
		for _, s := range old {
			if s.a != 0 {
				t.insert(s)
			}
		}
	}
	t.insert(sylSlot{a, b, r})
}

// init empties the table and gives it size slots, a power of two.
func (t *sylTable) init(size int) {
	t.slots = make([]sylSlot, size)
	t.shift = uint(64 - bits.Len(uint(size-1)))
	t.n = 0
}

func (t *sylTable) insert(s sylSlot) {
	mask := uint64(len(t.slots) - 1)
	i := sylHash(s.a, s.b) >> t.shift
	for t.slots[i].a != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = s
	t.n++
}

// shortTable is sylTable for syllables of up to 8 bytes, most of them:
// its slots take 16 bytes instead of 24, and more stay in the cache. (A
// generic table would cost the hot lookup an indirect comparison.)
type shortTable struct {
	slots []shortSlot
	n     int
	shift uint
}

type shortSlot struct {
	a   uint64
	ref tokRef
}

func (t *shortTable) get(a uint64) (tokRef, bool) {
	i := sylHash(a, 0) >> t.shift
	if s := &t.slots[i]; s.a == a {
		return s.ref, true
	}
	return t.probe(i, a)
}

func (t *shortTable) probe(i, a uint64) (tokRef, bool) {
	mask := uint64(len(t.slots) - 1)
	for {
		s := &t.slots[i]
		if s.a == a {
			return s.ref, true
		}
		if s.a == 0 {
			return tokRef{}, false
		}
		i = (i + 1) & mask
	}
}

func (t *shortTable) put(a uint64, r tokRef) {
	if 4*(t.n+1) > 3*len(t.slots) {
		old := t.slots
		t.init(2 * len(old))
		for _, s := range old {
			if s.a != 0 {
				t.insert(s)
			}
		}
	}
	t.insert(shortSlot{a, r})
}

func (t *shortTable) init(size int) {
	t.slots = make([]shortSlot, size)
	t.shift = uint(64 - bits.Len(uint(size-1)))
	t.n = 0
}

func (t *shortTable) insert(s shortSlot) {
	mask := uint64(len(t.slots) - 1)
	i := sylHash(s.a, 0) >> t.shift
	for t.slots[i].a != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = s
	t.n++
}

// add indexes the syllables of s with the given field. A phrase never
// spans the start of s or a punctuation mark: no adjacency is recorded
// there. It is scan, inlined, as two loops (between words, in a word) so
// that few branches go either way, with the common runes decoded in line:
// this loop and what it calls are most of the first pass.
func (ix *indexer) add(s string, field uint8) {
	prev := int32(-1)
	i := 0
	for {
		// Between words.
		for i < len(s) {
			c := s[i]
			if c < utf8.RuneSelf {
				if asciiClass[c] == asciiWord {
					break
				}
				if asciiClass[c] == asciiBreak {
					prev = -1
				}
				i++
				continue
			}
			r, size := decodeAt(s, i)
			if isWordRune(r) {
				break
			}
			if size == 1 {
				ix.invalid = true // checked per page by indexDoc
			}
			if r != '\u00a0' {
				prev = -1
			}
			i += size
		}
		if i >= len(s) {
			return
		}
		// In a word.
		start := i
		for i < len(s) {
			c := s[i]
			if c < utf8.RuneSelf {
				if asciiClass[c] != asciiWord {
					break
				}
				i++
				continue
			}
			// decodeAt and isWordRune, in line for Vietnamese letters
			var r rune
			size := 2
			switch {
			case c >= 0xC2 && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
				r = rune(c&0x1F)<<6 | rune(s[i+1]&0x3F)
			case c == 0xE1 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
				r, size = rune(c&0x0F)<<12|rune(s[i+1]&0x3F)<<6|rune(s[i+2]&0x3F), 3
			default:
				r, size = utf8.DecodeRuneInString(s[i:])
				if !isWordRune(r) {
					r = -1
				}
			}
			if r < 0 || r < wordTableSize && wordTable[r>>6]&(1<<(r&63)) == 0 {
				break
			}
			i += size
		}
		t := ix.ref(s, start, i)
		ix.occur(t, prev, field)
		prev = t.term
	}
}

// ASCII byte classes for add: part of a word, a space that lets a phrase
// go on, or a mark that breaks it.
const (
	asciiBreak = iota
	asciiSpace
	asciiWord
)

// asciiClass is the class of each ASCII byte; it is computed once and
// never written again.
var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range rune(utf8.RuneSelf) {
		switch {
		case isWordRune(c):
			t[c] = asciiWord
		case c == ' ' || c == '\t':
			t[c] = asciiSpace
		}
	}
	return t
}()

// decodeAt decodes the non-ASCII rune at s[i] as utf8.DecodeRuneInString
// does, with two-byte runes (Vietnamese letters, combining marks) and
// three-byte ones led by 0xE1 (precomposed Vietnamese letters) in line:
// for those, a lead byte followed by continuation bytes is always valid.
func decodeAt(s string, i int) (rune, int) {
	c := s[i]
	if c >= 0xC2 && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
		return rune(c&0x1F)<<6 | rune(s[i+1]&0x3F), 2
	}
	if c == 0xE1 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
		return rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F), 3
	}
	return utf8.DecodeRuneInString(s[i:])
}

// occur records one occurrence of r, which follows term prev (-1 at the
// start of a phrase).
func (ix *indexer) occur(r tokRef, prev int32, field uint8) {
	t := r.term
	dt := &ix.cur[t]
	if dt.tf == 0 {
		ix.seen = append(ix.seen, t)
	}
	dt.tf++
	dt.field = max(dt.field, field)
	if dt.sec == 0 && ix.sec > 0 {
		dt.sec = ix.sec
	}
	if r.variant >= 0 {
		dt.vmask |= 1 << uint(r.variant)
	}
	if prev >= 0 {
		ix.follow(prev, t)
	}
}

// follow records that term t directly follows term prev.
func (ix *indexer) follow(prev, t int32) {
	p := &ix.cur[prev]
	if len(p.next) < maxAdjacent && !containsTerm(p.next, t) {
		p.next = append(p.next, t)
	}
}

func containsTerm(s []int32, t int32) bool {
	for _, x := range s {
		if x == t {
			return true
		}
	}
	return false
}

// flush ends the first pass over a document: it keeps the document's
// entries and adjacencies and resets the scratch.
func (ix *indexer) flush() {
	b := ix.tmp[:0]
	for _, id := range ix.seen {
		dt := &ix.cur[id]
		ix.terms[id].df++
		b = binary.AppendUvarint(b, uint64(id))
		b = binary.AppendUvarint(b, uint64(dt.vmask))
		b = binary.AppendUvarint(b, uint64(dt.tf-1))
		b = binary.AppendUvarint(b, uint64(dt.sec)<<2|uint64(dt.field))
		n := len(b)
		b = append(b, 0)
		for _, t := range dt.next {
			b = binary.AppendUvarint(b, uint64(t))
		}
		b[n] = byte(len(b) - n - 1) // at most maxAdjacent uvarints of 5 bytes
		*dt = docTerm{next: dt.next[:0]}
	}
	ix.tmp = b
	ix.docs = append(ix.docs, docIndex{n: int32(len(ix.seen)), data: keepBytes(&ix.data, b)})
	ix.seen = ix.seen[:0]
	ix.sec = 0
}

// span is where a heading's text was found in a page's body.
type span struct {
	start, end int
	h          Heading
}

// layout splits a page's body at its headings: found lists the headings
// found in the body, in order; missing those that were not, which are
// indexed after the body. It appends to the slices it is given.
func layout(d *Doc, found []span, missing []Heading) ([]span, []Heading) {
	cur := 0
	for _, h := range d.Headings {
		text := strings.TrimSpace(h.Text)
		if text == "" {
			continue
		}
		i := strings.Index(d.Body[cur:], text)
		if i < 0 {
			missing = append(missing, h)
			continue
		}
		found = append(found, span{cur + i, cur + i + len(text), h})
		cur += i + len(text)
	}
	return found, missing
}

// indexDoc indexes one page: title, description, tags and section name,
// then the body section by section, as layout split it.
func (ix *indexer) indexDoc(d *Doc, found []span, missing []Heading) {
	ix.add(d.Title, fieldTitle)
	ix.add(d.Description, fieldMeta)
	for _, t := range d.Tags {
		ix.add(t, fieldMeta)
	}
	ix.add(d.Section, fieldMeta)

	body := d.Body
	ix.sec = 1
	introEnd := len(body)
	if len(found) > 0 {
		introEnd = found[0].start
	}
	ix.add(body[:introEnd], fieldBody)
	for k, sp := range found {
		end := len(body)
		if k+1 < len(found) {
			end = found[k+1].start
		}
		ix.sec = uint32(k + 2)
		ix.add(body[sp.start:sp.end], fieldHeading)
		ix.add(body[sp.end:end], fieldBody)
	}
	for k, h := range missing {
		ix.sec = uint32(len(found) + k + 2)
		ix.add(h.Text, fieldHeading)
	}
	if ix.invalid && ix.bad == "" {
		ix.bad = d.URL
	}
}
