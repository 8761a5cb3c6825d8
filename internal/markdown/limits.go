package markdown

import (
	"bytes"

	"portal/internal/diag"
)

// goldmark matches emphasis delimiters and link brackets by scanning back
// over the ones before, so one paragraph of n of them costs n² steps:
// 20,000 took over a second and 100,000 about a minute. The limits keep a
// page's conversion near a second at worst; real prose has a few dozen.
const (
	maxParagraphMarks = 10_000
	maxMarkWork       = 400_000_000 // Σ n² over the file's paragraphs
)

// tooMuchMarkup is the problem of a body over the limits, or nil.
func tooMuchMarkup(in Input) *diag.Problem {
	line, n, over := markupLoad(in.Src)
	if !over {
		return nil
	}
	return diag.Errorf(in.File, in.FirstLine+line,
		"đoạn văn có quá nhiều ký tự đánh dấu *, _ hoặc [ (%d, tối đa %d mỗi đoạn); hãy chia thành nhiều đoạn, hoặc đặt nội dung vào khối mã ``` (too much markup in one paragraph)", n, maxParagraphMarks)
}

// markupLoad finds the paragraph (text between blank lines, outside
// fenced code) whose count of '*', '_' and '[' passes maxParagraphMarks,
// or whose count brings the file's Σ n² past maxMarkWork. line is its
// first line, 0-based.
func markupLoad(src []byte) (line, n int, over bool) {
	if len(src) < maxParagraphMarks {
		return 0, 0, false // too short to hold that many
	}
	work, count, start, ln := 0, 0, 0, 0
	fence := byte(0)
	table := false
	for off := 0; off < len(src); ln++ {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off
		}
		l := bytes.TrimSpace(src[off:end])
		off = end + 1
		if fence != 0 {
			if bytes.HasPrefix(l, []byte{fence, fence, fence}) {
				fence = 0
			}
			continue
		}
		if bytes.HasPrefix(l, []byte("```")) || bytes.HasPrefix(l, []byte("~~~")) {
			fence = l[0]
			work += count * count
			count = 0
			continue
		}
		if len(l) == 0 {
			work += count * count
			count = 0
			table = false
			continue
		}
		// A list item and a table row are parsed on their own, as a
		// paragraph is: a long list or table is many small ones.
		if isDelimiterRow(l) {
			table = true
		}
		if count > 0 && (table || isListItem(l)) {
			work += count * count
			count = 0
		}
		if count == 0 {
			start = ln
		}
		for _, c := range l {
			if c == '*' || c == '_' || c == '[' {
				count++
			}
		}
		if count > maxParagraphMarks || work+count*count > maxMarkWork {
			return start, count, true
		}
	}
	return 0, 0, false
}

// isListItem reports a line that starts a list item: "- ", "* ", "+ ",
// "1. " or "1) ".
func isListItem(l []byte) bool {
	if len(l) >= 2 && (l[0] == '-' || l[0] == '*' || l[0] == '+') && (l[1] == ' ' || l[1] == '\t') {
		return true
	}
	i := 0
	for i < len(l) && i < 9 && '0' <= l[i] && l[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(l) && (l[i] == '.' || l[i] == ')') && (l[i+1] == ' ' || l[i+1] == '\t')
}

// isDelimiterRow reports a table's delimiter row: "|---|:-:|".
func isDelimiterRow(l []byte) bool {
	dash := false
	for _, c := range l {
		switch c {
		case '-':
			dash = true
		case '|', ':', ' ', '\t':
		default:
			return false
		}
	}
	return dash && bytes.IndexByte(l, '|') >= 0
}
