package textutil

// Distance is the Levenshtein distance between a and b counted in runes:
// the fewest insertions, deletions and substitutions of one character that
// turn a into b. Callers that suggest "did you mean" compare Fold'ed
// strings, so a missing diacritic costs nothing.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
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
		}
		prev, cur = cur, prev
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
