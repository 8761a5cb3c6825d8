// Package content reads the site's sources: Markdown files with YAML front
// matter under content/, and the data files under data/.
package content

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"portal/internal/config"
	"portal/internal/diag"
	"portal/internal/textutil"
)

// FrontMatter is a page's YAML header, decoded and checked.
type FrontMatter struct {
	Title       string
	Description string
	Summary     string
	Slug        string
	URL         string
	Layout      string
	Date        time.Time
	Lastmod     time.Time
	PublishDate time.Time
	ExpiryDate  time.Time
	Draft       bool
	Weight      int
	Aliases     []string
	Tags        []string
	// Search is false when the page asked to stay out of the search index.
	Search bool
	// TOC is set when the page asks for (true) or against (false) a table
	// of contents; nil leaves the choice to the layout.
	TOC *bool
	// TranslationKey links translations whose paths differ.
	TranslationKey string
	// Status is StatusInForce (also when the page says nothing) or
	// StatusOutOfForce: the page stays published, with a banner, but
	// leaves its section's lists for the section's archive.
	Status string
	// OutOfForceFrom is ngay_het_hieu_luc, the first day the page is no
	// longer in force; required with StatusOutOfForce.
	OutOfForceFrom time.Time
	// ReplacedBy is thay_the_boi as written: a link to the page or
	// document that replaced this one, resolved by the site like a link.
	ReplacedBy string
	// Params holds every key, known or not, for templates.
	Params map[string]any
	// Lines maps each top-level key to its line in the file.
	Lines map[string]int
}

// Line returns the file line of key, or the front matter's first line.
func (fm *FrontMatter) Line(key string) int {
	if n, ok := fm.Lines[key]; ok {
		return n
	}
	return 1
}

// The values of "status". The names are the Vietnamese words folded, as
// slugs are, so an editor may also write "Hết hiệu lực".
const (
	StatusInForce    = "con-hieu-luc"
	StatusOutOfForce = "het-hieu-luc"
)

// Front matter keys of the in-force state, as editors write them.
const (
	KeyStatus         = "status"
	KeyOutOfForceFrom = "ngay_het_hieu_luc"
	KeyReplacedBy     = "thay_the_boi"
)

var viDateRE = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$`)

// lineKey returns the top-level key a front matter line starts, matching
// ^([A-Za-z_][A-Za-z0-9_-]*)\s*: without a regular expression, which cost
// more than the rest of reading the line; nil when there is none.
func lineKey(l []byte) []byte {
	i := 0
	for i < len(l) {
		c := l[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || i > 0 && (c >= '0' && c <= '9' || c == '-') {
			i++
			continue
		}
		break
	}
	if i == 0 {
		return nil
	}
	j := i
	for j < len(l) && (l[j] == ' ' || l[j] == '\t' || l[j] == '\n' || l[j] == '\f' || l[j] == '\r') {
		j++
	}
	if j < len(l) && l[j] == ':' {
		return l[:i]
	}
	return nil
}

// Split separates front matter from the body. It returns the YAML text,
// the body, and the 1-based line on which the body starts. A file without
// front matter is an error: every page needs at least a title.
func Split(src []byte) (fm, body []byte, bodyLine int, err error) {
	if !bytes.HasPrefix(src, []byte("---")) || !isFence(firstLine(src)) {
		return nil, nil, 0, fmt.Errorf("thiếu phần đầu trang (front matter): tệp phải bắt đầu bằng một dòng '---', rồi 'title: ...', rồi '---'")
	}
	rest := src[len(firstLine(src)):]
	if len(rest) > 0 && rest[0] == '\n' {
		rest = rest[1:]
	}
	line := 2
	off := 0
	for off < len(rest) {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		if end < 0 {
			l = rest[off:]
			end = len(rest) - off
		} else {
			l = rest[off : off+end]
		}
		if isFence(l) {
			bodyStart := off + end + 1
			if bodyStart > len(rest) {
				bodyStart = len(rest)
			}
			return rest[:off], rest[bodyStart:], line + 1, nil
		}
		off += end + 1
		line++
	}
	return nil, nil, 0, &unclosedError{}
}

type unclosedError struct{}

func (*unclosedError) Error() string {
	return "phần đầu trang (front matter) mở bằng '---' nhưng không có dòng '---' đóng lại"
}

func firstLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i]
	}
	return b
}

func isFence(l []byte) bool {
	return string(bytes.TrimRight(l, " \t")) == "---"
}

// ParseFrontMatter decodes the YAML text of file's front matter. firstLine
// is the file line of the YAML's first line, so messages point at the
// editor's line. All problems are returned together.
func ParseFrontMatter(file string, yamlText []byte, firstLine int, loc *time.Location) (*FrontMatter, []*diag.Problem) {
	fm := &FrontMatter{Search: true, Lines: map[string]int{}}
	for i, l := range bytes.Split(yamlText, []byte("\n")) {
		if k := lineKey(l); k != nil {
			if _, dup := fm.Lines[string(k)]; !dup {
				fm.Lines[string(k)] = firstLine + i
			}
		}
	}
	if lp := lookalikeProblems(file, yamlText, firstLine); lp != nil {
		// YAML reads such a line as another key, or not at all: what it
		// would say instead is about a mistake the editor cannot see.
		return nil, lp
	}
	raw, merged, yprobs := decodeYAML(yamlText, firstLine)
	// A key taken with "<<: *anchor" is written in the anchored mapping:
	// its mistakes are on that line, not on the page's first.
	for k, n := range merged {
		if _, ok := fm.Lines[k]; !ok {
			fm.Lines[k] = n
		}
	}
	if yprobs != nil {
		var probs []*diag.Problem
		for _, yp := range yprobs {
			line := yp.Line
			if line == 0 {
				line = firstLine
			}
			probs = append(probs, diag.Errorf(file, line, "YAML không hợp lệ trong phần đầu trang (invalid YAML): %s", yp.Msg))
		}
		return nil, probs
	}
	fm.Params = config.NormalizeMap(raw)
	var probs []*diag.Problem
	bad := func(key, format string, args ...any) {
		probs = append(probs, diag.Errorf(file, fm.Line(key), "%s: %s", key, fmt.Sprintf(format, args...)))
	}
	var raws map[string][]string
	rawScalars := func() map[string][]string {
		if raws == nil {
			raws = scalarTexts(yamlText)
		}
		return raws
	}
	// notOneValue reports a list or a mapping under a key that takes one
	// value: "- …" lines or deeper-indented lines below "title:".
	notOneValue := func(key, want string, v any) bool {
		switch v.(type) {
		case []any, map[string]any:
			bad(key, "cần %s, không phải %s: khoá này chỉ nhận một giá trị; hãy viết “%s: giá trị” trên một dòng, bỏ các dòng “- …” hoặc các dòng thụt lề bên dưới (list where a value is expected)", want, typeName(v), key)
			return true
		}
		return false
	}
	str := func(key string, dst *string) {
		v, ok := fm.Params[key]
		if !ok || v == nil {
			return
		}
		switch t := v.(type) {
		case string:
			*dst = t
		case int, int64, uint64, float64, bool:
			// "title: 1.10" is shown as typed, not as the number 1.1.
			if r, ok := rawScalars()[key]; ok && len(r) == 1 {
				*dst = r[0]
			} else {
				*dst = fmt.Sprint(t)
			}
		default:
			if !notOneValue(key, "một chuỗi văn bản", v) {
				bad(key, "cần một chuỗi văn bản, không phải %s (expected a string)", typeName(v))
			}
		}
	}
	str("title", &fm.Title)
	str("description", &fm.Description)
	str("summary", &fm.Summary)
	str("slug", &fm.Slug)
	str("url", &fm.URL)
	str("layout", &fm.Layout)
	str("translationKey", &fm.TranslationKey)
	str(KeyReplacedBy, &fm.ReplacedBy)
	fm.ReplacedBy = strings.TrimSpace(fm.ReplacedBy)
	fm.Title = strings.TrimSpace(fm.Title)
	// A title of the wrong type was reported by str; calling it missing
	// too would report one mistake twice.
	titleWrongType := len(probs) > 0 && strings.HasPrefix(probs[len(probs)-1].Msg, "title:")
	if fm.Title == "" && !titleWrongType {
		probs = append(probs, diag.Errorf(file, fm.Line("title"), "thiếu tiêu đề: hãy thêm dòng 'title: \"Tiêu đề trang\"' (title is required)"))
	}
	for _, d := range []struct {
		key string
		dst *time.Time
	}{{"date", &fm.Date}, {"lastmod", &fm.Lastmod}, {"publishDate", &fm.PublishDate}, {"expiryDate", &fm.ExpiryDate}, {KeyOutOfForceFrom, &fm.OutOfForceFrom}} {
		v, ok := fm.Params[d.key]
		if !ok || v == nil {
			continue
		}
		if notOneValue(d.key, "một ngày", v) {
			continue
		}
		t, err := ParseDate(v, loc)
		if err != nil {
			bad(d.key, "%v", err)
			continue
		}
		*d.dst = t
		fm.Params[d.key] = t
	}
	boolean := func(key string, dst *bool) bool {
		v, ok := fm.Params[key]
		if !ok || v == nil {
			return false
		}
		b, ok := v.(bool)
		if !ok && notOneValue(key, "true hoặc false", v) {
			return false
		}
		if !ok {
			bad(key, "cần true hoặc false, không phải %q (expected true or false)", fmt.Sprint(v))
			return false
		}
		*dst = b
		return true
	}
	boolean("draft", &fm.Draft)
	boolean("search", &fm.Search)
	var toc bool
	if boolean("toc", &toc) {
		fm.TOC = &toc
	}
	if v, ok := fm.Params["weight"]; ok && v != nil {
		switch t := v.(type) {
		case int:
			fm.Weight = t
		case []any, map[string]any:
			notOneValue("weight", "một số nguyên", v)
		default:
			bad("weight", "cần một số nguyên, ví dụ 'weight: 10', không phải %q (expected an integer)", fmt.Sprint(v))
		}
	}
	list := func(key string, dst *[]string) {
		v, ok := fm.Params[key]
		if !ok || v == nil {
			return
		}
		items, ok := v.([]any)
		if !ok {
			bad(key, "cần một danh sách, ví dụ '%s: [\"a\", \"b\"]', không phải %s (expected a list)", key, typeName(v))
			return
		}
		for i, it := range items {
			switch s := it.(type) {
			case string:
				if strings.TrimSpace(s) != "" {
					*dst = append(*dst, strings.TrimSpace(s))
				}
			case int, int64, uint64, float64, bool:
				if r := rawScalars()[key]; len(r) == len(items) {
					*dst = append(*dst, r[i])
				} else {
					*dst = append(*dst, fmt.Sprint(s))
				}
			default:
				bad(key, "mỗi mục phải là một chuỗi văn bản, không phải %s (expected strings)", typeName(it))
				return
			}
		}
	}
	list("aliases", &fm.Aliases)
	list("tags", &fm.Tags)
	probs = append(probs, fm.checkStatus(file)...)
	for k := range fm.Params {
		if engineKeys[k] {
			continue
		}
		// Only a near miss of portal's own keys: a site's layouts read
		// keys of their own (so_hieu…), which portal cannot know. Keys of
		// three letters or fewer are left alone: one letter makes another
		// word of them ("goc", "tag"), not a typing mistake.
		if utf8.RuneCountInString(k) < 4 {
			continue
		}
		// Nor a key the page writes beside the one it is near (date and
		// dates, title and titles), or one that extends it after _ or -
		// (description_en, title-goc): both are keys of the page's own.
		if near := textutil.Closest(k, engineKeyList); near != "" && !hasKey(fm.Params, k, near) && !extendsKey(k, near) {
			bad(k, "khoá %q không có; có phải ý bạn là %q? Khoá gõ sai bị bỏ qua, nên trang không làm điều bạn muốn (ví dụ “draf: true” không giữ trang là bản nháp) (unknown front matter key)", k, near)
		}
	}
	sort.SliceStable(probs, func(i, j int) bool { return probs[i].Line < probs[j].Line })
	return fm, probs
}

// hasKey reports whether params holds key itself and k differs from it
// by more than case (Draft beside draft is still a mistake).
func hasKey(params map[string]any, k, key string) bool {
	_, ok := params[key]
	return ok && !strings.EqualFold(k, key)
}

// extendsKey reports whether k is key followed by _ or - and more.
func extendsKey(k, key string) bool {
	return len(k) > len(key)+1 && strings.EqualFold(k[:len(key)], key) && (k[len(key)] == '_' || k[len(key)] == '-')
}

// engineKeyList holds the front matter keys portal itself reads; a key
// one typing mistake away from one of them is reported.
var engineKeyList = []string{"title", "description", "summary", "slug", "url", "layout", "translationKey",
	"date", "lastmod", "publishDate", "expiryDate", "draft", "search", "toc", "weight", "aliases", "tags",
	"sitemap", KeyStatus, KeyOutOfForceFrom, KeyReplacedBy}

var engineKeys = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range engineKeyList {
		m[k] = true
	}
	return m
}()

// blockScalar reports whether a line ("key: |", "key: >-", "- |2") starts
// a YAML block scalar, whose following, deeper lines are its text.
func blockScalar(t []byte) bool {
	t = bytes.TrimSpace(t)
	if c := bytes.Index(t, []byte(" #")); c >= 0 {
		t = bytes.TrimSpace(t[:c])
	}
	i := max(bytes.LastIndex(t, []byte(": ")), bytes.LastIndex(t, []byte("- ")))
	if i >= 0 {
		t = t[i+2:]
	}
	t = bytes.TrimSpace(t)
	if len(t) == 0 || t[0] != '|' && t[0] != '>' {
		return false
	}
	return len(bytes.Trim(t[1:], "+-0123456789")) == 0
}

// oddSpaces are the spaces an editor cannot tell from a space, pasted from
// Word or a web page; in a key YAML takes them as part of its name.
var oddSpaces = []rune{'\u00a0', '\u2007', '\u202f', '\u200b', '\u3000', '\ufeff'}

// lookalikeProblems finds what looks right in the editor and is not to
// YAML: an odd space in a key or right after its colon, and a value
// wrapped in typographic quotes (“…”), which YAML keeps as text, so the
// page shows them. Most front matter has neither: one byte scan decides.
func lookalikeProblems(file string, yamlText []byte, firstLine int) []*diag.Problem {
	if !bytes.Contains(yamlText, []byte("\xe2\x80")) && !bytes.Contains(yamlText, []byte("\xc2\xa0")) &&
		!bytes.Contains(yamlText, []byte("\xe3\x80\x80")) && !bytes.Contains(yamlText, []byte("\xef\xbb\xbf")) {
		return nil
	}
	var probs []*diag.Problem
	// The indentation of the key whose block scalar (| or >) holds the
	// lines that follow, or -1: those lines are text, where “…” and
	// "- “…”" are the editor's own punctuation.
	block := -1
	for i, l := range bytes.Split(yamlText, []byte("\n")) {
		t := bytes.TrimLeft(l, " ")
		indent := len(l) - len(t)
		if block >= 0 {
			if len(bytes.TrimSpace(t)) == 0 || indent > block {
				continue
			}
			block = -1
		}
		if len(t) == 0 || t[0] == '#' {
			continue
		}
		if blockScalar(t) {
			block = indent
		}
		key, rest, hasColon := bytes.Cut(t, []byte(":"))
		if item, ok := bytes.CutPrefix(t, []byte("- ")); ok {
			key, rest, hasColon = nil, item, false
		}
		if hasColon && !bytes.ContainsAny(key, "\"'") {
			after, _ := utf8.DecodeRune(rest)
			for _, r := range oddSpaces {
				if bytes.ContainsRune(key, r) || after == r {
					probs = append(probs, diag.Errorf(file, firstLine+i, "YAML không hợp lệ trong phần đầu trang (invalid YAML): dòng này có một dấu cách đặc biệt U+%04X (thường là dấu cách không ngắt, chép từ Word hoặc trang web) trong tên khoá hoặc ngay sau dấu hai chấm; trông như dấu cách thường nhưng YAML không nhận ra khoá. Hãy xoá các dấu cách quanh tên khoá và gõ lại bằng phím cách (non-breaking space in a key)", r))
					break
				}
			}
		}
		v := bytes.TrimSpace(rest)
		if !hasColon && key != nil {
			continue
		}
		if inner, ok := config.SmartQuoted(v); ok {
			name := string(bytes.TrimSpace(key))
			straight := strconv.Quote(string(inner))
			fix, keep := straight, strconv.Quote(string(v))
			if name != "" {
				fix, keep = name+": "+straight, name+": "+keep
			} else {
				fix, keep = "- "+straight, "- "+keep
			}
			probs = append(probs, diag.Errorf(file, firstLine+i, "YAML không hợp lệ trong phần đầu trang (invalid YAML): giá trị nằm trong dấu ngoặc kép cong “ ” (thường do trình soạn thảo tự đổi), YAML không coi đó là dấu ngoặc nên chúng sẽ hiện ra trên trang: hãy thay bằng dấu ngoặc thẳng, ví dụ %s (nếu muốn giữ dấu “ ” trên trang, viết %s) (smart quotes around a value)", fix, keep))
		}
	}
	return probs
}

// dateKeys are decoded from their text, not by the YAML library, so a
// bare date is read in the site's time zone and never as UTC.
var dateKeys = map[string]bool{"date": true, "lastmod": true, "publishDate": true, "expiryDate": true, KeyOutOfForceFrom: true}

// checkStatus reads "status" and checks that the fields of the in-force
// state go together: a date or a replacement only on a page no longer in
// force, and such a page always with its date, which its banner states.
func (fm *FrontMatter) checkStatus(file string) []*diag.Problem {
	var probs []*diag.Problem
	fm.Status = StatusInForce
	if v, ok := fm.Params[KeyStatus]; ok && v != nil {
		s, isStr := v.(string)
		switch textutil.Slugify(s) {
		case StatusInForce:
		case StatusOutOfForce:
			fm.Status = StatusOutOfForce
		default:
			if !isStr {
				s = fmt.Sprint(v)
			}
			probs = append(probs, diag.Errorf(file, fm.Line(KeyStatus), "%s: giá trị %q không hợp lệ; chỉ dùng %s (trang không còn hiệu lực) hoặc %s (còn hiệu lực, như khi không ghi) (unknown status)", KeyStatus, s, StatusOutOfForce, StatusInForce))
			return probs
		}
	}
	_, hasDate := fm.Params[KeyOutOfForceFrom]
	if fm.Status != StatusOutOfForce {
		for _, k := range []string{KeyOutOfForceFrom, KeyReplacedBy} {
			if v, ok := fm.Params[k]; ok && v != nil {
				probs = append(probs, diag.Errorf(file, fm.Line(k), "%s chỉ dùng cho trang không còn hiệu lực: hãy thêm dòng '%s: %s', hoặc xoá dòng này (%s without status: %s)", k, KeyStatus, StatusOutOfForce, k, StatusOutOfForce))
			}
		}
		return probs
	}
	if !hasDate || fm.Params[KeyOutOfForceFrom] == nil {
		probs = append(probs, diag.Errorf(file, fm.Line(KeyStatus), "trang không còn hiệu lực cần ngày hết hiệu lực: hãy thêm dòng '%s: 2025-07-01' (năm-tháng-ngày) (%s is required)", KeyOutOfForceFrom, KeyOutOfForceFrom))
	}
	return probs
}

// decodeYAML reads front matter with yaml.v3, the reader site.yaml and
// data files use, so "yes", "no", "y" and "n" stay strings (YAML 1.2)
// and a key written twice is an error instead of a silent overwrite.
// firstLine is the file line of yamlText's first line: problems carry
// file lines (0 when YAML gave none). merged holds the file lines of the
// top-level keys, when some come from merge keys ("<<: *anchor").
func decodeYAML(yamlText []byte, firstLine int) (m map[string]any, merged map[string]int, probs []config.YAMLProblem) {
	if m, ok := decodeSimpleYAML(yamlText); ok {
		return m, nil, nil
	}
	return decodeYAMLFull(yamlText, firstLine)
}

// decodeYAMLFull is decodeYAML without the fast path for simple front
// matter.
func decodeYAMLFull(yamlText []byte, firstLine int) (map[string]any, map[string]int, []config.YAMLProblem) {
	if len(bytes.TrimSpace(yamlText)) == 0 {
		return map[string]any{}, nil, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(yamlText, &doc); err != nil {
		return nil, nil, config.DescribeYAMLError(err, yamlText, firstLine)
	}
	if len(doc.Content) == 0 {
		return map[string]any{}, nil, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, nil, []config.YAMLProblem{{Line: root.Line + firstLine - 1, Msg: "phần đầu trang phải là các cặp 'khoá: giá trị', mỗi cặp một dòng, ví dụ title: \"Tiêu đề\" (front matter must be a mapping)"}}
	}
	m := map[string]any{}
	if err := root.Decode(&m); err != nil {
		return nil, nil, config.DescribeYAMLError(err, yamlText, firstLine)
	}
	var merged map[string]int
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if dateKeys[k.Value] && v.Kind == yaml.ScalarNode && v.Tag == "!!timestamp" {
			m[k.Value] = v.Value
		}
		if k.Tag == "!!merge" && merged == nil {
			merged = config.KeyLines(root)
			for key, n := range merged {
				merged[key] = n + firstLine - 1
			}
		}
	}
	return m, merged, nil
}

// ParseDate accepts YAML dates, RFC 3339 and "2006-01-02 15:04[:05]".
// Dates without a zone are read in loc; dates with one keep their instant
// but are shown in loc, so a page dated 20:00Z reads as the next day in
// Hà Nội, as its readers see it. Vietnamese-style day-first dates
// are refused with the ISO form as a hint, because "08/02/2023" is
// ambiguous to every tool the site feeds (feeds, sitemaps, search).
func ParseDate(v any, loc *time.Location) (time.Time, error) {
	switch t := v.(type) {
	case time.Time:
		if t.Location() == time.UTC && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc), nil
		}
		return t.In(loc), nil
	case string:
		s := strings.TrimSpace(t)
		for _, layout := range []string{time.RFC3339Nano, time.RFC3339} {
			if d, err := time.Parse(layout, s); err == nil {
				return d.In(loc), nil
			}
		}
		for _, layout := range []string{"2006-01-02", "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04"} {
			if d, err := time.ParseInLocation(layout, s, loc); err == nil {
				return d, nil
			}
		}
		if m := viDateRE.FindStringSubmatch(s); m != nil {
			day, _ := strconv.Atoi(m[1])
			mon, _ := strconv.Atoi(m[2])
			return time.Time{}, fmt.Errorf("ngày %q viết theo kiểu ngày/tháng/năm; hãy viết năm-tháng-ngày: \"%s-%02d-%02d\" (use YYYY-MM-DD)", s, m[3], mon, day)
		}
		return time.Time{}, fmt.Errorf("ngày %q không hợp lệ; hãy viết năm-tháng-ngày, ví dụ \"2023-02-08\" (invalid date, expected YYYY-MM-DD or RFC 3339)", s)
	default:
		return time.Time{}, fmt.Errorf("ngày %q không hợp lệ; hãy viết năm-tháng-ngày, ví dụ \"2023-02-08\" (invalid date)", fmt.Sprint(v))
	}
}

func typeName(v any) string {
	switch v.(type) {
	case map[string]any:
		return "một bảng khoá–giá trị (a mapping)"
	case []any:
		return "một danh sách (a list)"
	case string:
		return "một chuỗi (a string)"
	case bool:
		return "true/false"
	case int, float64:
		return "một số (a number)"
	}
	return fmt.Sprintf("%T", v)
}

// scalarTexts returns the source text of each top-level key's scalar
// value, or of each item of its list of scalars, as written: YAML reads
// "1.10" as the number 1.1 and "017" as 15, but a title or tag is text.
// It runs only when a text field decoded as a number or a boolean.
func scalarTexts(yamlText []byte) map[string][]string {
	var doc yaml.Node
	if yaml.Unmarshal(yamlText, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return map[string][]string{}
	}
	out := map[string][]string{}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		switch v.Kind {
		case yaml.ScalarNode:
			out[k.Value] = []string{v.Value}
		case yaml.SequenceNode:
			var items []string
			for _, it := range v.Content {
				if it.Kind != yaml.ScalarNode {
					items = nil
					break
				}
				items = append(items, it.Value)
			}
			if items != nil {
				out[k.Value] = items
			}
		}
	}
	return out
}
