package build

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"portal/internal/diag"
	"portal/internal/output"
	"portal/internal/testkit"
)

// partialSite is the fixture with a single layout that shows one partial
// cached under a constant key and under the page's title.
func partialSite(t *testing.T, call string) string {
	t.Helper()
	src := testkit.Site(t, "engine")
	testkit.WriteFile(t, src, "layouts/partials/stamp.html", "[{{ .Title }}]")
	testkit.WriteFile(t, src, "content/ke-hoach/mot.md", "---\ntitle: Trang một\n---\nMột.\n")
	testkit.WriteFile(t, src, "content/ke-hoach/hai.md", "---\ntitle: Trang hai\n---\nHai.\n")
	testkit.WriteFile(t, src, "layouts/_default/single.html", "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n"+call+"\n{{ end }}\n")
	return src
}

var stampRE = regexp.MustCompile(`<p id="(\w+)">\[([^\]]*)\]</p>`)

func stamps(t *testing.T, html string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, s := range stampRE.FindAllStringSubmatch(html, -1) {
		m[s[1]] = s[2]
	}
	return m
}

// A partial cached under a constant key runs once: every page shows what
// it gave the first time. Under the page's own title each page gets its
// own, and a plain partial is never cached.
func TestPartialCached(t *testing.T) {
	src := partialSite(t, `<p id="k">{{ partialCached "stamp.html" . "k" }}</p>`+
		`<p id="title">{{ partialCached "stamp.html" . .Title .Lang }}</p>`+
		`<p id="plain">{{ partial "stamp.html" . }}</p>`)
	dest := filepath.Join(t.TempDir(), "o")
	build(t, Options{Source: src, Dest: dest, NoMinify: true})
	tree := testkit.ReadTree(t, dest)
	var shared string
	n := 0
	for rel, b := range tree {
		if !strings.HasSuffix(rel, ".html") {
			continue
		}
		st := stamps(t, b)
		if len(st) == 0 {
			continue // not a single page
		}
		n++
		title := regexp.MustCompile(`<h1>([^<]*)</h1>`).FindStringSubmatch(b)
		if title == nil {
			t.Fatalf("%s: no h1", rel)
		}
		if st["title"] != title[1] || st["plain"] != title[1] {
			t.Errorf("%s: stamps %v, want the page's own title %q for the title key and the plain partial", rel, st, title[1])
		}
		if shared == "" {
			shared = st["k"]
		}
		if st["k"] != shared || shared == "" {
			t.Errorf("%s: constant-key stamp %q, want the same %q on every page", rel, st["k"], shared)
		}
	}
	if n < 2 {
		t.Fatalf("only %d single pages in the fixture", n)
	}
}

func TestPartialCachedErrors(t *testing.T) {
	for _, tc := range []struct {
		name, call, msg string
	}{
		{"slice key", `{{ partialCached "stamp.html" . (slice 1 2) }}`, "not comparable"},
		{"too many keys", `{{ partialCached "stamp.html" . 1 2 3 4 5 }}`, "at most 4"},
		{"missing partial", `{{ partialCached "khong-co.html" . "k" }}`, "missing partial"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := partialSite(t, tc.call)
			_, err := Build(Options{Source: src, Dest: filepath.Join(t.TempDir(), "o"), Now: fixedNow})
			probs := failedProblems(t, err)
			var errs []*diag.Problem
			for _, p := range probs {
				if p.Level == diag.Error {
					errs = append(errs, p)
				}
			}
			if len(errs) != 1 || errs[0].File != "layouts/_default/single.html" || errs[0].Line != 2 || !strings.Contains(errs[0].Msg, tc.msg) {
				t.Errorf("problems = %v; want one at layouts/_default/single.html:2 saying %q", diag.Errors(errs), tc.msg)
			}
		})
	}
}

// The preview server's incremental update runs partials again: a cached
// fragment that shows a page's summary must not keep the old one.
func TestPartialCachedFreshPerUpdate(t *testing.T) {
	dir, _, mem := newSession(t)
	testkit.WriteFile(t, dir, "layouts/partials/intro.html", `{{ with .Site.PageByURL "/ve-papi/gioi-thieu/" }}{{ .Content }}{{ end }}`)
	testkit.WriteFile(t, dir, "layouts/_default/single.html", "{{ define \"main\" }}<div id=\"intro\">{{ partialCached \"intro.html\" . \"k\" }}</div>\n{{ end }}\n")
	ss, err := RunSession(Options{Source: dir}, mem)
	if err != nil {
		t.Fatal(err)
	}
	edit(t, dir, "ve-papi/gioi-thieu/index.md", "Nghị định 42/2022/NĐ-CP.", "Nghị định 42/2022/NĐ-CP (sửa).")
	if _, err := ss.UpdateBody("ve-papi/gioi-thieu/index.md", mem); err != nil {
		t.Fatal(err)
	}
	b, _ := mem.Get("ve-papi/gioi-thieu/index.html")
	if !strings.Contains(string(b), "(sửa)") {
		t.Errorf("cached partial kept the old content after an update:\n%s", b)
	}
}

// A one-shot build frees what nothing reads after it: each page's Markdown
// once converted, its plain text once indexed — unless a layout shows
// .Plain. Run (used by the checker and the preview server) keeps both.
func TestOneShotBuildFreesSources(t *testing.T) {
	src := testkit.Site(t, "engine")
	res := build(t, Options{Source: src, Dest: filepath.Join(t.TempDir(), "o")})
	n := 0
	for _, p := range res.Site.AllPages {
		if f := p.Source(); f != nil {
			n++
			if plain := res.Views.Page(p).Plain(); f.Body != nil || plain != "" {
				t.Errorf("%s: Markdown (%d bytes) or plain text (%d bytes) kept after the build", p.File, len(f.Body), len(plain))
			}
		}
	}
	if n == 0 {
		t.Fatal("no pages with a source")
	}
	kept, err := Run(Options{Source: src, Now: fixedNow}, output.NewMemWriter())
	if err != nil {
		t.Fatal(err)
	}
	if p := kept.Site.PageByFile("ve-papi/gioi-thieu/index.md"); p == nil || len(p.Source().Body) == 0 || kept.Views.Page(p).Plain() == "" {
		t.Error("Run dropped a page's Markdown or plain text")
	}
	testkit.WriteFile(t, src, "layouts/_default/single.html", "{{ define \"main\" }}<p>{{ .Plain }}</p>{{ end }}\n")
	res = build(t, Options{Source: src, Dest: filepath.Join(t.TempDir(), "o")})
	if p := res.Site.PageByFile("ve-papi/gioi-thieu/index.md"); p == nil || res.Views.Page(p).Plain() == "" {
		t.Error("plain text dropped though a layout shows it")
	}
}

// Partials run in a set of their own; a layout that calls {{ template }}
// still finds what a partial file defines, and a partial finds the other
// partials' defines.
func TestTemplateDefinedInPartial(t *testing.T) {
	src := partialSite(t, `<p id="tpl">{{ template "chung" . }}</p><p id="via">{{ partial "goi.html" . }}</p>`)
	testkit.WriteFile(t, src, "layouts/partials/defs.html", `{{ define "chung" }}[{{ .Title }}]{{ end }}`)
	testkit.WriteFile(t, src, "layouts/partials/goi.html", `{{ template "chung" . }}`)
	dest := filepath.Join(t.TempDir(), "o")
	build(t, Options{Source: src, Dest: dest, NoMinify: true})
	b := testkit.ReadTree(t, dest)["ke-hoach/mot/index.html"]
	if st := stamps(t, b); st["tpl"] != "Trang một" || st["via"] != "Trang một" {
		t.Errorf("stamps %v in:\n%s", st, b)
	}
}

// Partials write into buffers each executor keeps per nesting depth: a
// partial's result must stay what it was after later and nested partials
// ran, on every page.
func TestPartialResultsSurviveLaterPartials(t *testing.T) {
	src := partialSite(t, `{{ $a := partial "outer.html" . }}{{ $b := partial "stamp.html" "khác" }}`+
		`<p id="a">[{{ $a }}]</p><p id="b">[{{ $b }}]</p>`)
	testkit.WriteFile(t, src, "layouts/partials/outer.html", `{{ .Title }}/{{ partial "stamp.html" (dict "Title" "trong") }}/{{ partial "stamp.html" . }}`)
	testkit.WriteFile(t, src, "layouts/partials/stamp.html", `{{ if eq (printf "%T" .) "string" }}{{ . }}{{ else }}{{ .Title }}{{ end }}`)
	dest := filepath.Join(t.TempDir(), "o")
	build(t, Options{Source: src, Dest: dest, NoMinify: true})
	tree := testkit.ReadTree(t, dest)
	seen := 0
	for rel, b := range tree {
		st := stamps(t, b)
		if len(st) == 0 {
			continue
		}
		title := regexp.MustCompile(`<h1>([^<]*)</h1>`).FindStringSubmatch(b)
		if title == nil {
			t.Fatalf("%s: no h1", rel)
		}
		if want := title[1] + "/trong/" + title[1]; st["a"] != want {
			t.Errorf("%s: a = %q, want %q", rel, st["a"], want)
		}
		if st["b"] != "khác" {
			t.Errorf("%s: b = %q", rel, st["b"])
		}
		seen++
	}
	if seen < 2 {
		t.Fatalf("%d pages with partials", seen)
	}
}

// A partial called on its own in HTML text writes straight into the page
// (see render.newSet); elsewhere it is a value. Both, nested either way
// and inside a shortcode, give the same page as before.
func TestStreamedPartials(t *testing.T) {
	src := partialSite(t, `<div id="s">{{ partial "outer.html" . }}</div><p title="{{ partial "stamp.html" . }}">x</p>`+
		`{{ $v := partial "stamp.html" . }}<p id="v">({{ $v }})</p>{{ .Content }}`)
	testkit.WriteFile(t, src, "layouts/partials/outer.html", `<b>{{ partial "stamp.html" . }}</b>{{ $x := partial "stamp.html" (dict "Title" "trong") }}<i>{{ $x }}</i>`)
	testkit.WriteFile(t, src, "layouts/shortcodes/sc.html", `<span>{{ partial "stamp.html" .Page }}</span>`)
	testkit.WriteFile(t, src, "content/ke-hoach/mot.md", "---\ntitle: Trang một\n---\n{{< sc >}}\n")
	dest := filepath.Join(t.TempDir(), "o")
	build(t, Options{Source: src, Dest: dest, NoMinify: true})
	b := string(testkit.ReadTree(t, dest)["ke-hoach/mot/index.html"])
	for _, want := range []string{
		`<div id="s"><b>[Trang một]</b><i>[trong]</i></div><p title="[Trang một]">x</p>`,
		`<p id="v">([Trang một])</p>`,
		`<span>[Trang một]</span>`,
	} {
		if !strings.Contains(b, want) {
			t.Errorf("missing %s in:\n%s", want, b)
		}
	}
}

// A mistake inside a streamed partial names the partial's file and line.
func TestStreamedPartialError(t *testing.T) {
	src := partialSite(t, `<div>{{ partial "hong.html" . }}</div>`)
	testkit.WriteFile(t, src, "layouts/partials/hong.html", "<p>\n{{ index .Params \"khong\" 3 }}</p>")
	_, err := Build(Options{Source: src, Dest: filepath.Join(t.TempDir(), "o"), Now: fixedNow})
	probs := failedProblems(t, err)
	found := false
	for _, p := range probs {
		if p.Level == diag.Error && p.File == "layouts/partials/hong.html" && p.Line == 2 {
			found = true
		}
	}
	if !found {
		t.Errorf("no error at layouts/partials/hong.html:2 in %v", diag.Errors(probs))
	}
}
