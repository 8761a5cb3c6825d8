// Package chart draws the portal's charts at build time: a <figure> holding
// an accessible inline SVG, a visible text summary and the same numbers as a
// real HTML table, so that the chart costs no JavaScript, reads on a 320 px
// phone and still makes sense to a screen reader or a printed page.
package chart

import (
	"errors"
	"fmt"
	"html/template"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"portal/internal/textutil"
)

// Table is one CSV data file: its basename (without extension), its header
// row and its data rows.
type Table struct {
	Name   string
	Header []string
	Rows   [][]string
}

// knownArgs lists every argument the chart shortcode accepts, so that a typo
// such as "lables" fails the build instead of being ignored.
func knownArgs() []string {
	return []string{
		"type", "data", "x", "y", "labels", "title", "summary", "row", "columns",
		"min", "max", "decimals", "id", "xlabel", "ylabel",
	}
}

// spec is a validated set of shortcode arguments.
type spec struct {
	kind     string // "line" or "bar"
	id       string
	title    string
	summary  string
	xlabel   string
	ylabel   string
	decimals int
	min, max *float64
	// lang is the page's language: "en" writes numbers and the chart's
	// own words in English, anything else in Vietnamese.
	lang string
}

// num formats a value in the chart's language.
func (s spec) num(x float64, decimals int) string {
	if s.lang == "en" {
		return formatEN(x, decimals)
	}
	return formatVN(x, decimals)
}

// word returns the Vietnamese or, for English pages, the English form of
// one of the chart's own words.
func (s spec) word(vi, en string) string {
	if s.lang == "en" {
		return en
	}
	return vi
}

// series is one named list of values, aligned with dataset.categories;
// NaN marks a missing value.
type series struct {
	label  string
	values []float64
}

// dataset is what gets drawn: categories along one axis and series of values.
type dataset struct {
	catHeader  string
	categories []string
	series     []series
}

// Render draws the chart described by a chart shortcode's arguments using
// the CSV tables of data/, keyed by basename. Every error names the
// argument at fault.
func Render(args map[string]string, tables map[string]*Table) (template.HTML, error) {
	return RenderLang(args, tables, "vi")
}

// RenderLang is Render for a page in language lang ("vi" or "en"): the
// numbers (44,23 or 44.23), the table caption and the column names the
// chart makes up itself follow the page.
func RenderLang(args map[string]string, tables map[string]*Table, lang string) (template.HTML, error) {
	s, err := parseSpec(args)
	if err != nil {
		return "", err
	}
	s.lang = lang
	ds, err := buildDataset(s, args, tables)
	if err != nil {
		return "", err
	}
	if err := checkRange(s, ds); err != nil {
		return "", err
	}
	var b strings.Builder
	writeFigure(&b, s, ds)
	return template.HTML(b.String()), nil
}

// argError is an error about one named argument, in Vietnamese for the
// editor who wrote the call: "tham số columns: …".
func argError(name, format string, a ...any) error {
	return fmt.Errorf("tham số %s: %s", name, fmt.Sprintf(format, a...))
}

func parseSpec(args map[string]string) (spec, error) {
	known := knownArgs()
	var unknown []string
	for k := range args {
		if !slices.Contains(known, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return spec{}, argError(unknown[0], "biểu đồ không có tham số này (unknown argument)%s", textutil.ChoiceHint(unknown[0], "tham số", known))
	}
	s := spec{
		kind:    strings.TrimSpace(args["type"]),
		title:   strings.TrimSpace(args["title"]),
		summary: strings.TrimSpace(args["summary"]),
		xlabel:  strings.TrimSpace(args["xlabel"]),
		ylabel:  strings.TrimSpace(args["ylabel"]),
	}
	if s.kind == "" {
		return s, argError("type", "bắt buộc (missing type): \"line\" (đường) hoặc \"bar\" (cột)")
	}
	if s.kind != "line" && s.kind != "bar" {
		return s, argError("type", "cần \"line\" (đường) hoặc \"bar\" (cột), không phải %q", s.kind)
	}
	if s.title == "" {
		return s, argError("title", "bắt buộc (missing title): tên biểu đồ, để trình đọc màn hình và bảng số liệu gọi tên biểu đồ")
	}
	s.id = strings.TrimSpace(args["id"])
	if s.id == "" {
		s.id = "bieu-do-" + textutil.Slugify(s.title)
	} else if textutil.Slugify(s.id) != s.id {
		return s, argError("id", "%q chỉ được có chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ %q", s.id, textutil.Slugify(s.id))
	}
	s.decimals = 2
	if d, ok := args["decimals"]; ok {
		n, err := strconv.Atoi(strings.TrimSpace(d))
		if err != nil || n < 0 || n > 6 {
			return s, argError("decimals", "cần một số nguyên từ 0 đến 6, không phải %q", d)
		}
		s.decimals = n
	}
	for _, name := range []string{"min", "max"} {
		v, ok := args[name]
		if !ok {
			continue
		}
		f, ok := parseNumber(v)
		if !ok {
			return s, argError(name, "%q không phải là số (not a number)", v)
		}
		if math.Abs(f) > MaxValue {
			// The axis would run to it, and every label and line off the
			// drawing.
			return s, argError(name, "%s vượt quá giới hạn của biểu đồ (chỉ vẽ được số trong khoảng ±%g) (value too large to draw)", strings.TrimSpace(v), MaxValue)
		}
		if name == "min" {
			s.min = &f
		} else {
			s.max = &f
		}
	}
	if s.min != nil && s.max != nil && *s.min >= *s.max {
		return s, argError("max", "%s phải lớn hơn min %s", formatVN(*s.max, 2), formatVN(*s.min, 2))
	}
	return s, nil
}

// splitList splits a "|" separated argument, trimming each item.
func splitList(v string) []string {
	parts := strings.Split(v, "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// joined is the data files of data= joined on one key column.
type joined struct {
	tables []*Table
	keys   []string         // key values, in display order
	rows   []map[string]int // per table: key value -> row index
}

func joinTables(args map[string]string, tables map[string]*Table, keyArg, keyCol string) (*joined, error) {
	if strings.TrimSpace(args["data"]) == "" {
		return nil, argError("data", "bắt buộc (missing data): tên một tệp data/*.csv, không có đuôi .csv%s", textutil.ChoiceHint("", "tệp dữ liệu", tableNames(tables)))
	}
	j := &joined{}
	seen := map[string]bool{}
	for _, name := range splitList(args["data"]) {
		t, ok := tables[name]
		if !ok || t == nil {
			return nil, argError("data", "không có tệp dữ liệu data/%s.csv (unknown data file)%s", name, textutil.ChoiceHint(name, "tệp dữ liệu", tableNames(tables)))
		}
		col := slices.Index(t.Header, keyCol)
		if col < 0 {
			return nil, argError(keyArg, "cột %q không có trong tệp dữ liệu %q (unknown column)%s", keyCol, name, textutil.ChoiceHint(keyCol, "cột", t.Header))
		}
		index := map[string]int{}
		for i, row := range t.Rows {
			k := strings.TrimSpace(cell(row, col))
			if k == "" {
				continue
			}
			if _, dup := index[k]; dup {
				return nil, argError(keyArg, "giá trị %q xuất hiện hai lần trong cột %q của tệp dữ liệu %q", k, keyCol, name)
			}
			index[k] = i
			if !seen[k] {
				seen[k] = true
				j.keys = append(j.keys, k)
			}
		}
		j.tables = append(j.tables, t)
		j.rows = append(j.rows, index)
	}
	// Numeric keys (years) are put in order, since a line over time must
	// not zigzag when the joined files cover different years.
	numeric := true
	for _, k := range j.keys {
		if _, ok := parseNumber(k); !ok {
			numeric = false
			break
		}
	}
	if numeric {
		sort.SliceStable(j.keys, func(a, b int) bool {
			x, _ := parseNumber(j.keys[a])
			y, _ := parseNumber(j.keys[b])
			return x < y
		})
	}
	return j, nil
}

// tableNames lists the data files' names, sorted.
func tableNames(tables map[string]*Table) []string {
	names := make([]string, 0, len(tables))
	for n := range tables {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// files names the joined files for a message: `tệp dữ liệu "hy"`, or
// `các tệp dữ liệu "hy", "tq"`.
func (j *joined) files() string {
	q := make([]string, len(j.tables))
	for i, t := range j.tables {
		q[i] = strconv.Quote(t.Name)
	}
	if len(q) == 1 {
		return "tệp dữ liệu " + q[0]
	}
	return "các tệp dữ liệu " + strings.Join(q, ", ")
}

// names lists the joined files' names, in data= order.
func (j *joined) names() []string {
	out := make([]string, len(j.tables))
	for i, t := range j.tables {
		out[i] = t.Name
	}
	return out
}

func cell(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

// column finds a column by name in the joined files. "file:column" picks
// the file when two files share a column name.
func (j *joined) column(argName, ref string) (tbl, col int, err error) {
	file, name, qualified := strings.Cut(ref, ":")
	if !qualified {
		name, file = ref, ""
	}
	found := -1
	for ti, t := range j.tables {
		if qualified && t.Name != file {
			continue
		}
		if c := slices.Index(t.Header, name); c >= 0 {
			if found >= 0 {
				return 0, 0, argError(argName, "cột %q có trong cả %q và %q; hãy viết %q để chọn", name, j.tables[found].Name, t.Name, t.Name+":"+name)
			}
			found, col = ti, c
		}
	}
	if found < 0 {
		if qualified && !slices.ContainsFunc(j.tables, func(t *Table) bool { return t.Name == file }) {
			return 0, 0, argError(argName, "%q chỉ tới tệp dữ liệu %q, tệp này không có trong data=%s", ref, file, textutil.ChoiceHint(file, "tệp trong data=", j.names()))
		}
		var cols []string
		for _, t := range j.tables {
			for _, c := range t.Header {
				if !slices.Contains(cols, c) {
					cols = append(cols, c)
				}
			}
		}
		return 0, 0, argError(argName, "cột %q không có trong %s (unknown column)%s", name, j.files(), textutil.ChoiceHint(name, "cột", cols))
	}
	return found, col, nil
}

// value reads the number of column (tbl, col) at key; NaN when the row or
// the cell is missing.
func (j *joined) value(argName, key string, tbl, col int) (float64, error) {
	ri, ok := j.rows[tbl][key]
	if !ok {
		return math.NaN(), nil
	}
	t := j.tables[tbl]
	raw := strings.TrimSpace(cell(t.Rows[ri], col))
	if raw == "" || raw == "-" || raw == "—" {
		return math.NaN(), nil
	}
	v, ok := parseNumber(raw)
	if !ok {
		if f, err := strconv.ParseFloat(strings.ReplaceAll(raw, ",", "."), 64); err == nil || errors.Is(err, strconv.ErrRange) {
			if math.IsNaN(f) || math.IsInf(f, 0) {
				// NaN, Inf and 1e400 are numbers to a program, not to a
				// reader, and have no place on an axis.
				return 0, argError(argName, "giá trị %q ở cột %q của tệp dữ liệu %q (dòng %d) không phải là một số hữu hạn (not a finite number)", raw, t.Header[col], t.Name, ri+2)
			}
		}
		return 0, argError(argName, "giá trị %q ở cột %q của tệp dữ liệu %q (dòng %d) không phải là số (not a number)", raw, t.Header[col], t.Name, ri+2)
	}
	if math.Abs(v) > MaxValue {
		return 0, argError(argName, "giá trị %s ở cột %q của tệp dữ liệu %q (dòng %d) quá lớn để vẽ: biểu đồ chỉ vẽ được số trong khoảng ±%g (value too large to draw)", raw, t.Header[col], t.Name, ri+2, MaxValue)
	}
	return v, nil
}

func buildDataset(s spec, args map[string]string, tables map[string]*Table) (dataset, error) {
	if _, transposed := args["row"]; transposed {
		return buildTransposed(s, args, tables)
	}
	if _, ok := args["columns"]; ok {
		return dataset{}, argError("columns", "chỉ dùng cùng row=; để vẽ các dãy số theo x, hãy dùng y=")
	}
	x := strings.TrimSpace(args["x"])
	if x == "" {
		return dataset{}, argError("x", "bắt buộc (missing x): cột chứa các hạng mục, ví dụ year")
	}
	if strings.TrimSpace(args["y"]) == "" {
		return dataset{}, argError("y", "bắt buộc (missing y): một hoặc nhiều cột, cách nhau bởi dấu |")
	}
	ys := splitList(args["y"])
	if err := checkRows(args, tables, x, len(ys)); err != nil {
		return dataset{}, err
	}
	j, err := joinTables(args, tables, "x", x)
	if err != nil {
		return dataset{}, err
	}
	if len(j.keys) == 0 {
		return dataset{}, argError("data", "không có dòng nào có giá trị ở cột %q", x)
	}
	labels := ys
	if l, ok := args["labels"]; ok {
		labels = splitList(l)
		if len(labels) != len(ys) {
			return dataset{}, argError("labels", "có %d nhãn cho %d cột trong y", len(labels), len(ys))
		}
	}
	ds := dataset{catHeader: s.xlabel, categories: j.keys}
	if ds.catHeader == "" {
		ds.catHeader = s.word(defaultHeader(x), defaultHeaderEN(x))
	}
	for i, y := range ys {
		ti, ci, err := j.column("y", y)
		if err != nil {
			return dataset{}, err
		}
		sr := series{label: labels[i]}
		for _, k := range j.keys {
			v, err := j.value("y", k, ti, ci)
			if err != nil {
				return dataset{}, err
			}
			sr.values = append(sr.values, v)
		}
		ds.series = append(ds.series, sr)
	}
	return ds, nil
}

// buildTransposed reads one row (row="year=2024") across several columns:
// each column becomes a bar.
func buildTransposed(s spec, args map[string]string, tables map[string]*Table) (dataset, error) {
	if s.kind != "bar" {
		return dataset{}, argError("row", "chỉ dùng với type=\"bar\"")
	}
	if _, ok := args["y"]; ok {
		return dataset{}, argError("y", "không dùng cùng row=; hãy liệt kê các cột cần vẽ trong columns=")
	}
	keyCol, keyVal, ok := strings.Cut(args["row"], "=")
	keyCol, keyVal = strings.TrimSpace(keyCol), strings.TrimSpace(keyVal)
	if !ok || keyCol == "" || keyVal == "" {
		return dataset{}, argError("row", "cần có dạng cột=giá trị, ví dụ year=2024, không phải %q", args["row"])
	}
	if x := strings.TrimSpace(args["x"]); x != "" && x != keyCol {
		return dataset{}, argError("x", "%q khác cột trong row= (%q)", x, keyCol)
	}
	if strings.TrimSpace(args["columns"]) == "" {
		return dataset{}, argError("columns", "bắt buộc khi có row= (missing columns): các cột cần vẽ, cách nhau bởi dấu |")
	}
	j, err := joinTables(args, tables, "row", keyCol)
	if err != nil {
		return dataset{}, err
	}
	if !slices.Contains(j.keys, keyVal) {
		return dataset{}, argError("row", "không có dòng nào có %s = %q%s", keyCol, keyVal, textutil.ChoiceHint(keyVal, "giá trị của "+keyCol, j.keys))
	}
	cols := splitList(args["columns"])
	labels := cols
	if l, ok := args["labels"]; ok {
		labels = splitList(l)
		if len(labels) != len(cols) {
			return dataset{}, argError("labels", "có %d nhãn cho %d cột", len(labels), len(cols))
		}
	}
	ds := dataset{catHeader: s.xlabel, categories: labels}
	if ds.catHeader == "" {
		ds.catHeader = s.word("Hạng mục", "Item")
	}
	sr := series{label: keyVal}
	if s.ylabel != "" {
		sr.label = s.ylabel + " " + keyVal
	}
	for _, c := range cols {
		ti, ci, err := j.column("columns", c)
		if err != nil {
			return dataset{}, err
		}
		v, err := j.value("columns", keyVal, ti, ci)
		if err != nil {
			return dataset{}, err
		}
		sr.values = append(sr.values, v)
	}
	ds.series = []series{sr}
	return ds, nil
}

// defaultHeader names the category column of the data table when xlabel is
// not given; data files use short English column names.
func defaultHeader(col string) string {
	switch strings.ToLower(col) {
	case "year", "nam", "năm":
		return "Năm"
	}
	return col
}

// defaultHeaderEN is defaultHeader for English pages.
func defaultHeaderEN(col string) string {
	switch strings.ToLower(col) {
	case "year", "nam", "năm":
		return "Year"
	}
	return col
}

// extent is the smallest and largest present value; ok is false when every
// value is missing.
func (ds dataset) extent() (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, sr := range ds.series {
		for _, v := range sr.values {
			if math.IsNaN(v) {
				continue
			}
			lo, hi, ok = math.Min(lo, v), math.Max(hi, v), true
		}
	}
	return lo, hi, ok
}

var errNoValues = errors.New("tham số data: mọi giá trị cần vẽ đều trống")

// Limits of what a chart draws. A chart is read by people: more points
// than a screen has pixels across say nothing more, and each one costs
// markup on every phone that opens the page (twenty charts of 200,000 rows
// made a 432 MB page). Values far beyond any index or count would make the
// axis arithmetic overflow into coordinates that are not numbers.
const (
	MaxPoints = 2000
	MaxValue  = 1e12
)

// tooManyPoints is the error for a chart of n points.
func tooManyPoints(n, categories, series int) error {
	return argError("data", "có %d điểm cần vẽ (%d hạng mục × %d chuỗi số liệu); một biểu đồ vẽ tối đa %d điểm: hãy chọn ít dòng hoặc ít cột hơn (too many points)", n, categories, series, MaxPoints)
}

// checkRows refuses a chart over MaxPoints before its data are joined and
// read: twenty charts of a 200,000-row file must cost a count of rows
// each, not a copy of the file. Each data file's rows with a value in
// column key are categories of the chart, so the largest such count,
// times the series, is at most the points it would draw.
func checkRows(args map[string]string, tables map[string]*Table, key string, series int) error {
	most := 0
	for _, name := range splitList(args["data"]) {
		t := tables[name]
		if t == nil {
			continue // joinTables names it
		}
		col := slices.Index(t.Header, key)
		if col < 0 {
			continue
		}
		n := 0
		for _, row := range t.Rows {
			if strings.TrimSpace(cell(row, col)) != "" {
				n++
			}
		}
		most = max(most, n)
	}
	if most*max(1, series) > MaxPoints {
		return tooManyPoints(most*max(1, series), most, series)
	}
	return nil
}

// checkRange refuses a chart over the limits, and a fixed min/max that
// would cut data off it. Values beyond MaxValue were refused as they were
// read, with their file and row.
func checkRange(s spec, ds dataset) error {
	if n := len(ds.categories) * max(1, len(ds.series)); n > MaxPoints {
		return tooManyPoints(n, len(ds.categories), len(ds.series))
	}
	lo, hi, ok := ds.extent()
	if !ok {
		return errNoValues
	}
	if s.min != nil && lo < *s.min {
		return argError("min", "%s lớn hơn giá trị nhỏ nhất %s", formatVN(*s.min, s.decimals), formatVN(lo, s.decimals))
	}
	if s.max != nil && hi > *s.max {
		return argError("max", "%s nhỏ hơn giá trị lớn nhất %s", formatVN(*s.max, s.decimals), formatVN(hi, s.decimals))
	}
	return nil
}
