package output

import (
	"crypto/sha256"
	"encoding/base64"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"portal/internal/diag"
)

func TestFingerprint(t *testing.T) {
	src := t.TempDir()
	if err := os.MkdirAll(filepath.Join(src, "static", "css"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "static", "css", "a.css"), []byte("body {\n  color: #ff0000;\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	statics := map[string]string{"css/a.css": "static/css/a.css", "img/x.png": "static/img/x.png"}
	build := func(o EmitOptions, keepNames bool) (*Assets, *MemWriter, *diag.List) {
		w, probs := NewMemWriter(), &diag.List{}
		o.Minifier = NewMinifier()
		a := NewEmitter(w, probs, o).Fingerprint(src, statics, keepNames)
		return a, w, probs
	}

	a, w, probs := build(EmitOptions{Workers: 2}, false)
	if probs.HasErrors() {
		t.Fatal(probs.Problems())
	}
	name, ok := a.Name("css/a.css")
	if !ok || !regexp.MustCompile(`^css/a\.[0-9a-f]{10}\.css$`).MatchString(name) {
		t.Fatalf("Name(css/a.css) = %q, %v", name, ok)
	}
	data, ok := w.Get(name)
	if !ok || string(data) != "body{color:red}" {
		t.Fatalf("%s = %q, %v; want the minified stylesheet", name, data, ok)
	}
	sum := sha256.Sum256(data)
	if got, want := a.Integrity("css/a.css"), "sha256-"+base64.StdEncoding.EncodeToString(sum[:]); got != want {
		t.Errorf("Integrity = %q, want %q", got, want)
	}
	if js, ok := a.Name("search/search.js"); !ok || !strings.HasPrefix(js, "search/search.") || a.Integrity("search/search.js") == "" {
		t.Errorf("search script: %q, %v, %q", js, ok, a.Integrity("search/search.js"))
	}
	if _, ok := a.Name("img/x.png"); ok {
		t.Error("an image is published as an asset")
	}
	if _, ok := w.Get("css/a.css"); ok {
		t.Error("stylesheet also written under its own name")
	}

	off, _, _ := build(EmitOptions{Offline: true}, false)
	if n, ok := off.Name("css/a.css"); !ok || n != name || off.Integrity("css/a.css") != "" {
		t.Errorf("offline: %q, %v, integrity %q; want %s without integrity", n, ok, off.Integrity("css/a.css"), name)
	}
	kept, w, _ := build(EmitOptions{}, true)
	if n, ok := kept.Name("css/a.css"); !ok || n != "css/a.css" || kept.Integrity("css/a.css") != "" {
		t.Errorf("keepNames: %q, %v, integrity %q", n, ok, kept.Integrity("css/a.css"))
	}
	if _, ok := w.Get("css/a.css"); !ok {
		t.Error("keepNames: stylesheet not written under its own name")
	}

	var none *Assets
	if n, ok := none.Name("css/a.css"); ok || n != "" || none.Integrity("css/a.css") != "" {
		t.Error("nil Assets names a file")
	}

	statics["css/missing.css"] = "static/css/missing.css"
	a, _, probs = build(EmitOptions{}, false)
	if _, ok := a.Name("css/missing.css"); ok {
		t.Error("unreadable stylesheet named")
	}
	ps := probs.Problems()
	if len(ps) != 1 || ps[0].File != "static/css/missing.css" || !strings.Contains(ps[0].Msg, "cannot read") {
		t.Errorf("problems = %v, want one naming static/css/missing.css", ps)
	}
}
