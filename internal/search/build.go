package search

import (
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"portal/internal/parallel"
	"portal/internal/textutil"
)

// Build returns the files of the search index and the browser script, keyed
// by path relative to the site root ("search/manifest.json", "search/s/1f.json",
// "search/docs/0.json", "search/search.js"). The same docs in any order give
// byte-identical files.
func Build(docs []Doc, opts Options) (map[string][]byte, error) {
	return build(docs, opts, false)
}

// BuildOffline is Build for a site opened from file://, where fetch does
// not work: every data file becomes "search/offline/<path>.js", a script
// that hands its data to search.js through the global __portalSearch, and
// search.js loads them with script elements. Page links point at
// index.html files.
func BuildOffline(docs []Doc, opts Options) (map[string][]byte, error) {
	return build(docs, opts, true)
}

func build(docs []Doc, opts Options, offline bool) (map[string][]byte, error) {
	var js []byte
	var jsErr error
	var done parallel.Group
	done.Go(func() { // minifying takes a few milliseconds: meanwhile, index
		js, jsErr = Script(offline)
	})
	files, err := buildIndex(docs, opts, offline)
	done.Wait()
	if err != nil {
		return nil, err
	}
	if jsErr != nil {
		return nil, jsErr
	}
	files["search/search.js"] = js
	return files, nil
}

// output names the data files and wraps their content: "s/1f" is
// "search/s/1f.json", or offline "search/offline/s/1f.js", which holds
// __portalSearch("s/1f",<data>);
type output struct {
	offline bool
	files   map[string][]byte
}

// name is the file name of the data file at logical path p.
func (o *output) name(p string) string {
	if o.offline {
		return "search/offline/" + p + ".js"
	}
	return "search/" + p + ".json"
}

// start begins the content of the data file at p in b, which should have
// room for wrapLen(p) more bytes.
func (o *output) start(b []byte, p string) []byte {
	if o.offline {
		b = append(b, "__portalSearch(\""...)
		b = append(b, p...)
		b = append(b, "\","...)
	}
	return b
}

// end ends what start began and files it.
func (o *output) end(b []byte, p string) {
	o.files[o.name(p)] = o.finish(b)
}

// finish ends what start began.
func (o *output) finish(b []byte) []byte {
	if o.offline {
		b = append(b, ");\n"...)
	}
	return b
}

// wrapLen is what start and end add to the data of p.
func (o *output) wrapLen(p string) int {
	if o.offline {
		return len(p) + 21
	}
	return 0
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

// cut returns the first n characters of s with runs of white space
// collapsed, ending at a word boundary, with "…" when text was dropped.
func cut(s string, n int) string {
	return string(appendCut(nil, s, n, false))
}

// appendCut appends cut(s, n) to b, JSON-escaped (as appendJSONRaw) when
// esc is set: display records are written without building the string.
// Trimming the escaped text is the same as escaping the trimmed text, as
// no escape sequence ends in one of the trimmed characters.
func appendCut(b []byte, s string, n int, esc bool) []byte {
	s = strings.TrimSpace(s)
	start := len(b)
	count := 0
	space := false
	lastSpace := -1 // relative to start
	for i := 0; i < len(s); {
		c := s[i]
		r, size := rune(c), 1
		if c < utf8.RuneSelf {
			if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
				space = true
				i++
				continue
			}
		} else if r, size = utf8.DecodeRuneInString(s[i:]); r == '\u00a0' {
			space = true
			i += size
			continue
		}
		if space {
			if count >= n {
				return append(trimCut(b, start), "…"...)
			}
			lastSpace = len(b) - start
			b = append(b, ' ')
			count++
			space = false
		}
		if count >= n {
			if lastSpace > 0 {
				return append(trimCut(b[:start+lastSpace], start), "…"...)
			}
			return append(b, "…"...)
		}
		switch {
		case c < utf8.RuneSelf && (!esc || !jsonEscaped(c)):
			b = append(b, c)
		case size == 1 || esc && (r == '\u2028' || r == '\u2029'):
			// invalid UTF-8 becomes U+FFFD, as ranging over s gives
			b = appendJSONRune(b, r)
		default:
			b = append(b, s[i:i+size]...)
		}
		count++
		i += size
	}
	return b
}

// trimCut drops the spaces and punctuation " ,;:" that end b[start:].
func trimCut(b []byte, start int) []byte {
	for len(b) > start {
		switch b[len(b)-1] {
		case ' ', ',', ';', ':':
			b = b[:len(b)-1]
			continue
		}
		break
	}
	return b
}

// prepared returns a copy of the pages sorted by URL, those no longer in
// force (Archived) after the others, or why they cannot
// be indexed. With consume, the pages' Body is emptied in the caller's
// slice: the copy holds the only reference the index needs.
func prepared(in []Doc, consume bool) ([]Doc, error) {
	order := make([]int32, len(in))
	for i := range in {
		d := &in[i]
		if d.URL == "" {
			return nil, fmt.Errorf("search: page %q has no URL", d.Title)
		}
		if !utf8.ValidString(d.URL) {
			return nil, fmt.Errorf("search: page URL %q: invalid UTF-8", d.URL)
		}
		order[i] = int32(i)
	}
	// Sorting indices moves 4 bytes where sorting pages would move 120.
	slices.SortFunc(order, func(a, b int32) int {
		if c := strings.Compare(in[a].URL, in[b].URL); c != 0 {
			return c
		}
		return int(a - b)
	})
	docs := make([]Doc, len(in))
	for i, k := range order {
		if i > 0 && in[k].URL == docs[i-1].URL {
			return nil, fmt.Errorf("search: two pages have the URL %s", in[k].URL)
		}
		docs[i] = in[k]
		if consume {
			in[k].Body = ""
		}
	}
	if slices.ContainsFunc(docs, func(d Doc) bool { return d.Archived }) {
		slices.SortStableFunc(docs, func(a, b Doc) int {
			switch {
			case a.Archived == b.Archived:
				return 0
			case a.Archived:
				return 1
			}
			return -1
		})
	}
	return docs, nil
}

// normalise makes d's text NFC. The parts call it just before indexing a
// page, on all cores, and the text it scans is then in the cache.
func normalise(d *Doc) {
	d.Title, d.Section, d.Description, d.Body = nfc(d.Title), nfc(d.Section), nfc(d.Description), nfc(d.Body)
	cloned := false
	for j, h := range d.Headings {
		if t := nfc(h.Text); t != h.Text {
			if !cloned {
				d.Headings, cloned = slices.Clone(d.Headings), true
			}
			d.Headings[j].Text = t
		}
	}
	cloned = false
	for j, t := range d.Tags {
		if n := nfc(t); n != t {
			if !cloned {
				d.Tags, cloned = slices.Clone(d.Tags), true
			}
			d.Tags[j] = n
		}
	}
}

func buildIndex(in []Doc, opts Options, offline bool) (map[string][]byte, error) {
	snippet := opts.SnippetChars
	if snippet <= 0 {
		snippet = defaultSnippetChars
	}
	docs, err := prepared(in, opts.Consume)
	if err != nil {
		return nil, err
	}

	// The first pass runs on consecutive slices of the pages in parallel;
	// merging the parts in order gives the same terms, ids and bytes as one
	// pass over all pages. Each part also writes its pages' display records.
	procs := runtime.GOMAXPROCS(0)
	parts := 1
	if procs > 1 {
		parts = max(1, min(procs, maxParts, len(docs)/minPartDocs))
	}
	records := make([][]byte, len(docs))
	ixs := make([]*indexer, parts)
	inParallel(parts, procs, func(p int) {
		ix := newIndexer()
		ix.lo = p * len(docs) / parts
		hi := (p + 1) * len(docs) / parts
		var rec []byte
		for i := ix.lo; i < hi; i++ {
			d := &docs[i]
			normalise(d)
			ix.found, ix.missing = layout(d, ix.found[:0], ix.missing[:0])
			ix.indexDoc(d, ix.found, ix.missing)
			ix.flush()
			rec = appendDocRecord(rec[:0], storedURL(d.URL, opts.BasePath, offline), d, ix.found, ix.missing, snippet)
			records[i] = keepBytes(&ix.recs, rec)
			d.Body = "" // read for the last time: the text can go
		}
		ixs[p] = ix
	})
	for _, o := range ixs {
		if o.bad != "" {
			return nil, fmt.Errorf("search: page %s: invalid UTF-8", o.bad)
		}
	}
	n := len(docs)
	live := n
	for live > 0 && docs[live-1].Archived {
		live--
	}
	out := &output{offline: offline, files: make(map[string][]byte, n/8+1<<10)}
	chunk := out.addChunks(records)
	// Only the index data is left to encode: the copies of the pages and
	// the display records can go before the shards are allocated.
	docs, records = nil, nil
	for _, o := range ixs {
		o.recs = nil
	}

	mg := merge(ixs)
	shards, err := mg.encode(procs, out)
	if err != nil {
		return nil, err
	}
	b := out.start(nil, "manifest")
	b = fmt.Appendf(b, `{"v":1,"docs":%d,"shards":%d,"chunk":%d`, n, shards, chunk)
	if live < n {
		b = fmt.Appendf(b, `,"live":%d`, live)
	}
	b = append(b, '}')
	out.end(b, "manifest")
	return out.files, nil
}

// inParallel runs fn(0) … fn(n-1) on up to workers goroutines, which
// take the next index as they become free: on a shared machine a core
// may be slower than the other, and a fixed split would wait for it.
func inParallel(n, workers int, fn func(i int)) {
	var next atomic.Int64
	var wg parallel.Group
	for range min(n, workers) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		})
	}
	wg.Wait()
}

// addChunks files the pages' display records in chunks, one for a small
// site, else of about chunkTarget bytes, and returns the pages per chunk.
func (o *output) addChunks(records [][]byte) int {
	raw := 0
	for _, r := range records {
		raw += len(r)
	}
	chunk := max(1, len(records))
	if raw > smallIndex {
		chunk = max(1, min(64, chunkTarget*len(records)/raw))
	}
	for k := 0; k*chunk < len(records) || k == 0; k++ {
		lo, hi := k*chunk, min(len(records), (k+1)*chunk)
		size := 2 + max(0, hi-lo-1)
		for _, r := range records[lo:hi] {
			size += len(r)
		}
		p := "docs/" + strconv.Itoa(k)
		b := o.start(make([]byte, 0, size+o.wrapLen(p)), p)
		b = append(b, '[')
		for i := lo; i < hi; i++ {
			if i > lo {
				b = append(b, ',')
			}
			b = append(b, records[i]...)
		}
		b = append(b, ']')
		o.end(b, p)
	}
	return chunk
}

// appendDocRecord appends a page's display record to b: its URL, title,
// section, description and intro, then each section's heading and
// leading text, in the order indexDoc numbers sections.
func appendDocRecord(b []byte, url string, d *Doc, found []span, missing []Heading, snippet int) []byte {
	b = append(b, '[')
	b = appendJSONString(b, url)
	b = append(b, ',')
	b = appendJSONString(b, strings.TrimSpace(d.Title))
	b = append(b, ',')
	b = appendJSONString(b, strings.TrimSpace(d.Section))
	b = append(b, ',')
	b = appendJSONString(b, strings.TrimSpace(d.Description))
	b = append(b, ',', '"')
	body := d.Body
	introEnd := len(body)
	if len(found) > 0 {
		introEnd = found[0].start
	}
	b = appendCut(b, body[:introEnd], snippet, true)
	b = append(b, `",[`...)
	sec := func(h Heading, text string) {
		head := strings.TrimSpace(h.Text)
		id := h.ID
		if isHeadingSlug(id, head) {
			id = "" // search.js derives it
		}
		b = append(b, '[')
		b = appendJSONString(b, id)
		b = append(b, ',')
		b = appendJSONString(b, head)
		b = append(b, ',', '"')
		b = appendCut(b, text, snippet, true)
		b = append(b, '"', ']')
	}
	for k, sp := range found {
		end := len(body)
		if k+1 < len(found) {
			end = found[k+1].start
		}
		if k > 0 {
			b = append(b, ',')
		}
		sec(sp.h, body[sp.end:end])
	}
	for k, h := range missing {
		if k > 0 || len(found) > 0 {
			b = append(b, ',')
		}
		sec(h, "")
	}
	return append(b, "]]"...)
}

// isHeadingSlug reports whether id == headingSlug(head), without building
// the slug.
func isHeadingSlug(id, head string) bool {
	i := 0 // bytes of id matched
	dash, started := false, false
	var enc [utf8.UTFMax]byte
	for _, r := range head {
		if r >= wordTableSize {
			return id == headingSlug(head) // fastFold normalises such text
		}
		for _, f := range foldTable[r] {
			if !unicode.IsLetter(f) && !unicode.IsNumber(f) {
				dash = true
				continue
			}
			if dash && started {
				if i >= len(id) || id[i] != '-' {
					return false
				}
				i++
			}
			dash, started = false, true
			n := utf8.EncodeRune(enc[:], f)
			if len(id)-i < n || id[i:i+n] != string(enc[:n]) {
				return false
			}
			i += n
		}
	}
	return i == len(id)
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
	b = append(b, '"')
	b = appendJSONRaw(b, s)
	return append(b, '"')
}

// appendJSONRaw appends s escaped as in a JSON string, without quotes.
func appendJSONRaw(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonEscaped(c) {
				b = appendJSONRune(b, rune(c))
			} else {
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '\u2028' || r == '\u2029' {
			b = appendJSONRune(b, r)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return b
}

// jsonEscaped reports whether appendJSONRaw escapes the ASCII byte c.
func jsonEscaped(c byte) bool {
	return c < 0x20 || c == '"' || c == '\\' || c == '<' || c == 0x7f
}

// appendJSONRune appends r escaped as appendJSONRaw does.
func appendJSONRune(b []byte, r rune) []byte {
	const hex = "0123456789abcdef"
	switch {
	case r >= utf8.RuneSelf:
		if r == '\u2028' || r == '\u2029' {
			return append(b, '\\', 'u', '2', '0', '2', hex[r&15])
		}
		return utf8.AppendRune(b, r)
	case r == '"' || r == '\\':
		return append(b, '\\', byte(r))
	case r == '\n':
		return append(b, '\\', 'n')
	case r < 0x20 || r == '<' || r == 0x7f:
		return append(b, '\\', 'u', '0', '0', hex[r>>4], hex[r&15])
	}
	return append(b, byte(r))
}
