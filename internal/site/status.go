package site

import (
	"strings"

	"portal/internal/content"
	"portal/internal/diag"
)

// resolveReplacements checks the pages marked no longer in force and
// resolves each one's thay_the_boi as a link of the page: a broken one is
// an error at its line, as in the page's Markdown. Only regular pages may
// be marked: a section or the home page lists others, and taking it out
// of the lists would hide pages still in force.
func (s *Site) resolveReplacements() []*diag.Problem {
	var probs []*diag.Problem
	for _, p := range s.AllPages {
		f := p.src
		if f == nil || f.FM.Status != content.StatusOutOfForce {
			continue
		}
		fm := f.FM
		if p.Kind != KindPage {
			p.Status = content.StatusInForce
			probs = append(probs, diag.Errorf(f.Name(), fm.Line(content.KeyStatus), "%s: %s chỉ dùng cho một trang, không dùng cho trang chủ hay trang mục (_index.md); hãy đánh dấu từng trang trong mục (only a page can be no longer in force)", content.KeyStatus, content.StatusOutOfForce))
			continue
		}
		dest := fm.ReplacedBy
		if dest == "" {
			continue
		}
		bad := func(format string, args ...any) {
			probs = append(probs, diag.Errorf(f.Name(), fm.Line(content.KeyReplacedBy), "%s: "+format, append([]any{content.KeyReplacedBy}, args...)...))
		}
		if hasScheme(dest) || strings.HasPrefix(dest, "//") {
			if l := strings.ToLower(dest); !strings.HasPrefix(l, "https://") && !strings.HasPrefix(l, "http://") {
				bad("%q không phải một địa chỉ trang; hãy ghi đường dẫn trong cổng, ví dụ /van-ban/ten-van-ban/, hoặc một địa chỉ bắt đầu bằng https:// (unsupported link)", truncURL(dest))
				continue
			}
		}
		l, err := s.NewResolver(p, nil).Link(dest)
		if err != nil {
			bad("%v", err)
			continue
		}
		if l.Page == p {
			bad("%q là chính trang này; hãy ghi trang hay văn bản đã thay thế nó (links to itself)", dest)
			continue
		}
		if l.Page != nil && !l.Page.InForce() {
			// Readers who follow the banner's link would land on a second
			// banner: the editor probably meant the page that replaced that one.
			probs = append(probs, diag.Warnf(f.Name(), fm.Line(content.KeyReplacedBy), "%s: trang %s cũng không còn hiệu lực; hãy ghi trang đang có hiệu lực đã thay thế văn bản này (replacement is no longer in force)", content.KeyReplacedBy, l.Page.SourceName()))
		}
		p.ReplacedBy, p.ReplacedByURL = l.Page, l.Href
	}
	return probs
}
