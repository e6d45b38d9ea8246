package server_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"syscall"
	"testing"
	"time"

	"github.com/git-repro/git-repro/lfsstore/chunked"
	"github.com/git-repro/git-repro/lfsstore/server"
	"github.com/git-repro/git-repro/lfsstore/storetest"
)

// cpuNow is the process's user + system CPU time.
func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkServerGetChunked: one 64 MiB download from the chunked store
// (chunk reads, BLAKE3 and SHA-256 checks) through the HTTP server over
// loopback; cpu-ns/B is the process's CPU time per byte, steadier than
// the wall clock on a shared machine.
func BenchmarkServerGetChunked(b *testing.B) {
	d, _ := chunked.NewDir(b.TempDir())
	st, err := chunked.Open(context.Background(), d, nil)
	if err != nil {
		b.Fatal(err)
	}
	c := storetest.Content(3, 64<<20)
	oid := storetest.Object(c)
	if err := st.Put(context.Background(), oid, int64(len(c)), bytes.NewReader(c)); err != nil {
		b.Fatal(err)
	}
	auth := server.NewAuth()
	if err := auth.AddBootstrapAdmin("admin", "pw"); err != nil {
		b.Fatal(err)
	}
	srv, err := server.New(server.Config{Store: st, StateDir: b.TempDir(), Auth: auth})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	b.SetBytes(int64(len(c)))
	var cpu time.Duration
	for b.Loop() {
		req, _ := http.NewRequest("GET", ts.URL+"/objects/"+oid.String(), nil)
		req.SetBasicAuth("admin", "pw")
		c0 := cpuNow()
		resp, err := http.DefaultClient.Do(req)
		if err != nil || resp.StatusCode != 200 {
			b.Fatal(err, resp)
		}
		n, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		cpu += cpuNow() - c0
		if n != int64(len(c)) {
			b.Fatal(n)
		}
	}
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N*len(c)), "cpu-ns/B")
}
