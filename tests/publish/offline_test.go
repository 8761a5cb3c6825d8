package publish

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"portal/internal/output"
)

// TestOfflineCopy builds the offline copy, follows every link of every
// page through file:// as a browser would, and checks the zip beside it.
func TestOfflineCopy(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "cong-papi")
	buildPortal(t, dest, "https://papi.hungyen.example/", true)
	s := site{dir: dest}

	t.Run("every link is a file", func(t *testing.T) {
		reached, problems := crawlFiles(dest)
		for _, p := range problems {
			t.Error(p)
		}
		pages := s.htmlPages(t)
		for rel := range pages {
			if rel != "404.html" && !reached[rel] {
				t.Errorf("%s: not reached from index.html through links", rel)
			}
		}
		t.Logf("followed links to %d files", len(reached))
	})
	t.Run("no integrity attributes", func(t *testing.T) {
		// file:// pages have an opaque origin; browsers refuse SRI there.
		for rel, els := range s.htmlPages(t) {
			for _, e := range els {
				if _, ok := e.attr("integrity"); ok {
					t.Errorf("%s: <%s integrity> in the offline copy", rel, e.Tag)
				}
			}
			for _, p := range inlineProblems(els) {
				t.Errorf("%s: %s", rel, p)
			}
		}
	})
	t.Run("zip", func(t *testing.T) { checkZip(t, s, filepath.Join(parent, output.OfflineZipName)) })
}

// crawlFiles starts at dir/index.html and resolves every link of every
// page as a file:// URL. A link must name an existing file inside dir:
// not a folder (file:// shows a listing, not index.html), not a
// root-relative path (it would leave the copy), nothing missing. Links to
// other sites are not followed.
func crawlFiles(dir string) (map[string]bool, []string) {
	reached := map[string]bool{}
	var problems []string
	root := (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir) + "/"})
	queue := []string{"index.html", "404.html"}
	reached["index.html"], reached["404.html"] = true, true
	for len(queue) > 0 {
		rel := queue[0]
		queue = queue[1:]
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", rel, err))
			continue
		}
		if !isHTML(b) {
			continue
		}
		page, _ := root.Parse(rel)
		for _, l := range pageLinks(parseElements(b), true) {
			raw := l.URL
			if strings.HasPrefix(raw, "#") || strings.HasPrefix(raw, "mailto:") || strings.HasPrefix(raw, "tel:") || strings.HasPrefix(raw, "data:") {
				continue
			}
			u, err := page.Parse(raw)
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: %s %q does not parse: %v", rel, l.From, raw, err))
				continue
			}
			if u.Scheme == "http" || u.Scheme == "https" {
				if l.From != "<a href>" && l.From != "<link href>" { // canonical and feed links stay absolute
					problems = append(problems, fmt.Sprintf("%s: %s loads %s from another host", rel, l.From, raw))
				}
				continue
			}
			if strings.HasPrefix(raw, "/") {
				problems = append(problems, fmt.Sprintf("%s: %s %q is root-relative; from file:// it leaves the copy", rel, l.From, raw))
				continue
			}
			if !strings.HasPrefix(u.Path, root.Path) {
				problems = append(problems, fmt.Sprintf("%s: %s %q points outside the copy", rel, l.From, raw))
				continue
			}
			target := strings.TrimPrefix(u.Path, root.Path)
			st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(target)))
			switch {
			case err != nil:
				problems = append(problems, fmt.Sprintf("%s: %s %q: no such file %s", rel, l.From, raw, target))
			case st.IsDir():
				problems = append(problems, fmt.Sprintf("%s: %s %q is a folder; from file:// it must name index.html", rel, l.From, raw))
			case !reached[target]:
				reached[target] = true
				queue = append(queue, target)
			}
		}
	}
	return reached, problems
}

// checkZip: the archive holds every file of the offline build, with the
// same bytes, under one top folder named like the output folder.
func checkZip(t *testing.T, s site, zipPath string) {
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatalf("open %s: %v", zipPath, err)
	}
	defer zr.Close()
	top := filepath.Base(s.dir) + "/"
	var inZip []string
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, top) {
			t.Errorf("zip entry %q is not under the top folder %q", f.Name, top)
			continue
		}
		rel := strings.TrimPrefix(f.Name, top)
		inZip = append(inZip, rel)
		rc, err := f.Open()
		if err != nil {
			t.Errorf("zip entry %s: %v", f.Name, err)
			continue
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Errorf("zip entry %s: %v", f.Name, err)
			continue
		}
		want, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(rel)))
		if err != nil {
			t.Errorf("zip entry %s has no file in the build: %v", f.Name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("zip entry %s differs from the built file", f.Name)
		}
	}
	sort.Strings(inZip)
	var onDisk []string
	for _, f := range s.files(t) {
		if f != output.ManifestName {
			onDisk = append(onDisk, f)
		}
	}
	if strings.Join(inZip, "\n") != strings.Join(onDisk, "\n") {
		missing, extra := diff(onDisk, inZip)
		t.Errorf("zip holds %d files, the build %d; missing from the zip: %v; not in the build: %v", len(inZip), len(onDisk), missing, extra)
	}
	if len(inZip) < 100 {
		t.Errorf("zip holds only %d files", len(inZip))
	}
}

// diff returns what is in a and not b, and what is in b and not a.
func diff(a, b []string) (onlyA, onlyB []string) {
	inA, inB := map[string]bool{}, map[string]bool{}
	for _, x := range a {
		inA[x] = true
	}
	for _, x := range b {
		inB[x] = true
		if !inA[x] {
			onlyB = append(onlyB, x)
		}
	}
	for _, x := range a {
		if !inB[x] {
			onlyA = append(onlyA, x)
		}
	}
	return onlyA, onlyB
}
