package corpus

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"

	"portal/internal/testkit"
	"portal/internal/textutil"
)

func generate(t *testing.T, opts Options) (string, Stats) {
	t.Helper()
	if opts.Out == "" {
		opts.Out = filepath.Join(t.TempDir(), "site")
	}
	st, err := Generate(opts)
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	return opts.Out, st
}

func TestDeterministic(t *testing.T) {
	layouts := testkit.Files(t, map[string]string{"_default/single.html": "{{ .Content }}"})
	a, _ := generate(t, Options{Pages: 60, Seed: 7, Layouts: layouts})
	b, _ := generate(t, Options{Pages: 60, Seed: 7, Layouts: layouts})
	fa, fb := testkit.ReadTree(t, a), testkit.ReadTree(t, b)
	if len(fa) != len(fb) {
		t.Fatalf("file counts differ: %d vs %d", len(fa), len(fb))
	}
	for name, data := range fa {
		if data != fb[name] {
			t.Fatalf("%s differs between two runs with the same seed", name)
		}
	}
	if fa["layouts/_default/single.html"] != "{{ .Content }}" {
		t.Errorf("layouts not copied: %q", fa["layouts/_default/single.html"])
	}

	c, _ := generate(t, Options{Pages: 60, Seed: 8})
	fc := testkit.ReadTree(t, c)
	if fa["content/section-01/page-00001.md"] == fc["content/section-01/page-00001.md"] {
		t.Error("a different seed produced the same page")
	}
}

func TestPageCount(t *testing.T) {
	for _, n := range []int{1, 7, 45} {
		out, st := generate(t, Options{Pages: n, Seed: 1})
		files := testkit.ReadTree(t, filepath.Join(out, "content"))
		pages, sections := 0, 0
		for name := range files {
			switch {
			case name == "_index.md":
			case strings.HasSuffix(name, "/_index.md"):
				sections++
			default:
				pages++
			}
		}
		if pages != n || st.Pages != n {
			t.Errorf("n=%d: %d page files, stats %d", n, pages, st.Pages)
		}
		if sections != NumSections || st.Sections != NumSections {
			t.Errorf("n=%d: %d section files, stats %d", n, sections, st.Sections)
		}
		if _, ok := files["_index.md"]; !ok {
			t.Errorf("n=%d: no home _index.md", n)
		}
		if st.Files != len(files) {
			t.Errorf("n=%d: stats say %d files, found %d", n, st.Files, len(files))
		}
		site, err := os.ReadFile(filepath.Join(out, "site.yaml"))
		if err != nil || string(site) != MinimalSite {
			t.Errorf("n=%d: site.yaml = %q, %v", n, site, err)
		}
	}
}

type frontMatterFields struct {
	Title       string   `yaml:"title"`
	Description string   `yaml:"description"`
	Date        string   `yaml:"date"`
	Tags        []string `yaml:"tags"`
	Weight      int      `yaml:"weight"`
}

// splitPage separates front matter from body, failing on a malformed file.
func splitPage(t *testing.T, name string, s string) (frontMatterFields, string) {
	t.Helper()
	if !strings.HasPrefix(s, "---\n") {
		t.Fatalf("%s: no front matter", name)
	}
	end := strings.Index(s[4:], "\n---\n")
	if end < 0 {
		t.Fatalf("%s: front matter not closed", name)
	}
	var fm frontMatterFields
	dec := yaml.NewDecoder(strings.NewReader(s[4 : 4+end]))
	dec.KnownFields(true)
	if err := dec.Decode(&fm); err != nil {
		t.Fatalf("%s: front matter: %v", name, err)
	}
	return fm, s[4+end+5:]
}

var (
	linkRe    = regexp.MustCompile(`\]\(([^)]+)\)`)
	headingRe = regexp.MustCompile(`(?m)^(#{2,3}) (.+)$`)
	urlRe     = regexp.MustCompile(`^/(section-\d\d)/(page-\d{5})/$`)
)

func TestPagesAreValid(t *testing.T) {
	const n = 120
	out, _ := generate(t, Options{Pages: n, Seed: 3})
	files := testkit.ReadTree(t, filepath.Join(out, "content"))

	type parsed struct {
		fm      frontMatterFields
		body    string
		anchors map[string]bool
	}
	pages := map[string]parsed{}
	titles := map[string]string{}
	validTag := map[string]bool{}
	for _, tag := range tagNames {
		validTag[tag] = true
	}
	latest := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for name, src := range files {
		if !norm.NFC.IsNormalString(src) {
			t.Errorf("%s is not NFC", name)
		}
		fm, body := splitPage(t, name, src)
		if fm.Title == "" || fm.Description == "" {
			t.Errorf("%s: empty title or description", name)
		}
		if prev, dup := titles[fm.Title]; dup {
			t.Errorf("title %q used by %s and %s", fm.Title, prev, name)
		}
		titles[fm.Title] = name
		anchors := map[string]bool{}
		for _, m := range headingRe.FindAllStringSubmatch(body, -1) {
			id := textutil.Slugify(m[2])
			if anchors[id] {
				t.Errorf("%s: two headings slug to %q", name, id)
			}
			anchors[id] = true
		}
		pages[name] = parsed{fm, body, anchors}
		if strings.HasSuffix(name, "_index.md") {
			continue
		}
		// regular pages only from here
		d, err := time.Parse("2006-01-02", fm.Date)
		if err != nil {
			d, err = time.Parse(time.RFC3339, fm.Date)
		}
		if err != nil || d.After(latest) || d.Year() < 2018 {
			t.Errorf("%s: bad date %q (%v)", name, fm.Date, err)
		}
		if len(fm.Tags) != 3 || fm.Tags[0] == fm.Tags[1] || fm.Tags[1] == fm.Tags[2] || fm.Tags[0] == fm.Tags[2] {
			t.Errorf("%s: want 3 distinct tags, got %q", name, fm.Tags)
		}
		for _, tag := range fm.Tags {
			if !validTag[tag] {
				t.Errorf("%s: unknown tag %q", name, tag)
			}
		}
		if fm.Weight < 1 || fm.Weight > 100 {
			t.Errorf("%s: weight %d", name, fm.Weight)
		}
		if w := CountWords(body); w < MinWords || w > MaxWords {
			t.Errorf("%s: %d words, want %d–%d", name, w, MinWords, MaxWords)
		}
		for _, want := range []string{"\n## ", "\n### ", "\n- ", "\n1. ", "\n| --- |", "\n> ", "**"} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: body lacks %q", name, want)
			}
		}
	}

	mdLinks, urlLinks, anchored := 0, 0, 0
	for name, p := range pages {
		if strings.HasSuffix(name, "_index.md") {
			continue
		}
		links := linkRe.FindAllStringSubmatch(p.body, -1)
		if len(links) < 3 || len(links) > 6 {
			t.Errorf("%s: %d links, want 3–6", name, len(links))
		}
		for _, l := range links {
			dest := l[1]
			var target, anchor string
			if m := urlRe.FindStringSubmatch(dest); m != nil {
				target = m[1] + "/" + m[2] + ".md"
				urlLinks++
			} else if strings.HasPrefix(dest, "/") {
				t.Errorf("%s: malformed URL link %q", name, dest)
				continue
			} else {
				target, anchor, _ = strings.Cut(dest, "#")
				target = path.Join(path.Dir(name), target)
				mdLinks++
			}
			tp, ok := pages[target]
			if !ok {
				t.Errorf("%s: link %q points at missing %s", name, dest, target)
				continue
			}
			if target == name {
				t.Errorf("%s: links to itself", name)
			}
			if anchor != "" {
				anchored++
				if !tp.anchors[anchor] {
					t.Errorf("%s: link %q: no heading #%s in %s", name, dest, anchor, target)
				}
			}
		}
	}
	if mdLinks < n || urlLinks < n || anchored == 0 {
		t.Errorf("link mix: %d .md, %d URL, %d anchored; want every page to have both forms and some anchors", mdLinks, urlLinks, anchored)
	}
}

func TestVocabularySlugsAreUnique(t *testing.T) {
	for name, list := range map[string][]string{"tags": tagNames, "headings": headingTexts, "sections": sectionTitles[:]} {
		seen := map[string]string{}
		for _, s := range list {
			if !norm.NFC.IsNormalString(s) {
				t.Errorf("%s: %q is not NFC", name, s)
			}
			slug := textutil.Slugify(s)
			if prev, dup := seen[slug]; dup {
				t.Errorf("%s: %q and %q share slug %q", name, prev, s, slug)
			}
			seen[slug] = s
		}
	}
}

func TestVNNumber(t *testing.T) {
	for in, want := range map[int]string{4423: "44,23", 5: "0,05", -120: "-1,20", 0: "0,00"} {
		if got := vnNumber(in); got != want {
			t.Errorf("vnNumber(%d) = %q, want %q", in, got, want)
		}
	}
}

func TestCountWords(t *testing.T) {
	cases := []struct {
		md   string
		want int
	}{
		{"Người dân **hài lòng**.", 4},
		{"- Mục một\n1. Mục hai", 4},
		{"| Chỉ tiêu | 44,23 |\n| --- | ---: |", 2},
		{"Xem [Kế hoạch](../section-01/page-00001.md#muc-dich).", 3},
	}
	for _, c := range cases {
		if got := CountWords(c.md); got != c.want {
			t.Errorf("CountWords(%q) = %d, want %d", c.md, got, c.want)
		}
	}
}

func TestErrors(t *testing.T) {
	if _, err := Generate(Options{Pages: 0, Out: t.TempDir()}); err == nil {
		t.Error("0 pages accepted")
	}
	if _, err := Generate(Options{Pages: 5}); err == nil {
		t.Error("empty output folder name accepted")
	}
	if _, err := Generate(Options{Pages: 5, Out: t.TempDir(), Layouts: filepath.Join(t.TempDir(), "none")}); err == nil {
		t.Error("missing layouts folder accepted")
	}
	if _, err := Generate(Options{Pages: 5, Out: t.TempDir(), Site: filepath.Join(t.TempDir(), "none.yaml")}); err == nil {
		t.Error("missing site.yaml accepted")
	}

	out, _ := generate(t, Options{Pages: 50, Seed: 1})
	if _, err := Generate(Options{Pages: 10, Seed: 1, Out: out}); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("non-empty output folder: err = %v", err)
	}
	stray := filepath.Join(out, "keep.txt")
	if err := os.WriteFile(stray, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(Options{Pages: 10, Seed: 1, Out: out, Force: true}); err != nil {
		t.Fatalf("force: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "content", "section-11", "page-00011.md")); err == nil {
		t.Error("force left a page of the older, larger corpus")
	}
	if _, err := os.Stat(stray); err != nil {
		t.Error("force removed a file it does not own")
	}
}

func TestSiteCopied(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site.yaml")
	want := "title: \"Thử\"\nbaseURL: \"https://example.org/papi/\"\n"
	if err := os.WriteFile(site, []byte(want), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := generate(t, Options{Pages: 3, Seed: 1, Site: site})
	got, err := os.ReadFile(filepath.Join(out, "site.yaml"))
	if err != nil || string(got) != want {
		t.Errorf("site.yaml = %q, %v", got, err)
	}
}
