package site

import (
	"strings"

	"portal/internal/diag"
	"portal/internal/textutil"
)

func (s *Site) buildAliases() []*diag.Problem {
	var probs []*diag.Problem
	for _, p := range s.AllPages {
		for _, a := range p.Aliases {
			a, r := textutil.StripBidi(a)
			if r != 0 {
				probs = append(probs, bidiWarning(p, "aliases", r))
			}
			clean, err := CleanURLPath(a)
			if err != nil {
				probs = append(probs, diag.Errorf(p.name(), p.line("aliases"), "aliases: %v", err))
				continue
			}
			clean = s.withLang(clean)
			out := strings.TrimPrefix(clean, "/")
			if strings.HasSuffix(clean, "/") {
				out += "index.html"
			}
			if other := s.byURL[strings.ToLower(clean)]; other != nil {
				probs = append(probs, diag.Errorf(p.name(), p.line("aliases"), "aliases: %s đã là địa chỉ của %s (alias collides with a page)", clean, other.name()))
				continue
			}
			if prev, ok := s.Aliases[out]; ok && prev != p {
				probs = append(probs, diag.Errorf(p.name(), p.line("aliases"), "aliases: %s cũng là bí danh của %s (duplicate alias)", clean, prev.name()))
				continue
			}
			s.Aliases[out] = p
		}
	}
	return probs
}
