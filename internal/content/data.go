package content

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"portal/internal/config"
	"portal/internal/diag"
	"portal/internal/textutil"
)

// Table is a CSV data file kept in column order, for charts.
type Table struct {
	Name   string
	Header []string
	Rows   [][]string
}

// Data is everything under data/: Values for templates (.Site.Data) and
// Tables for charts. A file data/a/b.yaml is Values["a"]["b"].
type Data struct {
	Values map[string]any
	Tables map[string]*Table
	// Files lists the data files read, relative to the site root, for
	// rebuild tracking and checks.
	Files []string
}

// LoadData reads data/*.yaml, *.yml, *.json and *.csv below siteRoot.
func LoadData(siteRoot string) (*Data, []*diag.Problem) {
	d := &Data{Values: map[string]any{}, Tables: map[string]*Table{}}
	dir := filepath.Join(siteRoot, "data")
	paths, probs := Walk(siteRoot, dir, "data")
	seen := map[string]string{}
	for _, rel := range paths {
		name := "data/" + rel
		ext := strings.ToLower(path.Ext(rel))
		if ext != ".yaml" && ext != ".yml" && ext != ".json" && ext != ".csv" {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			probs = append(probs, diag.Errorf(name, 0, "không đọc được (cannot read): %v", unwrapPath(err)))
			continue
		}
		src, err := textutil.CleanInput(raw)
		if err != nil {
			var ie *textutil.InputError
			line := 0
			if errors.As(err, &ie) {
				line = ie.Line
			}
			probs = append(probs, diag.Errorf(name, line, "%s", msgOf(err)))
			continue
		}
		key := strings.TrimSuffix(rel, path.Ext(rel))
		var v any
		switch ext {
		case ".yaml", ".yml":
			var node any
			if err := yaml.Unmarshal(src, &node); err != nil {
				for _, p := range config.DescribeYAMLError(err, src, 1) {
					probs = append(probs, diag.Errorf(name, p.Line, "YAML không hợp lệ (invalid YAML): %s", p.Msg))
				}
				continue
			}
			v = config.NormalizeValue(node)
		case ".json":
			dec := json.NewDecoder(bytes.NewReader(src))
			dec.UseNumber()
			if err := dec.Decode(&v); err != nil {
				probs = append(probs, diag.Errorf(name, jsonLine(src, err), "JSON không hợp lệ (invalid JSON): %v", err))
				continue
			}
			v = jsonNumbers(v)
			// JSON allows a key twice and keeps the last; YAML refuses it.
			// Either way the editor meant one value: say which line.
			if key, line, dup := jsonDuplicateKey(src); dup {
				probs = append(probs, diag.Errorf(name, line, "khoá %q xuất hiện hai lần trong cùng một đối tượng; hãy giữ một (duplicate key)", key))
				continue
			}
		case ".csv":
			t, p := parseCSV(name, key, src)
			if p != nil {
				probs = append(probs, p)
				continue
			}
			d.Tables[key] = t
			rows := make([]any, len(t.Rows))
			for i, r := range t.Rows {
				m := make(map[string]any, len(t.Header))
				for j, h := range t.Header {
					m[h] = r[j]
				}
				rows[i] = m
			}
			v = rows
		}
		// x.yaml beside x.json (or x.csv) would leave one of them unused,
		// silently: which one depended on the order of the walk.
		if prev, ok := seen[key]; ok {
			probs = append(probs, diag.Errorf(name, 0, "tệp này và %s cùng là dữ liệu %q; hãy giữ một tệp (duplicate data name)", prev, key))
			continue
		}
		seen[key] = name
		d.Files = append(d.Files, name)
		setPath(d.Values, strings.Split(key, "/"), v)
	}
	return d, probs
}

func parseCSV(name, key string, src []byte) (*Table, *diag.Problem) {
	r := csv.NewReader(bytes.NewReader(src))
	records, err := r.ReadAll()
	if err != nil {
		var pe *csv.ParseError
		line := 0
		if errors.As(err, &pe) {
			line = pe.Line
		}
		return nil, diag.Errorf(name, line, "CSV không hợp lệ (invalid CSV): %v", err)
	}
	if len(records) == 0 {
		return nil, diag.Errorf(name, 1, "tệp CSV trống; dòng đầu phải là tên các cột (empty CSV)")
	}
	t := &Table{Name: key, Header: records[0], Rows: records[1:]}
	for i := range t.Header {
		t.Header[i] = strings.TrimSpace(t.Header[i])
	}
	return t, nil
}

func setPath(m map[string]any, parts []string, v any) {
	for _, p := range parts[:len(parts)-1] {
		sub, ok := m[p].(map[string]any)
		if !ok {
			sub = map[string]any{}
			m[p] = sub
		}
		m = sub
	}
	m[parts[len(parts)-1]] = v
}

// jsonNumbers turns json.Number into int or float64, like YAML values.
func jsonNumbers(v any) any {
	switch t := v.(type) {
	case json.Number:
		if i, err := t.Int64(); err == nil {
			return int(i)
		}
		f, _ := t.Float64()
		return f
	case map[string]any:
		for k, vv := range t {
			t[k] = jsonNumbers(vv)
		}
	case []any:
		for i := range t {
			t[i] = jsonNumbers(t[i])
		}
	}
	return v
}

func jsonLine(src []byte, err error) int {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	off := int64(-1)
	if errors.As(err, &se) {
		off = se.Offset
	} else if errors.As(err, &te) {
		off = te.Offset
	}
	if off < 0 || off > int64(len(src)) {
		return 0
	}
	return bytes.Count(src[:off], []byte("\n")) + 1
}

// jsonDuplicateKey finds the first key given twice in one object of a
// valid JSON document, with its line.
func jsonDuplicateKey(src []byte) (key string, line int, found bool) {
	dec := json.NewDecoder(bytes.NewReader(src))
	type frame struct {
		keys   map[string]bool
		object bool
		keyNow bool // the next string token is a key
	}
	var stack []*frame
	for {
		off := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return "", 0, false
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{':
				if top != nil && top.object {
					top.keyNow = true
				}
				stack = append(stack, &frame{keys: map[string]bool{}, object: true, keyNow: true})
			case '[':
				if top != nil && top.object {
					top.keyNow = true
				}
				stack = append(stack, &frame{})
			default:
				stack = stack[:len(stack)-1]
			}
			continue
		}
		if top == nil || !top.object {
			continue
		}
		if top.keyNow {
			k, _ := tok.(string)
			if top.keys[k] {
				return k, bytes.Count(src[:off], []byte("\n")) + 1 + leadingNewlines(src[off:]), true
			}
			top.keys[k] = true
			top.keyNow = false
			continue
		}
		top.keyNow = true // a scalar value: a key comes next
	}
}

// leadingNewlines counts the line breaks before the next token at b
// (InputOffset points before the separator and spaces).
func leadingNewlines(b []byte) int {
	n := 0
	for _, c := range b {
		switch c {
		case '\n':
			n++
		case ' ', '\t', '\r', ',', ':':
		default:
			return n
		}
	}
	return n
}
