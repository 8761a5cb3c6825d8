// Package check is `portal check`: it builds the site in memory and
// reviews the result the way a careful editor, an accessibility auditor and
// the portal's owner would — broken links and anchors in the built HTML,
// titles and descriptions, images without text, heading order, vague
// links, tables without headers, the contact details every page must show,
// the text sitemap, placeholders still waiting for confirmation, and page
// weight. Each finding names the Markdown file and line where possible.
package check

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"portal/internal/build"
	"portal/internal/config"
	"portal/internal/diag"
	"portal/internal/output"
	"portal/internal/render"
	"portal/internal/site"
)

// Levels of findings: the build's levels.
const (
	Error   = diag.Error
	Warning = diag.Warning
)

// DefaultBudgetKB is the page weight limit when site.yaml sets none.
const DefaultBudgetKB = 50

// DefaultPhotoMaxKB is the limit on one image when site.yaml sets none.
// The page budget leaves images out (they load lazily, after the text),
// but a photo of several megabytes costs a reader on a slow link minutes
// and part of a month's data: the build warns from 500 KB
// (site.PhotoWarnBytes), the check refuses from here.
const DefaultPhotoMaxKB = 2048

// Format writes a finding as `portal check` prints it: "file:line:
// level: message".
func Format(p *diag.Problem) string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s: %s", p.File, p.Line, p.Level, p.Msg)
	}
	return fmt.Sprintf("%s: %s: %s", p.File, p.Level, p.Msg)
}

// Options configure a check.
type Options struct {
	Source string
	// Now decides future and expired dates; zero means the clock.
	Now time.Time
	// Drafts builds and reviews draft pages too, as the editor will
	// publish them once "draft: false" is set.
	Drafts bool
	// Output is the folder findings about built files name them under:
	// where build --strict writes the site; "public" when empty.
	Output string
}

// HasErrors reports whether any finding is an error.
func HasErrors(fs []*diag.Problem) bool {
	for _, f := range fs {
		if f.Level == Error {
			return true
		}
	}
	return false
}

// Run builds the site in memory and returns every finding, sorted. An
// error is returned only when the check itself could not run; a site that
// does not build is reported as findings.
func Run(opts Options) ([]*diag.Problem, error) {
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	mem := output.NewMemWriter()
	res, err := build.Run(build.Options{Source: opts.Source, Now: opts.Now, Drafts: opts.Drafts}, mem)
	if err != nil {
		var failed *build.Failed
		if !errors.As(err, &failed) {
			return nil, err
		}
		return sorted(append([]*diag.Problem(nil), failed.Problems...)), nil
	}
	return Review(opts, res, mem), nil
}

// Review reviews a site that built: res and the files it wrote. It is the
// checking half of Run, shared by `portal check`, `portal build --strict`
// (before the site is published) and the preview server; res must come
// from a build that kept the pages' Markdown (not Build without a Review),
// so findings name Markdown lines.
func Review(opts Options, res *build.Result, files output.Reader) []*diag.Problem {
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	c := newChecker(opts, res.Sites, files)
	c.views = res.Views
	for _, w := range res.Warnings {
		c.add(w)
	}
	c.parseAll()
	c.checkLinks()
	c.checkContent()
	c.checkPages()
	c.checkObligations()
	c.checkWeight()
	c.checkPhotos()
	return sorted(c.flush())
}

// Published keeps the findings that concern what the build res publishes:
// everything but findings about content files that are not pages of it
// (a draft, a page dated in the future), which citizens do not see.
func Published(findings []*diag.Problem, res *build.Result) []*diag.Problem {
	pages := map[string]bool{}
	for _, s := range res.Sites {
		for _, p := range s.AllPages {
			pages[p.SourceName()] = true
		}
	}
	var out []*diag.Problem
	for _, f := range findings {
		if strings.HasPrefix(f.File, "content/") && strings.HasSuffix(strings.ToLower(f.File), ".md") && !pages[f.File] {
			continue
		}
		out = append(out, f)
	}
	return out
}

// Gate is the review `portal build --strict` runs on the finished site
// before publishing it: the error-level findings `portal check` reports
// about what will be published. The build fails on any (build.Options.Review).
func Gate(opts Options) func(*build.Result, output.Reader) []*diag.Problem {
	return func(res *build.Result, files output.Reader) []*diag.Problem {
		var errs []*diag.Problem
		for _, f := range Published(Review(opts, res, files), res) {
			if f.Level == Error {
				errs = append(errs, f)
			}
		}
		return errs
	}
}

func sorted(fs []*diag.Problem) []*diag.Problem {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Msg < b.Msg
	})
	out := fs[:0]
	for i, f := range fs {
		if i > 0 && *f == *fs[i-1] {
			continue
		}
		out = append(out, f)
	}
	return out
}

// checker holds one run's state.
type checker struct {
	opts  Options
	s     *site.Site
	sites []*site.Site
	// claimed holds the source lines each message was reported on.
	claimed map[string]map[int]bool
	// bodyRefs holds, per output page, the href and src values of its
	// Markdown body (attribute NUL value).
	bodyRefs map[string]map[string]bool
	cfg      *config.Config
	// files is the built site; exists holds its paths.
	files  output.Reader
	exists map[string]bool
	docs   map[string]*doc // output path → parsed HTML
	order  []string        // HTML output paths, sorted
	// byOut maps output paths to the pages written there.
	byOut map[string]*site.Page
	// views hold the pages' converted bodies.
	views    *render.Views
	findings []*diag.Problem
	// grouped collects findings that could not be tied to a Markdown line
	// (they come from a layout), so one template mistake is reported
	// once, with the number of pages it shows on.
	grouped map[string]*group
	// addresses are the built files as addresses ("/ket-qua/"), sorted,
	// for suggesting one to a broken link; made at the first.
	addresses []string
}

type group struct {
	f     *diag.Problem
	count int
}

// newChecker checks every language's site; sites[0] is the default one,
// whose settings (base path, data) all languages share.
func newChecker(opts Options, sites []*site.Site, files output.Reader) *checker {
	s := sites[0]
	exists := map[string]bool{}
	for _, f := range files.Files() {
		exists[f] = true
	}
	c := &checker{opts: opts, s: s, sites: sites, cfg: s.Config, files: files, exists: exists, docs: map[string]*doc{}, byOut: map[string]*site.Page{}, grouped: map[string]*group{}, claimed: map[string]map[int]bool{}, bodyRefs: map[string]map[string]bool{}}
	for _, s := range sites {
		pages := append([]*site.Page(nil), s.AllPages...)
		pages = append(pages, s.TaxonomyPages()...)
		if s.Page404 != nil {
			pages = append(pages, s.Page404)
		}
		for _, p := range pages {
			if p.URL != "" {
				c.byOut[p.OutputPath()] = p
			}
		}
	}
	return c
}

// allPages lists the pages of every language.
func (c *checker) allPages() []*site.Page {
	if len(c.sites) == 1 {
		return c.s.AllPages
	}
	var out []*site.Page
	for _, s := range c.sites {
		out = append(out, s.AllPages...)
	}
	return out
}

func (c *checker) add(f *diag.Problem) { c.findings = append(c.findings, f) }

// report files a finding about output file out: at the Markdown line
// holding one of needles when the page has a source that contains it,
// else against the built file, grouped by message.
func (c *checker) report(out string, level diag.Level, msg string, needles ...string) {
	c.reportKey(out, level, msg, msg, needles...)
}

// reportKey is report with the key that groups findings from a layout:
// findings with the same key are one mistake, whatever page-specific text
// their messages carry.
func (c *checker) reportKey(out string, level diag.Level, key, msg string, needles ...string) {
	if p := c.byOut[out]; p != nil && p.Source() != nil && len(needles) > 0 {
		if lines := findLines(p.Source().Body, needles); len(lines) > 0 {
			// The same mistake twice on a page ("xem thêm" on two
			// lines) is two findings: each takes the next line holding
			// the needle that this message has not claimed yet.
			claim := p.Source().Name() + "\x00" + level.String() + "\x00" + msg
			line := lines[len(lines)-1]
			for _, l := range lines {
				if !c.claimed[claim][l] {
					line = l
					break
				}
			}
			if c.claimed[claim] == nil {
				c.claimed[claim] = map[int]bool{}
			}
			c.claimed[claim][line] = true
			c.add(&diag.Problem{File: p.Source().Name(), Line: p.Source().BodyLine + line - 1, Level: level, Msg: msg})
			return
		}
	}
	key = level.String() + "\x00" + key
	if g, ok := c.grouped[key]; ok {
		g.count++
		return
	}
	c.grouped[key] = &group{f: &diag.Problem{File: c.built(out), Level: level, Msg: msg}, count: 1}
}

func (c *checker) flush() []*diag.Problem {
	out := c.findings
	for _, g := range c.grouped {
		f := g.f
		if g.count > 1 {
			f.Msg += fmt.Sprintf(" (và %d trang khác: có lẽ lỗi nằm trong mẫu trình bày layouts/)", g.count-1)
		}
		out = append(out, f)
	}
	return out
}

// findLine returns the 1-based line of body holding the first needle
// found, or 0.
func findLine(body []byte, needles []string) int {
	if lines := findLines(body, needles); len(lines) > 0 {
		return lines[0]
	}
	return 0
}

// findLines returns the 1-based lines of body holding the first needle
// that is found at all, in order, each line once.
func findLines(body []byte, needles []string) []int {
	for _, n := range needles {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		var lines []int
		if isHeadingNeedle(n) {
			// "## Chi tiết" must not find "## Chi tiết thêm": a heading
			// needle matches a whole line (attributes or closing #s aside).
			for i, l := range strings.Split(string(body), "\n") {
				l = strings.TrimSpace(l)
				if rest, ok := strings.CutPrefix(l, n); ok && (rest == "" || strings.HasPrefix(rest, " {") || strings.Trim(rest, " #") == "") {
					lines = append(lines, i+1)
				}
			}
			if len(lines) > 0 {
				return lines
			}
			continue
		}
		for off := 0; ; {
			i := bytes.Index(body[off:], []byte(n))
			if i < 0 {
				break
			}
			l := bytes.Count(body[:off+i], []byte("\n")) + 1
			if len(lines) == 0 || lines[len(lines)-1] != l {
				lines = append(lines, l)
			}
			off += i + len(n)
		}
		if len(lines) > 0 {
			return lines
		}
	}
	return nil
}

// isHeadingNeedle reports an ATX heading as written: "## text".
func isHeadingNeedle(n string) bool {
	i := strings.IndexFunc(n, func(r rune) bool { return r != '#' })
	return i >= 1 && i <= 6 && n[i] == ' '
}

// sourceName names the Markdown file of page p for findings about its front
// matter.
func (c *checker) sourceName(p *site.Page) string {
	if p.Source() != nil {
		return p.Source().Name()
	}
	return c.built(p.OutputPath())
}

// built names output file out as the editor finds it on disk.
func (c *checker) built(out string) string {
	dir := c.opts.Output
	if dir == "" {
		dir = "public"
	}
	return path.Join(filepath.ToSlash(dir), out)
}
