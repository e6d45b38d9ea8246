package python

import (
	"os"
	"os/exec"
	"testing"
)

// BenchmarkTokenizeStdlib tokenizes the .py files of python3's standard
// library (the differential corpus); the MB/s column is the throughput.
func BenchmarkTokenizeStdlib(b *testing.B) {
	py := pythonPath()
	if py == "" {
		b.Skip("python3 not found (used to locate the stdlib corpus)")
	}
	if _, err := exec.LookPath(py); err != nil {
		b.Skip(err)
	}
	var srcs [][]byte
	total := 0
	for _, p := range stdlibCorpus(b, py) {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, src)
		total += len(src)
	}
	b.Logf("%d files, %d bytes", len(srcs), total)
	b.SetBytes(int64(total))
	b.ResetTimer()
	for b.Loop() {
		for _, src := range srcs {
			Tokenize(src)
		}
	}
}
