// Package search builds the portal's static, serverless site search: a
// sharded inverted index of Vietnamese syllables that search.js downloads
// piece by piece, so a query fetches a tiny manifest, the shards of its own
// terms and the display data of the results it shows, and nothing else.
//
// Every syllable is indexed under its folded form ("dong" for "đồng",
// "đông", "động") together with the exact forms seen, so a query typed with
// or without diacritics finds the same pages while an exact-diacritic match
// ranks first. Matching is by whole syllable; every query term must match.
//
// Phrases: instead of every position, which would cost more than all the
// rest of the index, each adjacency of two syllables in a page ("hành" then
// "chính") is recorded once, as a one-character fingerprint of the other
// term, in the postings of the rarer of the two. A query "hành chính" so
// learns which pages hold the phrase from postings it downloads anyway,
// and a very common term (in most pages) carries almost no adjacency data.
//
// Files, all under "search/" relative to the site root:
//
//	manifest.json  {"v":1,"docs":N,"shards":B,"chunk":C[,"live":L]}
//	s/<h>.json     shard h (hex): the terms t with fnv1a32(t) mod B = h, as columns:
//	               {"k":"<terms, space-separated>","v":"<exact forms per term: comma-separated,
//	               space between terms, empty when the only form is the term itself>",
//	               "n":<pages per term>,"d":<page-id gaps>,"m":<exact-form mask*4+best field>,
//	               "t":<frequency-1>,"s":<section>,"f":<adjacency count>,"h":"<adjacency prints>"}
//	docs/<k>.json  display data of pages k*C … k*C+C-1:
//	               [[url,title,section,description,intro,[[id,heading,text],…]],…]
//	search.js      the browser script
//
// Numeric columns are base64 VLQ strings (vlq.go), one value per page of
// each term in turn, terms in "k" order, page ids ascending (gap minus one).
// Best field: 0 body, 1 description/tags/section, 2 heading, 3 title. Bit i
// of the exact-form mask says the term's i-th exact form is in the page.
// Section: 0 none (title/description only), 1 text before the first
// heading, 2+i the section under heading i of the record. Adjacency prints
// are one character each: nextPrint of a term that follows, prevPrint of
// one that precedes (see build.go). An empty id in a section record is the
// heading's slug, which search.js computes. A small site has one shard and
// one chunk, so a query fetches three files.
//
// Pages no longer in force (Doc.Archived) get the last ids; "live", present
// only when there are any, is the number of the others, so search.js ranks
// every page with an id of L or more after all the rest.
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
	// Archived marks a page no longer in force: it is still found, but
	// after every page in force, so never ahead of the current text.
	Archived bool
}

// Options tunes the build; the zero value works.
type Options struct {
	// BasePath is the site's base path ("/papi/"); it is stripped from
	// Doc.URL so that the index stays valid under any sub-path. Empty means "/".
	BasePath string
	// SnippetChars caps the text kept per page section for result snippets
	// (default 100 characters).
	SnippetChars int
	// Consume lets Build empty each Doc's Body in the caller's slice once
	// it has read it, so that a caller that will not read the docs again
	// does not hold every page's text until the whole index is built.
	Consume bool
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

	defaultSnippetChars = 100
	// shardTarget is the raw size aimed at per shard; the shard count is
	// the smallest power of two that gets the average below it.
	shardTarget = 8 << 10
	// minPartDocs is the fewest pages worth a part of the parallel
	// first pass (a 1,000-page site then uses two cores: 165 -> 97 ms);
	// maxParts bounds how many run at once.
	minPartDocs = 200
	maxParts    = 8
	// smallIndex is the size under which postings go in one shard and
	// display data in one chunk: a small site is fetched whole, and one
	// compressed file is smaller than many.
	smallIndex = 64 << 10
	maxShards  = 1 << 14
	// chunkTarget is the raw size aimed at per docs/ chunk.
	chunkTarget = 2 << 10
)
