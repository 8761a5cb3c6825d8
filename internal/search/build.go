package search

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
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

type termEntry struct {
	folded   string
	variants []string
	post     []byte
	lastDoc  int
}

type tokRef struct {
	term    int32
	variant int32 // index into variants, -1 when past maxVariants
}

// indexer turns documents into postings in one pass. Its per-term scratch
// slices are indexed by term id, so adding an occurrence costs a map
// lookup on the raw syllable and a few appends.
type indexer struct {
	cache  map[string]tokRef
	byFold map[string]int32
	terms  []termEntry

	pos    [][]uint32
	fields []uint8
	vmask  []uint32
	seen   []int32
	next   uint32 // next position in the current document
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
		ix.terms = append(ix.terms, termEntry{folded: t.Folded, lastDoc: -1})
		ix.pos = append(ix.pos, nil)
		ix.fields = append(ix.fields, 0)
		ix.vmask = append(ix.vmask, 0)
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

// add indexes the syllables of s with the given field, starting a new
// phrase (a position gap) at its start and at every punctuation mark.
func (ix *indexer) add(s string, field uint8) {
	ix.next++
	scan(s, func(raw string, brk bool) {
		if brk {
			ix.next++
		}
		r := ix.ref(raw)
		if ix.fields[r.term] == 0 {
			ix.seen = append(ix.seen, r.term)
		}
		ix.pos[r.term] = append(ix.pos[r.term], ix.next)
		ix.fields[r.term] |= field
		if r.variant >= 0 {
			ix.vmask[r.term] |= 1 << uint(r.variant)
		}
		ix.next++
	})
}

// flush writes the current document's postings and resets the scratch.
func (ix *indexer) flush(doc int) {
	for _, id := range ix.seen {
		te := &ix.terms[id]
		p := ix.pos[id]
		b := te.post
		b = appendVLQ(b, uint64(doc-te.lastDoc-1))
		b = appendVLQ(b, uint64(ix.vmask[id])*16+uint64(ix.fields[id]))
		b = appendVLQ(b, uint64(len(p)))
		prev := p[0]
		b = appendVLQ(b, uint64(prev))
		for _, q := range p[1:] {
			b = appendVLQ(b, uint64(q-prev-1))
			prev = q
		}
		te.post = b
		te.lastDoc = doc
		ix.pos[id] = p[:0]
		ix.fields[id] = 0
		ix.vmask[id] = 0
	}
	ix.seen = ix.seen[:0]
	ix.next = 0
}

// section is a part of a page's body: the intro (id "") or a heading's.
type section struct {
	pos      uint32
	id, head string
	frag     string
}

// indexDoc indexes one page and returns its display record.
func (ix *indexer) indexDoc(d *Doc, snippet int) (bodyStart uint32, intro string, secs []section) {
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

	ix.next++
	bodyStart = ix.next
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
		ix.next++
		s := section{pos: ix.next, id: sp.h.ID, head: strings.TrimSpace(sp.h.Text)}
		ix.add(body[sp.start:sp.end], fieldHeading)
		s.frag = cut(body[sp.end:end], snippet)
		ix.add(body[sp.end:end], fieldBody)
		secs = append(secs, s)
	}
	for _, h := range missing {
		ix.next++
		secs = append(secs, section{pos: ix.next, id: h.ID, head: strings.TrimSpace(h.Text)})
		ix.add(h.Text, fieldHeading)
	}
	return bodyStart, intro, secs
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
		bodyStart, intro, secs := ix.indexDoc(d, snippet)
		ix.flush(i)
		records[i] = docRecord(storedURL(d.URL, opts.BasePath, offline), d, bodyStart, intro, secs)
		rawDocs += len(records[i])
	}

	out := &builtIndex{data: make(map[string][]byte)}

	// Shards: the smallest power of two whose average stays under target.
	total := 0
	for i := range ix.terms {
		total += len(ix.terms[i].post) + len(ix.terms[i].folded) + 8
	}
	shards := 1
	for shards < maxShards && total/shards > shardTarget {
		shards *= 2
	}
	buckets := make([][]int32, shards)
	for id := range ix.terms {
		h := fnv32(ix.terms[id].folded) & uint32(shards-1)
		buckets[h] = append(buckets[h], int32(id))
	}
	for h, ids := range buckets {
		sort.Slice(ids, func(a, b int) bool { return ix.terms[ids[a]].folded < ix.terms[ids[b]].folded })
		size := 2
		for _, id := range ids {
			te := &ix.terms[id]
			size += len(te.folded) + len(te.post) + 16 + len(te.variants)*8
		}
		b := make([]byte, 0, size)
		b = append(b, '{')
		for k, id := range ids {
			te := &ix.terms[id]
			if k > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, te.folded)
			b = append(b, ":["...)
			b = appendJSONString(b, strings.Join(te.variants, " "))
			b = append(b, ",\""...)
			b = append(b, te.post...)
			b = append(b, "\"]"...)
		}
		b = append(b, '}')
		out.data["s/"+strconv.FormatUint(uint64(h), 16)] = b
	}

	chunk := 1
	if len(docs) > 0 {
		chunk = max(1, min(64, chunkTarget*len(docs)/max(1, rawDocs)))
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

func docRecord(url string, d *Doc, bodyStart uint32, intro string, secs []section) []byte {
	b := []byte{'['}
	b = appendJSONString(b, url)
	b = append(b, ',')
	b = appendJSONString(b, strings.TrimSpace(d.Title))
	b = append(b, ',')
	b = appendJSONString(b, strings.TrimSpace(d.Section))
	b = append(b, ',')
	b = appendJSONString(b, strings.TrimSpace(d.Description))
	b = append(b, ',')
	b = strconv.AppendUint(b, uint64(bodyStart), 10)
	b = append(b, ',')
	b = appendJSONString(b, intro)
	b = append(b, ",["...)
	for i, s := range secs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = strconv.AppendUint(b, uint64(s.pos), 10)
		b = append(b, ',')
		b = appendJSONString(b, s.id)
		b = append(b, ',')
		b = appendJSONString(b, s.head)
		b = append(b, ',')
		b = appendJSONString(b, s.frag)
		b = append(b, ']')
	}
	return append(b, "]]"...)
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
