package publish

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"portal/internal/testkit"
)

// i18nKeys reads layouts/i18n/LANG.yaml.
func i18nKeys(t *testing.T, lang string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testkit.Root(t), "layouts", "i18n", lang+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	if err := yaml.Unmarshal(b, &m); err != nil {
		t.Fatalf("layouts/i18n/%s.yaml: %v", lang, err)
	}
	return m
}

// usedKeyRE finds {{ T "key" }} and {{ i18n "key" }} in layouts.
var usedKeyRE = regexp.MustCompile(`\b(?:T|i18n) "([a-zA-Z0-9_]+)"`)

// TestI18nComplete: vi.yaml and en.yaml have the same keys, none empty, and
// every key a layout asks for is in both (the callout shortcode builds
// callout_TYPE from its three types).
func TestI18nComplete(t *testing.T) {
	vi, en := i18nKeys(t, "vi"), i18nKeys(t, "en")
	for k, v := range vi {
		if _, ok := en[k]; !ok {
			t.Errorf("en.yaml lacks %q (vi: %q)", k, v)
		}
		if strings.TrimSpace(v) == "" {
			t.Errorf("vi.yaml: %q is empty", k)
		}
	}
	for k, v := range en {
		if _, ok := vi[k]; !ok {
			t.Errorf("vi.yaml lacks %q (en: %q)", k, v)
		}
		if strings.TrimSpace(v) == "" {
			t.Errorf("en.yaml: %q is empty", k)
		}
	}
	used := map[string][]string{}
	for _, typ := range []string{"note", "info", "warning"} {
		used["callout_"+typ] = append(used["callout_"+typ], "layouts/shortcodes/callout.html")
	}
	layouts := filepath.Join(testkit.Root(t), "layouts")
	err := filepath.WalkDir(layouts, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".html" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(layouts, p)
		for _, m := range usedKeyRE.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = append(used[m[1]], rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(used) < 20 {
		t.Fatalf("found only %d keys used in layouts; the pattern no longer matches how layouts call T", len(used))
	}
	keys := make([]string, 0, len(used))
	for k := range used {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, ok := vi[k]; !ok {
			t.Errorf("vi.yaml lacks %q, used in %v", k, used[k])
		}
		if _, ok := en[k]; !ok {
			t.Errorf("en.yaml lacks %q, used in %v", k, used[k])
		}
	}
}
