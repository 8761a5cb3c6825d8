package browser_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
)

// vnuMessage is one message of the Nu checker's JSON output.
type vnuMessage struct {
	Type      string `json:"type"`
	SubType   string `json:"subType"`
	URL       string `json:"url"`
	LastLine  int    `json:"lastLine"`
	FirstCol  int    `json:"firstColumn"`
	Message   string `json:"message"`
	Extract   string `json:"extract"`
	FirstLine int    `json:"firstLine"`
}

// vnuBatch keeps each command line well under the kernel's argument limit.
const vnuBatch = 400

// htmlFiles lists every .html file under root, sorted.
func htmlFiles(root string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(path), ".html") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list HTML files in %s: %w", root, err)
	}
	return files, nil
}

// checkHTML runs the Nu HTML checker over every .html file under root and
// returns one finding per error, with Page set to the file's path under root
// ("/ve-papi/index.html").
func checkHTML(ctx context.Context, tools gateTools, root string) ([]finding, error) {
	files, err := htmlFiles(root)
	if err != nil {
		return nil, err
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("resolve %s: %w", root, err)
	}
	var out []finding
	for start := 0; start < len(files); start += vnuBatch {
		batch := files[start:min(start+vnuBatch, len(files))]
		msgs, err := runVNU(ctx, tools, batch)
		if err != nil {
			return nil, err
		}
		for _, m := range msgs {
			out = append(out, finding{
				Check:  checkVNU,
				Page:   vnuPage(absRoot, m.URL),
				Detail: fmt.Sprintf("line %d: %s", m.LastLine, m.Message),
			})
		}
	}
	return out, nil
}

// runVNU checks the files and returns the errors. The checker writes its JSON
// report to stderr and exits with status 1 when a file has errors.
func runVNU(ctx context.Context, tools gateTools, files []string) ([]vnuMessage, error) {
	args := append([]string{"-Xss1m", "-jar", tools.vnuJar, "--errors-only", "--format", "json"}, files...)
	cmd := exec.CommandContext(ctx, tools.java, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	runErr := cmd.Run()
	var exitErr *exec.ExitError
	if runErr != nil && !(errors.As(runErr, &exitErr) && exitErr.ExitCode() == 1) {
		return nil, fmt.Errorf("run the Nu checker: %w: %s", runErr, stderr.String())
	}
	var report struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal(stderr.Bytes(), &report); err != nil {
		return nil, fmt.Errorf("read the Nu checker's report: %w: %q", err, stderr.String())
	}
	var errs []vnuMessage
	for _, m := range report.Messages {
		// "non-document-error" is an I/O or internal failure: count it too.
		if m.Type == "error" || m.Type == "non-document-error" {
			errs = append(errs, m)
		}
	}
	if runErr != nil && len(errs) == 0 {
		return nil, fmt.Errorf("the Nu checker failed without reporting an error: %s", stderr.String())
	}
	return errs, nil
}

// vnuPage turns the checker's file: URL into the path under the site root.
func vnuPage(absRoot, fileURL string) string {
	u, err := url.Parse(fileURL)
	if err != nil || u.Scheme != "file" {
		return fileURL
	}
	rel, err := filepath.Rel(absRoot, u.Path)
	if err != nil || strings.HasPrefix(rel, "..") {
		return u.Path
	}
	return "/" + filepath.ToSlash(rel)
}
