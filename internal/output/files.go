package output

import (
	"bytes"
	"errors"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"portal/internal/content"
	"portal/internal/diag"
	"portal/internal/parallel"
	"portal/internal/photo"
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
		copies = append(copies, fileCopy{rel, filepath.Join(source, filepath.FromSlash(src)), src})
	}
	e.copyFiles(copies)
}

// Resources publishes a site's content files that are not pages, keyed by
// output path.
func (e *Emitter) Resources(resources map[string]*content.File) {
	copies := make([]fileCopy, 0, len(resources))
	for rel, f := range resources {
		copies = append(copies, fileCopy{rel, f.Abs, f.Name()})
	}
	e.copyFiles(copies)
}

// fileCopy is a file published as it is: at rel, from src on disk, which
// messages call name (as the editor knows it: "content/tin/a/anh.jpg").
type fileCopy struct{ rel, src, name string }

// copyFiles copies files on all workers, minifying stylesheets, scripts
// and SVG images (unless the build does not) and taking the metadata out
// of JPEG and PNG photos.
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
		if isPhoto(c.rel) {
			e.copyPhoto(c)
			return
		}
		if err := e.w.CopyFile(c.rel, c.src); err != nil {
			e.writeFailed(c.rel, err)
		}
	})
}

// isPhoto reports the files whose metadata is taken out: JPEG and PNG by
// name, whatever the case (phones write .JPG).
func isPhoto(rel string) bool {
	switch strings.ToLower(path.Ext(rel)) {
	case ".jpg", ".jpeg", ".png":
		return true
	}
	return false
}

// copyPhoto publishes a photo without what it says about its author:
// phone photos carry the place they were taken (GPS), the phone's model
// and serial, the owner's name and times, which a public portal must not
// hand out. The pixels are copied as they are (see photo.Strip). A photo
// whose header is broken cannot be cleaned, so it is not published: an
// error names it.
func (e *Emitter) copyPhoto(c fileCopy) {
	data, err := os.ReadFile(c.src)
	if err != nil {
		e.problems.Add(diag.Errorf(c.name, 0, "không đọc được ảnh: %v", err))
		return
	}
	var buf bytes.Buffer
	buf.Grow(len(data))
	st, err := photo.Strip(&buf, data)
	if errors.Is(err, photo.ErrCorrupt) {
		e.problems.Add(diag.Errorf(c.name, 0, "ảnh bị hỏng nên không xoá được thông tin đi kèm (vị trí GPS, tên máy, người chụp) và không được xuất bản: %v; hãy mở ảnh trên máy rồi lưu lại dưới dạng JPEG, hoặc xoá tệp (corrupt photo)", err))
		return
	}
	if err != nil {
		e.problems.Add(diag.Errorf(c.name, 0, "%v", err))
		return
	}
	if st.Removed {
		e.photosCleaned.Add(1)
	}
	if st.Location {
		e.photosLocated.Add(1)
	}
	e.writeRaw(c.rel, buf.Bytes())
}

// Photos reports how many published photos had metadata taken out, and
// how many of those held the place they were taken.
func (e *Emitter) Photos() (cleaned, located int) {
	return int(e.photosCleaned.Load()), int(e.photosLocated.Load())
}
