// Package hostile builds small sites made of the mistakes editors make and
// the inputs attackers try, and checks that every one either fails the
// build with the file and line of the mistake, or builds into exactly the
// expected, harmless output.
package hostile

import (
	"errors"
	"strings"
	"testing"
	"time"

	"portal/internal/build"
	"portal/internal/diag"
)

// buildSite builds src into dest as of a fixed day and reports how long
// it took.
func buildSite(src, dest string, minify bool) (time.Duration, error) {
	_, took, err := buildResult(src, dest, minify)
	return took, err
}

// buildResult is buildSite, also returning the build's result.
func buildResult(src, dest string, minify bool) (*build.Result, time.Duration, error) {
	return buildWith(build.Options{Source: src, Dest: dest, NoMinify: !minify})
}

// buildWith builds with opts on two workers, as of a fixed day unless
// opts says another.
func buildWith(opts build.Options) (*build.Result, time.Duration, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	}
	opts.Workers = 2
	start := time.Now()
	res, err := build.Build(opts)
	return res, time.Since(start), err
}

// warningsOf returns the warnings of a build, successful (res) or failed
// (err), formatted as the command line prints them.
func warningsOf(res *build.Result, err error) []string {
	var ps []*diag.Problem
	var failed *build.Failed
	switch {
	case errors.As(err, &failed):
		ps = failed.Problems
	case res != nil:
		ps = res.Warnings
	}
	var out []string
	for _, p := range ps {
		if p.Level == diag.Warning {
			out = append(out, p.Error())
		}
	}
	return out
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

// mistakesOf returns the editors' mistakes of a failed build: its
// error-level problems that are not causes, formatted as printed.
func mistakesOf(t testing.TB, err error) []string {
	t.Helper()
	var failed *build.Failed
	if !errors.As(err, &failed) {
		t.Fatalf("build error is not a list of problems in the sources: %v", err)
	}
	var out []string
	for _, p := range failed.Mistakes() {
		out = append(out, p.Error())
	}
	return out
}

// matchCause checks that a failed build reports exactly one cause, that
// it contains phrase, and that the build's message starts with it.
func matchCause(t testing.TB, err error, phrase string) {
	t.Helper()
	var failed *build.Failed
	if !errors.As(err, &failed) {
		t.Fatalf("build error is not a list of problems in the sources: %v", err)
	}
	causes := failed.Causes()
	if len(causes) != 1 || !strings.Contains(causes[0].Error(), phrase) {
		t.Errorf("causes %v; want one with %q", causes, phrase)
	}
	first, _, _ := strings.Cut(err.Error(), "\n")
	if !strings.HasPrefix(first, diag.CausePrefix) || !strings.Contains(first, phrase) {
		t.Errorf("first line %q; want the cause, with %q", first, phrase)
	}
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
