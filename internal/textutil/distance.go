package textutil

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Distance is the edit distance between a and b counted in runes: the
// fewest insertions, deletions, substitutions of one character and swaps
// of two neighbours ("titel" for "title", the commonest slip of typing
// fingers) that turn a into b, each substring edited once (optimal string
// alignment). Callers that suggest "did you mean" compare Fold'ed strings,
// so a missing diacritic costs nothing.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1) // row i-2, for swaps
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// Closest returns the choice nearest to s after folding both, when it is
// near enough to be a typing mistake (at most a third of its letters
// differ, and at most 3); "" otherwise. Ties go to the earlier choice.
func Closest(s string, choices []string) string {
	fs := Fold(s)
	best, bestD := "", 0
	for _, c := range choices {
		fc := Fold(c)
		d := Distance(fs, fc)
		limit := min(3, max(1, len([]rune(fc))/3))
		if d > limit {
			continue
		}
		if best == "" || d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// maxListed bounds the choices ChoiceHint names: a long list would bury
// the message's first line, and the editor needs only to see what exists.
const maxListed = 20

// ChoiceHint ends a message about a value that is not among choices: the
// choice the editor probably meant, when one is near (see Closest; none
// for an empty value), and the choices themselves, named by noun:
// `; có phải ý bạn là "dien_thoai"? Các trường có: co_quan, dia_chi,
// dien_thoai, email`. With no choices it says there are none.
func ChoiceHint(value, noun string, choices []string) string {
	if len(choices) == 0 {
		return "; chưa có " + noun + " nào"
	}
	var b strings.Builder
	if c := Closest(value, choices); value != "" && c != "" && c != value {
		fmt.Fprintf(&b, "; có phải ý bạn là %q? Các %s có: ", c, noun)
	} else {
		fmt.Fprintf(&b, "; các %s có: ", noun)
	}
	n := min(len(choices), maxListed)
	for i, c := range choices[:n] {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(listed(c))
	}
	if more := len(choices) - n; more > 0 {
		fmt.Fprintf(&b, " và %d %s khác", more, noun)
	}
	return b.String()
}

// maxChoiceLen bounds the runes of one listed choice.
const maxChoiceLen = 80

// listed is choice c as ChoiceHint lists it. Choices come from editors'
// files (data keys, front matter values) and the message goes to a
// terminal: one with a control or bidi character (an ANSI escape, a line
// break that would forge another "file:line:" line) is quoted, which
// writes such characters as escapes, and a long one is cut.
func listed(c string) string {
	if utf8.RuneCountInString(c) > maxChoiceLen {
		c = string([]rune(c)[:maxChoiceLen]) + "…"
	}
	if strings.IndexFunc(c, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0 {
		return strconv.Quote(c)
	}
	return c
}

// ClosestPath returns the path among choices nearest to p (a URL path or
// a file path) after folding both, when it is near enough to be the one
// the editor meant; "" otherwise. Near enough is two tests: the whole
// paths differ in at most a third of their characters, and their last
// parts (the page's own name) in at most half of theirs, so that
// /ket-qua/nam-2024/ finds /ket-qua/2024/ but /ket-qua/abc/ does not
// take /ket-qua/xyz/ for it because the folders agree. Ties go to the
// earlier choice. It is meant for an error path: it reads every choice.
func ClosestPath(p string, choices []string) string {
	fp := Fold(p)
	np, base := utf8.RuneCountInString(fp), lastPart(fp)
	nb := utf8.RuneCountInString(base)
	best, bestD := "", 0
	for _, c := range choices {
		fc := Fold(c)
		nc := utf8.RuneCountInString(fc)
		limit := max(1, max(np, nc)/3)
		if abs(np-nc) > limit {
			continue // the distance is at least the difference in length
		}
		d := Distance(fp, fc)
		if d > limit || (best != "" && d >= bestD) {
			continue
		}
		cb := lastPart(fc)
		if Distance(base, cb) > max(1, max(nb, utf8.RuneCountInString(cb))/2) {
			continue
		}
		best, bestD = c, d
	}
	return best
}

// lastPart is the last segment of a slash path, trailing slash ignored.
func lastPart(p string) string {
	p = strings.TrimSuffix(p, "/")
	return p[strings.LastIndexByte(p, '/')+1:]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
