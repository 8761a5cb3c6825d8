package output

import (
	"os"
	"path/filepath"
	"sort"

	"portal/internal/content"
	"portal/internal/diag"
	"portal/internal/parallel"
)

// Statics publishes the files of static/ (statics maps output paths to
// their paths under source), except the stylesheets and scripts written
// as assets.
func (e *Emitter) Statics(source string, statics map[string]string, assets *Assets) {
	var copies []fileCopy
	for rel, src := range statics {
		if _, ok := assets.Name(rel); ok {
			continue // written by Fingerprint
		}
		copies = append(copies, fileCopy{rel, filepath.Join(source, filepath.FromSlash(src))})
	}
	e.copyFiles(copies)
}

// Resources publishes a site's content files that are not pages, keyed by
// output path.
func (e *Emitter) Resources(resources map[string]*content.File) {
	copies := make([]fileCopy, 0, len(resources))
	for rel, f := range resources {
		copies = append(copies, fileCopy{rel, f.Abs})
	}
	e.copyFiles(copies)
}

type fileCopy struct{ rel, src string }

// copyFiles copies files on all workers, minifying stylesheets, scripts
// and SVG images (unless the build does not).
func (e *Emitter) copyFiles(copies []fileCopy) {
	sort.Slice(copies, func(i, j int) bool { return copies[i].rel < copies[j].rel })
	parallel.Each(e.workers, copies, func(c fileCopy) {
		mt := TypeOf(c.rel)
		if e.min != nil && (mt == "text/css" || mt == "application/javascript" || mt == "image/svg+xml") {
			data, err := os.ReadFile(c.src)
			if err != nil {
				e.problems.Add(diag.Errorf(c.rel, 0, "%v", err))
				return
			}
			e.Write(c.rel, data)
			return
		}
		if e.stopped.Load() {
			return
		}
		if err := e.w.CopyFile(c.rel, c.src); err != nil {
			e.writeFailed(c.rel, err)
		}
	})
}
