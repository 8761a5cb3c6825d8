package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"portal/internal/testkit"
)

// Each SVG or XML that may not be published is refused on the line of
// what makes it active, with a phrase saying what; the harmless ones
// drawing programs write pass.
func TestActiveMarkup(t *testing.T) {
	const svgNS = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">`
	for _, c := range []struct {
		name, src string
		svg       bool
		line      int
		phrase    string
	}{
		{"plain", svgNS + "\n<rect width=\"10\" height=\"10\" fill=\"url(#g)\"/>\n</svg>", true, 0, ""},
		{"inkscape", `<?xml version="1.0" encoding="UTF-8" standalone="no"?>` + "\n" + `<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">` + "\n" + `<svg xmlns="http://www.w3.org/2000/svg" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"><sodipodi:namedview id="n"/><a href="https://example.org/"><text>x</text></a></svg>`, true, 0, ""},
		{"illustrator entities", `<!DOCTYPE svg [` + "\n" + `<!ENTITY ns_svg "http://www.w3.org/2000/svg">` + "\n" + `]>` + "\n" + `<svg xmlns="&ns_svg;"><image href="data:image/png;base64,AAAA"/></svg>`, true, 0, ""},
		{"latin1 declared", `<?xml version="1.0" encoding="ISO-8859-1"?><svg xmlns="http://www.w3.org/2000/svg"/>`, true, 0, ""},
		{"script", svgNS + "\n\n<script>alert(1)</script></svg>", true, 3, "<script>"},
		{"script href", svgNS + `<script href="x.js"/></svg>`, true, 1, "<script>"},
		{"event handler on a later line", "<svg xmlns=\"http://www.w3.org/2000/svg\"\n  width=\"1\"\n  onload=\"alert(1)\"/>", true, 3, "onload"},
		{"event handler any case", svgNS + `<rect OnClick="x"/></svg>`, true, 1, "OnClick"},
		{"foreignObject", svgNS + "\n<foreignObject><p>x</p></foreignObject></svg>", true, 2, "<foreignObject>"},
		{"xhtml namespace", svgNS + `<h:img xmlns:h="http://www.w3.org/1999/xhtml" src="x"/></svg>`, true, 1, "HTML"},
		{"javascript link", svgNS + "\n<a xlink:href=\" java\tscript:alert(1)\"><text>x</text></a></svg>", true, 2, "chạy script"},
		{"animated href", svgNS + `<a><set attributeName="href" to="javascript:alert(1)"/></a></svg>`, true, 1, "animated href"},
		{"external image", svgNS + `<image href="https://example.org/a.png"/></svg>`, true, 1, "external reference"},
		{"external use", svgNS + `<use xlink:href="other.svg#a"/></svg>`, true, 1, "external reference"},
		{"css url", svgNS + "<style>\nrect { fill: red }\nrect { background: url(https://example.org/t.png) }</style></svg>", true, 3, "url()"},
		{"css import", svgNS + `<style>@import "x.css";</style></svg>`, true, 1, "@import"},
		{"attribute url", svgNS + `<rect fill="url(http://example.org/p.svg#a)"/></svg>`, true, 1, "external reference"},
		{"xml-stylesheet", `<?xml-stylesheet type="text/xsl" href="x.xsl"?>` + svgNS + `</svg>`, true, 1, "xml-stylesheet"},
		{"entity with markup", "<!DOCTYPE svg [\n<!ENTITY x \"&#60;script&#62;\">]>" + svgNS + "&x;</svg>", true, 1, "ENTITY"},
		{"external entity", `<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>` + svgNS + "&x;</svg>", true, 1, "ENTITY"},
		{"not xml", svgNS + "\n<rect></svg>", true, 2, "invalid XML"},
		{"xml data", `<?xml version="1.0"?><bao-cao><nam>2023</nam><diem href="x">40</diem></bao-cao>`, false, 0, ""},
		{"xml with xhtml", "<r>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script></html></r>", false, 2, "HTML"},
		{"xml with svg", `<r><svg xmlns="http://www.w3.org/2000/svg"/></r>`, false, 1, "SVG inside XML"},
		{"xml with xslt", `<?xml-stylesheet type="text/xsl" href="x.xsl"?><r/>`, false, 1, "xml-stylesheet"},
	} {
		check := activeXML
		if c.svg {
			check = activeSVG
		}
		line, msg := check([]byte(c.src))
		if c.phrase == "" {
			if msg != "" {
				t.Errorf("%s: refused at line %d: %s", c.name, line, msg)
			}
			continue
		}
		if line != c.line || !strings.Contains(msg, c.phrase) {
			t.Errorf("%s: line %d %q, want line %d with %q", c.name, line, msg, c.line, c.phrase)
		}
	}
}

// Scripts, HTML and host settings are refused in content/ by name; other
// files pass, whatever their case.
func TestContentFileRefused(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ rel, phrase string }{
		{"tin/x.js", "script in content"},
		{"tin/X.MJS", "script in content"},
		{"tin/trang.html", "HTML in content"},
		{"tin/trang.HTM", "HTML in content"},
		{"tin/trang.xhtml", "HTML in content"},
		{"_redirects", "host control file"},
		{"_headers", "host control file"},
		{"_routes.json", "host control file"},
		{"Netlify.toml", "host control file"},
		{"vercel.json", "host control file"},
		{"tin/staticwebapp.config.json", "host control file"},
		{"tin/web.config", "host control file"},
		{"tin/x.php", "server-side script in content"},
		{"tin/anh.php.jpg", "server-side script in content"},
		{"tin/X.PHTML", "server-side script in content"},
		{"tin/trang.aspx", "server-side script in content"},
		{"tin/php.pdf", ""},
		{"tin/bao-cao.pdf", ""},
		{"tin/README", ""},
		{"tin/du-lieu.json", ""},
		{"tin/anh.png", ""},
	} {
		testkit.WriteFile(t, dir, c.rel, "x")
		abs := filepath.Join(dir, filepath.FromSlash(c.rel))
		p := checkContentFile("content/"+c.rel, c.rel, abs)
		switch {
		case c.phrase == "" && p != nil:
			t.Errorf("%s refused: %v", c.rel, p)
		case c.phrase != "" && (p == nil || !strings.Contains(p.Error(), c.phrase) || !strings.HasPrefix(p.Error(), "content/"+c.rel+":")):
			t.Errorf("%s: %v, want %q", c.rel, p, c.phrase)
		}
	}
}

// A name with a newline is refused by Walk, shown escaped so the message
// stays one line; the rest of the folder is still listed.
func TestWalkRefusesControlCharacterNames(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "content", "bai")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"a\nb.txt", "index.md", "c\x1bd"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644); err != nil {
			t.Skip("file system refuses the name:", err)
		}
	}
	files, probs := Walk(root, filepath.Join(root, "content"), "content")
	if len(files) != 1 || files[0] != "bai/index.md" {
		t.Errorf("files = %q", files)
	}
	if len(probs) != 2 {
		t.Fatalf("problems = %v", probs)
	}
	for i, want := range []string{`content/bai/a\nb.txt: `, `content/bai/c\x1bd: `} {
		if got := probs[i].Error(); !strings.HasPrefix(got, want) || strings.Contains(got, "\n") || !strings.Contains(got, "control character in file name") {
			t.Errorf("problem %d = %q, want it to start %q, on one line", i, got, want)
		}
	}
}

// A file a host serves as XML (RSS, Atom, MathML…) is checked as .xml is,
// and a file without an extension that reads as markup as an SVG is: a
// host or the preview may send it with a type guessed from its bytes.
func TestContentFileCheckedByContent(t *testing.T) {
	dir := t.TempDir()
	xhtmlScript := `<?xml version="1.0"?><rss><x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script></rss>`
	for _, c := range []struct{ rel, text, phrase string }{
		{"tin/tin.rss", xhtmlScript, "<script>"},
		{"tin/tin.ATOM", xhtmlScript, "<script>"},
		{"tin/cong-thuc.mml", xhtmlScript, "<script>"},
		{"tin/tin.rss", `<?xml version="1.0"?><rss><channel><title>Tin</title></channel></rss>`, ""},
		{"tin/hinh", "\ufeff\n <svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", "onload"},
		{"tin/trang", "<html><script>alert(1)</script></html>", "<script>"},
		{"tin/ghi-chu", "Ghi chú <b>không</b> phải markup ở đầu tệp.", ""},
		{"tin/hinh.svg", `<svg xmlns="http://www.w3.org/2000/svg"><animate attributeName=" href " to="javascript:alert(1)"/></svg>`, "animated href"},
	} {
		testkit.WriteFile(t, dir, c.rel, c.text)
		p := checkContentFile("content/"+c.rel, c.rel, filepath.Join(dir, filepath.FromSlash(c.rel)))
		switch {
		case c.phrase == "" && p != nil:
			t.Errorf("%s refused: %v", c.rel, p)
		case c.phrase != "" && (p == nil || !strings.Contains(p.Error(), c.phrase) || !strings.HasPrefix(p.Error(), "content/"+c.rel+":")):
			t.Errorf("%s: %v, want %q", c.rel, p, c.phrase)
		}
	}
}
