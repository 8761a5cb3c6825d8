// Copyright 2026 The portal authors. This file is not part of the Go
// distribution: it is the fork's own code, reached from the line marked
// "portal:" in escape.go (see ../README.md).

package template

import "strings"

// stringForms are the escapers' results for one argument that is exactly
// a string, as text/template's SetStringForms takes them: a page's values
// are mostly plain strings run through one to three escapers, and calling
// these directly skips the executor's function lookup, argument checks and
// boxing for each (about 7% of a 10,000-page build; ../README.md).
//
// Each form is its escaper's body with stringify's answer for a string,
// (s, contentTypePlain), put in: it calls the same upstream functions
// with the same tables. The generator fingerprints the escapers these
// mirror (gen/main.go, mirrored) and stops when a Go release changes one,
// so a fix to an escaper cannot pass these forms by; TestStringFormsMatch
// and FuzzStringForms compare each form with its escaper.
var stringForms = map[string]func(string) string{
	"_html_template_attrescaper":    plainHTMLEscape,
	"_html_template_htmlescaper":    plainHTMLEscape,
	"_html_template_rcdataescaper":  plainHTMLEscape,
	"_html_template_nospaceescaper": plainNospaceEscape,
	"_html_template_urlfilter":      plainURLFilter,
	"_html_template_urlnormalizer":  plainURLNormalize,
	"_html_template_urlescaper":     plainURLEscape,
	"_html_template_jsvalescaper":   plainJSVal,
}

// plainHTMLEscape is htmlEscaper, attrEscaper and rcdataEscaper of a
// plain string: the three differ only for HTML content. Most strings (a
// title, a date, a class) hold nothing to escape, and then htmlReplacer
// returns them unchanged after decoding every rune; a scan of their bytes
// gives the same answer sooner.
func plainHTMLEscape(s string) string {
	for i := 0; i < len(s); i++ {
		if htmlEscapes[s[i]] {
			return htmlReplacer(s, htmlReplacementTable, true)
		}
	}
	return s
}

// htmlEscapes marks the bytes htmlReplacer may change with
// htmlReplacementTable and badRunes set: those with an entry in the table.
// No other byte can be: a byte of a multi-byte or invalid sequence
// decodes to a rune beyond the table (TestHTMLEscapesCoverTheTable),
// which htmlReplacer leaves alone when badRunes is set.
var htmlEscapes = func() (t [256]bool) {
	for i, repl := range htmlReplacementTable {
		t[i] = repl != ""
	}
	return t
}()

// plainNospaceEscape is htmlNospaceEscaper of a plain string.
func plainNospaceEscape(s string) string {
	if s == "" {
		return filterFailsafe
	}
	return htmlReplacer(s, htmlNospaceReplacementTable, false)
}

// plainURLFilter is urlFilter of a plain string.
func plainURLFilter(s string) string {
	if !isSafeURL(s) {
		return "#" + filterFailsafe
	}
	return s
}

// plainURLNormalize is urlNormalizer (urlProcessor(true, …)) of a plain
// string.
func plainURLNormalize(s string) string { return plainURLProcess(s, true) }

// plainURLEscape is urlEscaper (urlProcessor(false, …)) of a plain string.
func plainURLEscape(s string) string { return plainURLProcess(s, false) }

func plainURLProcess(s string, norm bool) string {
	var b strings.Builder
	if processURLOnto(s, norm, &b) {
		return b.String()
	}
	return s
}

// plainJSVal is jsValEscaper itself, given the string.
func plainJSVal(s string) string { return jsValEscaper(s) }
