package chart

import (
	"fmt"
	"html/template"
	"math"
	"strings"
	"unicode/utf8"
)

// Geometry in SVG user units. The viewBox is narrow on purpose: scaled to a
// 320 px phone the 12-unit text stays near 11 px, and the stylesheet caps
// the width on large screens so the text does not grow huge.
const (
	width      = 320.0
	fontSize   = 12.0
	charWidth  = 6.8 // average advance of a 12-unit sans-serif glyph, for layout estimates
	lineHeight = 16.0
)

// Series styles: colour comes from the class (c1…c6 in the stylesheet, via
// currentColor); dashes, markers and fill patterns make each series
// distinguishable without colour too.
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

func seriesClass(i int) string { return fmt.Sprintf("c%d", i%styles+1) }

func writeFigure(b *strings.Builder, s spec, ds dataset) {
	desc := s.summary
	if desc == "" {
		desc = autoSummary(s, ds)
	}
	fmt.Fprintf(b, `<figure class="chart chart-%s" id="%s">`, s.kind, s.id)
	fmt.Fprintf(b, `<figcaption class="chart-title">%s</figcaption>`, esc(s.title))
	if s.kind == "line" {
		writeLine(b, s, ds, desc)
	} else {
		writeBars(b, s, ds, desc)
	}
	if len(ds.series) > 1 {
		writeLegend(b, s, ds)
	}
	fmt.Fprintf(b, `<p class="chart-summary">%s</p>`, esc(desc))
	writeTable(b, s, ds)
	b.WriteString(`</figure>`)
}

func svgOpen(b *strings.Builder, s spec, height float64, desc string) {
	fmt.Fprintf(b, `<svg class="chart-svg" viewBox="0 0 %s %s" width="100%%" role="img" aria-labelledby="%s-t %s-d" fill="currentColor" font-size="%s">`,
		coord(width), coord(height), s.id, s.id, coord(fontSize))
	fmt.Fprintf(b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, s.id, esc(s.title), s.id, esc(desc))
}

// textWidth estimates the rendered width of s at the base font size.
func textWidth(s string) float64 { return float64(utf8.RuneCountInString(s)) * charWidth }

func writeLine(b *strings.Builder, s spec, ds dataset, desc string) {
	lo, hi, _ := ds.extent()
	ax := newAxis(lo, hi, s.min, s.max, false, 5)
	left := 6.0
	for _, t := range ax.ticks {
		left = math.Max(left, textWidth(formatVN(t, ax.dec))+8)
	}
	top := 10.0
	if s.ylabel != "" {
		top += lineHeight
	}
	const plotH, bottom, right = 170.0, 24.0, 14.0
	height := top + plotH + bottom
	plotW := width - left - right
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

	svgOpen(b, s, height, desc)
	var grid, labels strings.Builder
	if s.ylabel != "" {
		fmt.Fprintf(&labels, `<text x="0" y="%s">%s</text>`, coord(fontSize), esc(s.ylabel))
	}
	for _, t := range ax.ticks {
		ty := y(t)
		fmt.Fprintf(&grid, `<path d="M%s,%sH%s"/>`, coord(left), coord(ty), coord(width-right))
		fmt.Fprintf(&labels, `<text x="%s" y="%s" text-anchor="end">%s</text>`, coord(left-5), coord(ty+4), esc(formatVN(t, ax.dec)))
	}
	for _, i := range shownLabels(ds.categories, xs) {
		fmt.Fprintf(&labels, `<text x="%s" y="%s" text-anchor="middle">%s</text>`, coord(xs[i]), coord(top+plotH+17), esc(ds.categories[i]))
	}
	writeFrame(b, grid.String(), fmt.Sprintf("M%s,%sH%s", coord(left), coord(top+plotH), coord(width-right)), labels.String())

	for si, sr := range ds.series {
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
		if d.Len() > 0 {
			fmt.Fprintf(b, `<path d="%s" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linejoin="round"%s/>`, d.String(), dashAttr(si))
		}
		for i, v := range sr.values {
			if !math.IsNaN(v) {
				b.WriteString(marker(si, xs[i], y(v)))
			}
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</svg>`)
}

// shownLabels picks which x labels to print so that none overlap: every
// k-th one, counted back from the last (the most recent year matters most).
func shownLabels(cats []string, xs []float64) []int {
	n := len(cats)
	if n == 0 {
		return nil
	}
	widest := 0.0
	for _, c := range cats {
		widest = math.Max(widest, textWidth(c))
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
func patternDef(id string, si int) string {
	p := fmt.Sprintf(`<pattern id="%s-p%d" class="%s" width="6" height="6" patternUnits="userSpaceOnUse"`, id, si%styles+1, seriesClass(si))
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

func barFill(id string, si int) string {
	if si%styles == 0 {
		return "currentColor"
	}
	return fmt.Sprintf("url(#%s-p%d)", id, si%styles+1)
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
func writeBars(b *strings.Builder, s spec, ds dataset, desc string) {
	lo, hi, _ := ds.extent()
	ax := newAxis(lo, hi, s.min, s.max, true, 5)
	const left, right, barGap, blockGap = 2.0, 46.0, 3.0, 10.0
	barH := 18.0
	if len(ds.series) > 1 {
		barH = 13
	}
	plotW := width - left - right
	x := func(v float64) float64 { return left + plotW*ax.pos(v) }
	base := x(math.Min(math.Max(0, ax.lo), ax.hi))
	maxChars := int(math.Floor((width - left - 5) / charWidth))

	top := 4.0
	if s.ylabel != "" {
		top += lineHeight
	}
	var body strings.Builder
	cy := top
	for ci, cat := range ds.categories {
		for _, line := range wrapWords(cat, maxChars) {
			cy += lineHeight
			fmt.Fprintf(&body, `<text class="label" x="%s" y="%s">%s</text>`, coord(left+5), coord(cy-4), esc(line))
		}
		cy += 2
		for si, sr := range ds.series {
			v := sr.values[ci]
			fmt.Fprintf(&body, `<g class="series %s">`, seriesClass(si))
			if math.IsNaN(v) {
				fmt.Fprintf(&body, `<text class="value" x="%s" y="%s">không có số liệu</text>`, coord(base+4), coord(cy+barH/2+4))
			} else {
				x0, x1 := base, x(v)
				if x1 < x0 {
					x0, x1 = x1, x0
				}
				fmt.Fprintf(&body, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s" stroke="currentColor" stroke-width="1.5"/>`,
					coord(x0), coord(cy), coord(math.Max(x1-x0, 1)), coord(barH), barFill(s.id, si))
				fmt.Fprintf(&body, `<text class="value" x="%s" y="%s">%s</text>`, coord(math.Max(x1, base)+4), coord(cy+barH/2+4), esc(formatVN(v, s.decimals)))
			}
			body.WriteString(`</g>`)
			cy += barH + barGap
		}
		cy += blockGap - barGap
	}
	plotBottom := cy
	height := plotBottom + 20

	svgOpen(b, s, height, desc)
	if len(ds.series) > 1 {
		b.WriteString(`<defs>`)
		for si := 1; si < len(ds.series) && si < styles; si++ {
			b.WriteString(patternDef(s.id, si))
		}
		b.WriteString(`</defs>`)
	}
	var grid, labels strings.Builder
	if s.ylabel != "" {
		fmt.Fprintf(&labels, `<text x="0" y="%s">%s</text>`, coord(fontSize), esc(s.ylabel))
	}
	for i, t := range ax.ticks {
		tx := x(t)
		fmt.Fprintf(&grid, `<path d="M%s,%sV%s"/>`, coord(tx), coord(top), coord(plotBottom))
		anchor := "middle"
		switch {
		case i == 0 && tx-left < 12:
			anchor = "start"
		case i == len(ax.ticks)-1 && width-tx < 24:
			anchor = "end"
		}
		fmt.Fprintf(&labels, `<text x="%s" y="%s" text-anchor="%s">%s</text>`, coord(tx), coord(plotBottom+15), anchor, esc(formatVN(t, ax.dec)))
	}
	writeFrame(b, grid.String(), fmt.Sprintf("M%s,%sV%s", coord(base), coord(top), coord(plotBottom)), labels.String())
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

// writeLegend names each series beside a sample of its line and marker (or
// bar fill), in HTML so that it wraps on narrow screens.
func writeLegend(b *strings.Builder, s spec, ds dataset) {
	b.WriteString(`<ul class="chart-legend">`)
	for si, sr := range ds.series {
		fmt.Fprintf(b, `<li><svg class="%s" width="36" height="14" viewBox="0 0 36 14" aria-hidden="true" fill="currentColor">`, seriesClass(si))
		if s.kind == "line" {
			fmt.Fprintf(b, `<path d="M1,7H35" stroke="currentColor" stroke-width="2.5"%s/>%s`, dashAttr(si), marker(si, 18, 7))
		} else {
			fmt.Fprintf(b, `<rect x="1" y="1" width="34" height="12" fill="%s" stroke="currentColor" stroke-width="1.5"/>`, barFill(s.id, si))
		}
		fmt.Fprintf(b, `</svg> %s</li>`, esc(sr.label))
	}
	b.WriteString(`</ul>`)
}

func writeTable(b *strings.Builder, s spec, ds dataset) {
	fmt.Fprintf(b, `<div class="table-wrap" role="region" tabindex="0" aria-labelledby="%s-c">`, s.id)
	fmt.Fprintf(b, `<table class="chart-data"><caption id="%s-c">Số liệu: %s</caption>`, s.id, esc(s.title))
	fmt.Fprintf(b, `<thead><tr><th scope="col">%s</th>`, esc(ds.catHeader))
	for _, sr := range ds.series {
		fmt.Fprintf(b, `<th scope="col" class="num">%s</th>`, esc(sr.label))
	}
	b.WriteString(`</tr></thead><tbody>`)
	for ci, cat := range ds.categories {
		fmt.Fprintf(b, `<tr><th scope="row">%s</th>`, esc(cat))
		for _, sr := range ds.series {
			if v := sr.values[ci]; math.IsNaN(v) {
				b.WriteString(`<td class="num"><abbr title="không có số liệu">—</abbr></td>`)
			} else {
				fmt.Fprintf(b, `<td class="num">%s</td>`, esc(formatVN(v, s.decimals)))
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
		if ds.catHeader == "Năm" {
			return "năm " + cat
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
			parts = append(parts, sr.label+": không có số liệu")
			continue
		}
		f := func(i int) string { return formatVN(sr.values[i], s.decimals) }
		c := ds.categories
		if s.kind == "line" {
			parts = append(parts, fmt.Sprintf("%s: từ %s %s đến %s %s; cao nhất %s %s, thấp nhất %s %s",
				sr.label, f(first), at(c[first]), f(last), at(c[last]), f(maxI), at(c[maxI]), f(minI), at(c[minI])))
		} else {
			parts = append(parts, fmt.Sprintf("%s: cao nhất là %s (%s), thấp nhất là %s (%s)",
				sr.label, c[maxI], f(maxI), c[minI], f(minI)))
		}
	}
	return strings.Join(parts, ". ") + "."
}
