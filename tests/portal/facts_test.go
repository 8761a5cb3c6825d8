package portal_test

// Every number a citizen reads on the portal comes from a source: the data
// files (data/*.csv, copies of ../shared/facts/*.csv) or the facts file and
// the seed plan, whose numbers are listed below. A score typed by hand with a
// wrong digit, a rank off by one place or a figure nobody sourced fails here.

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"
)

// factNumbers are the numbers papi-facts.md and the seed plan give, other
// than the data files' values: years and dates, counts of provinces,
// respondents, dimensions and wards, document numbers, article numbers of
// the cited press pages. TestFactNumbersAreInTheFacts reads them back from
// the facts file when it is present.
var factNumbers = []string{
	// PAPI: started 2009, pilot in 3 provinces, 30 in 2010, 63 from 2011,
	// partners from 2012 and until 2023, tablets since 2015, 6 dimensions
	// until 2017, 8 since 2018 with 28 sub-dimensions and over 120
	// indicators, scores 1–10, the 2023 report the 15th edition.
	"2009", "3", "30", "2010", "63", "2011", "2012", "2023", "2015", "6", "2017", "8", "2018", "28", "120", "1", "10", "15", "2024",
	// Respondents: 5,568 (2010), 14,732 (2020), 15,833 (2021), 16,117
	// (2022), over 19,500 (2023) with over 500 questions; 20 residents
	// aged 18–70 drawn per village for 16 interviews, 2 communes and 2
	// villages each.
	"5568", "14732", "2020", "15833", "2021", "16117", "2022", "19500", "500", "20", "18", "70", "16", "2",
	// Results: 2023 highest 46.04, lowest 38.97; 2021 top group in 5 of 8
	// dimensions, up 39 places; the press of May 2022.
	"46.04", "38.97", "5", "39",
	// Laws and plans: 10/2022/QH15 (10/11/2022, in force 1/7/2023),
	// 42/2013/QH13, 20/2008/NĐ-CP (14/2/2008), 19/KH-UBND (8/2/2023),
	// 06/CT-CTUBND (17/5/2019), the city's announcement of 17/3/2023,
	// Resolutions 202/2025/QH15 (12/6/2025) and 1666/NQ-UBTVQH15
	// (16/6/2025): 104 commune-level units, 93 communes and 11 wards, the
	// new provincial apparatus from 15/7/2025; the ward plan of April 2025.
	"42", "2013", "2008", "14", "19", "06", "17", "2019", "202", "2025", "12", "1666", "104", "93", "11", "7", "4",
	// Articles cited as sources.
	"9651", "1720781", "577115", "1522769", "172250421225419049",
}

// pageYears are the dates the portal's own pages were written and updated
// (front matter date and lastmod), which the templates print.
var pageYears = []string{"2026"}

// numberTokens returns the numbers in s: runs of digits joined by . , or /
// with no letter or digit on either side (so "QH15", "tunah72" and
// "WCAG 2.2"'s neighbours are not numbers a citizen reads as a fact).
func numberTokens(s string) []string {
	var out []string
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if !unicode.IsDigit(rs[i]) {
			i++
			continue
		}
		j := i
		for j < len(rs) && (unicode.IsDigit(rs[j]) || (strings.ContainsRune(".,/", rs[j]) && j+1 < len(rs) && unicode.IsDigit(rs[j+1]))) {
			j++
		}
		before := i > 0 && (unicode.IsLetter(rs[i-1]) || rs[i-1] == '=')
		after := j < len(rs) && unicode.IsLetter(rs[j])
		if !before && !after {
			out = append(out, string(rs[i:j]))
		}
		i = j
	}
	return out
}

// numberValues reads a token the way a reader of the page's language does:
// Vietnamese 44,40 and 19.500, English 44.40 and 19,500; a document number
// or date written with / is its parts.
func numberValues(tok, lang string) []string {
	if strings.Contains(tok, "/") {
		var out []string
		for _, p := range strings.Split(tok, "/") {
			out = append(out, numberValues(p, lang)...)
		}
		return out
	}
	dec, thou := ",", "."
	if lang == "en" {
		dec, thou = ".", ","
	}
	v := strings.ReplaceAll(tok, thou, "")
	v = strings.Replace(v, dec, ".", 1)
	return []string{canonical(v)}
}

// canonical writes a number as the allowed set stores it: integers without
// leading zeros, others with two decimals (the portal rounds scores to two).
func canonical(v string) string {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v
	}
	if f == float64(int64(f)) && !strings.Contains(v, ".") {
		return strconv.FormatInt(int64(f), 10)
	}
	return strconv.FormatFloat(f, 'f', 2, 64)
}

// allowedNumbers is every number a page may show: factNumbers, the page
// years and every value of the data files, as integers and rounded to two
// decimals.
func allowedNumbers(t *testing.T) map[string]bool {
	t.Helper()
	ok := map[string]bool{}
	for _, n := range append(append([]string{}, factNumbers...), pageYears...) {
		ok[canonical(n)] = true
	}
	files, err := filepath.Glob(filepath.Join(repoRoot, "data", "*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no data files: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, r := range rows[1:] {
			for _, v := range r {
				if _, err := strconv.ParseFloat(v, 64); err == nil {
					ok[canonical(v)] = true
					if fv, _ := strconv.ParseFloat(v, 64); strings.Contains(v, ".") {
						ok[strconv.FormatFloat(fv, 'f', 2, 64)] = true
					}
				}
			}
		}
	}
	return ok
}

// readerText is the text of a page's main content as a citizen reads it:
// without the chart drawings (their axis ticks are the scale, not facts;
// the data table under each chart is read) and without the note that says
// where an axis starts.
func readerText(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(c *html.Node) {
		if c.Type == html.ElementNode && (c.Data == "svg" || c.Data == "script" || c.Data == "style" || hasClass(c, "chart-note")) {
			return
		}
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
			b.WriteByte(' ')
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			rec(k)
		}
	}
	rec(n)
	return b.String()
}

// TestEveryNumberOnAPageIsSourced reads every number in every page's main
// content, Vietnamese and English, and looks it up among the sourced ones.
func TestEveryNumberOnAPageIsSourced(t *testing.T) {
	s := site(t)
	ok := allowedNumbers(t)
	// Not facts: the accessibility standard's version and the error page's code.
	raw := map[string]bool{"2.2": true, "404": true}
	for _, f := range htmlPages(s) {
		// Lists of pages (topics, search, site map) repeat titles read on
		// their own pages and count pages, which is not a fact.
		if isRedirect(s.files[f]) || listPage(f) {
			continue
		}
		doc := parse(t, s.files[f])
		mains := find(doc, tag("main"))
		if len(mains) == 0 {
			continue
		}
		lang := "vi"
		if strings.HasPrefix(f, "en/") {
			lang = "en"
		}
		txt := readerText(mains[0])
		for _, tok := range numberTokens(txt) {
			if raw[tok] {
				continue
			}
			for _, v := range numberValues(tok, lang) {
				if !ok[v] {
					t.Errorf("%s: %q is in neither data/*.csv nor the facts' numbers: …%s…", f, tok, around(txt, tok))
				}
			}
		}
	}
}

// listPage reports the generated lists of pages.
func listPage(f string) bool {
	for _, p := range []string{"tags/", "tim-kiem/", "so-do-trang/"} {
		if strings.HasPrefix(f, p) || strings.HasPrefix(f, "en/"+p) {
			return true
		}
	}
	return false
}

// around is the text around the first tok in txt, for a message.
func around(txt, tok string) string {
	i := strings.Index(txt, tok)
	rs := []rune(txt[:i])
	after := []rune(txt[i+len(tok):])
	from, to := max(0, len(rs)-50), min(len(after), 50)
	return strings.Join(strings.Fields(string(rs[from:])+tok+string(after[:to])), " ")
}

// TestNumberTokens: the reader of numbers finds what a citizen reads as a
// number and reads it in the page's language.
func TestNumberTokens(t *testing.T) {
	got := numberTokens("Năm 2024, tổng điểm 44,40 (19.500 người), Luật 10/2022/QH15, tunah72, QH13, “8 chỉ số”, p=9651.")
	want := []string{"2024", "44,40", "19.500", "10/2022", "8"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("numberTokens: %q, want %q", got, want)
	}
	for _, c := range []struct{ tok, lang, want string }{
		{"44,40", "vi", "44.40"}, {"19.500", "vi", "19500"}, {"44.40", "en", "44.40"},
		{"19,500", "en", "19500"}, {"06", "vi", "6"}, {"8,00", "vi", "8.00"},
	} {
		if v := numberValues(c.tok, c.lang); len(v) != 1 || v[0] != c.want {
			t.Errorf("numberValues(%q, %s) = %q, want %q", c.tok, c.lang, v, c.want)
		}
	}
	ok := allowedNumbers(t)
	for _, v := range []string{"44.40", "45.37", "43.48", "19", "61"} {
		if !ok[v] {
			t.Errorf("%s, a value of the data files, is not allowed", v)
		}
	}
	for _, v := range []string{"44.41", "42.50", "64"} {
		if ok[v] {
			t.Errorf("%s, in no source, is allowed", v)
		}
	}
}

// factsDir is the shared facts folder beside the repository, present where
// the portal is written; elsewhere the tests that compare with it skip.
func factsDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(repoRoot, "..", "shared", "facts")
	if _, err := os.Stat(filepath.Join(dir, "papi-facts.md")); err != nil {
		t.Skipf("no facts folder at %s", dir)
	}
	return dir
}

// TestDataFilesAreTheFacts: the charts' data files are the facts' CSVs,
// value for value (the facts changed recently; a stale copy shows wrong
// scores on every chart).
func TestDataFilesAreTheFacts(t *testing.T) {
	dir := factsDir(t)
	for _, name := range []string{"hung-yen-papi-scores.csv", "national-papi-summary.csv"} {
		want, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(repoRoot, "data", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(bytes.TrimSpace(got), bytes.TrimSpace(want)) {
			t.Errorf("data/%s differs from %s", name, filepath.Join(dir, name))
		}
	}
}

// TestFactNumbersAreInTheFacts: each number listed in factNumbers occurs in
// the facts file or the seed plan, so the list cannot drift from them.
func TestFactNumbersAreInTheFacts(t *testing.T) {
	dir := factsDir(t)
	var all strings.Builder
	for _, f := range []string{filepath.Join(dir, "papi-facts.md"), filepath.Join(dir, "..", "seed", "ke-hoach-tuyen-truyen-papi-2023.md")} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	found := map[string]bool{}
	for _, tok := range numberTokens(all.String()) {
		for _, v := range numberValues(tok, "en") {
			found[v] = true
		}
	}
	// Ranges (2009–2023, 18–70, 1–10) and the ward plan's article number
	// are split or glued to letters in the facts' prose.
	for _, tok := range regexp.MustCompile(`\d+`).FindAllString(all.String(), -1) {
		found[canonical(tok)] = true
	}
	for _, n := range factNumbers {
		if !found[canonical(n)] {
			t.Errorf("%s is in factNumbers but not in papi-facts.md or the seed", n)
		}
	}
}
