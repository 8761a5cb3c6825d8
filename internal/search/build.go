package search

import (
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"portal/internal/textutil"
)

// Build returns the files of the search index and the browser script, keyed
// by path relative to the site root ("search/manifest.json", "search/s/1f.json",
// "search/docs/0.json", "search/search.js"). The same docs in any order give
// byte-identical files.
func Build(docs []Doc, opts Options) (map[string][]byte, error) {
	ix, err := buildIndex(docs, opts, false)
	if err != nil {
		return nil, err
	}
	files := make(map[string][]byte, len(ix.data)+1)
	for path, data := range ix.data {
		files["search/"+path+".json"] = data
	}
	js, err := Script(false)
	if err != nil {
		return nil, err
	}
	files["search/search.js"] = js
	return files, nil
}

// BuildOffline is Build for a site opened from file://, where fetch does
// not work: every data file becomes "search/offline/<path>.js", a script
// that hands its data to search.js through the global __portalSearch, and
// search.js loads them with script elements. Page links point at
// index.html files.
func BuildOffline(docs []Doc, opts Options) (map[string][]byte, error) {
	ix, err := buildIndex(docs, opts, true)
	if err != nil {
		return nil, err
	}
	files := make(map[string][]byte, len(ix.data)+1)
	for path, data := range ix.data {
		b := make([]byte, 0, len(data)+len(path)+24)
		b = append(b, "__portalSearch(\""...)
		b = append(b, path...)
		b = append(b, "\","...)
		b = append(b, data...)
		b = append(b, ");\n"...)
		files["search/offline/"+path+".js"] = b
	}
	js, err := Script(true)
	if err != nil {
		return nil, err
	}
	files["search/search.js"] = js
	return files, nil
}

// builtIndex holds the encoded data files keyed by their logical path
// ("manifest", "s/1f", "docs/0").
type builtIndex struct {
	data map[string][]byte
}

// termEntry is one folded term: its exact forms and, once encoded, its
// postings column by column (see the package comment): columns of like
// values compress far better than interleaved records.
type termEntry struct {
	folded   string
	variants []string
	hash     uint32 // fnv32(folded)
	df       int
	lastDoc  int
	// columns
	docs, meta, tf, sec, nadj, adj []byte
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

// entry is a term's record in one document, kept between the two passes.
type entry struct {
	term  int32
	field uint8
	tf    uint32
	sec   uint32
	vmask uint32
}

// indexer turns documents into postings in two passes. The first reads
// the text: per-term scratch is indexed by term id, so an occurrence costs
// a map lookup on the raw syllable and a few field updates. The second,
// once every term's document frequency is known, writes the columns and
// files each adjacency with the rarer of its two terms.
type indexer struct {
	cache  map[string]tokRef
	byFold map[string]int32
	terms  []termEntry

	cur  []docTerm
	seen []int32
	sec  uint32 // section being indexed: 0 title/meta, 1 intro, 2+k heading k

	invalid bool   // add met invalid UTF-8
	bad     string // URL of the first page with invalid UTF-8

	entries  []entry
	docEnd   []int   // end of each document's entries
	pairs    []int32 // adjacent term pairs, flattened: a, b, a, b …
	pairsEnd []int   // end of each document's pairs
}

func newIndexer() *indexer {
	return &indexer{cache: make(map[string]tokRef, 1<<14), byFold: make(map[string]int32, 1<<13)}
}

// merge appends the first pass of o, which indexed the pages right after
// ix's, renumbering o's terms and exact forms into ix's.
func (ix *indexer) merge(o *indexer) {
	ids := make([]int32, len(o.terms))
	bits := make([][]int32, len(o.terms)) // o's exact-form index → ix's, -1 if none
	for i := range o.terms {
		ot := &o.terms[i]
		id, ok := ix.byFold[ot.folded]
		if !ok {
			id = int32(len(ix.terms))
			ix.byFold[ot.folded] = id
			ix.terms = append(ix.terms, termEntry{folded: ot.folded, hash: ot.hash, lastDoc: -1})
		}
		ids[i] = id
		te := &ix.terms[id]
		te.df += ot.df
		bits[i] = make([]int32, len(ot.variants))
		for j, v := range ot.variants {
			k := slices.Index(te.variants, v)
			if k < 0 && len(te.variants) < maxVariants {
				k = len(te.variants)
				te.variants = append(te.variants, v)
			}
			bits[i][j] = int32(k)
		}
	}
	entries0 := len(ix.entries)
	for _, e := range o.entries {
		var mask uint32
		for j, k := range bits[e.term] {
			if e.vmask&(1<<uint(j)) != 0 && k >= 0 {
				mask |= 1 << uint(k)
			}
		}
		e.vmask = mask
		e.term = ids[e.term]
		ix.entries = append(ix.entries, e)
	}
	pairs0 := len(ix.pairs)
	for _, t := range o.pairs {
		ix.pairs = append(ix.pairs, ids[t])
	}
	for i, end := range o.docEnd {
		ix.docEnd = append(ix.docEnd, entries0+end)
		ix.pairsEnd = append(ix.pairsEnd, pairs0+o.pairsEnd[i])
	}
}

func (ix *indexer) ref(raw string) tokRef {
	if r, ok := ix.cache[raw]; ok {
		return r
	}
	t := MakeToken(raw)
	id, ok := ix.byFold[t.Folded]
	if !ok {
		id = int32(len(ix.terms))
		ix.byFold[t.Folded] = id
		ix.terms = append(ix.terms, termEntry{folded: t.Folded, hash: fnv32(t.Folded), lastDoc: -1})
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
	r := tokRef{term: id, variant: v}
	ix.cache[strings.Clone(raw)] = r
	return r
}

// nextPrint and prevPrint are the 6-bit fingerprints (one base64
// character) stored for "b follows" and "a precedes"; they take different
// bits of the FNV hash than shards do. A term rarely stores more than two
// or three, so a false phrase match is a few-percent event, and one
// character instead of two saves a fifth of a small site's index.
func nextPrint(h uint32) uint32 { return h >> 26 }
func prevPrint(h uint32) uint32 { return h >> 20 & 63 }

// rarer reports whether term a is the one that stores the adjacency of a
// and b: the one in fewer documents, ties broken by hash and then text, so
// that search.js, which sees both terms' postings, knows where to look.
func (ix *indexer) rarer(a, b int32) bool {
	x, y := &ix.terms[a], &ix.terms[b]
	if x.df != y.df {
		return x.df < y.df
	}
	if x.hash != y.hash {
		return x.hash < y.hash
	}
	return x.folded <= y.folded
}

// add indexes the syllables of s with the given field. A phrase never
// spans the start of s or a punctuation mark: no adjacency is recorded
// there. It is scan, inlined: this loop is most of the build's time.
func (ix *indexer) add(s string, field uint8) {
	prev := int32(-1)
	start := -1
	for i := 0; i <= len(s); {
		var r rune
		size := 1
		switch {
		case i == len(s):
			r = ' '
		case s[i] < utf8.RuneSelf:
			r = rune(s[i])
		default:
			r, size = utf8.DecodeRuneInString(s[i:])
			if size == 1 {
				ix.invalid = true // checked per page by indexDoc
			}
		}
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			i += size
			continue
		}
		if start >= 0 {
			r := ix.ref(s[start:i])
			ix.occur(r, prev, field)
			prev = r.term
			start = -1
		}
		if r != ' ' && r != '\u00a0' && r != '\t' {
			prev = -1
		}
		i += size
	}
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
		p := &ix.cur[prev]
		if len(p.next) < maxAdjacent && !slices.Contains(p.next, t) {
			p.next = append(p.next, t)
		}
	}
}

// flush ends the first pass over a document: it keeps the document's
// entries and adjacent pairs and resets the scratch.
func (ix *indexer) flush() {
	for _, id := range ix.seen {
		dt := &ix.cur[id]
		ix.terms[id].df++
		ix.entries = append(ix.entries, entry{term: id, field: dt.field, tf: dt.tf, sec: dt.sec, vmask: dt.vmask})
		for _, b := range dt.next {
			ix.pairs = append(ix.pairs, id, b)
		}
		*dt = docTerm{next: dt.next[:0]}
	}
	ix.docEnd = append(ix.docEnd, len(ix.entries))
	ix.pairsEnd = append(ix.pairsEnd, len(ix.pairs))
	ix.seen = ix.seen[:0]
	ix.sec = 0
}

// encode is the second pass: it writes every term's columns. Terms are
// independent, so workers split them by id.
func (ix *indexer) encode() {
	n := min(runtime.GOMAXPROCS(0), maxParts)
	var wg sync.WaitGroup
	for w := range n {
		wg.Go(func() { ix.encodePart(int32(w), int32(n)) })
	}
	wg.Wait()
}

// encodePart writes the columns of the terms whose id is w modulo n.
func (ix *indexer) encodePart(w, n int32) {
	slot := make([]int32, len(ix.terms)) // term → its entry in the current document
	var prints [][]uint32
	e0, p0 := 0, 0
	for doc, e1 := range ix.docEnd {
		ents := ix.entries[e0:e1]
		for k, e := range ents {
			slot[e.term] = int32(k)
		}
		if cap(prints) < len(ents) {
			prints = make([][]uint32, len(ents))
		}
		prints = prints[:len(ents)]
		for k := range prints {
			prints[k] = prints[k][:0]
		}
		pairs := ix.pairs[p0:ix.pairsEnd[doc]]
		for i := 0; i < len(pairs); i += 2 {
			a, b := pairs[i], pairs[i+1]
			switch {
			case ix.rarer(a, b):
				if a%n == w {
					prints[slot[a]] = append(prints[slot[a]], nextPrint(ix.terms[b].hash))
				}
			case b%n == w:
				prints[slot[b]] = append(prints[slot[b]], prevPrint(ix.terms[a].hash))
			}
		}
		for k, e := range ents {
			if e.term%n != w {
				continue
			}
			te := &ix.terms[e.term]
			te.docs = appendVLQ(te.docs, uint64(doc-te.lastDoc-1))
			te.meta = appendVLQ(te.meta, uint64(e.vmask)*4+uint64(e.field))
			te.tf = appendVLQ(te.tf, uint64(e.tf-1))
			te.sec = appendVLQ(te.sec, uint64(e.sec))
			ps := prints[k]
			slices.Sort(ps)
			ps = slices.Compact(ps)
			te.nadj = appendVLQ(te.nadj, uint64(len(ps)))
			for _, h := range ps {
				te.adj = append(te.adj, vlqAlphabet[h])
			}
			te.lastDoc = doc
		}
		e0, p0 = e1, ix.pairsEnd[doc]
	}
}

// section is a heading's part of a page's body.
type section struct {
	id, head string
	frag     string
}

// span is where a heading's text was found in the body.
type span struct {
	start, end int
	h          Heading
}

// layout splits a page's body at its headings: found lists the headings
// found in the body, in order; missing those that were not, which are
// indexed after the body.
func layout(d *Doc) (found []span, missing []Heading) {
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
// then the body section by section.
func (ix *indexer) indexDoc(d *Doc) {
	ix.add(d.Title, fieldTitle)
	ix.add(d.Description, fieldMeta)
	for _, t := range d.Tags {
		ix.add(t, fieldMeta)
	}
	ix.add(d.Section, fieldMeta)

	body := d.Body
	found, missing := layout(d)
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

// display returns the text of a page's display record: the intro and
// each section's heading and leading text, in the order indexDoc numbers
// sections.
func display(d *Doc, snippet int) (intro string, secs []section) {
	body := d.Body
	found, missing := layout(d)
	introEnd := len(body)
	if len(found) > 0 {
		introEnd = found[0].start
	}
	intro = cut(body[:introEnd], snippet)
	for k, sp := range found {
		end := len(body)
		if k+1 < len(found) {
			end = found[k+1].start
		}
		secs = append(secs, section{id: sp.h.ID, head: strings.TrimSpace(sp.h.Text), frag: cut(body[sp.end:end], snippet)})
	}
	for _, h := range missing {
		secs = append(secs, section{id: h.ID, head: strings.TrimSpace(h.Text)})
	}
	return intro, secs
}

// cut returns the first n characters of s with runs of white space
// collapsed, ending at a word boundary, with "…" when text was dropped.
func cut(s string, n int) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	var b strings.Builder
	count := 0
	space := false
	lastSpace := -1
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\u00a0' {
			space = true
			continue
		}
		if space {
			if count >= n {
				return strings.TrimRight(b.String(), " ,;:") + "…"
			}
			lastSpace = b.Len()
			b.WriteByte(' ')
			count++
			space = false
		}
		if count >= n {
			if lastSpace > 0 {
				return strings.TrimRight(b.String()[:lastSpace], " ,;:") + "…"
			}
			return b.String() + "…"
		}
		b.WriteRune(r)
		count++
	}
	return b.String()
}

// storedURL makes u relative to the site root so search.js can resolve it
// against the index location under any sub-path.
func storedURL(u, base string, offline bool) string {
	if strings.Contains(u, "://") {
		return u
	}
	base = "/" + strings.Trim(base, "/") + "/"
	if base == "//" {
		base = "/"
	}
	if strings.HasPrefix(u, base) {
		u = u[len(base):]
	} else {
		u = strings.TrimPrefix(u, "/")
	}
	if offline {
		path, frag, hasFrag := strings.Cut(u, "#")
		if path == "" || strings.HasSuffix(path, "/") {
			path += "index.html"
		}
		if hasFrag {
			path += "#" + frag
		}
		u = path
	}
	return u
}

// nfc normalises s. Text from the engine is NFC already (CleanInput), so
// the full check runs only when s holds a lead byte of U+0300–U+037F, the
// combining diacritics of decomposed Vietnamese: that scan is far cheaper
// than normalising every body.
func nfc(s string) string {
	if strings.IndexByte(s, 0xcc) < 0 && strings.IndexByte(s, 0xcd) < 0 {
		return s
	}
	if norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}

func buildIndex(in []Doc, opts Options, offline bool) (*builtIndex, error) {
	snippet := opts.SnippetChars
	if snippet <= 0 {
		snippet = defaultSnippetChars
	}
	docs := make([]Doc, len(in))
	for i, d := range in {
		if d.URL == "" {
			return nil, fmt.Errorf("search: page %q has no URL", d.Title)
		}
		if !utf8.ValidString(d.URL) {
			return nil, fmt.Errorf("search: page URL %q: invalid UTF-8", d.URL)
		}
		d.Title, d.Section, d.Description, d.Body = nfc(d.Title), nfc(d.Section), nfc(d.Description), nfc(d.Body)
		hs := make([]Heading, len(d.Headings))
		for j, h := range d.Headings {
			hs[j] = Heading{Text: nfc(h.Text), ID: h.ID}
		}
		d.Headings = hs
		tags := make([]string, len(d.Tags))
		for j, t := range d.Tags {
			tags[j] = nfc(t)
		}
		d.Tags = tags
		docs[i] = d
	}
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].URL < docs[j].URL })
	for i := 1; i < len(docs); i++ {
		if docs[i].URL == docs[i-1].URL {
			return nil, fmt.Errorf("search: two pages have the URL %s", docs[i].URL)
		}
	}

	// Display records are independent of the index: build them on the
	// other cores while this one indexes.
	records := make([][]byte, len(docs))
	workers := max(1, runtime.GOMAXPROCS(0)-1)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(docs); i += workers {
				d := &docs[i]
				intro, secs := display(d, snippet)
				records[i] = docRecord(storedURL(d.URL, opts.BasePath, offline), d, intro, secs)
			}
		})
	}
	// The first pass runs on consecutive slices of the pages in parallel;
	// merging the parts in order gives the same terms, ids and bytes as one
	// pass over all pages.
	parts := 1
	if len(docs) >= minPartDocs {
		parts = min(runtime.GOMAXPROCS(0), maxParts, len(docs)/minPartDocs)
	}
	ixs := make([]*indexer, parts)
	var pw sync.WaitGroup
	for p := range parts {
		pw.Go(func() {
			ix := newIndexer()
			lo, hi := p*len(docs)/parts, (p+1)*len(docs)/parts
			size := 0
			for i := lo; i < hi; i++ {
				size += len(docs[i].Body)
			}
			// about one entry per 12 bytes of text and one pair per 8
			ix.entries = make([]entry, 0, size/12+16)
			ix.pairs = make([]int32, 0, size/4+16)
			for i := lo; i < hi; i++ {
				ix.indexDoc(&docs[i])
				ix.flush()
			}
			ixs[p] = ix
		})
	}
	pw.Wait()
	ix := ixs[0]
	for _, o := range ixs {
		if o.bad != "" {
			wg.Wait()
			return nil, fmt.Errorf("search: page %s: invalid UTF-8", o.bad)
		}
	}
	n, np := 0, 0
	for _, o := range ixs {
		n, np = n+len(o.entries), np+len(o.pairs)
	}
	ix.entries = slices.Grow(ix.entries, n-len(ix.entries))
	ix.pairs = slices.Grow(ix.pairs, np-len(ix.pairs))
	for _, o := range ixs[1:] {
		ix.merge(o)
	}
	wg.Wait()
	rawDocs := 0
	for _, r := range records {
		rawDocs += len(r)
	}

	ix.encode()
	out := &builtIndex{data: make(map[string][]byte)}

	// Shards: one for a small site, so it downloads as one compressed
	// file; else the smallest power of two whose average stays under target.
	total := 0
	for i := range ix.terms {
		te := &ix.terms[i]
		total += len(te.folded) + len(te.docs) + len(te.meta) + len(te.tf) + len(te.sec) + len(te.nadj) + len(te.adj) + 4
	}
	shards := 1
	for total > smallIndex && shards < maxShards && total/shards > shardTarget {
		shards *= 2
	}
	buckets := make([][]int32, shards)
	for id := range ix.terms {
		h := fnv32(ix.terms[id].folded) & uint32(shards-1)
		buckets[h] = append(buckets[h], int32(id))
	}
	shardData := make([][]byte, shards)
	for w := range workers + 1 {
		wg.Go(func() {
			for h := w; h < shards; h += workers + 1 {
				ids := buckets[h]
				sort.Slice(ids, func(a, b int) bool { return ix.terms[ids[a]].folded < ix.terms[ids[b]].folded })
				shardData[h] = ix.shard(ids)
			}
		})
	}
	wg.Wait()
	for h, b := range shardData {
		out.data["s/"+strconv.FormatUint(uint64(h), 16)] = b
	}

	// Display data: one chunk for a small site, else about chunkTarget each.
	chunk := max(1, len(docs))
	if rawDocs > smallIndex {
		chunk = max(1, min(64, chunkTarget*len(docs)/rawDocs))
	}
	for k := 0; k*chunk < len(docs) || k == 0; k++ {
		b := []byte{'['}
		for i := k * chunk; i < min(len(docs), (k+1)*chunk); i++ {
			if i > k*chunk {
				b = append(b, ',')
			}
			b = append(b, records[i]...)
		}
		b = append(b, ']')
		out.data["docs/"+strconv.Itoa(k)] = b
	}

	out.data["manifest"] = fmt.Appendf(nil, `{"v":1,"docs":%d,"shards":%d,"chunk":%d}`, len(docs), shards, chunk)
	return out, nil
}

// shard encodes the terms ids as one shard file: parallel columns, each a
// concatenation over the terms in order.
func (ix *indexer) shard(ids []int32) []byte {
	var keys, forms, n, docs, meta, tf, sec, nfol, fol []byte
	for k, id := range ids {
		te := &ix.terms[id]
		if k > 0 {
			keys = append(keys, ' ')
			forms = append(forms, ' ')
		}
		keys = append(keys, te.folded...)
		if len(te.variants) != 1 || te.variants[0] != te.folded {
			for i, v := range te.variants {
				if i > 0 {
					forms = append(forms, ',')
				}
				forms = append(forms, v...)
			}
		}
		n = appendVLQ(n, uint64(te.df))
		docs = append(docs, te.docs...)
		meta = append(meta, te.meta...)
		tf = append(tf, te.tf...)
		sec = append(sec, te.sec...)
		nfol = append(nfol, te.nadj...)
		fol = append(fol, te.adj...)
	}
	b := make([]byte, 0, len(keys)+len(forms)+len(n)+len(docs)+len(meta)+len(tf)+len(sec)+len(nfol)+len(fol)+64)
	b = append(b, `{"k":`...)
	b = appendJSONString(b, string(keys))
	b = append(b, `,"v":`...)
	b = appendJSONString(b, string(forms))
	for _, col := range []struct {
		name string
		data []byte
	}{{"n", n}, {"d", docs}, {"m", meta}, {"t", tf}, {"s", sec}, {"f", nfol}, {"h", fol}} {
		b = append(b, `,"`...)
		b = append(b, col.name...)
		b = append(b, `":"`...)
		b = append(b, col.data...)
		b = append(b, '"')
	}
	return append(b, '}')
}

func docRecord(url string, d *Doc, intro string, secs []section) []byte {
	b := []byte{'['}
	b = appendJSONString(b, url)
	b = append(b, ',')
	b = appendJSONString(b, strings.TrimSpace(d.Title))
	b = append(b, ',')
	b = appendJSONString(b, strings.TrimSpace(d.Section))
	b = append(b, ',')
	b = appendJSONString(b, strings.TrimSpace(d.Description))
	b = append(b, ',')
	b = appendJSONString(b, intro)
	b = append(b, ",["...)
	for i, s := range secs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		id := s.id
		if id == headingSlug(s.head) {
			id = "" // search.js derives it
		}
		b = appendJSONString(b, id)
		b = append(b, ',')
		b = appendJSONString(b, s.head)
		b = append(b, ',')
		b = appendJSONString(b, s.frag)
		b = append(b, ']')
	}
	return append(b, "]]"...)
}

// headingSlug is the anchor search.js derives from a heading's text when
// the record leaves the id empty: the folded text with every run of other
// characters than letters and digits turned into one hyphen. Headings whose
// id differs (custom {#id}, a "-2" suffix) keep their id in the record.
func headingSlug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range fastFold(s) {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

// fastFold is textutil.Fold with a table for the runes below
// wordTableSize: the same result for NFC text, without normalising.
func fastFold(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0 || r >= wordTableSize {
			return textutil.Fold(s)
		}
		b.WriteString(foldTable[r])
	}
	return b.String()
}

// foldTable holds textutil.Fold of each rune below wordTableSize; it is
// computed once and never written again.
var foldTable = func() (t [wordTableSize]string) {
	for r := range rune(wordTableSize) {
		t[r] = textutil.Fold(string(r))
	}
	return t
}()

// fnv32 is 32-bit FNV-1a over the UTF-8 bytes of s; search.js computes
// the same hash to find a term's shard.
func fnv32(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// appendJSONString appends s as a JSON string literal, leaving non-ASCII
// text as UTF-8 (smaller than \u escapes) but escaping U+2028/U+2029.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c < 0x20 || c == '<' || c == 0x7f:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '\u2028' || r == '\u2029' {
			b = append(b, `\u202`...)
			b = append(b, hex[r&15])
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
