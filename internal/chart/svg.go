package chart

import (
	"fmt"
	"html/template"
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// layout is one drawing of a chart, in SVG user units. Each chart is drawn
// twice: narrow for phones, where the 12-unit text stays near 12 px on a
// 320–480 px screen, and wide for the content column of larger screens, so
// that the chart fills the column while its text keeps the size of the page's
// small print instead of growing with the width. The stylesheet shows one.
type layout struct {
	name      string  // "narrow" or "wide": class and id suffix
	width     float64 // viewBox width
	fontSize  float64
	charWidth float64 // average advance of a glyph, for layout estimates
	lineH     float64
	plotH     float64 // height of a line chart's plot area
	barH      float64 // height of a bar (one series)
}

var layouts = [...]layout{
	{name: "narrow", width: 320, fontSize: 12, charWidth: 6.8, lineH: 16, plotH: 170, barH: 18},
	{name: "wide", width: 600, fontSize: 13, charWidth: 7.4, lineH: 18, plotH: 250, barH: 20},
}

// Series styles: the first series is the one the chart is about (Hưng Yên's
// scores): strong colour, thick line, labelled at its end. The others are
// comparisons, drawn muted (class "muted", grey from the stylesheet via
// currentColor); dashes, markers and fill patterns keep every series
// distinguishable without colour.
const styles = 6

// dashAttr is the stroke-dasharray attribute of line series si.
func dashAttr(si int) string {
	d := [styles]string{"", "7 4", "2 3", "9 3 2 3", "4 4", "12 3"}[si%styles]
	if d == "" {
		return ""
	}
	return ` stroke-dasharray="` + d + `"`
}

func esc(s string) string { return template.HTMLEscapeString(s) }

// seriesClass is the class of series si: its style number, and "muted" for
// every series but the first.
func seriesClass(i int) string {
	if i == 0 {
		return "c1 emph"
	}
	return fmt.Sprintf("c%d muted", i%styles+1)
}

func writeFigure(b *strings.Builder, s spec, ds dataset) {
	desc := s.summary
	if desc == "" {
		desc = autoSummary(s, ds)
	}
	lo, hi, _ := ds.extent()
	ax := newAxis(lo, hi, s.min, s.max, s.kind == "bar", 5)
	fmt.Fprintf(b, `<figure class="chart chart-%s" id="%s">`, s.kind, s.id)
	fmt.Fprintf(b, `<figcaption class="chart-title">%s</figcaption>`, esc(s.title))
	for _, l := range layouts {
		if s.kind == "line" {
			writeLine(b, s, l, ds, ax, desc)
		} else {
			writeBars(b, s, l, ds, ax, desc)
		}
	}
	if len(ds.series) > 1 && s.kind == "bar" {
		writeLegend(b, s, ds)
	}
	if note := axisNote(s, ax); note != "" {
		fmt.Fprintf(b, `<p class="chart-note">%s</p>`, esc(note))
	}
	fmt.Fprintf(b, `<p class="chart-summary">%s</p>`, esc(desc))
	writeTable(b, s, ds)
	b.WriteString(`</figure>`)
}

// axisNote is the visible warning that the value axis does not start at
// zero, so differences look larger than they are; "" when it does.
func axisNote(s spec, ax axis) string {
	from := 0.0
	switch {
	case ax.lo > 0:
		from = ax.lo
	case ax.hi < 0:
		from = ax.hi
	default:
		return ""
	}
	dir := s.word("Trục dọc", "The vertical axis")
	if s.kind == "bar" {
		dir = s.word("Trục ngang", "The horizontal axis")
	}
	if s.ylabel != "" {
		dir += " (" + lowerFirst(s.ylabel) + ")"
	}
	return fmt.Sprintf(s.word("%s bắt đầu từ %s, không bắt đầu từ 0.", "%s starts at %s, not at 0."), dir, s.num(from, ax.dec))
}

// lowerFirst lower-cases the first letter of s ("Điểm" → "điểm").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return strings.ToLower(string(r)) + s[n:]
}

func svgOpen(b *strings.Builder, s spec, l layout, height float64, desc string) {
	id := s.id + "-" + l.name
	fmt.Fprintf(b, `<svg class="chart-svg chart-%s" viewBox="0 0 %s %s" width="100%%" role="img" aria-labelledby="%s-t %s-d" fill="currentColor" font-size="%s">`,
		l.name, coord(l.width), coord(height), id, id, coord(l.fontSize))
	fmt.Fprintf(b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, id, esc(s.title), id, esc(desc))
}

// textWidth estimates the rendered width of s at the layout's font size.
func (l layout) textWidth(s string) float64 {
	return float64(utf8.RuneCountInString(s)) * l.charWidth
}

// boldWidth estimates the width of s in the bold end labels.
func (l layout) boldWidth(s string) float64 { return l.textWidth(s) * 1.12 }

// endText is what ends line series si: its label, and for the first series
// its last value too; last is the index of that value, -1 when the series
// has none.
func endText(s spec, si int, sr series) (text string, last int) {
	last = -1
	for i, v := range sr.values {
		if !math.IsNaN(v) {
			last = i
		}
	}
	text = sr.label
	if si == 0 && last >= 0 {
		text += " " + s.num(sr.values[last], s.decimals)
	}
	return text, last
}

// endLabel is the name written at the end of a line series.
type endLabel struct {
	si    int
	lines []string
	x, y  float64 // x of the text's start; y of the point it names
	top   float64 // top of the text block, after moving labels apart
}

// endLabels names each series at its last value, to the right of the plot
// (a legend the eye need not travel to). The first series also carries that
// value. Labels are moved apart vertically so that none overlaps another.
func endLabels(s spec, l layout, ds dataset, maxChars int, xs []float64, y func(float64) float64, lo, hi float64) []endLabel {
	var out []endLabel
	for si, sr := range ds.series {
		text, last := endText(s, si, sr)
		if last < 0 {
			continue
		}
		out = append(out, endLabel{si: si, lines: wrapWords(text, maxChars), x: xs[last] + 8, y: y(sr.values[last])})
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].y < out[b].y })
	h := func(e endLabel) float64 { return float64(len(e.lines)) * l.lineH }
	for i := range out {
		out[i].top = out[i].y - h(out[i])/2
		if i > 0 {
			out[i].top = math.Max(out[i].top, out[i-1].top+h(out[i-1]))
		}
	}
	for i := len(out) - 1; i >= 0; i-- {
		limit := hi
		if i < len(out)-1 {
			limit = out[i+1].top
		}
		out[i].top = math.Min(out[i].top, limit-h(out[i]))
	}
	for i := range out {
		out[i].top = math.Max(out[i].top, lo)
	}
	return out
}

func writeLine(b *strings.Builder, s spec, l layout, ds dataset, ax axis, desc string) {
	left := 6.0
	for _, t := range ax.ticks {
		left = math.Max(left, l.textWidth(s.num(t, ax.dec))+8)
	}
	top := 10.0
	if s.ylabel != "" {
		top += l.lineH
	}
	// Room on the right for the end labels, at most about a third of the width.
	maxChars := int(l.width * 0.26 / (l.charWidth * 1.12))
	right := 14.0
	for si, sr := range ds.series {
		text, _ := endText(s, si, sr)
		for _, line := range wrapWords(text, maxChars) {
			right = math.Max(right, l.boldWidth(line)+2)
		}
	}
	plotH := l.plotH
	bottom := 22.0 + l.lineH // tick labels, then the axis title
	height := top + plotH + bottom
	plotW := l.width - left - right
	y := func(v float64) float64 { return top + plotH*(1-ax.pos(v)) }

	// x positions: proportional when every category is a number (years with
	// gaps keep their true spacing), evenly spaced otherwise.
	n := len(ds.categories)
	xs := make([]float64, n)
	nums := make([]float64, n)
	numeric := true
	for i, c := range ds.categories {
		v, ok := parseNumber(c)
		nums[i] = v
		numeric = numeric && ok
	}
	const inset = 12.0 // keeps end markers off the axis and inside the box
	for i := range xs {
		switch {
		case n == 1:
			xs[i] = left + plotW/2
		case numeric && nums[n-1] > nums[0]:
			xs[i] = left + inset + (plotW-2*inset)*(nums[i]-nums[0])/(nums[n-1]-nums[0])
		default:
			xs[i] = left + inset + (plotW-2*inset)*float64(i)/float64(n-1)
		}
	}

	svgOpen(b, s, l, height, desc)
	var grid, labels strings.Builder
	if s.ylabel != "" {
		fmt.Fprintf(&labels, `<text class="axis-title" x="0" y="%s">%s</text>`, coord(l.fontSize), esc(s.ylabel))
	}
	for _, t := range ax.ticks {
		ty := y(t)
		fmt.Fprintf(&grid, `<path d="M%s,%sH%s"/>`, coord(left), coord(ty), coord(left+plotW))
		fmt.Fprintf(&labels, `<text x="%s" y="%s" text-anchor="end">%s</text>`, coord(left-5), coord(ty+4), esc(s.num(t, ax.dec)))
	}
	for _, i := range shownLabels(l, ds.categories, xs) {
		fmt.Fprintf(&labels, `<text x="%s" y="%s" text-anchor="middle">%s</text>`, coord(xs[i]), coord(top+plotH+17), esc(ds.categories[i]))
	}
	fmt.Fprintf(&labels, `<text class="axis-title" x="%s" y="%s" text-anchor="middle">%s</text>`, coord(left+plotW/2), coord(top+plotH+17+l.lineH), esc(ds.catHeader))
	base := top + plotH
	axisPath := fmt.Sprintf("M%s,%sH%s", coord(left), coord(base), coord(left+plotW))
	if ax.lo > 0 {
		// the axis is cut: a break mark where zero would be
		axisPath += fmt.Sprintf("M%s,%sl5,-9M%s,%sl5,-9", coord(left+2), coord(base+4.5), coord(left+7), coord(base+4.5))
	}
	writeFrame(b, grid.String(), axisPath, labels.String())

	// Muted series first, so the emphasised one is drawn on top.
	for si := len(ds.series) - 1; si >= 0; si-- {
		sr := ds.series[si]
		fmt.Fprintf(b, `<g class="series %s">`, seriesClass(si))
		var d strings.Builder
		pen := false
		for i, v := range sr.values {
			if math.IsNaN(v) {
				pen = false // a missing value breaks the line rather than bridging it
				continue
			}
			cmd := "L"
			if !pen {
				cmd = "M"
			}
			fmt.Fprintf(&d, "%s%s,%s", cmd, coord(xs[i]), coord(y(v)))
			pen = true
		}
		stroke := "3.5"
		if si > 0 {
			stroke = "2"
		}
		if d.Len() > 0 {
			fmt.Fprintf(b, `<path d="%s" fill="none" stroke="currentColor" stroke-width="%s" stroke-linejoin="round"%s/>`, d.String(), stroke, dashAttr(si))
		}
		for i, v := range sr.values {
			if !math.IsNaN(v) {
				b.WriteString(marker(si, xs[i], y(v)))
			}
		}
		b.WriteString(`</g>`)
	}
	for _, e := range endLabels(s, l, ds, maxChars, xs, y, 0, top+plotH+bottom) {
		fmt.Fprintf(b, `<text class="end-label %s" x="%s" y="%s">`, seriesClass(e.si), coord(e.x), coord(e.top+l.fontSize))
		for i, line := range e.lines {
			if i == 0 {
				b.WriteString(esc(line))
				continue
			}
			fmt.Fprintf(b, `<tspan x="%s" dy="%s">%s</tspan>`, coord(e.x), coord(l.lineH), esc(line))
		}
		b.WriteString(`</text>`)
	}
	b.WriteString(`</svg>`)
}

// shownLabels picks which x labels to print so that none overlap: every
// k-th one, counted back from the last (the most recent year matters most).
func shownLabels(l layout, cats []string, xs []float64) []int {
	n := len(cats)
	if n == 0 {
		return nil
	}
	widest := 0.0
	for _, c := range cats {
		widest = math.Max(widest, l.textWidth(c))
	}
	for k := 1; k <= n; k++ {
		var idx []int
		for i := (n - 1) % k; i < n; i += k {
			idx = append(idx, i)
		}
		fits := true
		for a := 1; a < len(idx); a++ {
			if xs[idx[a]]-xs[idx[a-1]] < widest+6 {
				fits = false
				break
			}
		}
		if fits {
			return idx
		}
	}
	return []int{n - 1}
}

// marker draws the point symbol of series si at (x, y).
func marker(si int, x, y float64) string {
	c := func(v float64) string { return coord(v) }
	switch si % styles {
	case 0:
		return fmt.Sprintf(`<circle cx="%s" cy="%s" r="4"/>`, c(x), c(y))
	case 1:
		return fmt.Sprintf(`<rect x="%s" y="%s" width="8" height="8"/>`, c(x-4), c(y-4))
	case 2:
		return fmt.Sprintf(`<path d="M%s,%sL%s,%sH%sZ"/>`, c(x), c(y-5.5), c(x+5), c(y+3.5), c(x-5))
	case 3:
		return fmt.Sprintf(`<path d="M%s,%sL%s,%sL%s,%sL%s,%sZ"/>`, c(x), c(y-5.5), c(x+5.5), c(y), c(x), c(y+5.5), c(x-5.5), c(y))
	case 4:
		return fmt.Sprintf(`<circle cx="%s" cy="%s" r="3.5" fill="none" stroke="currentColor" stroke-width="2"/>`, c(x), c(y))
	default:
		return fmt.Sprintf(`<path d="M%s,%sl8,8m0,-8l-8,8" fill="none" stroke="currentColor" stroke-width="2.5"/>`, c(x-4), c(y-4))
	}
}

// patternDef defines the fill of bar series si (the first is solid) so bars
// differ by texture as well as colour.
func patternDef(id string, l layout, si int) string {
	p := fmt.Sprintf(`<pattern id="%s-%s-p%d" class="%s" width="6" height="6" patternUnits="userSpaceOnUse"`, id, l.name, si%styles+1, seriesClass(si))
	switch si % styles {
	case 1:
		return p + ` patternTransform="rotate(45)"><rect width="3" height="6"/></pattern>`
	case 2:
		return p + `><circle cx="3" cy="3" r="1.8"/></pattern>`
	case 3:
		return p + `><path d="M0,0H6V2H0ZM0,0H2V6H0Z"/></pattern>`
	case 4:
		return p + ` patternTransform="rotate(-45)"><rect width="2" height="6"/></pattern>`
	default:
		return p + `><path d="M0,3H6" stroke="currentColor" stroke-width="2.5"/></pattern>`
	}
}

func barFill(id string, l layout, si int) string {
	if si%styles == 0 {
		return "currentColor"
	}
	return fmt.Sprintf("url(#%s-%s-p%d)", id, l.name, si%styles+1)
}

// wrapWords breaks a label into lines of at most max characters.
func wrapWords(s string, max int) []string {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(s) {
		switch {
		case cur == "":
			cur = w
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(w) <= max:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = w
		}
	}
	if cur != "" || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}

// writeBars draws horizontal bars: the category label sits on its own line
// above its bars, so long Vietnamese labels wrap instead of being cut, and
// the chart keeps its width on a phone.
func writeBars(b *strings.Builder, s spec, l layout, ds dataset, ax axis, desc string) {
	const left, barGap, blockGap = 2.0, 3.0, 10.0
	right := 46.0 * l.fontSize / 12 // room for the value after the longest bar
	barH := l.barH
	if len(ds.series) > 1 {
		barH = math.Round(l.barH * 0.72)
	}
	plotW := l.width - left - right
	x := func(v float64) float64 { return left + plotW*ax.pos(v) }
	base := x(math.Min(math.Max(0, ax.lo), ax.hi))
	maxChars := int(math.Floor((l.width - left - 5) / l.charWidth))

	top := 4.0
	var body strings.Builder
	cy := top
	for ci, cat := range ds.categories {
		for _, line := range wrapWords(cat, maxChars) {
			cy += l.lineH
			fmt.Fprintf(&body, `<text class="label" x="%s" y="%s">%s</text>`, coord(left+5), coord(cy-4), esc(line))
		}
		cy += 2
		for si, sr := range ds.series {
			v := sr.values[ci]
			fmt.Fprintf(&body, `<g class="series %s">`, seriesClass(si))
			if math.IsNaN(v) {
				fmt.Fprintf(&body, `<text class="value" x="%s" y="%s">%s</text>`, coord(base+4), coord(cy+barH/2+4), s.word("không có số liệu", "no data"))
			} else {
				x0, x1 := base, x(v)
				if x1 < x0 {
					x0, x1 = x1, x0
				}
				fmt.Fprintf(&body, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s" stroke="currentColor" stroke-width="1.5"/>`,
					coord(x0), coord(cy), coord(math.Max(x1-x0, 1)), coord(barH), barFill(s.id, l, si))
				fmt.Fprintf(&body, `<text class="value" x="%s" y="%s">%s</text>`, coord(math.Max(x1, base)+4), coord(cy+barH/2+4), esc(s.num(v, s.decimals)))
			}
			body.WriteString(`</g>`)
			cy += barH + barGap
		}
		cy += blockGap - barGap
	}
	plotBottom := cy
	height := plotBottom + 20
	if s.ylabel != "" {
		height += l.lineH // the axis title under the tick labels
	}

	svgOpen(b, s, l, height, desc)
	if len(ds.series) > 1 {
		b.WriteString(`<defs>`)
		for si := 1; si < len(ds.series) && si < styles; si++ {
			b.WriteString(patternDef(s.id, l, si))
		}
		b.WriteString(`</defs>`)
	}
	var grid, labels strings.Builder
	for i, t := range ax.ticks {
		tx := x(t)
		fmt.Fprintf(&grid, `<path d="M%s,%sV%s"/>`, coord(tx), coord(top), coord(plotBottom))
		anchor := "middle"
		switch {
		case i == 0 && tx-left < 12:
			anchor = "start"
		case i == len(ax.ticks)-1 && l.width-tx < 24:
			anchor = "end"
		}
		fmt.Fprintf(&labels, `<text x="%s" y="%s" text-anchor="%s">%s</text>`, coord(tx), coord(plotBottom+15), anchor, esc(s.num(t, ax.dec)))
	}
	if s.ylabel != "" {
		fmt.Fprintf(&labels, `<text class="axis-title" x="%s" y="%s" text-anchor="middle">%s</text>`, coord(left+plotW/2), coord(plotBottom+15+l.lineH), esc(s.ylabel))
	}
	axisPath := fmt.Sprintf("M%s,%sV%s", coord(base), coord(top), coord(plotBottom))
	if ax.lo > 0 {
		axisPath += fmt.Sprintf("M%s,%sl9,-5M%s,%sl9,-5", coord(base-4.5), coord(plotBottom+2), coord(base-4.5), coord(plotBottom+7))
	}
	writeFrame(b, grid.String(), axisPath, labels.String())
	b.WriteString(body.String())
	b.WriteString(`</svg>`)
}

// writeFrame writes the gridlines, the zero/base axis and the tick labels.
// Strokes are also given as attributes so the chart stays legible where the
// stylesheet is absent (feed readers, saved pages); the stylesheet refines
// them.
func writeFrame(b *strings.Builder, grid, axisPath, labels string) {
	fmt.Fprintf(b, `<g class="grid" fill="none" stroke="currentColor" stroke-opacity=".3">%s</g>`, grid)
	fmt.Fprintf(b, `<path class="axis" d="%s" fill="none" stroke="currentColor" stroke-width="1.5"/>`, axisPath)
	fmt.Fprintf(b, `<g class="ticks">%s</g>`, labels)
}

// writeLegend names each series of a bar chart beside a sample of its fill,
// in HTML so that it wraps on narrow screens. (Line charts name their series
// at the end of each line instead.) Each sample defines its own pattern: a
// pattern inside the chart drawing the stylesheet hides would not paint.
func writeLegend(b *strings.Builder, s spec, ds dataset) {
	b.WriteString(`<ul class="chart-legend">`)
	for si, sr := range ds.series {
		l := layout{name: fmt.Sprintf("legend%d", si)}
		fmt.Fprintf(b, `<li><svg class="%s" width="36" height="14" viewBox="0 0 36 14" aria-hidden="true" fill="currentColor">`, seriesClass(si))
		if si%styles != 0 {
			fmt.Fprintf(b, `<defs>%s</defs>`, patternDef(s.id, l, si))
		}
		fmt.Fprintf(b, `<rect x="1" y="1" width="34" height="12" fill="%s" stroke="currentColor" stroke-width="1.5"/>`, barFill(s.id, l, si))
		fmt.Fprintf(b, `</svg> %s</li>`, esc(sr.label))
	}
	b.WriteString(`</ul>`)
}

func writeTable(b *strings.Builder, s spec, ds dataset) {
	fmt.Fprintf(b, `<div class="table-wrap" role="region" tabindex="0" aria-labelledby="%s-c">`, s.id)
	fmt.Fprintf(b, `<table class="chart-data"><caption id="%s-c">%s: %s</caption>`, s.id, s.word("Số liệu", "Data"), esc(s.title))
	fmt.Fprintf(b, `<thead><tr><th scope="col">%s</th>`, esc(ds.catHeader))
	for _, sr := range ds.series {
		fmt.Fprintf(b, `<th scope="col" class="num">%s</th>`, esc(sr.label))
	}
	b.WriteString(`</tr></thead><tbody>`)
	for ci, cat := range ds.categories {
		fmt.Fprintf(b, `<tr><th scope="row">%s</th>`, esc(cat))
		for _, sr := range ds.series {
			if v := sr.values[ci]; math.IsNaN(v) {
				fmt.Fprintf(b, `<td class="num"><abbr title="%s">—</abbr></td>`, s.word("không có số liệu", "no data"))
			} else {
				fmt.Fprintf(b, `<td class="num">%s</td>`, esc(s.num(v, s.decimals)))
			}
		}
		b.WriteString(`</tr>`)
	}
	b.WriteString(`</tbody></table></div>`)
}

// autoSummary describes the data in words when the author gave no summary=,
// so the chart always has a text alternative.
func autoSummary(s spec, ds dataset) string {
	var parts []string
	at := func(cat string) string {
		switch ds.catHeader {
		case "Năm":
			return "năm " + cat
		case "Year":
			return "in " + cat
		}
		return "(" + cat + ")"
	}
	for _, sr := range ds.series {
		first, last, maxI, minI := -1, -1, -1, -1
		for i, v := range sr.values {
			if math.IsNaN(v) {
				continue
			}
			if first < 0 {
				first = i
			}
			last = i
			if maxI < 0 || v > sr.values[maxI] {
				maxI = i
			}
			if minI < 0 || v < sr.values[minI] {
				minI = i
			}
		}
		if first < 0 {
			parts = append(parts, sr.label+": "+s.word("không có số liệu", "no data"))
			continue
		}
		f := func(i int) string { return s.num(sr.values[i], s.decimals) }
		c := ds.categories
		switch {
		case s.kind == "line" && s.lang == "en":
			parts = append(parts, fmt.Sprintf("%s: from %s %s to %s %s; highest %s %s, lowest %s %s",
				sr.label, f(first), at(c[first]), f(last), at(c[last]), f(maxI), at(c[maxI]), f(minI), at(c[minI])))
		case s.kind == "line":
			parts = append(parts, fmt.Sprintf("%s: từ %s %s đến %s %s; cao nhất %s %s, thấp nhất %s %s",
				sr.label, f(first), at(c[first]), f(last), at(c[last]), f(maxI), at(c[maxI]), f(minI), at(c[minI])))
		case s.lang == "en":
			parts = append(parts, fmt.Sprintf("%s: highest is %s (%s), lowest is %s (%s)",
				sr.label, c[maxI], f(maxI), c[minI], f(minI)))
		default:
			parts = append(parts, fmt.Sprintf("%s: cao nhất là %s (%s), thấp nhất là %s (%s)",
				sr.label, c[maxI], f(maxI), c[minI], f(minI)))
		}
	}
	return strings.Join(parts, ". ") + "."
}
