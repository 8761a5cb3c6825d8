package search

// The index reader: test code, kept beside the tests. Its exported names
// are visible to the package's external tests (portal_test.go) too.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Index reads the files written by Build or BuildOffline and answers
// queries exactly as search.js does: same shards, same ranking, same choice
// of heading and snippet. It lets the tests check the index without a
// browser.
type Index struct {
	files    map[string][]byte
	prefix   string // "search/" or "search/offline/"
	suffix   string // ".json" or ".js"
	Manifest Manifest
	// Loaded lists the data files read so far, by path, so callers can
	// measure what a query downloads.
	Loaded map[string]bool
}

// Manifest is search/manifest.json.
type Manifest struct {
	Version int `json:"v"`
	Docs    int `json:"docs"`
	Shards  int `json:"shards"`
	Chunk   int `json:"chunk"`
	// Live, when present, is the number of pages in force: those with a
	// higher id are no longer in force and rank after all the others.
	Live *int `json:"live"`
}

// live is the number of pages in force.
func (m *Manifest) live() int {
	if m.Live == nil {
		return m.Docs
	}
	return *m.Live
}

// Result is one search hit.
type Result struct {
	DocID   int
	URL     string // stored URL (relative to the site root) plus "#anchor"
	Title   string
	Section string
	Heading string // text of the linked heading, "" for the top of the page
	Snippet string
	Score   float64
	Exact   int // query terms with diacritics matched exactly
	// Archived is set for a page no longer in force.
	Archived bool
}

// Open reads the manifest from files as returned by Build or BuildOffline.
func Open(files map[string][]byte) (*Index, error) {
	ix := &Index{files: files, prefix: "search/", suffix: ".json", Loaded: map[string]bool{}}
	if _, ok := files["search/manifest.json"]; !ok {
		ix.prefix, ix.suffix = "search/offline/", ".js"
	}
	if err := ix.load("manifest", &ix.Manifest); err != nil {
		return nil, err
	}
	if ix.Manifest.Version != 1 || ix.Manifest.Shards < 1 || ix.Manifest.Chunk < 1 {
		return nil, fmt.Errorf("search: unsupported manifest %+v", ix.Manifest)
	}
	return ix, nil
}

// load decodes the data file at logical path p into v.
func (ix *Index) load(p string, v any) error {
	name := ix.prefix + p + ix.suffix
	b, ok := ix.files[name]
	if !ok {
		return fmt.Errorf("search: missing %s", name)
	}
	ix.Loaded[name] = true
	if ix.suffix == ".js" {
		head := "__portalSearch(" + strconv.Quote(p) + ","
		if !bytes.HasPrefix(b, []byte(head)) || !bytes.HasSuffix(b, []byte(");\n")) {
			return fmt.Errorf("search: %s is not an offline data script", name)
		}
		b = b[len(head) : len(b)-3]
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("search: decode %s: %w", name, err)
	}
	return nil
}

// Posting is one document's entry in a term's postings.
type Posting struct {
	Doc     int
	Field   int    // best field: fieldBody, fieldMeta, fieldHeading, fieldTitle
	Exact   uint64 // bit i: the term's i-th exact form occurs
	TF      int    // occurrences in all fields
	Section int    // first body section holding the term: 1 intro, 2+k heading k; 0 none
	// Adjacent holds fingerprints, as base64 characters, of the
	// adjacencies this term stores (it stores those where it is the
	// rarer term): nextPrint of a term that follows it, prevPrint of one
	// that precedes it.
	Adjacent []string
}

// shardFile is a decoded s/<h> file.
type shardFile struct {
	K, V                string
	N, D, M, T, S, F, H string
}

// Term returns the exact forms and postings of a folded term (nil, nil
// when the index lacks it).
func (ix *Index) Term(folded string) ([]string, []Posting, error) {
	var sh shardFile
	if err := ix.load(shardPath(folded, ix.Manifest.Shards), &sh); err != nil {
		return nil, nil, err
	}
	keys := strings.Split(sh.K, " ")
	i := slices.Index(keys, folded)
	if i < 0 || folded == "" {
		return nil, nil, nil
	}
	forms := strings.Split(sh.V, " ")
	if len(forms) != len(keys) {
		return nil, nil, fmt.Errorf("search: shard of %q: %d keys but %d form lists", folded, len(keys), len(forms))
	}
	variants := []string{folded}
	if forms[i] != "" {
		variants = strings.Split(forms[i], ",")
	}
	cols := [6]vlqReader{{s: sh.N}, {s: sh.D}, {s: sh.M}, {s: sh.T}, {s: sh.S}, {s: sh.F}}
	n, d, m, t, sc, f := &cols[0], &cols[1], &cols[2], &cols[3], &cols[4], &cols[5]
	h := 0
	var out []Posting
	for j := 0; j <= i; j++ {
		df, err := n.next()
		if err != nil {
			return nil, nil, fmt.Errorf("search: shard of %q: %w", folded, err)
		}
		doc := -1
		for k := uint64(0); k < df; k++ {
			var v [5]uint64
			for c, r := range []*vlqReader{d, m, t, sc, f} {
				if v[c], err = r.next(); err != nil {
					return nil, nil, fmt.Errorf("search: shard of %q: %w", folded, err)
				}
			}
			doc += int(v[0]) + 1
			if h+int(v[4]) > len(sh.H) {
				return nil, nil, fmt.Errorf("search: shard of %q: follower column too short", folded)
			}
			if j == i {
				p := Posting{Doc: doc, Field: int(v[1] % 4), Exact: v[1] / 4, TF: int(v[2]) + 1, Section: int(v[3])}
				for x := 0; x < int(v[4]); x++ {
					p.Adjacent = append(p.Adjacent, sh.H[h+x:h+x+1])
				}
				out = append(out, p)
			}
			h += int(v[4])
		}
	}
	return variants, out, nil
}

func shardPath(folded string, shards int) string {
	return "s/" + strconv.FormatUint(uint64(fnv32(folded)&uint32(shards-1)), 16)
}

func printString(h uint32) string { return vlqAlphabet[h : h+1] }

// queryTerm is a distinct query term with what ranking needs of it.
type queryTerm struct {
	Token
	df   int
	hash uint32
}

// rarer mirrors indexer.rarer for query terms: whether a stores the
// adjacency of a and b.
func rarer(a, b *queryTerm) bool {
	if a.df != b.df {
		return a.df < b.df
	}
	if a.hash != b.hash {
		return a.hash < b.hash
	}
	return a.Folded <= b.Folded
}

type hit struct {
	id      int
	matched int
	exact   int
	score   float64
	post    map[string]*Posting
	bestW   float64
	sec     int // section to link: that of the rarest query term
}

// Search runs q and returns up to limit results (all when limit <= 0),
// ranked as search.js ranks them: documents matching every query term,
// exact-diacritic matches first, then by score.
func (ix *Index) Search(q string, limit int) ([]Result, error) {
	qt := Tokenize(q)
	res, err := ix.rank(qt)
	if err != nil {
		return nil, err
	}
	if limit > 0 && len(res) > limit {
		res = res[:limit]
	}
	set := querySet(qt)
	out := make([]Result, 0, len(res))
	for _, h := range res {
		r, err := ix.result(h, set)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// Count returns how many pages match q, without loading display data.
func (ix *Index) Count(q string) (int, error) {
	res, err := ix.rank(Tokenize(q))
	return len(res), err
}

// rank returns the pages matching every term of qt, best first.
func (ix *Index) rank(qt []Token) ([]*hit, error) {
	if len(qt) == 0 {
		return nil, nil
	}
	hits := map[int]*hit{}
	seen := map[string]*queryTerm{}
	n := float64(ix.Manifest.Docs)
	for _, t := range qt {
		if seen[t.Folded] != nil {
			continue
		}
		q := &queryTerm{Token: t, hash: fnv32(t.Folded)}
		seen[t.Folded] = q
		variants, post, err := ix.Term(t.Folded)
		if err != nil {
			return nil, err
		}
		if len(post) == 0 {
			continue
		}
		q.df = len(post)
		vi := -1
		for i, v := range variants {
			if v == t.Exact {
				vi = i
				break
			}
		}
		w := math.Log(1 + n/float64(len(post)))
		for pi := range post {
			p := &post[pi]
			h := hits[p.Doc]
			if h == nil {
				h = &hit{id: p.Doc, post: map[string]*Posting{}, bestW: -1}
				hits[p.Doc] = h
			}
			tf := float64(p.TF)
			b := [4]float64{fieldBody: 0, fieldMeta: 1.5, fieldHeading: 2.5, fieldTitle: 5}[p.Field]
			s := w * (b + tf/(tf+2))
			if t.Exact != t.Folded {
				if vi >= 0 && p.Exact>>uint(vi)&1 == 1 {
					h.exact++
				} else {
					s *= 0.3
				}
			}
			h.matched++
			h.score += s
			h.post[t.Folded] = p
			if w > h.bestW {
				h.bestW = w
				h.sec = p.Section
				if p.Field == fieldTitle || p.Field == fieldMeta {
					h.sec = 0 // a page-level match: link to the top
				}
			}
		}
	}
	var res []*hit
	for _, h := range hits {
		adj := 0
		for k := 0; k+1 < len(qt); k++ {
			a, b := seen[qt[k].Folded], seen[qt[k+1].Folded]
			pa, pb := h.post[a.Folded], h.post[b.Folded]
			if pa == nil || pb == nil {
				continue
			}
			if rarer(a, b) && slices.Contains(pa.Adjacent, printString(nextPrint(b.hash))) ||
				!rarer(a, b) && slices.Contains(pb.Adjacent, printString(prevPrint(a.hash))) {
				adj++
			}
		}
		if len(qt) > 1 {
			h.score *= 1 + 2*float64(adj)/float64(len(qt)-1)
		}
		if h.matched == len(seen) {
			res = append(res, h)
		}
	}
	live := ix.Manifest.live()
	sort.Slice(res, func(i, j int) bool {
		a, b := res[i], res[j]
		if oa, ob := a.id >= live, b.id >= live; oa != ob {
			return ob
		}
		if a.exact != b.exact {
			return a.exact > b.exact
		}
		if a.score != b.score {
			return a.score > b.score
		}
		return a.id < b.id
	})
	return res, nil
}

// docRec is one record of a docs/ chunk.
type docRec struct {
	URL, Title, Section, Desc, Intro string
	Sections                         []secRec
}

type secRec struct{ ID, Head, Txt string }

func (d *docRec) UnmarshalJSON(b []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if len(raw) != 6 {
		return fmt.Errorf("doc record has %d fields, want 6", len(raw))
	}
	var secs [][]json.RawMessage
	for i, dst := range []any{&d.URL, &d.Title, &d.Section, &d.Desc, &d.Intro, &secs} {
		if err := json.Unmarshal(raw[i], dst); err != nil {
			return fmt.Errorf("doc record field %d: %w", i, err)
		}
	}
	for _, s := range secs {
		if len(s) != 3 {
			return fmt.Errorf("section record has %d fields, want 3", len(s))
		}
		var r secRec
		for i, dst := range []any{&r.ID, &r.Head, &r.Txt} {
			if err := json.Unmarshal(s[i], dst); err != nil {
				return fmt.Errorf("section record field %d: %w", i, err)
			}
		}
		if r.ID == "" {
			r.ID = headingSlug(r.Head)
		}
		d.Sections = append(d.Sections, r)
	}
	return nil
}

// termSet maps each folded query term to the spellings typed with
// diacritics ("bố" for "bo"); a term typed without any has none.
type termSet map[string]map[string]bool

func querySet(qt []Token) termSet {
	set := termSet{}
	for _, t := range qt {
		if set[t.Folded] == nil {
			set[t.Folded] = map[string]bool{}
		}
		if t.Exact != t.Folded {
			set[t.Folded][t.Exact] = true
		}
	}
	return set
}

// countHits scores how well text shows the query: 2 for each distinct
// query term found (diacritics aside), 1 more when it is found as typed,
// so that for "tuyên bố" a fragment with "bố" beats one with "bộ".
func countHits(text string, set termSet) int {
	found, exact := map[string]bool{}, map[string]bool{}
	n := 0
	for _, t := range Tokenize(text) {
		forms, ok := set[t.Folded]
		if !ok {
			continue
		}
		if !found[t.Folded] {
			found[t.Folded] = true
			n += 2
		}
		if forms[t.Exact] && !exact[t.Folded] {
			exact[t.Folded] = true
			n++
		}
	}
	return n
}

// result loads the display data of h and chooses heading and snippet: the
// first section holding the rarest query term, unless another stored
// fragment shows the query better; the link goes where the snippet is from
// (the top of the page for the description and the intro, and for a match
// in the title or description).
func (ix *Index) result(h *hit, set termSet) (Result, error) {
	c := ix.Manifest.Chunk
	var chunk []docRec
	if err := ix.load("docs/"+strconv.Itoa(h.id/c), &chunk); err != nil {
		return Result{}, err
	}
	if h.id%c >= len(chunk) {
		return Result{}, fmt.Errorf("search: doc %d missing from its chunk", h.id)
	}
	d := chunk[h.id%c]
	frags := append([]secRec{{Txt: d.Desc}, {Txt: d.Intro}}, d.Sections...)
	cur := h.sec
	if cur == 0 && d.Desc == "" || cur >= len(frags) {
		cur = 1
	}
	top := countHits(frags[cur].Txt, set)
	for i, f := range frags {
		if n := countHits(f.Txt, set); n > top {
			top, cur = n, i
		}
	}
	link := frags[cur]
	if h.sec == 0 {
		link = secRec{} // a match in the title or description: the top
	}
	u := d.URL
	if link.ID != "" {
		u += "#" + link.ID
	}
	return Result{DocID: h.id, URL: u, Title: d.Title, Section: d.Section, Heading: link.Head,
		Snippet: frags[cur].Txt, Score: h.score, Exact: h.exact, Archived: h.id >= ix.Manifest.live()}, nil
}
