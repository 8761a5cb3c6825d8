package search

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
)

func gzipLen(t testing.TB, b []byte) int {
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Len()
}

// queryDownload returns the gzip bytes a browser fetches to show the first
// page of results for q: search.js, the manifest, the term shards and the
// docs chunks of the ten results shown (each file compressed on its own,
// as a web server sends it).
func queryDownload(t testing.TB, files map[string][]byte, q string) (gz, nfiles, nresults int) {
	ix, err := Open(files)
	if err != nil {
		t.Fatal(err)
	}
	total, err := ix.Count(q)
	if err != nil {
		t.Fatal(err)
	}
	ix.Loaded = map[string]bool{"search/manifest.json": true}
	if _, err := ix.Search(q, 10); err != nil {
		t.Fatal(err)
	}
	ix.Loaded["search/search.js"] = true
	for name := range ix.Loaded {
		gz += gzipLen(t, files[name])
	}
	return gz, len(ix.Loaded), total
}

func TestSmallPortalIndexSize(t *testing.T) {
	files, err := Build(genCorpus(30, 400), Options{})
	if err != nil {
		t.Fatal(err)
	}
	raw, gz := 0, 0
	for name, b := range files {
		if name == "search/search.js" {
			continue
		}
		raw += len(b)
		gz += gzipLen(t, b)
	}
	t.Logf("30 pages × 400 syllables: %d files, index %d bytes, %d bytes gzip (search.js excluded)", len(files), raw, gz)
	// Generated text (random word order, one word in eight a made-up
	// syllable) compresses worse than real prose: the portal's own 46
	// pages take about 33 KB (TestPortalIndex). This guards regressions.
	if gz > 40<<10 {
		t.Errorf("30-page generated index is %d bytes gzip, over 40 KB", gz)
	}
}

func TestLargeSiteQueryDownload(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000-page corpus: skipped in -short mode")
	}
	files, err := Build(genCorpus(10000, 750), Options{})
	if err != nil {
		t.Fatal(err)
	}
	raw := 0
	for _, b := range files {
		raw += len(b)
	}
	t.Logf("10,000 pages × 750 syllables: %d files, %d bytes on disk", len(files), raw)
	for _, q := range typicalQueries {
		gz, n, hits := queryDownload(t, files, q)
		t.Logf("%-22q %6d results, %2d files, %6d bytes gzip", q, hits, n, gz)
		if hits == 0 {
			t.Errorf("%q finds nothing in the generated corpus", q)
		}
		if words := len(strings.Fields(q)); words <= 2 && gz >= 100<<10 {
			t.Errorf("%q downloads %d bytes gzip, budget 100 KB", q, gz)
		}
	}
}

var benchCorpus []Doc

func BenchmarkBuild10k(b *testing.B) {
	if benchCorpus == nil {
		benchCorpus = genCorpus(10000, 750)
	}
	b.ReportAllocs()
	b.ResetTimer()
	var files map[string][]byte
	for b.Loop() {
		var err error
		files, err = Build(benchCorpus, Options{})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	raw := 0
	for _, f := range files {
		raw += len(f)
	}
	b.ReportMetric(float64(len(files)), "files")
	b.ReportMetric(float64(raw)/1e6, "MB")
}

// BenchmarkIndexSize10k reports the whole index's size compressed and the
// download of each typical query (run with -benchtime=1x).
func BenchmarkIndexSize10k(b *testing.B) {
	if benchCorpus == nil {
		benchCorpus = genCorpus(10000, 750)
	}
	files, err := Build(benchCorpus, Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		gz := 0
		for _, f := range files {
			gz += gzipLen(b, f)
		}
		b.ReportMetric(float64(gz)/1e6, "MB-gzip")
		for i, q := range typicalQueries {
			d, _, _ := queryDownload(b, files, q)
			b.ReportMetric(float64(d)/1e3, "kB-q"+string(rune('1'+i)))
		}
	}
}
