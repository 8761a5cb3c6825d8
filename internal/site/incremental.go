package site

// BodyDependents lists the pages, besides p, whose rendering may show
// something of p's body (its summary, word count or reading time): the
// sections above it up to home, its tag pages and the pages that list it
// as related. Neighbours show only p's title, which a body edit cannot
// change, so they are not included.
func (s *Site) BodyDependents(p *Page) []*Page {
	seen := map[*Page]bool{p: true}
	var out []*Page
	add := func(q *Page) {
		if q != nil && !seen[q] {
			seen[q] = true
			out = append(out, q)
		}
	}
	for a := p.Parent; a != nil; a = a.Parent {
		add(a)
	}
	add(s.Home)
	for _, t := range p.Tags {
		add(t.Page)
	}
	for _, t := range p.Tags {
		for _, q := range t.Pages {
			for _, r := range q.Related {
				if r == p {
					add(q)
					break
				}
			}
		}
	}
	return out
}
