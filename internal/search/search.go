// Package search builds the portal's static, serverless site search: a
// sharded inverted index of Vietnamese syllables that search.js downloads
// piece by piece, so a query fetches a tiny manifest, the shards of its own
// terms and the display data of the results it shows, and nothing else.
//
// Every syllable is indexed under its folded form ("dong" for "đồng",
// "đông", "động") together with the exact forms seen, so a query typed with
// or without diacritics finds the same pages while an exact-diacritic match
// ranks first. Positions are kept, delta-encoded, for phrase ranking.
//
// Files, all under "search/" relative to the site root:
//
//	manifest.json  {"v":1,"docs":N,"shards":B,"chunk":C}
//	s/<h>.json     shard h (hex) of B: {"<folded term>":["<exact forms, space-separated>","<postings>"],…}
//	               a term lives in shard fnv1a32(folded term) mod B
//	docs/<k>.json  display data of docs k*C … k*C+C-1:
//	               [[url,title,section,description,bodyStart,intro,[[pos,id,heading,fragment],…]],…]
//	search.js      the browser script
//
// Postings are a base64 VLQ string (see vlq.go); per document: doc-id delta
// minus one, exact-form mask*16+field mask, number of positions, first
// position, then each further position gap minus one. Field bits: 1 title,
// 2 heading, 4 description/tags/section, 8 body. Bit i of the exact-form
// mask says the i-th exact form occurs in the document.
//
// BuildOffline writes the same data as "search/offline/<path>.js" files that
// call __portalSearch("<path>", data) for pages opened from file://.
package search

// Heading is an anchor on a page.
type Heading struct{ Text, ID string }

// Doc is one page to index.
type Doc struct {
	// URL is the page's link as the site renders it (RelPermalink, base
	// path included); Build stores it relative to the site root.
	URL, Title, Section, Description string
	// Body is the plain text of the page. Heading texts are expected in it
	// in order (as in the rendered page); Build finds them to split the
	// body into sections. A heading not found is indexed after the body.
	Body     string
	Headings []Heading
	Tags     []string
}

// Options tunes the build; the zero value works.
type Options struct {
	// BasePath is the site's base path ("/papi/"); it is stripped from
	// Doc.URL so that the index stays valid under any sub-path. Empty means "/".
	BasePath string
	// SnippetChars caps the text kept per page section for result snippets
	// (default 160 characters).
	SnippetChars int
}

// Best field of a term in a page, as stored.
const (
	fieldBody = iota
	fieldMeta
	fieldHeading
	fieldTitle
)

const (
	// maxVariants is how many exact forms of a folded term get a bit in the
	// per-document mask; rarer forms still match through the folded term.
	maxVariants = 30

	// maxAdjacent caps the distinct followers recorded per term and page.
	maxAdjacent = 32

	defaultSnippetChars = 160
	// shardTarget is the raw size aimed at per shard; the shard count is
	// the smallest power of two that gets the average below it.
	shardTarget = 8 << 10
	// smallIndex is the size under which postings go in one shard and
	// display data in one chunk: a small site is fetched whole, and one
	// compressed file is smaller than many.
	smallIndex = 64 << 10
	maxShards   = 1 << 14
	// chunkTarget is the raw size aimed at per docs/ chunk.
	chunkTarget = 2 << 10
)
