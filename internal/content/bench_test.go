package content

import (
	"os"
	"testing"
	"time"

	"portal/internal/corpus"
)

// BenchmarkLoad loads a generated corpus of 2,000 Vietnamese pages (about
// 16 MB). Set PORTAL_BENCH_SITE to a corpusgen output folder to load that
// instead; run with -cpu 1 to read CPU time per load.
func BenchmarkLoad(b *testing.B) {
	root := os.Getenv("PORTAL_BENCH_SITE")
	if root == "" {
		root = b.TempDir()
		if _, err := corpus.Generate(corpus.Options{Pages: 2000, Seed: 1, Out: root}); err != nil {
			b.Fatal(err)
		}
	}
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("pages", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			files, probs := Load(root, loc)
			if len(probs) > 0 || len(files) == 0 {
				b.Fatalf("%d files, problems %v", len(files), probs)
			}
		}
	})
}
