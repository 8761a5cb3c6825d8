// Package architecture holds the rules docs/architecture.md states about
// the engine's shape, as tests: which package may depend on which, and
// where a string may become trusted HTML.
package architecture

import (
	"bufio"
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const mod = "portal/"

// rule forbids a package (and everything it depends on, directly or not)
// to depend on the listed packages; a name ending in "/" stands for every
// package under it.
type rule struct {
	pkg    string
	forbid []string
	why    string
}

// stages are the pipeline's packages after each one, for the rule that a
// stage depends only on stages before it.
var rules = []rule{
	{"internal/diag", []string{"internal/"}, "problems are a leaf every stage uses"},
	{"internal/textutil", []string{"internal/"}, "text helpers are a leaf"},
	{"internal/fileio", []string{"internal/"}, "file helpers are a leaf"},
	{"internal/parallel", []string{"internal/"}, "running work on every core is a leaf"},
	{"internal/photo", []string{"internal/"}, "reading and cleaning image headers is a leaf"},
	{"internal/config", []string{"internal/content", "internal/site", "internal/markdown", "internal/render", "internal/output", "internal/build"}, "config is the first stage"},
	{"internal/content", []string{"internal/site", "internal/markdown", "internal/render", "internal/output", "internal/build", "internal/search"}, "content never imports site or render: loading knows nothing of pages"},
	{"internal/site", []string{"internal/markdown", "internal/render", "internal/output", "internal/build", "internal/search", "internal/template/", "html/template", "text/template"}, "site never imports render or html/template: the page graph is data"},
	{"internal/markdown", []string{"internal/site", "internal/render", "internal/output", "internal/build", "internal/search"}, "conversion sees the site only through its Context"},
	{"internal/search", []string{"internal/site", "internal/markdown", "internal/render", "internal/output", "internal/build"}, "the index takes documents, not pages"},
	{"internal/chart", []string{"internal/site", "internal/render", "internal/output", "internal/build"}, "charts take tables"},
	{"internal/render", []string{"internal/serve", "internal/output", "internal/build", "internal/check"}, "render never imports serve; templates come before writing"},
	{"internal/output", []string{"internal/build", "internal/serve", "internal/check"}, "writers come before orchestration"},
	{"internal/build", []string{"internal/serve", "internal/check"}, "build runs the pipeline; the server and the checker use it"},
	{"internal/testkit", []string{"internal/"}, "the test kit imports nothing of the engine, so every package's own tests can use it"},
	{"internal/corpus", []string{"internal/content", "internal/site", "internal/markdown", "internal/render", "internal/output", "internal/build"}, "the benchmark corpus is made without the engine"},
}

// deps lists every package of the module with its dependencies.
func deps(t *testing.T) map[string][]string {
	t.Helper()
	cmd := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Deps \" \"}}", "./...")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	m := map[string][]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) > 0 {
			m[f[0]] = f[1:]
		}
	}
	return m
}

func forbidden(dep string, forbid []string) bool {
	for _, f := range forbid {
		name := f
		if strings.HasPrefix(f, "internal/") {
			name = mod + f
		}
		if dep == name || strings.HasSuffix(name, "/") && strings.HasPrefix(dep, name) {
			return true
		}
	}
	return false
}

func TestImportRules(t *testing.T) {
	all := deps(t)
	for _, r := range rules {
		ds, ok := all[mod+r.pkg]
		if !ok {
			t.Errorf("%s: no such package (update the rules and docs/architecture.md)", r.pkg)
			continue
		}
		for _, d := range ds {
			if forbidden(d, r.forbid) {
				t.Errorf("%s depends on %s: %s", r.pkg, d, r.why)
			}
		}
	}
	// Nothing imports cmd/: a command is an entry point, not a library.
	// Only tests import the test kit: go list -deps sees no _test.go file,
	// so any package it shows depending on the kit is production code.
	for pkg, ds := range all {
		for _, d := range ds {
			if strings.HasPrefix(d, mod+"cmd/") && !strings.HasPrefix(pkg, d) {
				t.Errorf("%s depends on %s: nothing imports cmd/", pkg, d)
			}
			if d == mod+"internal/testkit" {
				t.Errorf("%s depends on %s: only tests import the test kit", pkg, d)
			}
		}
	}
}

// The test files are held to the same rule: no test imports cmd/.
func TestNoTestImportsCmd(t *testing.T) {
	err := filepath.WalkDir("../..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if !strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			path := strings.Trim(imp.Path.Value, `"`)
			own := strings.TrimPrefix(filepath.ToSlash(filepath.Dir(p)), "../../")
			if strings.HasPrefix(path, mod+"cmd/") && path != mod+own {
				t.Errorf("%s imports %s", p, path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// trusted lists every place in internal/ (outside the template fork) that
// turns a string into a value html/template trusts and writes unescaped,
// as "file: function: type". Adding one is a reviewed change: it must make
// its HTML, URL or script from something the portal itself produced (see
// docs/architecture.md), never from page data as written.
var trusted = []string{
	"internal/chart/chart.go: RenderLang: HTML",
	"internal/render/funcmap.go: absURL: URL",
	"internal/render/funcmap.go: asset: URL",
	"internal/render/funcmap.go: funcs: CSS",
	"internal/render/funcmap.go: funcs: HTML",
	"internal/render/funcmap.go: funcs: JS",
	"internal/render/funcmap.go: funcs: URL",
	"internal/render/funcmap.go: markdownify: HTML",
	"internal/render/funcmap.go: partial: HTML",
	"internal/render/funcmap.go: relURL: URL",
	"internal/render/funcs.go: jsonify: JS",
	"internal/render/page.go: NewBody: HTML",
	"internal/render/render.go: Shortcode: HTML",
	"internal/render/toc.go: tableOfContents: HTML",
}

// trustedTypes are html/template's types whose values it writes as they
// are.
var trustedTypes = []string{"HTML", "HTMLAttr", "URL", "JS", "JSStr", "CSS", "Srcset"}

func TestTrustedConversionsListed(t *testing.T) {
	var found []string
	err := filepath.WalkDir("../../internal", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(filepath.ToSlash(p), "../../")
		if d.IsDir() && (rel == "internal/template" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, src, 0)
		if err != nil {
			return err
		}
		// The names under which the file imports html/template or the
		// fork of it.
		names := map[string]bool{}
		for _, imp := range f.Imports {
			path := strings.Trim(imp.Path.Value, `"`)
			if path != "html/template" && path != mod+"internal/template/html" {
				continue
			}
			name := "template"
			if imp.Name != nil {
				name = imp.Name.Name
			}
			names[name] = true
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			ast.Inspect(fn, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) != 1 {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if x, ok := sel.X.(*ast.Ident); ok && names[x.Name] && slices.Contains(trustedTypes, sel.Sel.Name) {
					found = append(found, rel+": "+fn.Name.Name+": "+sel.Sel.Name)
				}
				return true
			})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(found)
	found = slices.Compact(found)
	for _, f := range found {
		if !slices.Contains(trusted, f) {
			t.Errorf("new conversion to trusted template content: %s\n(review it, then list it in tests/architecture and docs/architecture.md)", f)
		}
	}
	for _, f := range trusted {
		if !slices.Contains(found, f) {
			t.Errorf("listed conversion no longer found: %s (take it off the list)", f)
		}
	}
}
