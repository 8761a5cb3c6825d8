package content

import (
	"strings"

	"portal/internal/config"
	"portal/internal/diag"
)

// FilesFor picks the content files of one language: the default language
// gets everything outside the other languages' folders; a translation gets
// its folder, with the folder name moved into File.Prefix.
func FilesFor(files []*File, l config.LanguageInfo, langs []config.LanguageInfo) []*File {
	var out []*File
	for _, f := range files {
		if l.Prefix == "" {
			other := false
			for _, o := range langs[1:] {
				if strings.HasPrefix(f.Path, o.Prefix) {
					other = true
					break
				}
			}
			if !other {
				out = append(out, f)
			}
			continue
		}
		if strings.HasPrefix(f.Path, l.Prefix) {
			cp := *f
			cp.Path = strings.TrimPrefix(f.Path, l.Prefix)
			cp.Prefix = l.Prefix
			out = append(out, &cp)
		}
	}
	return out
}

// FailedFiles lists the Markdown files under content/ that failed to load.
func FailedFiles(probs []*diag.Problem) map[string]bool {
	m := map[string]bool{}
	for _, p := range probs {
		if p.Level == diag.Error && strings.HasPrefix(p.File, "content/") && IsMarkdown(p.File) {
			m[strings.TrimPrefix(p.File, "content/")] = true
		}
	}
	return m
}

// FailedFor keys failed files the way language l's site names them.
func FailedFor(failed map[string]bool, l config.LanguageInfo) map[string]bool {
	if l.Prefix == "" {
		return failed
	}
	m := map[string]bool{}
	for f := range failed {
		if strings.HasPrefix(f, l.Prefix) {
			m[strings.TrimPrefix(f, l.Prefix)] = true
		}
	}
	return m
}
