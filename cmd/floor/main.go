// Command floor is the benchmark floor: the least work any Markdown site
// generator must do for a content/ tree, so portal's build time can be read
// against it.
//
//	go run ./cmd/floor -source DIR -dest OUT [-j N] [-quiet]
//
// It walks DIR/content, and for each .md file parses the YAML front matter
// (goldmark-meta), converts the Markdown (goldmark, GFM, automatic heading
// IDs), minifies the HTML (tdewolff/minify) and writes it as a pretty URL:
// a/b.md → OUT/a/b/index.html, a/_index.md and a/index.md → OUT/a/index.html.
// No templates, no link checks, no taxonomies: anything portal does beyond
// this is the price of its features.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/tdewolff/minify/v2"
	mhtml "github.com/tdewolff/minify/v2/html"
	"github.com/yuin/goldmark"
	meta "github.com/yuin/goldmark-meta"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	fl := flag.NewFlagSet("floor", flag.ContinueOnError)
	fl.SetOutput(stderr)
	source := fl.String("source", ".", "site folder holding content/")
	dest := fl.String("dest", "", "output folder (required)")
	workers := fl.Int("j", runtime.GOMAXPROCS(0), "number of workers")
	quiet := fl.Bool("quiet", false, "print nothing on success")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fl.Args())
	}
	if *dest == "" {
		return errors.New("-dest is required")
	}
	start := time.Now()
	n, err := Build(*source, *dest, *workers)
	if err != nil {
		return err
	}
	if !*quiet {
		fmt.Fprintf(stderr, "floor: %d pages in %v with %d workers\n", n, time.Since(start).Round(time.Millisecond), *workers)
	}
	return nil
}

// job is one Markdown file: its path and the HTML file it becomes.
type job struct{ src, dst string }

// OutputPath maps a content-relative Markdown path to its pretty-URL HTML
// path: "s/p.md" → "s/p/index.html", "s/_index.md" → "s/index.html".
func OutputPath(rel string) string {
	rel = filepath.ToSlash(rel)
	dir, base := pathSplit(strings.TrimSuffix(rel, ".md"))
	if base == "_index" || base == "index" {
		return filepath.FromSlash(pathJoin(dir, "index.html"))
	}
	return filepath.FromSlash(pathJoin(dir, base, "index.html"))
}

func pathSplit(p string) (dir, base string) {
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return "", p
	}
	return p[:i], p[i+1:]
}

func pathJoin(parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, "/")
}

// Build converts every .md file under source/content into dest using the
// given number of workers, and returns how many pages it wrote.
func Build(source, dest string, workers int) (int, error) {
	if workers < 1 {
		return 0, fmt.Errorf("worker count must be at least 1, got %d", workers)
	}
	content := filepath.Join(source, "content")
	var jobs []job
	err := filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(d.Name(), ".md") {
			return nil
		}
		rel, err := filepath.Rel(content, p)
		if err != nil {
			return err
		}
		jobs = append(jobs, job{src: p, dst: filepath.Join(dest, OutputPath(rel))})
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("walk %s: %w", content, err)
	}
	if err := checkCollisions(jobs); err != nil {
		return 0, err
	}

	ch := make(chan job)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := newConverter()
			for j := range ch {
				if errs[w] != nil {
					continue // drain the queue so the sender never blocks
				}
				if err := c.convert(j); err != nil {
					errs[w] = err
				}
			}
		}()
	}
	for _, j := range jobs {
		ch <- j
	}
	close(ch)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return 0, err
	}
	return len(jobs), nil
}

// checkCollisions rejects two sources writing the same file (a/b.md and
// a/b/index.md): the last writer would silently win.
func checkCollisions(jobs []job) error {
	seen := make(map[string]string, len(jobs))
	for _, j := range jobs {
		if prev, ok := seen[j.dst]; ok {
			return fmt.Errorf("%s and %s both become %s", prev, j.src, j.dst)
		}
		seen[j.dst] = j.src
	}
	return nil
}

// converter holds one worker's goldmark and minifier, so workers share no
// mutable state.
type converter struct {
	md   goldmark.Markdown
	min  *minify.M
	body bytes.Buffer // goldmark output
	page bytes.Buffer // body inside the document shell
	out  bytes.Buffer // minified page
}

func newConverter() *converter {
	m := minify.New()
	m.AddFunc("text/html", mhtml.Minify)
	return &converter{
		md: goldmark.New(
			goldmark.WithExtensions(extension.GFM, meta.Meta),
			goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		),
		min: m,
	}
}

func (c *converter) convert(j job) error {
	src, err := os.ReadFile(j.src)
	if err != nil {
		return fmt.Errorf("read %s: %w", j.src, err)
	}
	ctx := parser.NewContext()
	c.body.Reset()
	if err := c.md.Convert(src, &c.body, parser.WithContext(ctx)); err != nil {
		return fmt.Errorf("convert %s: %w", j.src, err)
	}
	fm, err := meta.TryGet(ctx)
	if err != nil {
		return fmt.Errorf("front matter of %s: %w", j.src, err)
	}
	title, _ := fm["title"].(string)
	if title == "" {
		return fmt.Errorf("front matter of %s: no title", j.src)
	}
	// A minimal document shell around the body: the title comes from the
	// front matter, which is what makes parsing it necessary at all.
	c.page.Reset()
	c.page.WriteString("<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>")
	c.page.WriteString(html.EscapeString(title))
	c.page.WriteString("</title></head><body><main>")
	c.page.Write(c.body.Bytes())
	c.page.WriteString("</main></body></html>")

	c.out.Reset()
	if err := c.min.Minify("text/html", &c.out, &c.page); err != nil {
		return fmt.Errorf("minify %s: %w", j.src, err)
	}
	if err := os.MkdirAll(filepath.Dir(j.dst), 0o755); err != nil {
		return fmt.Errorf("create folder for %s: %w", j.dst, err)
	}
	if err := os.WriteFile(j.dst, c.out.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", j.dst, err)
	}
	return nil
}
