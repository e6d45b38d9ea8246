package python

import (
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// BenchmarkTokenizeStdlib tokenizes the .py files of python3's standard
// library (the differential corpus); the MB/s column is the throughput.
// cpu-MB/s divides by the process's CPU time instead of wall time, so it
// stays meaningful on a machine that other jobs keep busy.
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
	cpu0 := cpuTime()
	for b.Loop() {
		for _, src := range srcs {
			Tokenize(src)
		}
	}
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(total)*float64(b.N)/cpu.Seconds()/1e6, "cpu-MB/s")
	}
}

// cpuTime is the CPU time (user + system) this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkParseStdlib tokenizes and builds the module model of every
// stdlib file: the cost the seeds family pays per Python file.
func BenchmarkParseStdlib(b *testing.B) {
	py := pythonPath()
	if py == "" {
		b.Skip("python3 not found (used to locate the stdlib corpus)")
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
	b.SetBytes(int64(total))
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, src := range srcs {
			Parse(src)
		}
	}
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(total)*float64(b.N)/cpu.Seconds()/1e6, "cpu-MB/s")
	}
}
