package chart

import (
	"math"
	"strconv"
	"strings"
)

// formatVN writes x with the given number of decimals the Vietnamese way:
// comma as decimal separator, dot between thousands ("1.234,50").
func formatVN(x float64, decimals int) string {
	s := roundHalfUp(x, decimals)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	if neg && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}

// roundHalfUp formats |x|'s sign and digits with the given decimals,
// rounding halves away from zero on the shortest decimal form of x, as people
// round by hand: 1,25 → 1,3 (strconv would give 1,2, and binary noise
// would turn 44,225 into 44,22).
func roundHalfUp(x float64, decimals int) string {
	s := strconv.FormatFloat(math.Abs(x), 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	digits := []byte(intPart + frac + strings.Repeat("0", max(0, decimals-len(frac)+1)))
	keep := len(intPart) + decimals
	up := digits[keep] >= '5'
	digits = digits[:keep]
	for i := len(digits) - 1; up && i >= 0; i-- {
		if digits[i] == '9' {
			digits[i] = '0'
			continue
		}
		digits[i]++
		up = false
	}
	if up {
		digits = append([]byte{'1'}, digits...)
	}
	n := len(digits) - decimals
	out := string(digits[:n])
	if decimals > 0 {
		out += "." + string(digits[n:])
	}
	if x < 0 {
		out = "-" + out
	}
	return out
}

// parseNumber reads a data cell or an argument. It accepts "44.23" (as CSV
// files are usually written) and "44,23" (as Vietnamese editors type it).
func parseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if !strings.Contains(s, ".") && strings.Count(s, ",") == 1 {
		s = strings.Replace(s, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// coord formats an SVG coordinate with at most one decimal, which is finer
// than any screen needs and keeps the markup short and stable.
func coord(v float64) string {
	r := math.Round(v*10) / 10
	if r == 0 {
		r = 0 // no "-0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// stepDecimals is how many decimals tick labels need for a tick step.
func stepDecimals(step float64) int {
	for d := 0; d < 6; d++ {
		p := math.Pow(10, float64(d))
		if math.Abs(step*p-math.Round(step*p)) < 1e-9 {
			return d
		}
	}
	return 6
}

// niceStep returns a round step (1, 2 or 5 times a power of ten) that
// cuts span into about target intervals.
func niceStep(span float64, target int) float64 {
	if span <= 0 {
		return 1
	}
	raw := span / float64(target)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw*(1-1e-9) {
			return m * mag
		}
	}
	return 10 * mag
}

// axis is a value scale with its ticks.
type axis struct {
	lo, hi float64
	ticks  []float64
	dec    int
}

// newAxis chooses the value range and ticks. Fixed ends (from min= and max=)
// are kept exactly; free ends are rounded outwards to a tick. zeroBased
// makes a free lower end 0 when the data is not negative, because bar
// lengths must be read from zero.
func newAxis(dataLo, dataHi float64, fixLo, fixHi *float64, zeroBased bool, target int) axis {
	lo, hi := dataLo, dataHi
	if zeroBased && lo > 0 {
		lo = 0
	}
	if zeroBased && hi < 0 {
		hi = 0
	}
	if fixLo != nil {
		lo = *fixLo
	}
	if fixHi != nil {
		hi = *fixHi
	}
	if hi <= lo {
		// a flat series: open a band around it so the line sits mid-chart
		switch {
		case fixLo == nil && fixHi == nil:
			d := math.Max(math.Abs(lo)*0.1, 1)
			lo, hi = lo-d, hi+d
			if zeroBased && dataLo >= 0 {
				lo = 0
			}
		case fixLo == nil:
			lo = hi - math.Max(math.Abs(hi)*0.1, 1)
		default:
			hi = lo + math.Max(math.Abs(lo)*0.1, 1)
		}
	}
	step := niceStep(hi-lo, target)
	if fixLo == nil {
		lo = math.Floor(lo/step+1e-9) * step
	}
	if fixHi == nil {
		hi = math.Ceil(hi/step-1e-9) * step
	}
	a := axis{lo: lo, hi: hi, dec: stepDecimals(step)}
	for t := math.Ceil(lo/step-1e-9) * step; t <= hi+step*1e-9; t += step {
		a.ticks = append(a.ticks, math.Round(t/step)*step)
	}
	return a
}

// pos maps v into [0,1] along the axis.
func (a axis) pos(v float64) float64 {
	return (v - a.lo) / (a.hi - a.lo)
}
