// Copyright 2026 The portal authors. This file is not part of the Go
// distribution; it holds the changes this fork makes (see README.md).

package template

// stringForms are the escapers' results for one argument that is exactly
// a string (contentTypePlain), as text/template's SetStringForms takes
// them: a page's values are mostly plain strings run through one to three
// escapers, and calling these directly skips the executor's reflection
// and boxing for each (TestStringFormsMatch checks they agree).
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

func plainNospaceEscape(s string) string {
	if s == "" {
		return filterFailsafe
	}
	return htmlReplacer(s, htmlNospaceReplacementTable, false)
}

func plainURLFilter(s string) string {
	if !isSafeURL(s) {
		return "#" + filterFailsafe
	}
	return s
}

func plainURLNormalize(s string) string { return processURL(s, true) }

func plainURLEscape(s string) string { return processURL(s, false) }

// plainJSVal is jsValEscaper of a plain string, which is neither a
// json.Marshaler nor a fmt.Stringer.
func plainJSVal(s string) string { return jsValEscaper(s) }
