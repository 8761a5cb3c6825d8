package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

const regenerate = "run `go generate ./internal/template/...` and commit the result"

// The committed fork is, byte for byte, what the generator makes from the
// toolchain's sources: nobody edited a copied file by hand, and the hooks
// listed in the generator are all there is.
func TestForkIsGenerated(t *testing.T) {
	goroot, err := goEnv("GOROOT")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	version, err := generate(goroot, tmp)
	if err != nil {
		t.Fatalf("generating the fork from %s: %v", goroot, err)
	}
	made, err := generatedFiles(tmp)
	if err != nil {
		t.Fatal(err)
	}
	if len(made) < 50 {
		t.Fatalf("the generator made only %d files from %s", len(made), goroot)
	}
	files := map[string][]byte{}
	for _, rel := range made {
		b, err := os.ReadFile(filepath.Join(tmp, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		files[rel] = b
	}
	problems, err := diff(files, "..")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("internal/template/%s", p)
	}
	if len(problems) > 0 {
		t.Errorf("the fork is not what the generator makes from %s: %s", version, regenerate)
	}
}

// A Go upgrade must come with a re-made fork, so that it brings
// html/template's fixes of that release with it.
func TestToolchainIsUpstream(t *testing.T) {
	b, err := os.ReadFile("../UPSTREAM")
	if err != nil {
		t.Fatal(err)
	}
	upstream := strings.TrimSpace(string(b))
	if v := runtime.Version(); v != upstream {
		t.Fatalf("the toolchain is %s but internal/template was made from %s (UPSTREAM): %s, and set go.mod's toolchain line to %s", v, upstream, regenerate, v)
	}
}

// Every rewrite applies where it should, and one whose text upstream
// changed stops the generator with a message that names it.
func TestRewriteMustMatch(t *testing.T) {
	r := rewrite{file: "x.go", old: "a()", new: "b() // portal: x", why: "test"}
	if got, err := r.apply("a()\n"); err != nil || got != "b() // portal: x\n" {
		t.Errorf("apply = %q, %v", got, err)
	}
	for _, src := range []string{"c()\n", "a()\na()\n"} {
		if _, err := r.apply(src); err == nil || !strings.Contains(err.Error(), "upstream changed") {
			t.Errorf("apply(%q) = %v, want an error", src, err)
		}
	}
	re := rewrite{file: "x.go", old: `(?s)func T\(\) \{\n.*?\n\}\n`, re: true, why: "test"}
	if got, err := re.apply("func T() {\n\tx()\n}\nfunc U() {}\n"); err != nil || got != "func U() {}\n" {
		t.Errorf("apply = %q, %v", got, err)
	}
}

// Only import paths change, not strings that happen to spell one.
func TestRewriteImports(t *testing.T) {
	src := "package p\n\nimport (\n\t\"fmt\"\n\t. \"html/template\"\n\t\"text/template\"\n)\n\nvar s = \"text/template\"\n"
	got, err := rewriteImports("p.go", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := "package p\n\nimport (\n\t\"fmt\"\n\t. \"portal/internal/template/html\"\n\t\"portal/internal/template/text\"\n)\n\nvar s = \"text/template\"\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// What the generator owns and what it leaves alone.
func TestOwned(t *testing.T) {
	for rel, want := range map[string]bool{
		"README.md":                      true,
		"LICENSE":                        false,
		"UPSTREAM":                       false,
		"gen/main.go":                    true,
		"godebug/portal_godebug.go":      true,
		"text/exec.go":                   false,
		"text/portal_exec.go":            true,
		"html/testdata/fs.zip":           false,
		"html/testdata/fuzz/FuzzX/abc":   true,
		"fmtsort/sort.go":                false,
		"html/portal_streamtwin_test.go": true,
	} {
		if got := owned(rel); got != want {
			t.Errorf("owned(%q) = %v, want %v", rel, got, want)
		}
	}
}

// A change upstream to code that the fork's own code repeats (an escaper
// that a string form mirrors) stops the generator and names it.
func TestMirroredChangeStops(t *testing.T) {
	goroot, err := goEnv("GOROOT")
	if err != nil {
		t.Fatal(err)
	}
	if err := checkMirrored(goroot); err != nil {
		t.Fatalf("the toolchain's sources: %v", err)
	}
	fake := t.TempDir()
	for k := range mirrored {
		file, _, _ := strings.Cut(k, " ")
		b, err := os.ReadFile(filepath.Join(goroot, "src", filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		if file == "html/template/html.go" {
			b = []byte(strings.Replace(string(b), "return htmlReplacer(s, htmlReplacementTable, true)\n}\n\n// htmlReplacementTable", "return htmlReplacer(strings.TrimSpace(s), htmlReplacementTable, true)\n}\n\n// htmlReplacementTable", 1))
		}
		p := filepath.Join(fake, "src", filepath.FromSlash(file))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	err = checkMirrored(fake)
	if err == nil || !strings.Contains(err.Error(), `"html/template/html.go htmlEscaper"`) || strings.Contains(err.Error(), "attrEscaper") {
		t.Errorf("err = %v, want one naming htmlEscaper alone", err)
	}
}
