package output

// Page writes a rendered page at rel. An HTML page is minified already:
// its layouts were compacted as they were parsed and its Markdown
// minified when converted (see render/compact.go), so only a page of
// another type (a url: /feed.xml page) goes through the minifier. A page
// of the offline copy gets relative links first.
func (e *Emitter) Page(rel string, data []byte) {
	e.write(rel, data, TypeOf(rel) == "text/html")
}
