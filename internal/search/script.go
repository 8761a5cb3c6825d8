package search

import (
	"bytes"
	_ "embed"
	"fmt"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/js"
)

//go:embed assets/search.js
var scriptSource []byte

// offlineSwitch is the line of search.js that BuildOffline flips so the
// script loads data with script elements instead of fetch.
const offlineSwitch = "var OFFLINE = false;"

// Script returns the minified browser script; offline selects the variant
// that loads "offline/*.js" data files with script elements.
func Script(offline bool) ([]byte, error) {
	src := scriptSource
	if offline {
		if !bytes.Contains(src, []byte(offlineSwitch)) {
			return nil, fmt.Errorf("search: search.js lacks %q", offlineSwitch)
		}
		src = bytes.Replace(src, []byte(offlineSwitch), []byte("var OFFLINE = true;"), 1)
	}
	m := minify.New()
	var out bytes.Buffer
	if err := js.Minify(m, &out, bytes.NewReader(src), nil); err != nil {
		return nil, fmt.Errorf("search: minify search.js: %w", err)
	}
	return out.Bytes(), nil
}
