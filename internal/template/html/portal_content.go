// Copyright 2026 The portal authors. This file is not part of the Go
// distribution: it is the fork's own code (see ../README.md).

package template

import stdhtml "html/template"

// The content types are the standard library's, so values that code
// elsewhere makes with html/template (site.Page.Content and the like) keep
// their meaning here. The generator removes content.go's declarations;
// their documentation is html/template's.
type (
	CSS      = stdhtml.CSS
	HTML     = stdhtml.HTML
	HTMLAttr = stdhtml.HTMLAttr
	JS       = stdhtml.JS
	JSStr    = stdhtml.JSStr
	URL      = stdhtml.URL
	Srcset   = stdhtml.Srcset
)
