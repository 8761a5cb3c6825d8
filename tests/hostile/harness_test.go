// Package hostile builds small sites made of the mistakes editors make and
// the inputs attackers try, and checks that every one either fails the
// build with the file and line of the mistake, or builds into exactly the
// expected, harmless output.
package hostile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"portal/internal/build"
	"portal/internal/diag"
)

const baseSite = "../../internal/testkit/testdata/small"

// copyTree copies the files below from into to, keeping relative paths.
func copyTree(t testing.TB, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatalf("copy %s: %v", from, err)
	}
}

// writeFile writes text at rel below root, creating folders.
func writeFile(t testing.TB, root, rel string, data []byte) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// readTree returns every file below dir by slash path, with its bytes and
// mode, so a comparison also sees a file that was only re-written.
func readTree(t testing.TB, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			files[filepath.ToSlash(rel)+"/"] = ""
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		st, err := os.Lstat(p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = st.Mode().String() + "\n" + string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func treeDiff(a, b map[string]string) []string {
	var diffs []string
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			diffs = append(diffs, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			diffs = append(diffs, k)
		}
	}
	sort.Strings(diffs)
	return diffs
}

// newSite copies the base site and the case's overlay into a fresh folder.
func newSite(t testing.TB, overlay string) (src, dest string) {
	t.Helper()
	dir := t.TempDir()
	src, dest = filepath.Join(dir, "site"), filepath.Join(dir, "public")
	copyTree(t, baseSite, src)
	if overlay != "" {
		copyTree(t, filepath.Join("testdata/cases", overlay), src)
	}
	return src, dest
}

// buildSite builds src into dest and reports how long it took.
func buildSite(src, dest string, minify bool) (*build.Result, error, time.Duration) {
	start := time.Now()
	res, err := build.Build(build.Options{Source: src, Dest: dest, NoMinify: !minify,
		Now: time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC), Workers: 2})
	return res, err, time.Since(start)
}

// problemsOf returns the error-level problems of a failed build, formatted
// as the command line prints them.
func problemsOf(t testing.TB, err error) []string {
	t.Helper()
	var failed *build.Failed
	if !errors.As(err, &failed) {
		t.Fatalf("build error is not a list of problems in the sources: %v", err)
	}
	var out []string
	for _, p := range failed.Problems {
		if p.Level == diag.Error {
			out = append(out, p.Error())
		}
	}
	return out
}

// want is one expected problem: its exact "file:line:" location (or
// "file:" for problems without a line) and a phrase of its message.
type want struct {
	loc    string
	phrase string
}

// matchProblems checks that got holds exactly the wanted problems, each
// once, each starting with its location and containing its phrase.
func matchProblems(t testing.TB, got []string, wants []want) {
	t.Helper()
	used := make([]bool, len(got))
	for _, w := range wants {
		found := false
		for i, g := range got {
			if !used[i] && strings.HasPrefix(g, w.loc+" ") && strings.Contains(g, w.phrase) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("no problem %q … %q among:\n  %s", w.loc, w.phrase, strings.Join(got, "\n  "))
		}
	}
	for i, g := range got {
		if !used[i] {
			t.Errorf("unexpected problem: %s", g)
		}
	}
}

func readOut(t testing.TB, dest, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatalf("output %s: %v", rel, err)
	}
	return string(b)
}

func mustContain(t testing.TB, s, sub, what string) {
	t.Helper()
	if !strings.Contains(s, sub) {
		if len(s) > 3000 {
			s = s[:3000] + "…"
		}
		t.Errorf("%s: missing %q in:\n%s", what, sub, s)
	}
}

func mustNotContain(t testing.TB, s, sub, what string) {
	t.Helper()
	if strings.Contains(s, sub) {
		t.Errorf("%s: unexpected %q", what, sub)
	}
}
