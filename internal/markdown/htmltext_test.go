package markdown

import (
	stdhtml "html"
	"regexp"
	"strings"
	"testing"
)

// regexpHTMLText is the first htmlText, kept as the reference the hand
// scanner must agree with.
func regexpHTMLText(h string) string {
	block := regexp.MustCompile(`(?i)<(?:/?(?:p|div|li|ul|ol|h[1-6]|tr|td|th|table|dd|dt|dl|figure|figcaption|aside|section|blockquote|pre|svg|desc|title)\b[^>]*|br\s*/?)>`)
	tag := regexp.MustCompile(`<[^>]*>`)
	// A drawing's own text is left out (see htmlText).
	h = regexp.MustCompile(`(?is)<svg\b(?:[^>]*[^/>])?>.*?</svg>`).ReplaceAllString(h, " ")
	h = tag.ReplaceAllString(block.ReplaceAllString(h, " "), "")
	return strings.Join(strings.Fields(stdhtml.UnescapeString(h)), " ")
}

func TestHTMLText(t *testing.T) {
	for _, h := range []string{
		"",
		"chữ thường &amp; dấu",
		"<p>Một</p><p>Hai</p>",
		"<b>in</b>đậm<em>nghiêng</em>",
		"<table><tr><th>Năm</th><td>2023</td></tr><TR><TD>5,2</TD></TR></table>",
		"<svg viewBox='0 0 1 1'><title>Biểu đồ</title><desc>Điểm</desc><rect/></svg>sau",
		"<figure><figcaption>Tổng điểm</figcaption><SVG role=\"img\"><title>Tổng điểm</title><text>2018</text></Svg><p>Tóm tắt</p></figure>",
		"trước<svg/>giữa<svg>không đóng",
		"dòng<br>mới<br/>nữa<br />hết",
		"<pre>mã</pre><param>x</param><prefix>y</prefix>",
		"a < b và c > d",
		"mở <nhưng không đóng",
		"<a title=\"<\">liên kết</a>",
		"<div\nclass=\"x\">xuống dòng trong thẻ</div>",
		"<h2 id=\"a\">Tiêu đề</h2><h7>không phải</h7>",
		"&lt;p&gt; là chữ &#7885;",
	} {
		if got, want := htmlText(h), regexpHTMLText(h); got != want {
			t.Errorf("htmlText(%q) = %q, want %q", h, got, want)
		}
	}
}
