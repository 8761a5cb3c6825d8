package search

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
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

	entries  []entry
	docEnd   []int   // end of each document's entries
	pairs    []int32 // adjacent term pairs, flattened: a, b, a, b …
	pairsEnd []int   // end of each document's pairs
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
// spans the start of s or a punctuation mark: no adjacency is recorded there.
func (ix *indexer) add(s string, field uint8) {
	prev := int32(-1)
	scan(s, func(raw string, brk bool) {
		r := ix.ref(raw)
		dt := &ix.cur[r.term]
		if dt.tf == 0 {
			ix.seen = append(ix.seen, r.term)
		}
		dt.tf++
		dt.field = max(dt.field, field)
		if dt.sec == 0 && ix.sec > 0 {
			dt.sec = ix.sec
		}
		if r.variant >= 0 {
			dt.vmask |= 1 << uint(r.variant)
		}
		if prev >= 0 && !brk {
			p := &ix.cur[prev]
			if len(p.next) < maxAdjacent && !slices.Contains(p.next, r.term) {
				p.next = append(p.next, r.term)
			}
		}
		prev = r.term
	})
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

// encode is the second pass: it writes every term's columns.
func (ix *indexer) encode() {
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
			if ix.rarer(a, b) {
				prints[slot[a]] = append(prints[slot[a]], nextPrint(ix.terms[b].hash))
			} else {
				prints[slot[b]] = append(prints[slot[b]], prevPrint(ix.terms[a].hash))
			}
		}
		for k, e := range ents {
			te := &ix.terms[e.term]
			te.docs = appendVLQ(te.docs, uint64(doc-te.lastDoc-1))
			te.meta = appendVLQ(te.meta, uint64(e.vmask)*4+uint64(e.field))
			te.sec = appendVLQ(te.sec, uint64(e.sec))
			te.lastDoc = doc
			te.tf = appendVLQ(te.tf, uint64(e.tf-1))
			ps := prints[k]
			slices.Sort(ps)
			ps = slices.Compact(ps)
			te.nadj = appendVLQ(te.nadj, uint64(len(ps)))
			for _, h := range ps {
				te.adj = append(te.adj, vlqAlphabet[h])
			}
		}
		e0, p0 = e1, ix.pairsEnd[doc]
	}
}

// section is a heading's part of a page's body.
type section struct {
	id, head string
	frag     string
}

// indexDoc indexes one page and returns the text of its display record.
func (ix *indexer) indexDoc(d *Doc, snippet int) (intro string, secs []section) {
	ix.add(d.Title, fieldTitle)
	ix.add(d.Description, fieldMeta)
	for _, t := range d.Tags {
		ix.add(t, fieldMeta)
	}
	ix.add(d.Section, fieldMeta)

	body := d.Body
	type span struct {
		start, end int
		h          Heading
	}
	var found []span
	var missing []Heading
	cur := 0
	for _, h := range d.Headings {
		text := strings.TrimSpace(h.Text)
		if text == "" {
			continue
		}
		i := strings.Index(body[cur:], text)
		if i < 0 {
			missing = append(missing, h)
			continue
		}
		found = append(found, span{cur + i, cur + i + len(text), h})
		cur += i + len(text)
	}

	ix.sec = 1
	introEnd := len(body)
	if len(found) > 0 {
		introEnd = found[0].start
	}
	intro = cut(body[:introEnd], snippet)
	ix.add(body[:introEnd], fieldBody)
	for k, sp := range found {
		end := len(body)
		if k+1 < len(found) {
			end = found[k+1].start
		}
		ix.sec = uint32(len(secs) + 2)
		s := section{id: sp.h.ID, head: strings.TrimSpace(sp.h.Text)}
		ix.add(body[sp.start:sp.end], fieldHeading)
		s.frag = cut(body[sp.end:end], snippet)
		ix.add(body[sp.end:end], fieldBody)
		secs = append(secs, s)
	}
	for _, h := range missing {
		ix.sec = uint32(len(secs) + 2)
		secs = append(secs, section{id: h.ID, head: strings.TrimSpace(h.Text)})
		ix.add(h.Text, fieldHeading)
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

func nfc(s string) string {
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
		for _, s := range []string{d.URL, d.Title, d.Section, d.Description, d.Body} {
			if !utf8.ValidString(s) {
				return nil, fmt.Errorf("search: page %s: invalid UTF-8", d.URL)
			}
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

	ix := &indexer{cache: make(map[string]tokRef, 1<<14), byFold: make(map[string]int32, 1<<13)}
	records := make([][]byte, len(docs))
	rawDocs := 0
	for i := range docs {
		d := &docs[i]
		intro, secs := ix.indexDoc(d, snippet)
		ix.flush()
		records[i] = docRecord(storedURL(d.URL, opts.BasePath, offline), d, intro, secs)
		rawDocs += len(records[i])
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
	for h, ids := range buckets {
		sort.Slice(ids, func(a, b int) bool { return ix.terms[ids[a]].folded < ix.terms[ids[b]].folded })
		out.data["s/"+strconv.FormatUint(uint64(h), 16)] = ix.shard(ids)
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
	for _, r := range textutil.Fold(s) {
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
