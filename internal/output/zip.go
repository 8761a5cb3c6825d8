package output

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// OfflineZipName is the offline copy's archive, written beside the output
// folder.
const OfflineZipName = "portal-offline.zip"

// Zip packs files (slash paths relative to dir) into zipPath under a top
// folder named top. Times are fixed so the same site gives the same bytes.
// The archive is written beside its final name and renamed into place.
func Zip(dir string, files []string, zipPath, top string) error {
	tmp, err := os.CreateTemp(filepath.Dir(zipPath), ".portal-zip-*")
	if err != nil {
		return fmt.Errorf("tạo tệp nén: %w", err)
	}
	defer os.Remove(tmp.Name())
	zw := zip.NewWriter(tmp)
	stamp := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, rel := range files {
		if rel == ManifestName {
			continue
		}
		h := &zip.FileHeader{Name: top + "/" + rel, Method: zip.Deflate, Modified: stamp}
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
	if err := zw.Close(); err != nil {
		return fmt.Errorf("nén: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), zipPath)
}
