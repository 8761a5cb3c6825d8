// Package corpus generates a deterministic, synthetic portal site used to
// benchmark builders: N Vietnamese pages spread over NumSections sections,
// with front matter, rich Markdown and cross-links that a strict builder
// accepts (unique titles and URLs, valid dates, links and anchors that exist).
//
// The same Options always give byte-identical files: every random choice
// comes from one math/rand/v2 PCG stream seeded by Options.Seed, consumed in
// a fixed order, and nothing reads the clock or iterates a map.
package corpus

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"portal/internal/textutil"
)

// NumSections is the number of top-level sections every corpus has.
const NumSections = 20

// Word-count bounds of a regular page body (counted by CountWords). The
// generator aims below MaxWords because it stops at a sentence boundary.
const (
	MinWords   = 600
	MaxWords   = 900
	targetSpan = 240 // targets are drawn from [MinWords, MinWords+targetSpan]
)

// Options says what to generate and where.
type Options struct {
	Pages   int    // number of regular pages (section and home pages come on top)
	Seed    uint64 // seed of the PCG stream; same seed, same bytes
	Out     string // output folder; must be missing or empty unless Force
	Layouts string // folder copied to Out/layouts; "" copies nothing
	Static  string // folder copied to Out/static (assets the layouts use); "" copies nothing
	Site    string // site.yaml copied to Out/site.yaml; "" writes a minimal one
	Force   bool   // remove Out/content, Out/layouts, Out/static and Out/site.yaml first
}

// Stats counts what Generate wrote.
type Stats struct {
	Pages       int // regular pages
	Sections    int // section _index.md files
	Files       int // all files written under content/
	LayoutFiles int // files copied into layouts/
	StaticFiles int // files copied into static/
}

// MinimalSite is the site.yaml written when Options.Site is empty.
const MinimalSite = "title: \"Kho nội dung mẫu đo hiệu năng\"\nbaseURL: \"https://example.org/\"\n"

// SectionDir is the content folder name of section s (0-based).
func SectionDir(s int) string { return fmt.Sprintf("section-%02d", s+1) }

// PageName is the file base name (without .md) of regular page i (0-based).
func PageName(i int) string { return fmt.Sprintf("page-%05d", i+1) }

// SectionOf is the 0-based section of regular page i: pages are dealt
// round-robin so sections stay within one page of each other in size.
func SectionOf(i int) int { return i % NumSections }

type heading struct {
	level int
	text  string
}

type pagePlan struct {
	index    int
	section  int
	title    string
	desc     string
	date     string
	tags     [3]string
	weight   int
	headings []heading
}

type generator struct {
	r      *rand.Rand
	titles map[string]bool // only looked up, never ranged over
}

// Generate writes the corpus described by opts.
func Generate(opts Options) (Stats, error) {
	var st Stats
	if opts.Pages < 1 {
		return st, fmt.Errorf("corpus: page count must be at least 1, got %d", opts.Pages)
	}
	if opts.Out == "" {
		return st, errors.New("corpus: no output folder given")
	}
	if err := prepareOut(opts.Out, opts.Force); err != nil {
		return st, err
	}
	g := &generator{
		r:      rand.New(rand.NewPCG(opts.Seed, 0x9e3779b97f4a7c15)),
		titles: map[string]bool{},
	}
	content := filepath.Join(opts.Out, "content")

	write := func(rel, text string) error {
		p := filepath.Join(content, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("corpus: create folder for %s: %w", rel, err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return fmt.Errorf("corpus: write %s: %w", rel, err)
		}
		st.Files++
		return nil
	}

	if err := write("_index.md", g.homePage()); err != nil {
		return st, err
	}
	for s := range NumSections {
		if err := write(filepath.Join(SectionDir(s), "_index.md"), g.sectionPage(s)); err != nil {
			return st, err
		}
		st.Sections++
	}
	plans := make([]pagePlan, opts.Pages)
	for i := range plans {
		plans[i] = g.plan(i)
	}
	for i := range plans {
		rel := filepath.Join(SectionDir(plans[i].section), PageName(i)+".md")
		if err := write(rel, g.regularPage(plans, i)); err != nil {
			return st, err
		}
		st.Pages++
	}

	siteYAML := []byte(MinimalSite)
	if opts.Site != "" {
		b, err := os.ReadFile(opts.Site)
		if err != nil {
			return st, fmt.Errorf("corpus: read site config: %w", err)
		}
		siteYAML = b
	}
	if err := os.WriteFile(filepath.Join(opts.Out, "site.yaml"), siteYAML, 0o644); err != nil {
		return st, fmt.Errorf("corpus: write site.yaml: %w", err)
	}
	if opts.Layouts != "" {
		n, err := copyTree(opts.Layouts, filepath.Join(opts.Out, "layouts"))
		if err != nil {
			return st, err
		}
		st.LayoutFiles = n
	}
	if opts.Static != "" {
		n, err := copyTree(opts.Static, filepath.Join(opts.Out, "static"))
		if err != nil {
			return st, err
		}
		st.StaticFiles = n
	}
	return st, nil
}

// prepareOut refuses to mix a new corpus with an old one: leftover pages
// from a bigger run would silently change the benchmark.
func prepareOut(out string, force bool) error {
	entries, err := os.ReadDir(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return os.MkdirAll(out, 0o755)
	case err != nil:
		return fmt.Errorf("corpus: read output folder: %w", err)
	case len(entries) == 0:
		return nil
	case !force:
		return fmt.Errorf("corpus: output folder %s is not empty (use -force to replace its content/, layouts/, static/ and site.yaml)", out)
	}
	for _, name := range []string{"content", "layouts", "static", "site.yaml"} {
		if err := os.RemoveAll(filepath.Join(out, name)); err != nil {
			return fmt.Errorf("corpus: clear %s: %w", name, err)
		}
	}
	return nil
}

// copyTree copies the regular files of src into dst, keeping the folder
// structure. WalkDir visits in lexical order, so the result is stable.
func copyTree(src, dst string) (int, error) {
	info, err := os.Stat(src)
	if err != nil {
		return 0, fmt.Errorf("corpus: folder to copy: %w", err)
	}
	if !info.IsDir() {
		return 0, fmt.Errorf("corpus: %s is not a folder", src)
	}
	n := 0
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil // sockets, symlinks: not layout files
		}
		if err := copyFile(p, target); err != nil {
			return err
		}
		n++
		return nil
	})
	if err != nil {
		return n, fmt.Errorf("corpus: copy %s: %w", src, err)
	}
	return n, nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// ---- choices ----

func (g *generator) pick(list []string) string { return list[g.r.IntN(len(list))] }

// pickDistinct returns k different elements of list, in random order.
func (g *generator) pickDistinct(list []string, k int) []string {
	perm := g.r.Perm(len(list))
	out := make([]string, k)
	for i := range k {
		out[i] = list[perm[i]]
	}
	return out
}

// uniqueTitle makes t unique among every title given out so far; strict
// builders (and readers of tag lists) need titles that tell pages apart.
func (g *generator) uniqueTitle(t string) string {
	u := t
	for n := 2; g.titles[u]; n++ {
		u = fmt.Sprintf("%s (phần %d)", t, n)
	}
	g.titles[u] = true
	return u
}

func (g *generator) date() string {
	// Dates lie in 2018–2025, all in the past, so no builder hides a page
	// as "future"; a quarter use full RFC 3339 with the Vietnamese offset.
	base := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
	d := base.AddDate(0, 0, g.r.IntN(2920))
	if g.r.IntN(4) == 0 {
		ict := time.FixedZone("ICT", 7*3600)
		t := time.Date(d.Year(), d.Month(), d.Day(), 7+g.r.IntN(10), g.r.IntN(60), 0, 0, ict)
		return t.Format(time.RFC3339)
	}
	return d.Format("2006-01-02")
}

func (g *generator) plan(i int) pagePlan {
	p := pagePlan{index: i, section: SectionOf(i)}
	var t string
	if g.r.IntN(2) == 0 {
		t = upperFirst(g.pick(verbs)) + " " + g.pick(nouns) + " tại " + g.pick(places)
	} else {
		t = upperFirst(g.pick(verbs)) + " " + g.pick(nouns) + " năm " + strconv.Itoa(2018+g.r.IntN(8))
	}
	p.title = g.uniqueTitle(t)
	p.desc = g.plainSentence()
	p.date = g.date()
	copy(p.tags[:], g.pickDistinct(tagNames, 3))
	p.weight = 1 + g.r.IntN(100)
	texts := g.pickDistinct(headingTexts, 5+g.r.IntN(3))
	p.headings = make([]heading, len(texts))
	for k, text := range texts {
		level := 2
		if k == 2 || (k > 2 && g.r.IntN(3) == 0) {
			level = 3
		}
		p.headings[k] = heading{level: level, text: text}
	}
	return p
}

// ---- text ----

// upperFirst capitalises the first letter; Vietnamese NFC letters are
// single runes, so this keeps their diacritics ("ủy" → "Ủy").
func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// nounPhrase is a noun, sometimes qualified and sometimes emphasised.
func (g *generator) nounPhrase() string {
	np := g.pick(nouns)
	if g.r.IntN(3) == 0 {
		np += " của " + g.pick(nouns)
	}
	switch g.r.IntN(14) {
	case 0:
		np = "*" + np + "*"
	case 1:
		np = "**" + np + "**"
	}
	return np
}

func (g *generator) sentence() string {
	var s string
	switch g.r.IntN(6) {
	case 0:
		s = g.pick(subjects) + " " + g.pick(verbs) + " " + g.nounPhrase() + " " + g.pick(adverbials)
	case 1:
		s = "để " + g.pick(verbs) + " " + g.nounPhrase() + ", " + g.pick(subjects) + " cần " +
			g.pick(verbs) + " " + g.nounPhrase() + " một cách " + g.pick(adjectives)
	case 2:
		s = g.pick(adverbials) + ", " + g.nounPhrase() + " đã được " + g.pick(verbs) + " " +
			g.pick(adjectives) + " hơn"
	case 3:
		s = "nhiều ý kiến cho rằng " + g.nounPhrase() + " tại " + g.pick(places) + " ngày càng " +
			g.pick(adjectives)
	case 4:
		s = g.pick(subjects) + " tiếp tục " + g.pick(verbs) + " " + g.nounPhrase() + " và " +
			g.pick(verbs) + " " + g.nounPhrase()
	default:
		s = "theo " + g.pick(subjects) + ", việc " + g.pick(verbs) + " " + g.nounPhrase() + " là " +
			g.pick(adjectives) + " và " + g.pick(adjectives)
	}
	return upperFirst(s) + "."
}

// plainSentence is a sentence without Markdown, for front matter.
func (g *generator) plainSentence() string { return strings.ReplaceAll(g.sentence(), "*", "") }

func (g *generator) listItem() string {
	return upperFirst(g.pick(verbs)) + " " + g.pick(nouns) + " " + g.pick(adjectives) + " " +
		g.pick(adverbials) + "."
}

// vnNumber formats hundredths the Vietnamese way: 4423 → "44,23".
func vnNumber(h int) string {
	sign := ""
	if h < 0 {
		sign, h = "-", -h
	}
	return fmt.Sprintf("%s%d,%02d", sign, h/100, h%100)
}

func (g *generator) table() string {
	year := 2019 + g.r.IntN(6)
	var b strings.Builder
	fmt.Fprintf(&b, "| Chỉ tiêu | Năm %d | Năm %d | Thay đổi |\n| --- | ---: | ---: | ---: |\n", year, year+1)
	for _, label := range g.pickDistinct(nouns, 3+g.r.IntN(3)) {
		a := 2000 + g.r.IntN(4000)
		c := a - 300 + g.r.IntN(600)
		d := vnNumber(c - a)
		if c >= a {
			d = "+" + d
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", upperFirst(label), vnNumber(a), vnNumber(c), d)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

var linkDest = regexp.MustCompile(`\]\([^)]*\)`)

// CountWords counts the words a reader sees in Markdown: whitespace
// separated tokens holding at least one letter, with link destinations
// dropped (so list markers, table rules and numbers do not count).
func CountWords(md string) int {
	md = linkDest.ReplaceAllString(md, "]")
	n := 0
	for _, f := range strings.Fields(md) {
		if strings.IndexFunc(f, unicode.IsLetter) >= 0 {
			n++
		}
	}
	return n
}

// ---- pages ----

func frontMatter(title, desc, date string, tags []string, weight int) string {
	var b strings.Builder
	b.WriteString("---\n")
	// strconv.Quote keeps printable UTF-8 as is and its escapes are valid
	// inside YAML double-quoted scalars.
	fmt.Fprintf(&b, "title: %s\n", strconv.Quote(title))
	fmt.Fprintf(&b, "description: %s\n", strconv.Quote(desc))
	if date != "" {
		fmt.Fprintf(&b, "date: %s\n", date)
	}
	if len(tags) > 0 {
		q := make([]string, len(tags))
		for i, t := range tags {
			q[i] = strconv.Quote(t)
		}
		fmt.Fprintf(&b, "tags: [%s]\n", strings.Join(q, ", "))
	}
	fmt.Fprintf(&b, "weight: %d\n", weight)
	b.WriteString("---\n\n")
	return b.String()
}

func (g *generator) homePage() string {
	title := g.uniqueTitle("Trang chủ")
	return frontMatter(title, "Kho nội dung mẫu dùng để đo tốc độ dựng trang.", "", nil, 0) +
		g.sentence() + " " + g.sentence() + "\n"
}

func (g *generator) sectionPage(s int) string {
	title := g.uniqueTitle(sectionTitles[s])
	fm := frontMatter(title, g.plainSentence(), "", nil, s+1)
	return fm + g.sentence() + " " + g.sentence() + " " + g.sentence() + "\n\n" +
		g.sentence() + " " + g.sentence() + "\n"
}

// link renders a Markdown link from page `from` to page `to`: either a
// relative .md link (sometimes with an anchor of an existing heading) or a
// root-relative pretty URL.
func (g *generator) link(plans []pagePlan, to int, form int) string {
	t := plans[to]
	if form == 1 {
		return fmt.Sprintf("[%s](/%s/%s/)", t.title, SectionDir(t.section), PageName(to))
	}
	dest := "../" + SectionDir(t.section) + "/" + PageName(to) + ".md"
	if g.r.IntN(2) == 0 {
		h := t.headings[g.r.IntN(len(t.headings))]
		dest += "#" + textutil.Slugify(h.text)
	}
	return fmt.Sprintf("[%s](%s)", t.title, dest)
}

var linkLead = []string{
	"Xem thêm", "Nội dung liên quan được trình bày trong bài", "Thông tin chi tiết có tại",
	"Bạn đọc có thể tham khảo thêm bài",
}

type blockKind int

const (
	paraBlock blockKind = iota
	fixedBlock
)

type block struct {
	kind      blockKind
	sentences []string // paraBlock
	text      string   // fixedBlock: heading, list, table, quote
}

func (g *generator) regularPage(plans []pagePlan, i int) string {
	p := plans[i]
	target := MinWords + g.r.IntN(targetSpan+1)

	var blocks []block
	var paras []int // indexes of paragraph blocks, to grow later
	addPara := func(sentences ...string) {
		paras = append(paras, len(blocks))
		blocks = append(blocks, block{kind: paraBlock, sentences: sentences})
	}
	addFixed := func(text string) { blocks = append(blocks, block{kind: fixedBlock, text: text}) }

	// The intro always carries emphasis, so every page exercises it.
	addPara("**"+upperFirst(g.pick(nouns))+"** là "+g.pick(nouns)+" "+g.pick(adjectives)+" "+
		g.pick(adverbials)+".", g.sentence())
	for k, h := range p.headings {
		addFixed(strings.Repeat("#", h.level) + " " + h.text)
		addPara(g.sentence())
		switch k {
		case 0:
			items := make([]string, 3+g.r.IntN(3))
			for j := range items {
				items[j] = "- " + g.listItem()
			}
			addFixed(strings.Join(items, "\n"))
		case 1:
			addFixed(g.table())
		case 2:
			addFixed("> " + g.sentence() + " " + g.sentence() + "\n>\n> — Ý kiến của " + g.pick(quoteSources))
		case 3:
			items := make([]string, 3+g.r.IntN(2))
			for j := range items {
				items[j] = strconv.Itoa(j+1) + ". " + g.listItem()
			}
			addFixed(strings.Join(items, "\n"))
		}
		if g.r.IntN(2) == 0 {
			addPara(g.sentence())
		}
	}

	// Links: 3–6 distinct other pages; the first is a .md link and the
	// second a URL so every page has both forms.
	nLinks := min(3+g.r.IntN(4), len(plans)-1)
	if nLinks > 0 {
		perm := g.r.Perm(len(plans) - 1)
		for j := range nLinks {
			to := perm[j]
			if to >= i {
				to++ // skip the page itself
			}
			form := g.r.IntN(2)
			if j < 2 {
				form = j
			}
			s := g.pick(linkLead) + " " + g.link(plans, to, form) + "."
			pi := paras[j*len(paras)/nLinks]
			blocks[pi].sentences = append(blocks[pi].sentences, s)
		}
	}

	words := 0
	for _, b := range blocks {
		if b.kind == paraBlock {
			words += CountWords(strings.Join(b.sentences, " "))
		} else {
			words += CountWords(b.text)
		}
	}
	for words < target {
		s := g.sentence()
		pi := paras[g.r.IntN(len(paras))]
		blocks[pi].sentences = append(blocks[pi].sentences, s)
		words += CountWords(s)
	}

	var b strings.Builder
	b.WriteString(frontMatter(p.title, p.desc, p.date, p.tags[:], p.weight))
	for k, bl := range blocks {
		if k > 0 {
			b.WriteString("\n")
		}
		if bl.kind == paraBlock {
			b.WriteString(strings.Join(bl.sentences, " "))
		} else {
			b.WriteString(bl.text)
		}
		b.WriteString("\n")
	}
	return b.String()
}
