package server

import (
	"bytes"
	"io"
	"net/http"
	"testing"

	"github.com/git-repro/git-repro/lfsstore/storetest"
)

// BenchmarkServerPut measures one 64 MiB upload through the HTTP server
// into the local store (hash, write, fsync, rename), over loopback.
func BenchmarkServerPut(b *testing.B) {
	f := newFixture(b)
	c := storetest.Content(1, 64<<20)
	b.SetBytes(int64(len(c)))
	for b.Loop() {
		b.StopTimer()
		_, br := f.batch(repo, "alice", alicePass, "upload", obj(c))
		if br.Objects[0].Actions == nil {
			f.store.Delete(b.Context(), storetest.Object(c))
			_, br = f.batch(repo, "alice", alicePass, "upload", obj(c))
		}
		href := br.Objects[0].Actions["upload"].Href
		b.StartTimer()
		resp, err := http.DefaultClient.Do(mustReq("PUT", href, c))
		if err != nil || resp.StatusCode != 200 {
			b.Fatalf("PUT: %v %v", resp, err)
		}
		resp.Body.Close()
	}
}

// BenchmarkServerGet measures one 64 MiB download over loopback.
func BenchmarkServerGet(b *testing.B) {
	f := newFixture(b)
	c := storetest.Content(2, 64<<20)
	f.upload(repo, c)
	_, br := f.batch(repo, "alice", alicePass, "download", obj(c))
	href := br.Objects[0].Actions["download"].Href
	b.SetBytes(int64(len(c)))
	for b.Loop() {
		resp, err := http.Get(href)
		if err != nil {
			b.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if n != int64(len(c)) {
			b.Fatalf("got %d bytes", n)
		}
	}
}

func mustReq(method, url string, body []byte) *http.Request {
	r, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		panic(err)
	}
	return r
}
