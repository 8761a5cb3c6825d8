package content

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"portal/internal/corpus"
)

// sameAsYAML fails unless text is decoded by the fast path exactly as
// yaml.v3 decodes it; it reports whether the fast path took it.
func sameAsYAML(t *testing.T, text string) bool {
	t.Helper()
	fast, ok := decodeSimpleYAML([]byte(text))
	if !ok {
		return false
	}
	full, _, probs := decodeYAMLFull([]byte(text), 1)
	if len(probs) > 0 {
		t.Fatalf("fast path accepted %q, yaml.v3 refuses it: %v", text, probs)
	}
	if !reflect.DeepEqual(fast, full) {
		t.Fatalf("%q: fast path = %#v, yaml.v3 = %#v", text, fast, full)
	}
	return true
}

func TestSimpleYAML(t *testing.T) {
	tests := []struct {
		text string
		want map[string]any // nil: left to yaml.v3
	}{
		{"title: \"Rà soát nhiệm vụ (phần 2)\"\n", map[string]any{"title": "Rà soát nhiệm vụ (phần 2)"}},
		{"title: \"a\"\ndate: 2023-02-24T14:55:00+07:00\ntags: [\"trẻ em\", \"khu dân cư\"]\nweight: 68\ndraft: false",
			map[string]any{"title": "a", "date": "2023-02-24T14:55:00+07:00", "tags": []any{"trẻ em", "khu dân cư"}, "weight": 68, "draft": false}},
		{"date: 2023-02-08\nlastmod: 2023-02-08T10:00:00Z\nexpiryDate: 2023-13-45\n", map[string]any{"date": "2023-02-08", "lastmod": "2023-02-08T10:00:00Z", "expiryDate": "2023-13-45"}},
		{"tags: []\naliases: [\"/cu/\"]\nn: -12\nz: 0\nsearch: true\n", map[string]any{"tags": []any{}, "aliases": []any{"/cu/"}, "n": -12, "z": 0, "search": true}},
		{"title: \"  spaces kept # not a comment: \"\n", map[string]any{"title": "  spaces kept # not a comment: "}},
		{"x_y-z: \"\"\n", map[string]any{"x_y-z": ""}},
		// Left to yaml.v3.
		{"title: a\n", nil},                     // plain string
		{"title: \"a\" # note\n", nil},          // comment
		{"title: \"a\\tb\"\n", nil},             // escape
		{"title: \"a\"\ntitle: \"b\"\n", nil},   // duplicate key
		{"title: \"a\"\n\nx: 1\n", nil},         // blank line
		{"title:  \"a\"\n", nil},                // two spaces
		{"title : \"a\"\n", nil},                // space before colon
		{"tags:\n  - a\n", nil},                 // block list
		{"tags: [\"a\",\"b\"]\n", nil},          // spacing in a list
		{"tags: [a, b]\n", nil},                 // plain items
		{"weight: 010\n", nil},                  // leading zero
		{"weight: 1_000\n", nil},                // underscore
		{"weight: +5\n", nil},                   // sign
		{"weight: 1.5\n", nil},                  // float
		{"weight: 12345678901\n", nil},          // long
		{"draft: yes\n", nil},                   // YAML 1.1 boolean
		{"draft: True\n", nil},                  // other spelling
		{"true: \"x\"\n", nil},                  // boolean key
		{"null: \"x\"\n", nil},                  // null key
		{"title: \"a\u2028b\"\n", nil},          // line separator
		{"title: \"a\u0085b\"\n", nil},          // NEL
		{"title: \"\ufeffa\"\n", nil},           // BOM
		{"title: \"😀\"\n", nil},                 // outside U+D7FF
		{"title: \"a\x7fb\"\n", nil},            // DEL
		{"date: 2023-1-2\n", nil},               // short date
		{"date: 2023-02-08 10:00:00\n", nil},    // space-separated time
		{"date: 2023-02-08T10:00:00.5Z\n", nil}, // fraction
		{"title: \"a\"\r\n", nil},               // carriage return
		{"title: \"a\" \n", nil},                // trailing space
		{"- a\n", nil},                          // not a mapping
		{"title: \"a\"\n  more: 1\n", nil},      // indentation
	}
	for _, tc := range tests {
		got, ok := decodeSimpleYAML([]byte(tc.text))
		if tc.want == nil {
			if ok {
				t.Errorf("%q: fast path took it: %#v", tc.text, got)
			}
			continue
		}
		if !ok || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: fast path = %#v, %v; want %#v", tc.text, got, ok, tc.want)
		}
		sameAsYAML(t, tc.text)
	}
}

// TestSimpleYAMLMatchesYAML decodes random front matter, mostly in the
// fast path's form with small deviations, both ways.
func TestSimpleYAMLMatchesYAML(t *testing.T) {
	keys := []string{"title", "date", "tags", "weight", "draft", "x-y", "_k", "Title", "true", "True", "null", "y", "on", "k9",
		"title", "date", strings.Repeat("k", 64), strings.Repeat("k", 65), "a b", "9a", "-a", "é"}
	seps := []string{": ", ": ", ": ", ":  ", ":", " : ", ":\t", ": \t"}
	strs := []string{"a", "", " ", "Rà soát (phần 2)", "a: b", "# x", "a\\nb", "a\\\"b", "'", "a\tb", "\u00a0", "\u2028", "\u2029",
		"\ufeff", "\u0085", "😀", "\ud7ff", "\ue000", "\x7f", "\x1f", "'x'", "[x]", "{x}", "*a", "&a", "!x", "%", "@", "`", "–—“”…", "ạ\u0302"}
	values := func(r *rand.Rand) string {
		q := func() string { return "\"" + strs[r.IntN(len(strs))] + strs[r.IntN(len(strs))] + "\"" }
		switch r.IntN(12) {
		case 0, 1, 2:
			return q()
		case 3:
			var items []string
			for range r.IntN(4) {
				items = append(items, q())
			}
			return "[" + strings.Join(items, []string{", ", ",", " , ", ",  "}[r.IntN(4)]) + "]"
		case 4:
			return []string{"0", "7", "-12", "68", "010", "-0", "+5", "1_000", "123456789", "1234567890", "1.5", "1e3", "0x1F", "0o17", ".5", "-", "--1"}[r.IntN(17)]
		case 5:
			return []string{"true", "false", "True", "FALSE", "yes", "no", "on", "y", "n", "null", "~", ""}[r.IntN(12)]
		case 6:
			return []string{"2023-02-08", "2023-02-24T14:55:00+07:00", "2023-02-08T10:00:00Z", "2023-13-45", "2023-1-2", "2023-02-08 10:00",
				"2023-02-08T10:00:00.5Z", "2023-02-08T10:00:00+0700", "2023-02-08t10:00:00Z", "0000-00-00T99:99:99-99:99", "2023-02-08T10:00"}[r.IntN(11)]
		case 7:
			return strs[r.IntN(len(strs))]
		case 8:
			return q() + []string{" ", " # c", "x", "\"", ","}[r.IntN(5)]
		case 9:
			return "\"" + strs[r.IntN(len(strs))]
		case 10:
			return "[" + q() + "]" + []string{"", " ", "]", ","}[r.IntN(4)]
		}
		return "{a: " + q() + "}"
	}
	good := []string{"title", "description", "date", "lastmod", "publishDate", "expiryDate", "tags", "aliases", "weight", "draft", "x-y"}
	goodValue := func(r *rand.Rand) string {
		for {
			v := values(r)
			if _, ok := simpleValue("date", []byte(v)); ok {
				return v
			}
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	taken := 0
	const rounds = 30000
	for range rounds {
		var b strings.Builder
		for range 1 + r.IntN(5) {
			if r.IntN(30) == 0 {
				b.WriteString([]string{"", "  - x", "# c", "---", " title: \"a\""}[r.IntN(5)] + "\n")
				continue
			}
			if r.IntN(10) < 8 {
				// in the fast path's form, mostly
				b.WriteString(good[r.IntN(len(good))] + ": " + goodValue(r) + "\n")
				continue
			}
			b.WriteString(keys[r.IntN(len(keys))] + seps[r.IntN(len(seps))] + values(r))
			b.WriteString([]string{"\n", "\n", "\n", "\r\n", ""}[r.IntN(5)])
		}
		if sameAsYAML(t, b.String()) {
			taken++
		}
	}
	// The generator must exercise both paths.
	if taken < rounds/20 || taken > rounds*9/10 {
		t.Errorf("fast path took %d of %d texts", taken, rounds)
	}
}

// TestSimpleYAMLCorpus checks that the fast path takes the front matter
// of generated pages, and decodes it as yaml.v3 does.
func TestSimpleYAMLCorpus(t *testing.T) {
	root := t.TempDir()
	if _, err := corpus.Generate(corpus.Options{Pages: 300, Seed: 1, Out: root}); err != nil {
		t.Fatal(err)
	}
	n := 0
	err := filepath.WalkDir(filepath.Join(root, "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !IsMarkdown(p) {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fm, _, _, err := Split(src)
		if err != nil {
			return err
		}
		if !sameAsYAML(t, string(fm)) {
			t.Errorf("%s: fast path refused %q", p, fm)
		}
		n++
		return nil
	})
	if err != nil || n < 300 {
		t.Fatalf("walked %d pages: %v", n, err)
	}
}

// TestLineKey compares lineKey with the regular expression it replaces.
func TestLineKey(t *testing.T) {
	re := regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_-]*)\s*:`)
	pieces := []string{"a", "Z", "_", "9", "-", ":", " ", "\t", "\v", "\f", "\r", "\n", "é", "x", "\"", "#"}
	r := rand.New(rand.NewPCG(5, 6))
	for range 100000 {
		var b []byte
		for range r.IntN(8) {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		var want []byte
		if m := re.FindSubmatch(b); m != nil {
			want = m[1]
		}
		if got := lineKey(b); string(got) != string(want) || (got == nil) != (want == nil) {
			t.Fatalf("lineKey(%q) = %q, want %q", b, got, want)
		}
	}
}

// FuzzSimpleYAML: whatever the fast path accepts, yaml.v3 decodes the
// same way.
func FuzzSimpleYAML(f *testing.F) {
	for _, s := range []string{"title: \"a\"\ndate: 2023-02-08\ntags: [\"x\", \"y\"]\nweight: 5\ndraft: true\n", "n: -0\n", "k: []\n", "t: \"\u00a0\"\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sameAsYAML(t, s)
	})
}
