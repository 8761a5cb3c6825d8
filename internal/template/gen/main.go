// Command gen makes the template fork in internal/template from the Go
// toolchain's own sources. It copies text/template, html/template and
// internal/fmtsort from $(go env GOROOT)/src (tests and testdata
// included), points their imports at the fork, and applies the fork's
// hooks: each is one line marked "portal:" that reaches the fork's own
// code in portal_*.go files, or one of the mechanical rewrites listed in
// rewrites below. It writes UPSTREAM, the Go release it copied.
//
// Run it with go generate ./internal/template/... after a Go upgrade:
// TestForkIsGenerated fails when the committed fork differs from what this
// program makes, and TestToolchainIsUpstream when the toolchain is not the
// release in UPSTREAM.
//
//	go run ./internal/template/gen [-goroot DIR] [-out DIR]
//
//go:generate go run .
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// module is the fork's import path prefix.
const module = "portal/internal/template"

// A pkg is one copied package: its folder under GOROOT/src and under the
// fork, and the files it leaves out.
type pkg struct {
	src, dst string
	skip     map[string]string // file → why it is not copied
}

var pkgs = []pkg{
	{src: "text/template", dst: "text", skip: map[string]string{
		// It builds a program that imports the standard library's
		// text/template (not the fork) with internal/testenv.
		"link_test.go": "tests the linker on the standard library's package",
	}},
	{src: "html/template", dst: "html"},
	{src: "internal/fmtsort", dst: "fmtsort"},
}

// imports maps the standard library's import paths to the fork's, in
// every copied Go file. internal/godebug is replaced by the fork's
// godebug package, which keeps Go's defaults (see its doc).
// The parser, text/template/parse, is not forked.
var imports = map[string]string{
	"text/template":    module + "/text",
	"html/template":    module + "/html",
	"internal/fmtsort": module + "/fmtsort",
	"internal/godebug": module + "/godebug",
}

// A rewrite changes one copied file. old must occur exactly count times
// (1 when zero), so a change upstream stops the generator instead of
// silently dropping a hook. With re set, old is a regular expression.
type rewrite struct {
	file     string // path under the fork, e.g. "text/exec.go"
	old, new string
	re       bool
	count    int
	why      string
}

// rewrites are the fork's changes to the copied files. The hooks end in
// a "// portal:" comment; the code they reach is in the portal_*.go files
// beside them.
var rewrites = []rewrite{
	// text/template: execution.
	{file: "text/exec.go", why: "the fork's scratch memory of an execution",
		old: "\tdepth int        // the height of the stack of executing templates.\n",
		new: "\tdepth int        // the height of the stack of executing templates.\n\tportal portalState // portal: the fork's scratch memory (portal_exec.go)\n"},
	{file: "text/exec.go", why: "an action's string printed without boxing",
		old: "\t\tval := s.evalPipeline(dot, node.Pipe)\n",
		new: "\t\tval := s.evalAction(dot, node.Pipe) // portal: see printAction\n"},
	{file: "text/exec.go", why: "an action's string printed without boxing",
		old: "\t\t\ts.printValue(node, val)\n",
		new: "\t\t\ts.printAction(node, val) // portal: a string form's result unboxed\n"},
	{file: "text/exec.go", why: "an execution error keeps its layout, line and cause as values",
		old: "func (s *state) errorf(format string, args ...any) {\n",
		new: "func (s *state) errorf(format string, args ...any) {\n\tdefer s.placeError(format, args) // portal: see PlacedError (portal_error.go)\n"},
	{file: "text/exec.go", why: "method index remembered per type",
		old: "if method := ptr.MethodByName(fieldName); method.IsValid() {",
		new: "if method := s.portal.methodByName(ptr, fieldName); method.IsValid() { // portal: index remembered per type"},
	{file: "text/exec.go", why: "struct field remembered per type",
		old: "tField, ok := receiver.Type().FieldByName(fieldName)",
		new: "tField, ok := s.portal.fieldByName(receiver.Type(), fieldName) // portal: remembered per type"},
	{file: "text/exec.go", why: "argument lists on a stack",
		old: "argv := make([]reflect.Value, numIn)",
		new: "argv := s.portal.pushArgs(numIn) // portal: popped by s.portal.call"},
	{file: "text/exec.go", why: "boxes read in place", re: true,
		old: `unwrap := func\(v reflect.Value\) reflect.Value \{\n\t\tif v.Type\(\) == reflectValueType \{\n\t\t\tv = v.Interface\(\).\(reflect.Value\)\n\t\t\}\n\t\treturn v\n\t\}`,
		new: "unwrap := unwrapArg // portal: reads a box in place"},
	{file: "text/exec.go", why: "boxes read in place",
		old: "v = s.evalArg(dot, argType, arg).Interface().(reflect.Value)",
		new: "v = unwrapArg(s.evalArg(dot, argType, arg)) // portal: reads a box in place"},
	{file: "text/exec.go", why: "common function shapes called without reflect.Value.Call",
		old: "v, err := safeCall(fun, argv)",
		new: "v, err := s.portal.call(fun, typ, argv, numIn, isBuiltin, name) // portal: common shapes without reflect.Value.Call"},
	{file: "text/exec.go", why: "boxes from an arena",
		old: "return reflect.ValueOf(value)\n",
		new: "return s.portal.box(value) // portal: from an arena\n"},
	{file: "text/exec.go", why: "boxes from an arena",
		old: "return reflect.ValueOf(s.evalEmptyInterface(dot, n))",
		new: "return s.portal.box(s.evalEmptyInterface(dot, n)) // portal: from an arena"},
	{file: "text/exec.go", why: "a field's argument list from scratch memory",
		old: "return s.validateType(s.evalFieldNode(dot, arg, []parse.Node{n}, missingVal), typ)",
		new: "return s.validateType(s.evalFieldNode(dot, arg, s.portal.fieldArgs(n), missingVal), typ) // portal: no allocation"},
	{file: "text/exec.go", why: "a string printed without fmt",
		old: "_, err := fmt.Fprint(s.wr, iface)",
		new: "_, err := fprint(s.wr, iface) // portal: a string without fmt"},
	{file: "text/template.go", why: "string forms",
		old: "\texecFuncs  map[string]reflect.Value\n",
		new: "\texecFuncs  map[string]reflect.Value\n\tstrForms   stringForms // portal: see SetStringForms\n"},
	{file: "text/template.go", why: "a clone keeps the string forms",
		old: "\tmaps.Copy(nt.execFuncs, t.execFuncs)\n",
		new: "\tmaps.Copy(nt.execFuncs, t.execFuncs)\n\tnt.strForms.Store(t.strForms.Load()) // portal: see SetStringForms\n"},
	{file: "text/template.go", why: "a redefined function loses its string form",
		old: "\taddFuncs(t.parseFuncs, funcMap)\n",
		new: "\taddFuncs(t.parseFuncs, funcMap)\n\tt.dropStringForms(funcMap) // portal: see SetStringForms\n"},
	{file: "text/funcs.go", why: "FuncMap is the standard library's type, so maps made for it are accepted",
		old: "type FuncMap map[string]any",
		new: "type FuncMap = stdFuncMap // portal: the standard library's type"},

	// html/template.
	{file: "html/content.go", re: true, why: "the content types are the standard library's (portal_content.go)",
		old: `(?s)// Strings of content from a trusted source\.\ntype \(\n.*?\n\)\n\n`},
	{file: "html/escape.go", why: "a markup mistake in a text node names its file and line",
		old: "return e.escapeText(c, n)",
		new: "return textNodeError(e.escapeText(c, n), n) // portal: the error names the text node"},
	{file: "html/escape.go", why: "the escapers' string forms",
		old: "\t\te.template(name).Funcs(funcMap)\n",
		new: "\t\te.template(name).Funcs(funcMap).SetStringForms(stringForms) // portal: portal_stringforms.go\n"},
	{file: "html/escape.go", why: "Template.StreamTwin",
		old: "\tfor n, s := range e.actionNodeEdits {\n",
		new: "\te.ns.streamTwins(e.actionNodeEdits) // portal: see Template.StreamTwin\n\tfor n, s := range e.actionNodeEdits {\n"},
	{file: "html/template.go", why: "Template.StreamTwin",
		old: "\tesc     escaper\n",
		new: "\tesc     escaper\n\ttwins   map[string]string // portal: see Template.StreamTwin\n"},
	{file: "html/template.go", why: "a clone's twins are its own",
		old: "\tns.esc = makeEscaper(ns)\n\tret := &Template{\n",
		new: "\tns.esc = makeEscaper(ns)\n\tns.twins = cloneTwins(t.nameSpace.twins) // portal: a clone's own\n\tret := &Template{\n"},

	// Tests. The GODEBUG switch that turns off URL filtering in <meta
	// content> does not exist in the fork (see godebug).
	{file: "html/escape_test.go", re: true, why: "tests a GODEBUG opt-out the fork does not have",
		old: `(?s)\nfunc TestMetaContentEscapeGODEBUG\(t \*testing\.T\) \{\n.*?\n\}\n`, new: "\n"},
	// Mistakes in markup now name the text node's line and column.
	{file: "html/escape_test.go", why: "the error names the text node",
		old: "`z:1: on range loop re-entry: \"<\" in attribute name: \"<a\"`",
		new: "`z:1:16: on range loop re-entry: \"<\" in attribute name: \"<a\"`"},
	{file: "html/escape_test.go", why: "the error names the text node", count: 3,
		old: "`html/template:z: \"=\" in unquoted attr:",
		new: "`html/template:z:1:0: \"=\" in unquoted attr:"},
	{file: "html/escape_test.go", why: "the error names the text node",
		old: "\"html/template:z: \\\"`\\\" in unquoted attr: \\\"`foo\\\"\"",
		new: "\"html/template:z:1:0: \\\"`\\\" in unquoted attr: \\\"`foo\\\"\""},
	{file: "html/escape_test.go", why: "the error names the text node",
		old: "`html/template:z: \"'\" in unquoted attr: \"font:'Arial'\"`",
		new: "`html/template:z:1:0: \"'\" in unquoted attr: \"font:'Arial'\"`"},
}

// mirrored are the upstream declarations that the fork's own code repeats,
// with the SHA-256 of their source text: html/portal_stringforms.go does
// for a plain string what each escaper does, and text/portal_exec.go's
// evalAction repeats evalPipeline's loop and, for the commands it gives a
// string form, stands in for evalCommand, evalFunction, evalCall and
// printValue. When a Go release changes one,
// the generator stops, so a fix to an escaper cannot pass its string form
// by: compare the form with the new code, then record the new fingerprint
// the message gives.
var mirrored = map[string]string{
	"html/template/content.go stringify":       "bdc2a8658f4ccb51892abf95de2cdd66581d5c0af9971dbc491f7e6ee025b3ea",
	"html/template/escape.go funcMap":          "f4de74c9e621bf516f996b693a4dd660464f277ec1257c8618ab0bc249add3ab",
	"html/template/html.go attrEscaper":        "a2cf3e31b340c7a338fe03cba8b97a4e1d19a9ce6e232ad11f461b1dcc2a565f",
	"html/template/html.go htmlEscaper":        "692733d64eff049947ba327586e10cd6d28e8bfcf42655364d4b7ed5ce2d04e3",
	"html/template/html.go htmlNospaceEscaper": "40b6efeb66f18e98d1344ffe84304ed2ca916564369475c6a6344102a45abe7a",
	"html/template/html.go rcdataEscaper":      "27ceca22d38c37d36acaebde3b795469b980644fcf6204106739641b6789a2a1",
	"html/template/url.go urlEscaper":          "1e9f871fb54db2003430e6c5846692ded76df98fd6b7f6b85ea1f7877259ebc7",
	"html/template/url.go urlFilter":           "5a26320fcace8008ab5f374129b04b23c3286c858f842f54f3a47a359872acec",
	"html/template/url.go urlNormalizer":       "3eec1a04d4aa43ea66ec5434d998bbfd9a6c2a4f2df2d66ff3f59c44e0bf67bc",
	"html/template/url.go urlProcessor":        "421f8006ef184e4e073072fba756e6bfa342f0a3f61a35ff6f8abe6dbb13a9b6",
	"text/template/exec.go evalPipeline":       "d6a0dc68c144a5896abd332a3909a6d50198f15a3923cc7cb43b659cb0ba2843",
	"text/template/exec.go evalCommand":        "45c4928ffea3c7a7d4640f8960811a770452788b15cca30e2c6f9db380d80a7c",
	"text/template/exec.go evalFunction":       "62c66a90bcbebff94931a476aa7f82b657da96233ef91700cb0f3a6ed9dc03ff",
	"text/template/exec.go evalCall":           "597aff616cbf33ffb619a73d38928da975ca2a76c23dd113b06c2f4ba9b2c205",
	"text/template/exec.go printValue":         "812d4e4d38ed2e45e59081d1eb12787c7287d2fce3ba95755fc33d34211ed77b",
}

// checkMirrored stops when a declaration in mirrored changed upstream.
func checkMirrored(goroot string) error {
	keys := make([]string, 0, len(mirrored))
	for k := range mirrored {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var changed []string
	for _, k := range keys {
		file, name, _ := strings.Cut(k, " ")
		src, err := os.ReadFile(filepath.Join(goroot, "src", filepath.FromSlash(file)))
		if err != nil {
			return err
		}
		sum, err := fingerprint(src, name)
		if err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
		if sum != mirrored[k] {
			changed = append(changed, fmt.Sprintf("\t%q: %q,", k, sum))
		}
	}
	if len(changed) > 0 {
		return fmt.Errorf("upstream changed code that the fork's own code repeats; check html/portal_stringforms.go and text/portal_exec.go against it, then record in gen/main.go's mirrored:\n%s", strings.Join(changed, "\n"))
	}
	return nil
}

// fingerprint is the SHA-256 of the source of the top-level function or
// variable called name in src.
func fingerprint(src []byte, name string) (string, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ParseComments)
	if err != nil {
		return "", err
	}
	for _, d := range f.Decls {
		var match bool
		switch d := d.(type) {
		case *ast.FuncDecl:
			match = d.Name.Name == name
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				if vs, ok := spec.(*ast.ValueSpec); ok {
					for _, n := range vs.Names {
						match = match || n.Name == name
					}
				}
			}
		}
		if match {
			sum := sha256.Sum256(src[fset.Position(d.Pos()).Offset:fset.Position(d.End()).Offset])
			return hex.EncodeToString(sum[:]), nil
		}
	}
	return "", fmt.Errorf("no declaration of %s", name)
}

// goGenerateRE finds go:generate lines (html/template's stringer calls):
// the files they make are copied, and go generate over the fork must run
// only this program.
var goGenerateRE = regexp.MustCompile(`(?m)^//go:generate (.*)$`)

func main() {
	goroot := flag.String("goroot", "", "Go source tree to copy (default: go env GOROOT)")
	out := flag.String("out", "", "the fork's folder (default: the module's internal/template)")
	flag.Parse()
	if *goroot == "" {
		r, err := goEnv("GOROOT")
		if err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		*goroot = r
	}
	if *out == "" {
		mod, err := goEnv("GOMOD")
		if err != nil || mod == "" || mod == os.DevNull {
			fmt.Fprintln(os.Stderr, "gen: not inside the portal module; give -out", err)
			os.Exit(1)
		}
		*out = filepath.Join(filepath.Dir(mod), "internal", "template")
	}
	version, err := generate(*goroot, *out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Printf("gen: internal/template made from %s (%s)\n", version, *goroot)
}

// goEnv is what go env says of the variable (GOROOT: the toolchain's
// source tree; GOMOD: the module's go.mod).
func goEnv(name string) (string, error) {
	b, err := exec.Command("go", "env", name).Output()
	if err != nil {
		return "", fmt.Errorf("go env %s: %w", name, err)
	}
	return strings.TrimSpace(string(b)), nil
}

// goVersion is the release of the Go tree at goroot (its VERSION file's
// first line, such as go1.26.8).
func goVersion(goroot string) (string, error) {
	b, err := os.ReadFile(filepath.Join(goroot, "VERSION"))
	if err != nil {
		return "", fmt.Errorf("which Go release: %w", err)
	}
	v, _, _ := strings.Cut(string(b), "\n")
	if !strings.HasPrefix(v, "go") {
		return "", fmt.Errorf("%s: %q is not a Go release", filepath.Join(goroot, "VERSION"), v)
	}
	return strings.TrimSpace(v), nil
}

// Made is what the generator makes: path under the fork → content.
type made map[string][]byte

// generate writes the fork into out, replacing what it made before and
// keeping the fork's own files (see owned), and returns the Go release.
func generate(goroot, out string) (string, error) {
	files, version, err := makeFork(goroot)
	if err != nil {
		return "", err
	}
	old, err := generatedFiles(out)
	if err != nil {
		return "", err
	}
	for _, rel := range old {
		if _, ok := files[rel]; !ok {
			if err := os.Remove(filepath.Join(out, filepath.FromSlash(rel))); err != nil {
				return "", err
			}
		}
	}
	for rel, b := range files {
		p := filepath.Join(out, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return "", err
		}
	}
	return version, nil
}

// owned reports whether a file under the fork is the fork's own rather
// than the generator's: portal_*.go files, fuzz corpora, the godebug
// package, the README and this program.
func owned(rel string) bool {
	dir, rest, nested := strings.Cut(rel, "/")
	if !nested {
		return rel != "LICENSE" && rel != "UPSTREAM"
	}
	if !isPkgDir(dir) {
		return true
	}
	return strings.HasPrefix(path.Base(rest), "portal_") || strings.HasPrefix(rest, "testdata/fuzz/")
}

func isPkgDir(dir string) bool {
	for _, p := range pkgs {
		if p.dst == dir {
			return true
		}
	}
	return false
}

// generatedFiles lists the files under the fork at root that the
// generator made (everything it does not own), slash-separated.
func generatedFiles(root string) ([]string, error) {
	var list []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if !owned(rel) {
			list = append(list, rel)
		}
		return nil
	})
	sort.Strings(list)
	return list, err
}

// makeFork reads the packages from goroot and returns the fork's files.
func makeFork(goroot string) (made, string, error) {
	version, err := goVersion(goroot)
	if err != nil {
		return nil, "", err
	}
	if err := checkMirrored(goroot); err != nil {
		return nil, "", err
	}
	files := made{"UPSTREAM": []byte(version + "\n")}
	lic, err := os.ReadFile(filepath.Join(goroot, "LICENSE"))
	if err != nil {
		return nil, "", err
	}
	files["LICENSE"] = lic
	for _, p := range pkgs {
		src := filepath.Join(goroot, "src", filepath.FromSlash(p.src))
		err := filepath.WalkDir(src, func(fp string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(src, fp)
			if err != nil {
				return err
			}
			rel = filepath.ToSlash(rel)
			if d.IsDir() {
				// Subpackages (text/template/parse) are not forked.
				if rel != "." && rel != "testdata" && !strings.HasPrefix(rel, "testdata/") {
					return filepath.SkipDir
				}
				return nil
			}
			if _, skip := p.skip[rel]; skip {
				return nil
			}
			b, err := os.ReadFile(fp)
			if err != nil {
				return err
			}
			dst := p.dst + "/" + rel
			if strings.HasSuffix(rel, ".go") && !strings.HasPrefix(rel, "testdata/") {
				b, err = convert(dst, p.src+"/"+rel, version, b)
				if err != nil {
					return err
				}
			}
			files[dst] = b
			return nil
		})
		if err != nil {
			return nil, "", err
		}
	}
	for _, r := range rewrites {
		if _, ok := files[r.file]; !ok {
			return nil, "", fmt.Errorf("rewrite of %s (%s): no such file in %s", r.file, r.why, version)
		}
	}
	return files, version, nil
}

// convert turns one copied Go file into the fork's: a header saying where
// it comes from, imports pointed at the fork, go:generate lines disarmed,
// the file's rewrites applied, and gofmt's layout.
func convert(dst, src, version string, b []byte) ([]byte, error) {
	s, err := rewriteImports(dst, b)
	if err != nil {
		return nil, err
	}
	s = goGenerateRE.ReplaceAllString(s, "// Not run in the fork (it copies the file this makes): go:generate $1")
	for _, r := range rewrites {
		if r.file != dst {
			continue
		}
		if s, err = r.apply(s); err != nil {
			return nil, fmt.Errorf("%s: %w", dst, err)
		}
	}
	s = fmt.Sprintf("// Code generated by %s/gen from %s's %s; DO NOT EDIT.\n\n", module, version, src) + s
	out, err := format.Source([]byte(s))
	if err != nil {
		return nil, fmt.Errorf("%s: gofmt: %w", dst, err)
	}
	return out, nil
}

// rewriteImports points the file's imports at the fork (see imports).
func rewriteImports(name string, src []byte) (string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ImportsOnly)
	if err != nil {
		return "", err
	}
	var out []byte
	last := 0
	for _, spec := range f.Imports {
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			return "", err
		}
		to, ok := imports[p]
		if !ok {
			continue
		}
		start, end := int(spec.Path.Pos())-1, int(spec.Path.End())-1
		out = append(append(out, src[last:start]...), strconv.Quote(to)...)
		last = end
	}
	return string(append(out, src[last:]...)), nil
}

func (r rewrite) apply(s string) (string, error) {
	want := r.count
	if want == 0 {
		want = 1
	}
	if r.re {
		re, err := regexp.Compile(r.old)
		if err != nil {
			return "", err
		}
		if n := len(re.FindAllStringIndex(s, -1)); n != want {
			return "", fmt.Errorf("rewrite (%s): /%s/ matches %d times, want %d; upstream changed: update the rewrite", r.why, r.old, n, want)
		}
		return re.ReplaceAllLiteralString(s, r.new), nil
	}
	if n := strings.Count(s, r.old); n != want {
		return "", fmt.Errorf("rewrite (%s): %q occurs %d times, want %d; upstream changed: update the rewrite", r.why, r.old, n, want)
	}
	return strings.ReplaceAll(s, r.old, r.new), nil
}

// diff compares the files made with those under the fork at root and
// describes each difference: a file that differs, is missing or is left
// over.
func diff(files made, root string) ([]string, error) {
	var problems []string
	have, err := generatedFiles(root)
	if err != nil {
		return nil, err
	}
	for _, rel := range have {
		if _, ok := files[rel]; !ok {
			problems = append(problems, rel+": not made by the generator (name the fork's own files portal_*.go)")
		}
	}
	names := make([]string, 0, len(files))
	for rel := range files {
		names = append(names, rel)
	}
	sort.Strings(names)
	for _, rel := range names {
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			problems = append(problems, rel+": missing")
		case err != nil:
			return nil, err
		case !bytes.Equal(b, files[rel]):
			problems = append(problems, rel+": differs from what the generator makes")
		}
	}
	return problems, nil
}
