//go:build linux

package cdc

import (
	"runtime"
	"syscall"
	"testing"
)

// BenchmarkCutCPU reports chunking speed per CPU-second of the running
// thread ("cpu-MB/s"), which other jobs on a shared machine do not skew
// the way they skew wall-clock MB/s.
func BenchmarkCutCPU(b *testing.B) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	c := mustNew(b, DefaultParams())
	data := randBytes(9, 64<<20)
	b.SetBytes(int64(len(data)))
	var cpu int64
	for b.Loop() {
		t0 := threadCPU()
		for rest := data; len(rest) > 0; {
			rest = rest[c.Cut(rest):]
		}
		cpu += threadCPU() - t0
	}
	b.ReportMetric(float64(b.N*len(data))/float64(cpu)*1e3, "cpu-MB/s")
}

func threadCPU() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(1, &ru) // RUSAGE_THREAD
	return ru.Utime.Nano() + ru.Stime.Nano()
}
