package output

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path"
	"strconv"
	"strings"
)

// manifestHeader opens a manifest in the current format: after it, one
// path a line, written as a Go string literal, so any file name (a newline
// in it, say) is recorded exactly. Manifests without it are the older
// format, one raw path a line, still read for one upgrade.
const manifestHeader = "# portal-manifest 2"

// encodeManifest is the manifest listing files (slash paths).
func encodeManifest(files []string) []byte {
	n := len(manifestHeader) + 1
	for _, f := range files {
		n += len(f) + 3
	}
	b := make([]byte, 0, n)
	b = append(b, manifestHeader...)
	b = append(b, '\n')
	for _, f := range files {
		b = strconv.AppendQuote(b, f)
		b = append(b, '\n')
	}
	return b
}

// writeManifest writes the manifest of files into dir.
func writeManifest(dir string, files []string) error {
	return os.WriteFile(dir+string(os.PathSeparator)+ManifestName, encodeManifest(files), 0o644)
}

// manifest is what a manifest says portal wrote.
type manifest struct {
	// known holds every listed file and every folder above one.
	known map[string]bool
	// legacy is the text of an old-format manifest: a name with a newline
	// in it was written there as several lines, so such a name is looked
	// up as a run of whole lines.
	legacy string
}

// has reports whether rel (a slash path) is a file or folder portal wrote.
func (m *manifest) has(rel string) bool {
	if m.known[rel] {
		return true
	}
	return m.legacy != "" && strings.Contains(rel, "\n") && strings.Contains(m.legacy, "\n"+rel+"\n")
}

// parseManifest reads a manifest; name is how messages call the file. A
// line portal never writes (absolute, "..", a backslash, a bad quote)
// means the list was edited or damaged: it cannot vouch for the folder,
// and the error names the line.
func parseManifest(data []byte, name, dest string) (*manifest, error) {
	m := &manifest{known: map[string]bool{ManifestName: true}}
	damaged := func(line int, text string) error {
		return fmt.Errorf("%s:%d: danh sách tệp của bản dựng trước bị hỏng (dòng %q); portal không biết tệp nào do nó tạo ra. Hãy xoá thư mục đích %s rồi dựng lại (damaged manifest)", name, line, text, dest)
	}
	add := func(rel string) {
		m.known[rel] = true
		for d := path.Dir(rel); d != "." && !m.known[d]; d = path.Dir(d) {
			m.known[d] = true
		}
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	line := 0
	quoted := false
	for sc.Scan() {
		line++
		l := sc.Text()
		if line == 1 && l == manifestHeader {
			quoted = true
			continue
		}
		if l == "" {
			continue
		}
		rel := l
		if quoted {
			// Most names need no escape: take them as they are.
			if len(l) >= 2 && l[0] == '"' && l[len(l)-1] == '"' && !strings.ContainsAny(l[1:len(l)-1], `"\\`) {
				rel = l[1 : len(l)-1]
			} else {
				var err error
				if rel, err = strconv.Unquote(l); err != nil {
					return nil, damaged(line, l)
				}
			}
		}
		if SafeRel(rel) != nil {
			return nil, damaged(line, l)
		}
		add(rel)
	}
	if err := sc.Err(); err != nil {
		return nil, damaged(line+1, err.Error())
	}
	if !quoted {
		m.legacy = "\n" + string(data)
	}
	return m, nil
}
