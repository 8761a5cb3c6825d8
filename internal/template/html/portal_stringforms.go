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
// plain string: the three differ only for HTML content.
func plainHTMLEscape(s string) string {
	return htmlReplacer(s, htmlReplacementTable, true)
}

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
