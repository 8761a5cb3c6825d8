// Package config reads site.yaml, the site's one configuration file.
// Unknown keys and wrongly typed values are errors naming their line, because
// a misspelt key that is silently ignored is the hardest mistake to find.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // the time zone must resolve on hosts without zoneinfo

	"go.yaml.in/yaml/v3"

	"portal/internal/diag"
	"portal/internal/textutil"
)

// FileName is the configuration file's name in the site root.
const FileName = "site.yaml"

// MenuEntry is one item of a menu as written in site.yaml.
type MenuEntry struct {
	Name       string `yaml:"name"`
	URL        string `yaml:"url"`
	Page       string `yaml:"page"` // content file path, resolved to its URL
	Weight     int    `yaml:"weight"`
	Identifier string `yaml:"identifier"`
	Parent     string `yaml:"parent"`
	// Line is the entry's line in site.yaml, for messages.
	Line int `yaml:"-"`
	// lines holds the line of each of the entry's keys.
	lines map[string]int
}

// LineOf is the line in site.yaml where the entry's key is written (in
// the anchored mapping, for a key taken with "<<: *anchor"), or the
// entry's line.
func (e MenuEntry) LineOf(key string) int {
	if n, ok := e.lines[key]; ok {
		return n
	}
	return e.Line
}

// Markup holds the Markdown options.
type Markup struct {
	// UnsafeHTML passes raw HTML in Markdown through. Off by default: only
	// trusted sites should allow editors to write markup the reader runs.
	UnsafeHTML bool `yaml:"unsafeHTML"`
	// Typographer turns straight quotes and dashes into typographic ones.
	Typographer *bool `yaml:"typographer"`
}

// Check holds the rules `portal check` enforces beyond the built-in ones.
type Check struct {
	// PageBudgetKB is the most a page may transfer (HTML + CSS + JS, gzip).
	PageBudgetKB int `yaml:"pageBudgetKB"`
	// PhotoMaxKB is the most one image a page shows may weigh, as
	// published; `portal check` reports a heavier one as an error.
	PhotoMaxKB int `yaml:"photoMaxKB"`
	// RequiredData lists data values every page's footer must show, as
	// "file.field" (for example "lien-he.dien_thoai").
	RequiredData []string `yaml:"requiredData"`
	// MaxTitle and MaxDescription bound the lengths, in characters.
	MaxTitle       int `yaml:"maxTitle"`
	MaxDescription int `yaml:"maxDescription"`
}

// Language is one extra language of a multilingual site.
type Language struct {
	Name         string                 `yaml:"name"`
	Title        string                 `yaml:"title"`
	LanguageCode string                 `yaml:"languageCode"`
	Weight       int                    `yaml:"weight"`
	Menus        map[string][]MenuEntry `yaml:"menus"`
	Params       map[string]any         `yaml:"params"`
}

// Config is site.yaml, decoded and defaulted.
type Config struct {
	Title        string                 `yaml:"title"`
	BaseURL      string                 `yaml:"baseURL"`
	LanguageCode string                 `yaml:"languageCode"`
	TimeZone     string                 `yaml:"timeZone"`
	Menus        map[string][]MenuEntry `yaml:"menus"`
	Params       map[string]any         `yaml:"params"`
	Markup       Markup                 `yaml:"markup"`
	Check        Check                  `yaml:"check"`
	Languages    map[string]Language    `yaml:"languages"`

	// Location is TimeZone loaded; dates without a zone are read in it.
	Location *time.Location `yaml:"-"`
	// BasePath is the path part of BaseURL, always with leading and
	// trailing slashes ("/" or "/papi/").
	BasePath string `yaml:"-"`
}

var unknownFieldRE = regexp.MustCompile(`^line (\d+): field (\S+) not found in type (\S+)$`)

// unknownKey explains KnownFields' complaint about a key no type has,
// naming the key the editor probably meant.
func unknownKey(e string) (int, string, bool) {
	m := unknownFieldRE.FindStringSubmatch(e)
	if m == nil {
		return 0, "", false
	}
	line, _ := strconv.Atoi(m[1])
	msg := fmt.Sprintf("khoá %q không được hỗ trợ (unknown key)", m[2])
	if keys := knownKeys[m[3]]; keys != nil {
		if c := textutil.Closest(m[2], keys); c != "" {
			msg += fmt.Sprintf("; có phải ý bạn là %q?", c)
		} else {
			msg += "; các khoá ở đây: " + strings.Join(keys, ", ")
		}
	}
	return line, msg, true
}

// knownKeys lists the YAML keys of each type site.yaml decodes into, by
// the name yaml.v3 gives the type in its messages.
var knownKeys = map[string][]string{
	"config.Config":    yamlKeys(reflect.TypeFor[Config]()),
	"config.Markup":    yamlKeys(reflect.TypeFor[Markup]()),
	"config.Check":     yamlKeys(reflect.TypeFor[Check]()),
	"config.MenuEntry": yamlKeys(reflect.TypeFor[MenuEntry]()),
	"config.Language":  yamlKeys(reflect.TypeFor[Language]()),
}

func yamlKeys(t reflect.Type) []string {
	var keys []string
	for f := range t.Fields() {
		if k, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); k != "" && k != "-" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// Load reads and validates path. Every problem found is returned together.
func Load(path string) (*Config, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, diag.Errorf(FileName, 0, "không đọc được tệp cấu hình (cannot read config): %v", err)
	}
	return Parse(FileName, src)
}

// Parse decodes site.yaml text; name is used in messages.
func Parse(name string, src []byte) (*Config, error) {
	var problems diag.List
	src, err := textutil.CleanInput(src)
	if err != nil {
		problems.AddAt(name, lineOf(err), err)
		return nil, problems.Err()
	}
	cfg := &Config{}
	var root yaml.Node
	if len(bytes.TrimSpace(src)) > 0 {
		if err := yaml.Unmarshal(src, &root); err != nil {
			for _, p := range DescribeYAMLError(err, src, 1) {
				problems.Add(diag.Errorf(name, p.Line, "YAML không hợp lệ (invalid YAML): %s", p.Msg))
			}
			return nil, problems.Err()
		}
		dec := yaml.NewDecoder(bytes.NewReader(src))
		dec.KnownFields(true)
		if err := dec.Decode(cfg); err != nil {
			var te *yaml.TypeError
			if !errors.As(err, &te) {
				for _, p := range DescribeYAMLError(err, src, 1) {
					problems.Add(diag.Errorf(name, p.Line, "%s", p.Msg))
				}
			} else {
				for _, e := range te.Errors {
					if line, msg, ok := unknownKey(e); ok {
						problems.Add(diag.Errorf(name, line, "%s", msg))
						continue
					}
					for _, p := range DescribeYAMLError(&yaml.TypeError{Errors: []string{e}}, src, 1) {
						problems.Add(diag.Errorf(name, p.Line, "%s", p.Msg))
					}
				}
			}
		}
	}
	setMenuLines(&root, cfg)
	if cfg.LanguageCode == "" {
		cfg.LanguageCode = "vi"
	}
	if cfg.TimeZone == "" {
		cfg.TimeZone = "Asia/Ho_Chi_Minh"
	}
	loc, err := time.LoadLocation(cfg.TimeZone)
	if err != nil {
		problems.Add(diag.Errorf(name, keyLine(&root, "timeZone"), "múi giờ %q không tồn tại (unknown timeZone)", cfg.TimeZone))
	} else {
		cfg.Location = loc
	}
	if err := cfg.SetBaseURL(cfg.BaseURL); err != nil {
		problems.Add(diag.Errorf(name, keyLine(&root, "baseURL"), "%v", err))
	}
	if cfg.Check.MaxTitle == 0 {
		cfg.Check.MaxTitle = 70
	}
	if cfg.Check.MaxDescription == 0 {
		cfg.Check.MaxDescription = 160
	}
	if cfg.Params == nil {
		cfg.Params = map[string]any{}
	}
	cfg.Params = NormalizeMap(cfg.Params)
	if err := problems.Err(); err != nil {
		return nil, err
	}
	return cfg, nil
}

// SetBaseURL validates u and derives BasePath. An empty u means the site is
// served from the root of whatever host it lands on.
func (c *Config) SetBaseURL(u string) error {
	if u == "" {
		c.BaseURL = "/"
		c.BasePath = "/"
		return nil
	}
	parsed, err := url.Parse(u)
	// A host without a scheme ("//example.org/") or with credentials would
	// be dropped silently below, so both are refused.
	if err != nil || (parsed.Scheme != "" && parsed.Scheme != "http" && parsed.Scheme != "https") ||
		(parsed.Scheme != "" && parsed.Host == "") || (parsed.Scheme == "" && parsed.Host != "") ||
		parsed.User != nil || parsed.RawQuery != "" || parsed.Fragment != "" {
		return fmt.Errorf("baseURL %q không hợp lệ; ví dụ đúng: https://example.org/papi/ (invalid baseURL)", u)
	}
	p := parsed.EscapedPath()
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	if strings.Contains(p, "/../") || strings.Contains(p, "/./") {
		return fmt.Errorf("baseURL %q không hợp lệ: đường dẫn chứa '..' (invalid baseURL)", u)
	}
	c.BasePath = p
	if parsed.Scheme == "" {
		c.BaseURL = p
	} else {
		c.BaseURL = parsed.Scheme + "://" + parsed.Host + p
	}
	return nil
}

// LanguageInfo names one language of the site.
type LanguageInfo struct {
	Code   string
	Name   string
	Weight int
	// Prefix is "" for the default language and "CODE/" for the others.
	Prefix string
}

// AllLanguages lists the default language first, then the others by
// weight and code.
func (c *Config) AllLanguages() []LanguageInfo {
	out := []LanguageInfo{{Code: c.LanguageCode, Name: languageName(c.LanguageCode, c.Params)}}
	var rest []LanguageInfo
	for code, l := range c.Languages {
		if code == c.LanguageCode {
			continue
		}
		name := l.Name
		if name == "" {
			name = code
		}
		rest = append(rest, LanguageInfo{Code: code, Name: name, Weight: l.Weight, Prefix: code + "/"})
	}
	sort.Slice(rest, func(i, j int) bool {
		if rest[i].Weight != rest[j].Weight {
			return rest[i].Weight < rest[j].Weight
		}
		return rest[i].Code < rest[j].Code
	})
	return append(out, rest...)
}

func languageName(code string, params map[string]any) string {
	if n, ok := params["languageName"].(string); ok && n != "" {
		return n
	}
	switch code {
	case "vi":
		return "Tiếng Việt"
	case "en":
		return "English"
	}
	return code
}

// ForLanguage returns the configuration seen by pages of language code:
// its title, menus and params override the site's.
func (c *Config) ForLanguage(code string) *Config {
	l, ok := c.Languages[code]
	if !ok || code == c.LanguageCode {
		return c
	}
	cp := *c
	if l.Title != "" {
		cp.Title = l.Title
	}
	cp.LanguageCode = code
	if l.LanguageCode != "" {
		cp.LanguageCode = l.LanguageCode
	}
	if l.Menus != nil {
		cp.Menus = l.Menus
	}
	params := make(map[string]any, len(c.Params)+len(l.Params))
	for k, v := range c.Params {
		params[k] = v
	}
	for k, v := range NormalizeMap(l.Params) {
		params[k] = v
	}
	cp.Params = params
	return &cp
}

// Absolute reports whether BaseURL names a host, so permalinks can be
// absolute (feeds and sitemaps need that).
func (c *Config) Absolute() bool { return strings.Contains(c.BaseURL, "://") }

// NormalizeMap turns YAML's map[any]any values into map[string]any, all the
// way down, so templates can use dotted field access on nested values.
func NormalizeMap(m map[string]any) map[string]any {
	for k, v := range m {
		m[k] = NormalizeValue(v)
	}
	return m
}

// NormalizeValue is NormalizeMap for any decoded YAML value.
func NormalizeValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		return NormalizeMap(t)
	case map[any]any:
		out := make(map[string]any, len(t))
		for k, vv := range t {
			out[fmt.Sprint(k)] = NormalizeValue(vv)
		}
		return out
	case []any:
		for i := range t {
			t[i] = NormalizeValue(t[i])
		}
		return t
	}
	return v
}

// setMenuLines records where each menu entry is written, and each of its
// keys, for the site's menus and each language's.
func setMenuLines(doc *yaml.Node, cfg *Config) {
	if len(doc.Content) == 0 {
		return
	}
	top := doc.Content[0]
	setEntryLines(mappingValue(top, "menus"), cfg.Menus)
	langs := mappingValue(top, "languages")
	for code, l := range cfg.Languages {
		setEntryLines(mappingValue(mappingValue(langs, code), "menus"), l.Menus)
	}
}

// setEntryLines records the lines of the entries of menus, as written in
// node ms ("main: [...]" and so on).
func setEntryLines(ms *yaml.Node, menus map[string][]MenuEntry) {
	if ms == nil {
		return
	}
	for name, entries := range menus {
		list := mappingValue(ms, name)
		if list == nil || list.Kind != yaml.SequenceNode {
			continue
		}
		for k, item := range list.Content {
			if k < len(entries) {
				entries[k].Line = item.Line
				entries[k].lines = KeyLines(item)
			}
		}
	}
}

// mappingValue is the value of key in mapping node m, through aliases and
// merge keys; nil when there is none.
func mappingValue(m *yaml.Node, key string) *yaml.Node {
	for m != nil && m.Kind == yaml.AliasNode {
		m = m.Alias
	}
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	var merged *yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		for v.Kind == yaml.AliasNode && v.Alias != nil {
			v = v.Alias
		}
		switch {
		case k.Tag == mergeTag && merged == nil:
			if v.Kind == yaml.SequenceNode {
				for _, item := range v.Content {
					if merged = mappingValue(item, key); merged != nil {
						break
					}
				}
			} else {
				merged = mappingValue(v, key)
			}
		case k.Tag != mergeTag && k.Value == key:
			return v
		}
	}
	return merged
}

// keyLine is the line of a top-level key in a parsed document, 0 when the
// key is absent, so value checks made after decoding still name a line.
func keyLine(doc *yaml.Node, key string) int {
	if len(doc.Content) == 0 {
		return 0
	}
	return KeyLines(doc.Content[0])[key]
}

// mergeTag is the tag yaml.v3 gives the key of a merge ("<<: *defaults").
const mergeTag = "!!merge"

// KeyLines returns the line of each key of mapping node m (nil when m is
// not a mapping). Keys m takes from merge keys ("<<: *defaults") are at
// the line where they are written, in the anchored mapping: that is
// where a bad value must be fixed, not at the mapping's first line. As
// YAML decodes a merge, a key written in m wins over a merged one, and
// an earlier mapping in "<<: [*a, *b]" over a later one.
func KeyLines(m *yaml.Node) map[string]int {
	lines := map[string]int{}
	keyLines(m, lines, 0)
	if len(lines) == 0 {
		return nil
	}
	return lines
}

func keyLines(m *yaml.Node, lines map[string]int, depth int) {
	for m != nil && m.Kind == yaml.AliasNode {
		m = m.Alias
	}
	// yaml.v3 refuses documents whose aliases nest without end, so the
	// bound only keeps a hand-made node from recursing forever.
	if m == nil || m.Kind != yaml.MappingNode || depth > 32 {
		return
	}
	var merges []*yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if k.Tag == mergeTag {
			merges = append(merges, m.Content[i+1])
			continue
		}
		if _, ok := lines[k.Value]; !ok {
			lines[k.Value] = k.Line
		}
	}
	for _, v := range merges {
		for v != nil && v.Kind == yaml.AliasNode {
			v = v.Alias
		}
		if v != nil && v.Kind == yaml.SequenceNode {
			for _, item := range v.Content {
				keyLines(item, lines, depth+1)
			}
			continue
		}
		keyLines(v, lines, depth+1)
	}
}

func lineOf(err error) int {
	if ie, ok := err.(*textutil.InputError); ok {
		return ie.Line
	}
	return 0
}
