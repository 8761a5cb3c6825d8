package site

import (
	"runtime"
	"sort"
	"sync/atomic"

	"portal/internal/parallel"
)

// relate picks each page's related pages: those sharing the most tags,
// then in site order (pageLess), ties kept in the order the candidates are
// first met; at most five.
//
// It works on integers only: pages become indices, pageLess a rank (equal
// pages share one), each tag a list of indices, and the shared-tag counts
// live in a dense slice stamped per page, so nothing is reset or hashed.
// Pages are independent, so they are spread over workers.
func (s *Site) relate() {
	n := len(s.Pages)
	if n == 0 {
		return
	}
	rank, distinct := pageRanks(s.Pages)
	index := make(map[*Page]int32, n)
	for i, p := range s.Pages {
		index[p] = int32(i)
	}
	members := map[*Term][]int32{}
	// Each page's tags as member lists, so workers only read slices.
	tagLists := make([][][]int32, n)
	work := 0
	for i, p := range s.Pages {
		if len(p.Tags) == 0 {
			continue
		}
		l := make([][]int32, len(p.Tags))
		for k, t := range p.Tags {
			m, ok := members[t]
			if !ok {
				m = make([]int32, len(t.Pages))
				for j, q := range t.Pages {
					m[j] = index[q]
				}
				members[t] = m
			}
			l[k] = m
			work += len(m)
		}
		tagLists[i] = l
	}
	newRelater := func() *relater {
		return &relater{marks: make([]uint64, n), rank: rank, distinct: distinct}
	}
	workers := 1
	if work >= 1<<16 {
		workers = min(runtime.GOMAXPROCS(0), 8)
	}
	if workers == 1 {
		r := newRelater()
		for i := range n {
			s.Pages[i].Related = r.top(s.Pages, tagLists[i], int32(i))
		}
		return
	}
	var next atomic.Int64
	var wg parallel.Group
	const chunk = 64
	for range workers {
		wg.Go(func() {
			r := newRelater()
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= n {
					return
				}
				for i := lo; i < min(lo+chunk, n); i++ {
					s.Pages[i].Related = r.top(s.Pages, tagLists[i], int32(i))
				}
			}
		})
	}
	wg.Wait()
}

// pageRanks numbers pages in pageLess order: rank[i] < rank[j] exactly
// when pageLess(ps[i], ps[j]); pages pageLess cannot tell apart share a
// rank, and distinct reports that there are none. New has sorted ps
// already, so the sort is usually skipped.
func pageRanks(ps []*Page) (rank []int32, distinct bool) {
	n := len(ps)
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	for i := 1; i < n; i++ {
		if pageLess(ps[i], ps[i-1]) {
			sort.SliceStable(order, func(a, b int) bool { return pageLess(ps[order[a]], ps[order[b]]) })
			break
		}
	}
	rank = make([]int32, n)
	distinct = true
	r := int32(0)
	for k := 1; k < n; k++ {
		if pageLess(ps[order[k-1]], ps[order[k]]) {
			r++
		} else {
			distinct = false
		}
		rank[order[k]] = r
	}
	return rank, distinct
}

// relatedKeep is how many related pages a page lists.
const relatedKeep = 5

// relater holds one worker's scratch space for relate.
type relater struct {
	// marks[q] holds, in its high half, 1 + the index of the page whose
	// candidates were last counted and, in its low half, the number of
	// tags q shares with that page. Stamping avoids clearing between
	// pages.
	marks []uint64
	// promoted lists, per page, the candidates sharing two tags or more.
	promoted []int32
	rank     []int32
	distinct bool
}

const (
	countMask = 1<<31 - 1
	seenBit   = 1 << 31
)

// top returns the related pages of the page at index self, whose tags'
// member lists are tags.
func (r *relater) top(pages []*Page, tags [][]int32, self int32) []*Page {
	if len(tags) == 0 {
		return nil
	}
	marks := r.marks
	stamp := uint64(self+1) << 32
	promoted := r.promoted[:0]
	// A tag's list holds each page once, so the first list needs no check
	// (self is marked too, but skipped from here on).
	for _, qi := range tags[0] {
		marks[qi] = stamp | 1
	}
	for _, m := range tags[1:] {
		for _, qi := range m {
			if qi == self {
				continue
			}
			v := marks[qi]
			if v&^countMask&^seenBit != stamp {
				marks[qi] = stamp | 1
				continue
			}
			v++
			marks[qi] = v
			if v&countMask == 2 {
				promoted = append(promoted, qi)
			}
		}
	}
	r.promoted = promoted
	var k keeper
	if r.distinct && len(promoted) >= relatedKeep {
		// Five candidates share two tags or more, so no candidate sharing
		// one can make the list; and with every rank distinct, the order
		// candidates are met in cannot matter.
		for _, qi := range promoted {
			k.offer(qi, int32(marks[qi]&countMask), r.rank[qi])
		}
	} else {
		// Every candidate, in the order first met, which breaks ties
		// between pages of equal rank.
		for _, m := range tags {
			for _, qi := range m {
				v := marks[qi]
				if qi == self || v&seenBit != 0 {
					continue
				}
				marks[qi] = v | seenBit
				k.offer(qi, int32(v&countMask), r.rank[qi])
			}
		}
	}
	if k.n == 0 {
		return nil
	}
	out := make([]*Page, k.n)
	for i := range k.n {
		out[i] = pages[k.page[i]]
	}
	return out
}

// keeper keeps the best relatedKeep candidates offered, best first: more
// shared tags, then lower rank; a candidate goes after every kept one at
// least as good, so equals stay in the order offered.
type keeper struct {
	page, score, rank [relatedKeep]int32
	n                 int
}

func (k *keeper) offer(page, score, rank int32) {
	pos := k.n
	for pos > 0 && (score > k.score[pos-1] || score == k.score[pos-1] && rank < k.rank[pos-1]) {
		pos--
	}
	if pos >= relatedKeep {
		return
	}
	if k.n < relatedKeep {
		k.n++
	}
	copy(k.page[pos+1:k.n], k.page[pos:k.n-1])
	copy(k.score[pos+1:k.n], k.score[pos:k.n-1])
	copy(k.rank[pos+1:k.n], k.rank[pos:k.n-1])
	k.page[pos], k.score[pos], k.rank[pos] = page, score, rank
}
