package server

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/storetest"
)

// signalStore tells the test when a transfer reached the store and when
// a download's object was closed (the handler ended).
type signalStore struct {
	lfsstore.Store
	put    chan struct{}
	closed chan struct{}
}

func (s *signalStore) Put(ctx context.Context, oid lfsstore.OID, size int64, r io.Reader) error {
	s.put <- struct{}{}
	return s.Store.Put(ctx, oid, size, r)
}

func (s *signalStore) Open(ctx context.Context, oid lfsstore.OID) (lfsstore.Object, error) {
	o, err := s.Store.Open(ctx, oid)
	if err != nil {
		return nil, err
	}
	return &signalObject{o.(fileObjectWithSize), s.closed}, nil
}

type fileObjectWithSize interface {
	lfsstore.Object
	fileObject
}

type signalObject struct {
	fileObjectWithSize
	closed chan struct{}
}

func (o *signalObject) Close() error {
	o.closed <- struct{}{}
	return o.fileObjectWithSize.Close()
}

// limitsFixture is a server whose store signals, with the given limits.
func limitsFixture(t *testing.T, l Limits) (*fixture, *signalStore) {
	f := newFixture(t)
	ss := &signalStore{Store: f.store, put: make(chan struct{}, 16), closed: make(chan struct{}, 16)}
	f.srv.cfg.Store = ss
	f.setLimits(l)
	return f, ss
}

func (f *fixture) setLimits(l Limits) {
	f.srv.cfg.Limits = l.withDefaults()
	f.srv.gate.l = f.srv.cfg.Limits
}

func (f *fixture) uploadHref(c []byte) string {
	f.t.Helper()
	_, br := f.batch(repo, "alice", alicePass, "upload", obj(c))
	if len(br.Objects) != 1 || br.Objects[0].Actions == nil {
		f.t.Fatalf("no upload action: %+v", br)
	}
	return br.Objects[0].Actions["upload"].Href
}

// put starts a PUT whose body the test writes; the status arrives on the
// channel (-1 if the connection failed).
func put(href string, size int) (*io.PipeWriter, chan int) {
	pr, pw := io.Pipe()
	res := make(chan int, 1)
	go func() {
		req, _ := http.NewRequest("PUT", href, pr)
		req.ContentLength = int64(size)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			res <- -1
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		res <- resp.StatusCode
	}()
	return pw, res
}

func (f *fixture) noLeftovers() {
	f.t.Helper()
	if left, err := f.store.Leftovers(context.Background()); err != nil || len(left) != 0 {
		f.t.Errorf("leftovers: %+v, %v", left, err)
	}
	if n, _ := f.store.Stat(context.Background(), lfsstore.OID{}); n != 0 {
		f.t.Errorf("stat of nothing: %d", n)
	}
}

// The security review: a PUT whose body stalls was held open forever (a
// file descriptor, a temporary file and a 1 MiB buffer each). Now the
// connection goes once a window passes without progress, and nothing is
// stored or left behind.
func TestStalledUploadIsCut(t *testing.T) {
	f, ss := limitsFixture(t, Limits{Window: 300 * time.Millisecond})
	c := storetest.Content(1, 4<<20)
	pw, res := put(f.uploadHref(c), len(c))
	if _, err := pw.Write(c[:1<<20]); err != nil {
		t.Fatal(err)
	}
	<-ss.put
	// ... and nothing more: the server ends it.
	if code := <-res; code == http.StatusOK {
		t.Fatal("a stalled upload was acknowledged")
	}
	pw.Close()
	if _, err := f.store.Stat(context.Background(), storetest.Object(c)); err == nil {
		t.Error("a stalled upload was stored")
	}
	f.noLeftovers()
	if !strings.Contains(f.logs.String(), "upload too slow") {
		t.Errorf("no log line for the cut upload:\n%s", f.logs)
	}
}

// A slow upload that keeps above the minimum rate survives many windows
// (the deadline is about progress, not total time); one that trickles
// below it is cut.
func TestSlowUploadSurvivesTrickleIsCut(t *testing.T) {
	f, ss := limitsFixture(t, Limits{Window: 200 * time.Millisecond, MinRate: 64 << 10})
	send := func(c []byte, step int, every time.Duration) int {
		pw, res := put(f.uploadHref(c), len(c))
		<-ss.put
		tick := time.NewTicker(every) // paces the client; not a wait for the server
		defer tick.Stop()
		for off := 0; off < len(c); off += step {
			if _, err := pw.Write(c[off:min(off+step, len(c))]); err != nil {
				break // the server hung up
			}
			<-tick.C
		}
		pw.Close()
		return <-res
	}
	// 32 KiB every 50 ms = 640 KiB/s for about 1.5 s: 7 windows.
	steady := storetest.Content(2, 1<<20)
	if code := send(steady, 32<<10, 50*time.Millisecond); code != http.StatusOK {
		t.Fatalf("a steady upload above the minimum rate got %d", code)
	}
	// 1 KiB every 50 ms = 20 KiB/s, below 64 KiB/s.
	trickle := storetest.Content(3, 256<<10)
	if code := send(trickle, 1<<10, 50*time.Millisecond); code == http.StatusOK {
		t.Fatal("a trickle below the minimum rate was acknowledged")
	}
	f.noLeftovers()
}

// One client can hold at most MaxClientTransfers transfers; the next is
// refused with 429 and Retry-After (git-lfs waits and retries).
func TestClientTransferCap(t *testing.T) {
	f, ss := limitsFixture(t, Limits{MaxClientTransfers: 2})
	left := make(chan struct{}, 16)
	f.srv.gate.left = func() { left <- struct{}{} }
	var pws []*io.PipeWriter
	var results []chan int
	for i := range 2 {
		c := storetest.Content(uint64(10+i), 1<<20)
		pw, res := put(f.uploadHref(c), len(c))
		pw.Write(c[:1000])
		<-ss.put
		pws, results = append(pws, pw), append(results, res)
	}
	c := storetest.Content(12, 1000)
	req, _ := http.NewRequest("PUT", f.uploadHref(c), strings.NewReader(string(c)))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("third transfer from one client: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	for i, pw := range pws {
		pw.CloseWithError(io.ErrUnexpectedEOF)
		<-results[i]
		<-left
	}
	// Their slots are free again.
	resp, err = http.DefaultClient.Do(mustReq("PUT", f.uploadHref(c), c))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	<-ss.put
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("transfer after the others ended: %d", resp.StatusCode)
	}
}

// A download whose client stops reading ends once a window passes without
// progress, instead of holding the file (and, on a chunked store, used to
// hold the store's lock) forever.
func TestStalledDownloadIsCut(t *testing.T) {
	f, ss := limitsFixture(t, Limits{Window: 300 * time.Millisecond})
	c := storetest.Content(20, 64<<20)
	f.upload(repo, c)
	<-ss.put
	_, br := f.batch(repo, "alice", alicePass, "download", obj(c))
	href := br.Objects[0].Actions["download"].Href
	conn, err := net.Dial("tcp", f.ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.(*net.TCPConn).SetReadBuffer(4096)
	u := strings.TrimPrefix(href, "http://"+f.ts.Listener.Addr().String())
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: x\r\n\r\n", u)
	status, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil || !strings.Contains(status, "200") {
		t.Fatalf("status line %q, %v", status, err)
	}
	// The client reads nothing more; the handler ends on its own.
	<-ss.closed
}

// LimitListener closes a client's connections beyond its cap at once, and
// admits a new one when an old one closes.
func TestLimitListener(t *testing.T) {
	raw, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln := LimitListener(raw, 2)
	defer ln.Close()
	accepted := make(chan net.Conn, 8)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			accepted <- c
		}
	}()
	dial := func() net.Conn {
		c, err := net.Dial("tcp", raw.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}
	dial()
	dial()
	a, b := <-accepted, <-accepted
	over := dial()
	// The third is closed by the server: a read sees EOF.
	if n, err := over.Read(make([]byte, 1)); err == nil {
		t.Fatalf("a connection over the cap stayed open (read %d)", n)
	}
	a.Close()
	dial()
	c := <-accepted
	b.Close()
	c.Close()
}
