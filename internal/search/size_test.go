package search

import (
	"bytes"
	"compress/gzip"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"
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

// BenchmarkBuild10k builds the index of 10,000 generated pages. Besides
// time and allocations it reports the CPU time per build (all cores, the
// collector included) and the peak of heap objects above what was live
// before, sampled every half millisecond: the build's own transient memory.
func BenchmarkBuild10k(b *testing.B) {
	if benchCorpus == nil {
		benchCorpus = genCorpus(10000, 750)
	}
	runtime.GC()
	heap := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(heap)
	base := heap[0].Value.Uint64()
	var peak atomic.Uint64
	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		s := []metrics.Sample{{Name: heap[0].Name}}
		tick := time.NewTicker(500 * time.Microsecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
		}
	}()
	b.ReportAllocs()
	cpu0 := processCPU()
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
	cpu1 := processCPU()
	close(stop)
	<-stopped
	raw := 0
	for _, f := range files {
		raw += len(f)
	}
	b.ReportMetric(float64(len(files)), "files")
	b.ReportMetric(float64(raw)/1e6, "MB")
	if cpu0 >= 0 && cpu1 >= 0 {
		b.ReportMetric(float64(cpu1-cpu0)/1e6/float64(b.N), "cpu-ms/op")
	}
	if p := peak.Load(); p > base {
		b.ReportMetric(float64(p-base)/1e6, "peak-heap-MB")
	}
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
