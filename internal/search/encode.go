package search

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"portal/internal/parallel"
)

// The postings columns of a term, in file order after "n".
const (
	colDocs = iota
	colMeta
	colTF
	colSec
	colNadj
	colAdj
	numCols
)

var colNames = [numCols]string{"d", "m", "t", "s", "f", "h"}

// merged is the first pass of all parts put together: the terms by
// folded form, and for each part how its term ids and exact-form bits map
// to these.
type merged struct {
	terms []termEntry
	rank  []int32 // a's rank ≤ b's rank: a stores the adjacency of a and b
	parts []partMap
}

// partMap translates one part's ids into the merged ones.
type partMap struct {
	ix   *indexer
	gid  []int32  // local term id → merged id
	bits [][]int8 // local exact-form index → merged one (-1: none); nil when the same
	rank []int32  // by local id
	hash []uint32 // by local id
}

// merge puts the parts, which indexed consecutive runs of pages in order,
// together: terms and exact forms get the ids one pass over all pages in
// order would have given them, save that a part that meets more than
// maxVariants exact forms of a term keeps its first ones before merging.
func merge(ixs []*indexer) *merged {
	m := &merged{parts: make([]partMap, len(ixs))}
	byFold := make(map[string]int32, len(ixs[0].terms))
	for p, o := range ixs {
		pm := partMap{ix: o, gid: make([]int32, len(o.terms)), bits: make([][]int8, len(o.terms))}
		for i := range o.terms {
			ot := &o.terms[i]
			id, ok := byFold[ot.folded]
			if !ok {
				id = int32(len(m.terms))
				byFold[ot.folded] = id
				m.terms = append(m.terms, termEntry{folded: ot.folded, hash: ot.hash})
			}
			pm.gid[i] = id
			te := &m.terms[id]
			te.df += ot.df
			var bs []int8
			for j, v := range ot.variants {
				k := slices.Index(te.variants, v)
				if k < 0 && len(te.variants) < maxVariants {
					k = len(te.variants)
					te.variants = append(te.variants, v)
				}
				if k != j && bs == nil {
					bs = make([]int8, len(ot.variants))
					for x := range j {
						bs[x] = int8(x)
					}
				}
				if bs != nil {
					bs[j] = int8(k)
				}
			}
			pm.bits[i] = bs
		}
		m.parts[p] = pm
	}
	order := make([]int32, len(m.terms))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		x, y := &m.terms[a], &m.terms[b]
		switch {
		case x.df != y.df:
			return x.df - y.df
		case x.hash != y.hash:
			if x.hash < y.hash {
				return -1
			}
			return 1
		}
		return strings.Compare(x.folded, y.folded)
	})
	m.rank = make([]int32, len(m.terms))
	for r, id := range order {
		m.rank[id] = int32(r)
	}
	for p := range m.parts {
		pm := &m.parts[p]
		pm.rank = make([]int32, len(pm.gid))
		pm.hash = make([]uint32, len(pm.gid))
		for l, g := range pm.gid {
			pm.rank[l] = m.rank[g]
			pm.hash[l] = m.terms[g].hash
		}
	}
	return m
}

// nextPrint and prevPrint are the 6-bit fingerprints (one base64
// character) stored for "b follows" and "a precedes"; they take different
// bits of the FNV hash than shards do. A term rarely stores more than two
// or three, so a false phrase match is a few-percent event, and one
// character instead of two saves a fifth of a small site's index.
func nextPrint(h uint32) uint32 { return h >> 26 }
func prevPrint(h uint32) uint32 { return h >> 20 & 63 }

// readEntry decodes the entry at d[j:] written by flush, up to its
// followers, and returns the index after it.
func readEntry(d []byte, j int) (entry, int) {
	var e entry
	var v uint64
	v, j = uvarint(d, j)
	e.term = int32(v)
	v, j = uvarint(d, j)
	e.vmask = uint32(v)
	v, j = uvarint(d, j)
	e.tf = uint32(v) + 1
	v, j = uvarint(d, j)
	e.sec = uint32(v)
	return e, j
}

// uvarint decodes the uvarint at b[j:] and returns the index after it.
func uvarint(b []byte, j int) (uint64, int) {
	if c := b[j]; c < 0x80 {
		return uint64(c), j + 1
	}
	return uvarintLong(b, j)
}

func uvarintLong(b []byte, j int) (uint64, int) {
	var x uint64
	for s := uint(0); ; s += 7 {
		c := b[j]
		j++
		if c < 0x80 {
			return x | uint64(c)<<s, j
		}
		x |= uint64(c&0x7f) << s
	}
}

// page is the second pass's scratch for one page.
type page struct {
	ents []entry
	adj  []int32  // where each entry's followers (their length first) are in the data
	pb   []uint64 // each entry's fingerprint set
	slot []int32  // term → its entry, for the part's terms
}

// read decodes page d into p and computes its fingerprints: pb[k] is the
// set of adjacency fingerprints entry k stores, as a bit set
// (fingerprints are 6 bits; the file lists a set's members in ascending
// order). Each adjacency goes with the rarer of its two terms, the one of
// lower rank: the one in fewer documents, ties broken by hash and then
// text, so that search.js, which sees both terms' postings, knows where
// to look.
func (pm *partMap) read(d *docIndex, p *page) {
	n := int(d.n)
	p.ents = slices.Grow(p.ents[:0], n)[:n]
	p.adj = slices.Grow(p.adj[:0], n)[:n]
	p.pb = slices.Grow(p.pb[:0], n)[:n]
	data := d.data
	j := 0
	for k := range n {
		var e entry
		e, j = readEntry(data, j)
		p.ents[k] = e
		p.slot[e.term] = int32(k)
		p.pb[k] = 0
		p.adj[k] = int32(j)
		j += 1 + int(data[j]) // skip the followers
	}
	for k, e := range p.ents {
		j := int(p.adj[k])
		a := e.term
		ra := pm.rank[a]
		end := j + 1 + int(data[j])
		for j++; j < end; {
			var v uint64
			v, j = uvarint(data, j)
			b := int32(v)
			if ra <= pm.rank[b] {
				p.pb[k] |= 1 << nextPrint(pm.hash[b])
			} else {
				p.pb[p.slot[b]] |= 1 << prevPrint(pm.hash[a])
			}
		}
	}
}

// remap translates a part's exact-form mask into the merged numbering.
func remap(m uint32, bs []int8) uint32 {
	if bs == nil {
		return m
	}
	var out uint32
	for m != 0 {
		j := bits.TrailingZeros32(m)
		m &= m - 1
		if k := bs[j]; k >= 0 {
			out |= 1 << uint(k)
		}
	}
	return out
}

func vlqLen(n uint64) int { return (bits.Len64(n|1) + 4) / 5 }

// putVLQ writes the encoding of n at b[i:] and returns the index after it.
func putVLQ(b []byte, i int32, n uint64) int32 {
	for n >= 32 {
		b[i] = vlqAlphabet[32|n&31]
		n >>= 5
		i++
	}
	b[i] = vlqAlphabet[n]
	return i + 1
}

// termStat is what a part contributes to one term's columns.
type termStat struct {
	size        [numCols]int // bytes per column (with the first gap once known)
	first, last int32        // first and last page holding the term
	prevLast    int32        // last page holding it in the parts before
	n           int32
}

// measure is the sizing pass over one part: the exact bytes each term's
// columns take, except the first page gap, which depends on the parts
// before.
func (pm *partMap) measure() []termStat {
	ix := pm.ix
	st := make([]termStat, len(ix.terms))
	p := page{slot: make([]int32, len(ix.terms))}
	for di := range ix.docs {
		d := &ix.docs[di]
		doc := int32(ix.lo + di)
		pm.read(d, &p)
		for k, e := range p.ents {
			s := &st[e.term]
			if s.n > 0 {
				s.size[colDocs] += vlqLen(uint64(doc - s.last - 1))
			} else {
				s.first = doc
			}
			s.last = doc
			s.n++
			s.size[colMeta] += vlqLen(uint64(remap(e.vmask, pm.bits[e.term]))*4 + uint64(e.field()))
			s.size[colTF] += vlqLen(uint64(e.tf - 1))
			s.size[colSec] += vlqLen(uint64(e.section()))
			c := bits.OnesCount64(p.pb[k])
			s.size[colNadj] += vlqLen(uint64(c))
			s.size[colAdj] += c
		}
		// The followers are read: the page's record now takes its
		// fingerprints instead, for write, as a count and base64
		// characters per entry. It shrinks: each follower took a byte at
		// least and gives at most one fingerprint.
		b := d.data[:0]
		for k, e := range p.ents {
			b = binary.AppendUvarint(b, uint64(e.term))
			b = binary.AppendUvarint(b, uint64(e.vmask))
			b = binary.AppendUvarint(b, uint64(e.tf-1))
			b = binary.AppendUvarint(b, uint64(e.sec))
			ps := p.pb[k]
			b = append(b, byte(bits.OnesCount64(ps)))
			for ps != 0 {
				b = append(b, vlqAlphabet[bits.TrailingZeros64(ps)])
				ps &= ps - 1
			}
		}
		d.data = b
	}
	return st
}

// cursor is where a part writes a term's columns: offsets in the shard
// file. It is small, as write touches one per posting.
type cursor struct {
	off   [numCols]int32
	last  int32 // last page written
	shard int32
}

// write is the encoding pass over one part, after measure: it writes
// every term's columns at the places the layout gave them, in the shard
// files.
func (pm *partMap) write(cur []cursor, files []shardOut) {
	ix := pm.ix
	for di := range ix.docs {
		d := &ix.docs[di]
		doc := int32(ix.lo + di)
		data := d.data
		j := 0
		for range d.n {
			var e entry
			e, j = readEntry(data, j)
			c := &cur[e.term]
			b := files[c.shard].buf
			c.off[colDocs] = putVLQ(b, c.off[colDocs], uint64(doc-c.last-1))
			c.last = doc
			c.off[colMeta] = putVLQ(b, c.off[colMeta], uint64(remap(e.vmask, pm.bits[e.term]))*4+uint64(e.field()))
			c.off[colTF] = putVLQ(b, c.off[colTF], uint64(e.tf-1))
			c.off[colSec] = putVLQ(b, c.off[colSec], uint64(e.section()))
			n := int32(data[j])
			c.off[colNadj] = putVLQ(b, c.off[colNadj], uint64(n))
			copy(b[c.off[colAdj]:], data[j+1:j+1+int(n)])
			c.off[colAdj] += n
			j += 1 + int(n)
		}
	}
}

// shardOut is one shard file: its terms, sorted by layout, its path and
// its bytes.
type shardOut struct {
	ids  []int32
	path string // "s/1f"
	buf  []byte
}

// encode is the second pass: it sizes every term's columns, lays the
// shard files out and writes the columns straight into them, the parts
// in parallel. It files the shards in out and returns how many there are.
func (m *merged) encode(workers int, out *output) (int, error) {
	stats := make([][]termStat, len(m.parts))
	inParallel(len(m.parts), workers, func(p int) { stats[p] = m.parts[p].measure() })

	// The first page gap of each part's run of a term is known only now.
	size := make([][numCols]int, len(m.terms))
	last := make([]int32, len(m.terms))
	for i := range last {
		last[i] = -1
	}
	for p, pm := range m.parts {
		for l, g := range pm.gid {
			s := &stats[p][l]
			if s.n == 0 {
				continue
			}
			s.prevLast = last[g]
			s.size[colDocs] += vlqLen(uint64(s.first - last[g] - 1))
			last[g] = s.last
			for c := range numCols {
				size[g][c] += s.size[c]
			}
		}
	}

	// Shards: one for a small site, so it downloads as one compressed
	// file; else the smallest power of two whose average stays under target.
	total := 0
	for g := range m.terms {
		total += len(m.terms[g].folded) + 4
		for c := range numCols {
			total += size[g][c]
		}
	}
	shards := 1
	for total > smallIndex && shards < maxShards && total/shards > shardTarget {
		shards *= 2
	}
	files := make([]shardOut, shards)
	for id := range m.terms {
		h := m.terms[id].hash & uint32(shards-1)
		files[h].ids = append(files[h].ids, int32(id))
	}
	start := make([][numCols]int, len(m.terms)) // where each term's columns go
	var sw parallel.Group
	for w := range workers {
		sw.Go(func() {
			for h := w; h < shards; h += workers {
				m.layout(&files[h], h, size, start, out)
			}
		})
	}
	sw.Wait()

	for h := range files {
		if len(files[h].buf) > math.MaxInt32 {
			return 0, fmt.Errorf("search: index shard of %d bytes, too large", len(files[h].buf))
		}
	}
	cursors := make([][]cursor, len(m.parts))
	ends := make([][][numCols]int, len(m.parts))
	for p, pm := range m.parts {
		cur := make([]cursor, len(pm.gid))
		end := make([][numCols]int, len(pm.gid))
		for l, g := range pm.gid {
			s := &stats[p][l]
			c := &cur[l]
			c.shard = int32(m.terms[g].hash & uint32(shards-1))
			c.last = s.prevLast
			for k := range numCols {
				c.off[k] = int32(start[g][k])
				start[g][k] += s.size[k]
			}
			end[l] = start[g]
		}
		cursors[p], ends[p] = cur, end
	}
	inParallel(len(m.parts), workers, func(p int) { m.parts[p].write(cursors[p], files) })
	// Every part must have filled exactly the room measured for it.
	for p, cur := range cursors {
		for l := range cur {
			for k := range numCols {
				if int(cur[l].off[k]) != ends[p][l][k] {
					return 0, errors.New("search: internal error: postings size mismatch")
				}
			}
		}
	}
	for h := range files {
		out.files[out.name(files[h].path)] = files[h].buf
	}
	return shards, nil
}

// layout sorts a shard's terms, writes everything of the file but the
// postings columns, and records in start where each term's columns go.
func (m *merged) layout(f *shardOut, h int, size [][numCols]int, start [][numCols]int, out *output) {
	f.path = "s/" + strconv.FormatUint(uint64(h), 16)
	slices.SortFunc(f.ids, func(a, b int32) int { return strings.Compare(m.terms[a].folded, m.terms[b].folded) })
	var cols [numCols]int
	room := 64
	for _, id := range f.ids {
		te := &m.terms[id]
		room += 2*len(te.folded) + 8
		for _, v := range te.variants {
			room += len(v) + 1
		}
		for c := range numCols {
			cols[c] += size[id][c]
			room += size[id][c]
		}
	}
	b := out.start(make([]byte, 0, room+out.wrapLen(f.path)), f.path)
	b = append(b, `{"k":"`...)
	for k, id := range f.ids {
		if k > 0 {
			b = append(b, ' ')
		}
		b = appendJSONRaw(b, m.terms[id].folded)
	}
	b = append(b, `","v":"`...)
	for k, id := range f.ids {
		te := &m.terms[id]
		if k > 0 {
			b = append(b, ' ')
		}
		if len(te.variants) != 1 || te.variants[0] != te.folded {
			for i, v := range te.variants {
				if i > 0 {
					b = append(b, ',')
				}
				b = appendJSONRaw(b, v)
			}
		}
	}
	b = append(b, `","n":"`...)
	for _, id := range f.ids {
		b = appendVLQ(b, uint64(m.terms[id].df))
	}
	var at [numCols]int
	for c := range numCols {
		b = append(b, `","`...)
		b = append(b, colNames[c]...)
		b = append(b, `":"`...)
		at[c] = len(b)
		b = slices.Grow(b, cols[c]+8)
		b = b[:len(b)+cols[c]]
	}
	b = out.finish(append(b, `"}`...))
	for _, id := range f.ids {
		start[id] = at
		for c := range numCols {
			at[c] += size[id][c]
		}
	}
	f.buf = b
}
