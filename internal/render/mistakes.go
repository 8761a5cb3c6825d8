package render

import (
	"fmt"
	"sync"

	"portal/internal/diag"
)

// Mistakes collects the template mistakes met while rendering pages: one
// report per mistake, however many pages use the layout, naming the first
// page (by file) that hit it, so the report is the same from run to run.
// The zero value is ready; it is safe for concurrent use.
type Mistakes struct {
	mu sync.Mutex
	m  map[string]mistake
}

type mistake struct {
	p    *diag.Problem
	page string // source file of the page that hit it; "" for generated pages
}

// Add records err, met while rendering the page made from source file
// name ("" for a generated page).
func (m *Mistakes) Add(err error, name string) {
	pr := templateProblem(err)
	key := pr.Error()
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m == nil {
		m.m = map[string]mistake{}
	}
	if prev, ok := m.m[key]; !ok || (name != "" && (prev.page == "" || name < prev.page)) {
		m.m[key] = mistake{pr, name}
	}
}

// Problems returns one problem per mistake, saying which page hit it.
func (m *Mistakes) Problems() []*diag.Problem {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]*diag.Problem, 0, len(m.m))
	for _, te := range m.m {
		pr := *te.p
		if te.page != "" {
			pr.Msg += fmt.Sprintf(" (khi dựng %s)", te.page)
		}
		out = append(out, &pr)
	}
	return out
}
