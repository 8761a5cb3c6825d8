package output

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// OfflineZipName is the offline copy's archive, written beside the output
// folder.
const OfflineZipName = "portal-offline.zip"

// zipComment marks an archive as portal's own: only such an archive (or
// one written before the mark, see zipIsOurs) is ever replaced.
const zipComment = "portal-offline: written by portal build --offline; the next such build replaces it"

// zipStamp is every entry's time, so the same site gives the same bytes.
var zipStamp = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

func (p *Publication) zipPath() string { return filepath.Join(p.parent, OfflineZipName) }

// Zip packs files (slash paths in the new site) into OfflineZipName beside
// the destination, under a top folder named as the destination. The
// archive is written beside its final name and moved there only if what
// is there now is portal's own archive.
func (p *Publication) Zip(files []string) error {
	tmp, err := os.CreateTemp(p.parent, "."+p.base+".zip-")
	if err != nil {
		return p.failed("tạo tệp nén "+OfflineZipName, err)
	}
	p.zipTmp = tmp.Name()
	err = writeZip(tmp, p.staging, files, p.base)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Chmod(p.zipTmp, 0o644); err != nil {
		return p.failed("mở quyền đọc tệp nén", err)
	}
	final := p.zipPath()
	if err := zipIsOurs(final, p.base); err != nil {
		return err
	}
	// Where there is none, a link cannot replace one made meanwhile.
	if _, err := os.Lstat(final); errors.Is(err, fs.ErrNotExist) {
		err := os.Link(p.zipTmp, final)
		if err == nil {
			_ = os.Remove(p.zipTmp)
			p.zipTmp = ""
			return nil
		}
		if errors.Is(err, fs.ErrExist) {
			if err := zipIsOurs(final, p.base); err != nil {
				return err
			}
		}
	}
	if err := os.Rename(p.zipTmp, final); err != nil {
		return p.failed("đưa tệp nén vào "+final, err)
	}
	p.zipTmp = ""
	return nil
}

func writeZip(out io.Writer, dir string, files []string, top string) error {
	zw := zip.NewWriter(out)
	for _, rel := range files {
		if rel == ManifestName {
			continue
		}
		h := &zip.FileHeader{Name: top + "/" + rel, Method: zip.Deflate, Modified: zipStamp}
		w, err := zw.CreateHeader(h)
		if err != nil {
			return fmt.Errorf("nén %s: %w", rel, err)
		}
		f, err := os.Open(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			return fmt.Errorf("nén %s: %w", rel, err)
		}
		_, err = io.Copy(w, f)
		f.Close()
		if err != nil {
			return fmt.Errorf("nén %s: %w", rel, err)
		}
	}
	if err := zw.SetComment(zipComment); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("nén: %w", err)
	}
	return nil
}

// zipIsOurs says why the file at path may not be replaced, or nil when
// there is none or portal wrote it: it carries zipComment, or, written
// before the comment was, every entry is under top/ with portal's fixed
// time.
func zipIsOurs(path, top string) error {
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	refuse := fmt.Errorf("tệp %s không do portal tạo ra; portal sẽ không ghi đè nó. Hãy đổi tên hoặc chuyển nó đi rồi dựng lại (offline zip not written by portal)", path)
	if err != nil || !fi.Mode().IsRegular() {
		return refuse
	}
	r, err := zip.OpenReader(path)
	if err != nil {
		return refuse
	}
	defer r.Close()
	if r.Comment == zipComment {
		return nil
	}
	if r.Comment != "" || len(r.File) == 0 {
		return refuse
	}
	for _, f := range r.File {
		if !strings.HasPrefix(f.Name, top+"/") || !f.Modified.Equal(zipStamp) {
			return refuse
		}
	}
	return nil
}
