package render

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	template "portal/internal/template/html"
	"portal/internal/textutil"
)

// DateVN writes a date the Vietnamese way: "ngày 8 tháng 2 năm 2023".
func DateVN(v any) string {
	t, ok := toTime(v)
	if !ok || t.IsZero() {
		return ""
	}
	return textutil.DateVN(t)
}

// DateEN writes a date in English: "8 February 2023".
func DateEN(v any) string {
	t, ok := toTime(v)
	if !ok || t.IsZero() {
		return ""
	}
	return t.Format("2 January 2006")
}

func toTime(v any) (time.Time, bool) {
	switch t := v.(type) {
	case time.Time:
		return t, true
	case *time.Time:
		if t == nil {
			return time.Time{}, false
		}
		return *t, true
	case string:
		for _, l := range []string{time.RFC3339, "2006-01-02"} {
			if d, err := time.Parse(l, t); err == nil {
				return d, true
			}
		}
	}
	return time.Time{}, false
}

// NumberVN formats x with the Vietnamese decimal comma and dot thousands:
// 44.2282 with 2 decimals is "44,23"; 19500 is "19.500".
func NumberVN(x any, decimals ...int) (string, error) {
	f, err := toFloat(x)
	if err != nil {
		return "", err
	}
	d := 0
	if len(decimals) > 0 {
		d = decimals[0]
	} else if f != math.Trunc(f) {
		d = 2
	}
	s := strconv.FormatFloat(f, 'f', d, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String(), nil
}

func toFloat(x any) (float64, error) {
	switch v := x.(type) {
	case int:
		return float64(v), nil
	case int64:
		return float64(v), nil
	case float64:
		return v, nil
	case float32:
		return float64(v), nil
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil {
			return 0, fmt.Errorf("%q không phải là số (not a number)", v)
		}
		return f, nil
	}
	return 0, fmt.Errorf("%v không phải là số (not a number)", x)
}

func toInt(x any) (int, error) {
	f, err := toFloat(x)
	return int(f), err
}

// fieldReader reads one dotted name ("Params.ngay") from many values:
// where and sortBy read it from every item of a list, mostly of one type,
// and finding a field promoted from an embedded struct (a page view's
// Lastmod) is a search through the embedding the reader does once per
// type.
type fieldReader struct {
	parts []string
	steps map[stepKey]step
}

type stepKey struct {
	t    reflect.Type
	part int
}

// step is how one part is read from a value of one type: a method's
// index, else a field's index path (nil when the type has neither).
type step struct {
	method int
	field  []int
}

func newFieldReader(name string) *fieldReader {
	return &fieldReader{parts: strings.Split(strings.TrimPrefix(name, "."), "."), steps: map[stepKey]step{}}
}

func (r *fieldReader) step(t reflect.Type, i int) step {
	k := stepKey{t, i}
	if st, ok := r.steps[k]; ok {
		return st
	}
	st := step{method: -1}
	if m, ok := t.MethodByName(r.parts[i]); ok && m.Type.NumIn() == 1 && m.Type.NumOut() >= 1 {
		st.method = m.Index
	} else if s := t; s.Kind() == reflect.Struct {
		if f, ok := s.FieldByName(r.parts[i]); ok {
			st.field = f.Index
		}
	}
	r.steps[k] = st
	return st
}

func (r *fieldReader) read(v any) any {
	rv := reflect.ValueOf(v)
	for i, part := range r.parts {
		for rv.Kind() == reflect.Interface {
			rv = rv.Elem()
		}
		if !rv.IsValid() {
			return nil
		}
		if st := r.step(rv.Type(), i); st.method >= 0 {
			rv = rv.Method(st.method).Call(nil)[0]
			continue
		}
		for rv.Kind() == reflect.Pointer {
			if rv.IsNil() {
				return nil
			}
			rv = rv.Elem()
		}
		switch rv.Kind() {
		case reflect.Struct:
			st := r.step(rv.Type(), i)
			if st.field == nil {
				return nil
			}
			f, err := rv.FieldByIndexErr(st.field)
			if err != nil {
				return nil // through a nil embedded pointer
			}
			rv = f
		case reflect.Map:
			f := rv.MapIndex(reflect.ValueOf(part))
			if !f.IsValid() {
				return nil
			}
			rv = f
		default:
			return nil
		}
	}
	if !rv.IsValid() || !rv.CanInterface() {
		return nil
	}
	return rv.Interface()
}

func compare(a, b any) int {
	if ta, ok := a.(time.Time); ok {
		if tb, ok := b.(time.Time); ok {
			return ta.Compare(tb)
		}
	}
	fa, ea := toFloat(a)
	fb, eb := toFloat(b)
	if ea == nil && eb == nil {
		switch {
		case fa < fb:
			return -1
		case fa > fb:
			return 1
		}
		return 0
	}
	sa, sb := textutil.Fold(fmt.Sprint(a)), textutil.Fold(fmt.Sprint(b))
	return strings.Compare(sa, sb)
}

func listOf(v any) ([]any, error) {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return nil, nil
	}
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		return nil, fmt.Errorf("cần một danh sách, nhận %T (expected a list)", v)
	}
	out := make([]any, rv.Len())
	for i := range out {
		out[i] = rv.Index(i).Interface()
	}
	return out, nil
}

// asTyped returns items as a slice of the input's element type when it can,
// so templates keep typed access after where/sort.
func asTyped(orig any, items []any) any {
	rv := reflect.ValueOf(orig)
	if !rv.IsValid() || (rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array) {
		return items
	}
	out := reflect.MakeSlice(reflect.SliceOf(rv.Type().Elem()), 0, len(items))
	for _, it := range items {
		out = reflect.Append(out, reflect.ValueOf(it))
	}
	return out.Interface()
}

func where(list any, key string, args ...any) (any, error) {
	items, err := listOf(list)
	if err != nil {
		return nil, err
	}
	op, val := "==", any(nil)
	switch len(args) {
	case 1:
		val = args[0]
	case 2:
		o, ok := args[0].(string)
		if !ok {
			return nil, fmt.Errorf("where: toán tử phải là chuỗi")
		}
		op, val = o, args[1]
	default:
		return nil, fmt.Errorf("where cần 3 hoặc 4 tham số")
	}
	var out []any
	fr := newFieldReader(key)
	for _, it := range items {
		fv := fr.read(it)
		keep := false
		switch op {
		case "==", "eq":
			keep = fv == val || (fv != nil && val != nil && compare(fv, val) == 0 && fmt.Sprint(fv) == fmt.Sprint(val))
		case "!=", "ne":
			keep = !(fv == val || (fv != nil && val != nil && fmt.Sprint(fv) == fmt.Sprint(val)))
		case "<", "lt":
			keep = compare(fv, val) < 0
		case "<=", "le":
			keep = compare(fv, val) <= 0
		case ">", "gt":
			keep = compare(fv, val) > 0
		case ">=", "ge":
			keep = compare(fv, val) >= 0
		case "in":
			vs, _ := listOf(val)
			for _, v := range vs {
				if fmt.Sprint(v) == fmt.Sprint(fv) {
					keep = true
				}
			}
		default:
			return nil, fmt.Errorf("where: toán tử %q không được hỗ trợ", op)
		}
		if keep {
			out = append(out, it)
		}
	}
	return asTyped(list, out), nil
}

func sortBy(list any, key string, order ...string) (any, error) {
	items, err := listOf(list)
	if err != nil {
		return nil, err
	}
	desc := len(order) > 0 && strings.EqualFold(order[0], "desc")
	// Each item's key is read once, not at every comparison.
	type keyed struct{ key, item any }
	ks := make([]keyed, len(items))
	fr := newFieldReader(key)
	for i, it := range items {
		ks[i] = keyed{fr.read(it), it}
	}
	sort.SliceStable(ks, func(i, j int) bool {
		c := compare(ks[i].key, ks[j].key)
		if desc {
			return c > 0
		}
		return c < 0
	})
	for i := range ks {
		items[i] = ks[i].item
	}
	return asTyped(list, items), nil
}

func first(n any, list any) (any, error) { return take(n, list, false) }

func last(n any, list any) (any, error) { return take(n, list, true) }

// take keeps the first (or, fromEnd, the last) n items of list, in the
// list's own element type.
func take(n any, list any, fromEnd bool) (any, error) {
	k, err := toInt(n)
	if err != nil {
		return nil, err
	}
	items, err := listOf(list)
	if err != nil {
		return nil, err
	}
	if k = max(0, k); k < len(items) {
		if fromEnd {
			items = items[len(items)-k:]
		} else {
			items = items[:k]
		}
	}
	return asTyped(list, items), nil
}

func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict cần số tham số chẵn (key value …)")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: khoá phải là chuỗi, nhận %T", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

func isEmpty(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String, reflect.Slice, reflect.Map, reflect.Array:
		return rv.Len() == 0
	case reflect.Pointer, reflect.Interface:
		return rv.IsNil()
	case reflect.Bool:
		return !rv.Bool()
	}
	if t, ok := v.(time.Time); ok {
		return t.IsZero()
	}
	return rv.IsZero()
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// plainify is v as text: tags taken out, the common character references
// decoded.
func plainify(v any) string {
	s := toString(v)
	if strings.ContainsAny(s, "<&") {
		s = htmlEntities.Replace(tagRE.ReplaceAllString(s, ""))
	}
	return strings.TrimSpace(s)
}

// htmlEntities decodes the character references plainify knows; a
// Replacer is safe to share.
var htmlEntities = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'", "&#34;", `"`)

func truncateWords(n any, v any) (string, error) {
	k, err := toInt(n)
	if err != nil {
		return "", err
	}
	s := fmt.Sprint(v)
	if utf8.RuneCountInString(s) <= k {
		return s, nil
	}
	r := []rune(s)
	cut := r[:max(0, k)]
	// Back up to a word boundary unless the cut already is one; count in
	// runes, since Vietnamese letters take two or three bytes.
	if k >= 0 && k < len(r) && r[k] != ' ' {
		for i := len(cut) - 1; i > k/2; i-- {
			if cut[i] == ' ' {
				cut = cut[:i]
				break
			}
		}
	}
	return strings.TrimRight(string(cut), " ,.;:") + "…", nil
}

func arith(op string) func(a, b any) (any, error) {
	return func(a, b any) (any, error) {
		fa, err := toFloat(a)
		if err != nil {
			return nil, err
		}
		fb, err := toFloat(b)
		if err != nil {
			return nil, err
		}
		_, ai := a.(int)
		_, bi := b.(int)
		var r float64
		switch op {
		case "+":
			r = fa + fb
		case "-":
			r = fa - fb
		case "*":
			r = fa * fb
		case "/":
			if fb == 0 {
				return nil, fmt.Errorf("chia cho 0 (division by zero)")
			}
			if ai && bi {
				return int(fa) / int(fb), nil
			}
			r = fa / fb
		case "%":
			if int(fb) == 0 {
				return nil, fmt.Errorf("chia cho 0 (division by zero)")
			}
			return int(fa) % int(fb), nil
		}
		if ai && bi {
			return int(r), nil
		}
		return r, nil
	}
}

func jsonify(v any) (template.JS, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return template.JS(b), nil
}

func inList(list any, v any) bool {
	if s, ok := list.(string); ok {
		return strings.Contains(s, fmt.Sprint(v))
	}
	items, err := listOf(list)
	if err != nil {
		return false
	}
	for _, it := range items {
		if fmt.Sprint(it) == fmt.Sprint(v) {
			return true
		}
	}
	return false
}

func seq(n any) ([]int, error) {
	k, err := toInt(n)
	if err != nil {
		return nil, err
	}
	if k > 10000 || k < 0 {
		return nil, fmt.Errorf("seq: %d ngoài khoảng 0–10000", k)
	}
	out := make([]int, k)
	for i := range out {
		out[i] = i + 1
	}
	return out, nil
}

func defaultVal(def any, v ...any) any {
	if len(v) == 0 || isEmpty(v[0]) {
		return def
	}
	return v[0]
}

func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		r := []rune(w)
		words[i] = strings.ToUpper(string(r[0])) + string(r[1:])
	}
	return strings.Join(words, " ")
}

func toString(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	}
	return fmt.Sprint(v)
}

// LetterGroup is one letter of an A–Z index.
type LetterGroup struct {
	Letter string
	ID     string
	Pages  []any
}

// azIndex groups pages by the first letter of their folded title (Đ under
// D), in one pass, so an index of every page costs O(pages).
func azIndex(list any) ([]LetterGroup, error) {
	items, err := listOf(list)
	if err != nil {
		return nil, err
	}
	type keyed struct {
		fold string
		item any
	}
	byLetter := map[string][]keyed{}
	titles := newFieldReader("Title")
	for _, it := range items {
		title := toString(titles.read(it))
		f := strings.TrimSpace(textutil.Fold(title))
		if f == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(f)
		letter := strings.ToUpper(string(r))
		if r < '0' || (r > '9' && r < 'a') || r > 'z' {
			letter = "#"
		}
		byLetter[letter] = append(byLetter[letter], keyed{f, it})
	}
	letters := make([]string, 0, len(byLetter))
	for l := range byLetter {
		letters = append(letters, l)
	}
	sort.Strings(letters)
	out := make([]LetterGroup, 0, len(letters))
	for _, l := range letters {
		ks := byLetter[l]
		sort.SliceStable(ks, func(i, j int) bool { return ks[i].fold < ks[j].fold })
		g := LetterGroup{Letter: l, ID: "chu-" + strings.ToLower(l)}
		if l == "#" {
			g.ID = "chu-khac"
		}
		for _, k := range ks {
			g.Pages = append(g.Pages, k.item)
		}
		out = append(out, g)
	}
	return out, nil
}
