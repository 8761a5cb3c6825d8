// Command corpusgen writes a deterministic synthetic site for benchmarks:
//
//	go run ./cmd/corpusgen -n 10000 -seed 1 -out DIR [-layouts DIR] [-static DIR] [-site FILE]
//
// The same flags always produce byte-identical files, so timings taken on
// different machines or commits compare like with like.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"

	"portal/internal/corpus"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "corpusgen:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	fl := flag.NewFlagSet("corpusgen", flag.ContinueOnError)
	fl.SetOutput(stderr)
	n := fl.Int("n", 1000, "number of regular pages")
	seed := fl.Uint64("seed", 1, "random seed (same seed and flags give the same bytes)")
	out := fl.String("out", "", "output folder (required; must be missing or empty)")
	layouts := fl.String("layouts", "", "layouts folder to copy (default: ./layouts if it exists)")
	static := fl.String("static", "", "static folder to copy, for the assets layouts use (default: ./static if it exists)")
	site := fl.String("site", "", "site.yaml to copy (default: a minimal one)")
	force := fl.Bool("force", false, "replace content/, layouts/, static/ and site.yaml in a non-empty -out")
	quiet := fl.Bool("quiet", false, "print nothing on success")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fl.Args())
	}
	if *out == "" {
		return errors.New("-out is required")
	}
	// The defaults are a convenience for running from the repository root;
	// an explicit folder that is missing is an error instead.
	for _, d := range []struct {
		flag *string
		dir  string
	}{{layouts, "layouts"}, {static, "static"}} {
		if *d.flag != "" {
			continue
		}
		if info, err := os.Stat(d.dir); err == nil && info.IsDir() {
			*d.flag = d.dir
		} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("look for ./%s: %w", d.dir, err)
		}
	}
	st, err := corpus.Generate(corpus.Options{
		Pages: *n, Seed: *seed, Out: *out, Layouts: *layouts, Static: *static, Site: *site, Force: *force,
	})
	if err != nil {
		return err
	}
	if !*quiet {
		fmt.Fprintf(stderr, "corpusgen: %d pages, %d sections, %d content files, %d layout files, %d static files → %s\n",
			st.Pages, st.Sections, st.Files, st.LayoutFiles, st.StaticFiles, *out)
	}
	return nil
}
