package site

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"portal/internal/config"
	"portal/internal/content"
	"portal/internal/corpus"
	"portal/internal/diag"
)

// relateReference is the straightforward definition relate must match:
// for each page, every other page sharing at least one tag, ordered by
// the number of shared tags (more first), then by pageLess, ties kept in
// the order the candidates are first met (p's tags in order, each tag's
// pages in order); the first five are kept.
func relateReference(s *Site) map[*Page][]*Page {
	out := map[*Page][]*Page{}
	for _, p := range s.Pages {
		if len(p.Tags) == 0 {
			continue
		}
		score := map[*Page]int{}
		var order []*Page
		for _, t := range p.Tags {
			for _, q := range t.Pages {
				if q == p {
					continue
				}
				if score[q] == 0 {
					order = append(order, q)
				}
				score[q]++
			}
		}
		slices.SortStableFunc(order, func(a, b *Page) int {
			switch {
			case score[a] != score[b]:
				return score[b] - score[a]
			case pageLess(a, b):
				return -1
			case pageLess(b, a):
				return 1
			}
			return 0
		})
		if len(order) > 5 {
			order = order[:5]
		}
		if len(order) > 0 {
			out[p] = order
		}
	}
	return out
}

// randomSite makes a page graph of n pages with few distinct weights,
// dates, titles and tags, so that ties in every sort key are common.
// With dupFiles, some pages even share their file name, making pages
// that pageLess cannot order at all.
func randomSite(r *rand.Rand, n, nTags int, dupFiles bool) *Site {
	s := &Site{Taxonomies: map[string][]*Term{}, BasePath: "/"}
	titles := []string{"Đà Nẵng", "Da Nang", "Hà Nội", "Ha Noi", "Huế", "ă", ""}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		p := &Page{Kind: KindPage, Site: s}
		p.Weight = []int{0, 0, 0, 1, 2, -1}[r.IntN(6)]
		p.Date = base.AddDate(0, 0, r.IntN(4))
		if r.IntN(3) == 0 {
			// the same instant in another zone must tie
			p.Date = p.Date.In(time.FixedZone("ICT", 7*3600))
		}
		p.Title = titles[r.IntN(len(titles))]
		p.foldedTitle = p.Title
		p.File = fmt.Sprintf("s/p%05d.md", i)
		if dupFiles && r.IntN(4) == 0 {
			p.File = "s/same.md"
		}
		for range r.IntN(5) {
			p.TagNames = append(p.TagNames, fmt.Sprintf("Thẻ %d", r.IntN(nTags)))
		}
		s.Pages = append(s.Pages, p)
	}
	return s
}

func TestRelateMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for round := range 600 {
		n := 1 + r.IntN(60)
		nTags := 1 + r.IntN(6)
		s := randomSite(r, n, nTags, round%3 == 0)
		if round%5 == 0 {
			// Pages pageLess cannot order at all, so only the order
			// candidates are met in decides.
			for _, p := range s.Pages {
				p.Weight, p.Date, p.Title, p.foldedTitle, p.File = 0, s.Pages[0].Date, "T", "T", "s/same.md"
			}
		}
		switch round % 4 {
		case 0, 1:
			SortPages(s.Pages) // as New leaves them
		case 2:
			// relate must not rely on s.Pages being sorted
			r.Shuffle(len(s.Pages), func(i, j int) { s.Pages[i], s.Pages[j] = s.Pages[j], s.Pages[i] })
		case 3:
			SortPages(s.Pages)
			slices.Reverse(s.Pages)
		}
		s.buildTaxonomies()
		want := relateReference(s)
		for _, p := range s.Pages {
			if !slices.Equal(p.Related, want[p]) {
				t.Fatalf("round %d, page %s: related = %v, want %v", round, p.File, files(p.Related), files(want[p]))
			}
		}
	}
}

// TestRelateLargeMatchesReference runs relate on a graph big enough to be
// shared among workers.
func TestRelateLargeMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for _, dup := range []bool{false, true} {
		s := randomSite(r, 1500, 6, dup)
		SortPages(s.Pages)
		s.buildTaxonomies()
		want := relateReference(s)
		for _, p := range s.Pages {
			if !slices.Equal(p.Related, want[p]) {
				t.Fatalf("page %s: related = %v, want %v", p.File, files(p.Related), files(want[p]))
			}
		}
	}
}

func files(ps []*Page) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.File)
	}
	return out
}

// BenchmarkRelate measures related-page selection on a page graph shaped
// like the 10,000-page corpus: 50 tags, three per page.
func BenchmarkRelate(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	s := &Site{Taxonomies: map[string][]*Term{}, BasePath: "/"}
	base := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 10000 {
		p := &Page{Kind: KindPage, Site: s, Weight: r.IntN(100), Date: base.Add(time.Duration(r.IntN(8*365*24)) * time.Hour)}
		p.Title = fmt.Sprintf("Trang %d", i)
		p.foldedTitle = p.Title
		p.File = fmt.Sprintf("s/p%05d.md", i)
		for _, k := range r.Perm(50)[:3] {
			p.TagNames = append(p.TagNames, fmt.Sprintf("Thẻ %d", k))
		}
		s.Pages = append(s.Pages, p)
	}
	SortPages(s.Pages)
	s.buildTaxonomies()
	b.ReportAllocs()
	for b.Loop() {
		s.relate()
	}
}

// BenchmarkNew builds the page graph of a generated 10,000-page corpus
// (loaded once, outside the timing).
func BenchmarkNew(b *testing.B) {
	root := b.TempDir()
	if _, err := corpus.Generate(corpus.Options{Pages: 10000, Seed: 1, Out: root}); err != nil {
		b.Fatal(err)
	}
	cfg, err := config.Load(filepath.Join(root, config.FileName))
	if err != nil {
		b.Fatal(err)
	}
	files, probs := content.Load(root, cfg.Location)
	if len(probs) > 0 {
		b.Fatal(diag.Errors(probs))
	}
	data, _ := content.LoadData(root)
	b.Run("10k", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, probs := New(root, cfg, files, data, map[string]string{}, Options{Now: now}); len(probs) > 0 {
				b.Fatal(diag.Errors(probs))
			}
		}
	})
}
