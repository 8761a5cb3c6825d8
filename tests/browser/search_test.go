package browser_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// findPage returns the first page whose built HTML contains marker, or "".
func findPage(root string, pages []string, marker string) (string, error) {
	for _, p := range pages {
		file := strings.TrimPrefix(p, "/")
		if file == "" || strings.HasSuffix(file, "/") {
			file += "index.html"
		}
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(file)))
		if err != nil {
			return "", fmt.Errorf("read page %s: %w", p, err)
		}
		if strings.Contains(string(b), marker) {
			return p, nil
		}
	}
	return "", nil
}

// searchResult is one entry of the result list.
type searchResult struct {
	Text string `json:"text"`
	Href string `json:"href"`
}

// searchState is what the search page shows.
type searchState struct {
	Status  string         `json:"status"`
	Results []searchResult `json:"results"`
	Query   string         `json:"query"`
}

const readSearch = `({
	status: (document.getElementById('search-status') || {}).textContent || '',
	query: location.search,
	results: Array.from(document.querySelectorAll('#search-results li a[href]'))
		.map(a => ({text: a.textContent.trim(), href: a.href})),
})`

// waitSearch polls the page until the status line says something and, when
// wantResults, until results are listed.
func waitSearch(ctx context.Context, wantResults bool) (searchState, error) {
	deadline := time.Now().Add(15 * time.Second)
	for {
		st, err := chromedp.Run(ctx, chromedp.Evaluate[searchState](readSearch))
		if err != nil {
			return st, fmt.Errorf("read the search page: %w", err)
		}
		if st.Status != "" && (!wantResults || len(st.Results) > 0) {
			return st, nil
		}
		if time.Now().After(deadline) {
			return st, fmt.Errorf("search did not finish in 15s: status %q, %d results", st.Status, len(st.Results))
		}
		if err := chromedp.Do(ctx, chromedp.Sleep(50*time.Millisecond)); err != nil {
			return st, err
		}
	}
}

// testSearch types queries into the search page as a visitor would: a query
// without diacritics finds the pages that have them, the same query with
// diacritics finds the same first page, ?q= in the address runs a search,
// a word in no page says so, and the first result opens. The page must log
// no error and ask no other host for anything.
func testSearch(t *testing.T, tools gateTools, browserCtx context.Context, searchURL string) {
	tabCtx, cancelTab, err := newTab(browserCtx)
	if err != nil {
		t.Fatal(err)
	}
	a := &pageAudit{axeJS: tools.axeJS, url: searchURL}
	var wg sync.WaitGroup
	defer func() {
		cancelTab()
		wg.Wait()
		a.mu.Lock()
		defer a.mu.Unlock()
		for _, f := range dedupe(a.findings) {
			t.Error(f)
		}
	}()
	if err := a.watch(tabCtx, &wg); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(tabCtx, pageTimeout)
	defer cancel()

	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(phone.width, phone.height, chromedp.EmulateMobile, chromedp.EmulateTouch),
		chromedp.Navigate(searchURL),
		chromedp.WaitVisible(chromedp.ID("search-input")),
		chromedp.SendKeys(chromedp.ID("search-input"), "tiep cong dan"),
	); err != nil {
		t.Fatalf("type a query: %v", err)
	}
	plain, err := waitSearch(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("\"tiep cong dan\": %q, first %+v", plain.Status, plain.Results[0])
	origin, err := url.Parse(searchURL)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range plain.Results {
		u, err := url.Parse(r.Href)
		if err != nil || u.Host != origin.Host {
			t.Errorf("result %q links to %s, not to a page of the site", r.Text, r.Href)
		}
		if r.Text == "" {
			t.Errorf("result %s has no text", r.Href)
		}
	}

	// The same words with diacritics, from the address bar.
	if err := chromedp.Do(ctx, chromedp.Navigate(searchURL+"?q="+url.QueryEscape("tiếp công dân"))); err != nil {
		t.Fatal(err)
	}
	marked, err := waitSearch(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	if marked.Results[0].Href != plain.Results[0].Href {
		t.Errorf("\"tiếp công dân\" first finds %s, \"tiep cong dan\" %s: want the same page", marked.Results[0].Href, plain.Results[0].Href)
	}
	if got, _ := chromedp.Run(ctx, chromedp.Value(chromedp.ID("search-input"))); got != "tiếp công dân" {
		t.Errorf("the search box shows %q after ?q=, want the query", got)
	}

	// A word in no page: a status line, no list.
	if err := chromedp.Do(ctx, chromedp.Navigate(searchURL+"?q=qxzjkw")); err != nil {
		t.Fatal(err)
	}
	none, err := waitSearch(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(none.Results) != 0 {
		t.Errorf("\"qxzjkw\" found %d results, want none", len(none.Results))
	}
	t.Logf("\"qxzjkw\": %q", none.Status)

	// The first result opens a page of the site.
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(plain.Results[0].Href))
	if err != nil {
		t.Fatalf("open the first result: %v", err)
	}
	if resp.Status != 200 {
		t.Errorf("the first result %s answers %d", plain.Results[0].Href, resp.Status)
	}
}
