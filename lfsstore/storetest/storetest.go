package storetest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"sort"
	"sync"
	"testing"

	"github.com/git-repro/git-repro/lfsstore"
)

// Object returns content's oid: a helper for tests of any backend.
func Object(content []byte) lfsstore.OID { return sha256.Sum256(content) }

// Content returns n deterministic pseudo-random bytes derived from seed.
func Content(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	b := make([]byte, n)
	for i := 0; i < n; i += 8 {
		v := r.Uint64()
		for j := 0; j < 8 && i+j < n; j++ {
			b[i+j] = byte(v >> (8 * j))
		}
	}
	return b
}

// Run runs the conformance suite. newStore must return a fresh, empty
// store for each call; it may register cleanups with t.Cleanup.
func Run(t *testing.T, newStore func(t *testing.T) lfsstore.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s lfsstore.Store)
	}{
		{"PutGetRoundtrip", testRoundtrip},
		{"EmptyObject", testEmpty},
		{"WrongHash", testWrongHash},
		{"WrongSize", testWrongSize},
		{"ReaderError", testReaderError},
		{"CanceledContext", testCanceled},
		{"IdempotentPut", testIdempotent},
		{"ConcurrentSamePut", testConcurrentSame},
		{"ConcurrentDistinctPuts", testConcurrentDistinct},
		{"RangeReads", testRange},
		{"ReadDuringRePut", testReadDuringRePut},
		{"Missing", testMissing},
		{"Delete", testDelete},
		{"Walk", testWalk},
		{"WalkStops", testWalkStops},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(t, newStore(t))
		})
	}
}

func put(t *testing.T, s lfsstore.Store, content []byte) lfsstore.OID {
	t.Helper()
	oid := Object(content)
	if err := s.Put(context.Background(), oid, int64(len(content)), bytes.NewReader(content)); err != nil {
		t.Fatalf("Put(%s, %d bytes): %v", oid, len(content), err)
	}
	return oid
}

func readAll(t *testing.T, s lfsstore.Store, oid lfsstore.OID) []byte {
	t.Helper()
	o, err := s.Open(context.Background(), oid)
	if err != nil {
		t.Fatalf("Open(%s): %v", oid, err)
	}
	defer o.Close()
	b, err := io.ReadAll(o)
	if err != nil {
		t.Fatalf("read %s: %v", oid, err)
	}
	if o.Size() != int64(len(b)) {
		t.Errorf("Open(%s).Size() = %d, read %d bytes", oid, o.Size(), len(b))
	}
	return b
}

func checkStored(t *testing.T, s lfsstore.Store, content []byte) {
	t.Helper()
	oid := Object(content)
	size, err := s.Stat(context.Background(), oid)
	if err != nil {
		t.Fatalf("Stat(%s): %v", oid, err)
	}
	if size != int64(len(content)) {
		t.Errorf("Stat(%s) = %d, want %d", oid, size, len(content))
	}
	if got := readAll(t, s, oid); !bytes.Equal(got, content) {
		t.Errorf("content of %s differs from what was put (%d vs %d bytes)", oid, len(got), len(content))
	}
}

func checkAbsent(t *testing.T, s lfsstore.Store, oid lfsstore.OID) {
	t.Helper()
	if _, err := s.Stat(context.Background(), oid); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Stat(%s) error = %v, want one wrapping fs.ErrNotExist", oid, err)
	}
}

func walk(t *testing.T, s lfsstore.Store) map[lfsstore.OID]int64 {
	t.Helper()
	got := map[lfsstore.OID]int64{}
	err := s.Walk(context.Background(), func(i lfsstore.Info) error {
		if _, dup := got[i.OID]; dup {
			t.Errorf("Walk visited %s twice", i.OID)
		}
		got[i.OID] = i.Size
		return nil
	})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return got
}

func testRoundtrip(t *testing.T, s lfsstore.Store) {
	// Sizes around typical buffer boundaries (32 KiB, 64 KiB, 1 MiB).
	for i, n := range []int{1, 100, 32 << 10, 64<<10 + 1, 1<<20 + 13, 3 << 20} {
		c := Content(uint64(i+1), n)
		put(t, s, c)
		checkStored(t, s, c)
	}
}

func testEmpty(t *testing.T, s lfsstore.Store) {
	oid := put(t, s, nil)
	if oid.String() != "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" {
		t.Fatalf("empty oid = %s", oid)
	}
	checkStored(t, s, []byte{})
	if w := walk(t, s); len(w) != 1 || w[oid] != 0 {
		t.Errorf("Walk = %v, want the empty object with size 0", w)
	}
}

func testWrongHash(t *testing.T, s lfsstore.Store) {
	c := Content(7, 4096)
	claimed := Object([]byte("something else"))
	err := s.Put(context.Background(), claimed, int64(len(c)), bytes.NewReader(c))
	if !errors.Is(err, lfsstore.ErrHashMismatch) {
		t.Fatalf("Put with the wrong oid: error = %v, want one wrapping ErrHashMismatch", err)
	}
	checkAbsent(t, s, claimed)
	checkAbsent(t, s, Object(c))
	if w := walk(t, s); len(w) != 0 {
		t.Errorf("Walk after a refused Put = %v, want nothing", w)
	}
}

func testWrongSize(t *testing.T, s lfsstore.Store) {
	c := Content(8, 10000)
	oid := Object(c)
	for _, tc := range []struct {
		name string
		size int64
		body []byte
	}{
		{"short body", int64(len(c)), c[:len(c)-1]},
		{"long body", int64(len(c)), append(append([]byte{}, c...), 'x')},
		{"declared smaller", int64(len(c) - 1), c},
		{"declared larger", int64(len(c) + 1), c},
		{"negative", -1, c},
	} {
		err := s.Put(context.Background(), oid, tc.size, bytes.NewReader(tc.body))
		if !errors.Is(err, lfsstore.ErrSizeMismatch) {
			t.Errorf("%s: Put error = %v, want one wrapping ErrSizeMismatch", tc.name, err)
		}
	}
	checkAbsent(t, s, oid)
	if w := walk(t, s); len(w) != 0 {
		t.Errorf("Walk after refused Puts = %v, want nothing", w)
	}
}

type failingReader struct {
	r   io.Reader
	n   int
	err error
}

func (f *failingReader) Read(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, f.err
	}
	if len(p) > f.n {
		p = p[:f.n]
	}
	m, err := f.r.Read(p)
	f.n -= m
	return m, err
}

func testReaderError(t *testing.T, s lfsstore.Store) {
	c := Content(9, 200000)
	oid := Object(c)
	boom := errors.New("connection reset")
	err := s.Put(context.Background(), oid, int64(len(c)), &failingReader{bytes.NewReader(c), 100000, boom})
	if !errors.Is(err, boom) {
		t.Fatalf("Put with a failing reader: error = %v, want one wrapping %v", err, boom)
	}
	checkAbsent(t, s, oid)
}

func testCanceled(t *testing.T, s lfsstore.Store) {
	c := Content(10, 100000)
	oid := Object(c)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Put(ctx, oid, int64(len(c)), bytes.NewReader(c)); err == nil {
		t.Fatal("Put with a canceled context succeeded, want an error")
	}
	checkAbsent(t, s, oid)
}

func testIdempotent(t *testing.T, s lfsstore.Store) {
	c := Content(11, 5000)
	put(t, s, c)
	put(t, s, c)
	checkStored(t, s, c)
	if w := walk(t, s); len(w) != 1 {
		t.Errorf("Walk after two Puts of one object = %v, want one object", w)
	}
	// A corrupt re-upload of a stored object is refused and leaves the
	// stored copy intact.
	bad := append([]byte{}, c...)
	bad[0] ^= 1
	if err := s.Put(context.Background(), Object(c), int64(len(c)), bytes.NewReader(bad)); !errors.Is(err, lfsstore.ErrHashMismatch) {
		t.Errorf("corrupt re-Put: error = %v, want one wrapping ErrHashMismatch", err)
	}
	checkStored(t, s, c)
}

func testConcurrentSame(t *testing.T, s lfsstore.Store) {
	const n = 50
	c := Content(12, 256<<10)
	oid := Object(c)
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			errs[i] = s.Put(context.Background(), oid, int64(len(c)), bytes.NewReader(c))
		}(i)
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("concurrent Put %d: %v", i, err)
		}
	}
	checkStored(t, s, c)
	if w := walk(t, s); len(w) != 1 || w[oid] != int64(len(c)) {
		t.Errorf("Walk after %d concurrent Puts = %d objects, want exactly 1", n, len(w))
	}
}

func testConcurrentDistinct(t *testing.T, s lfsstore.Store) {
	const n = 20
	contents := make([][]byte, n)
	for i := range contents {
		contents[i] = Content(uint64(100+i), 1000+i*997)
	}
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c := contents[i]
			errs[i] = s.Put(context.Background(), Object(c), int64(len(c)), bytes.NewReader(c))
		}(i)
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("Put %d: %v", i, err)
		}
	}
	for _, c := range contents {
		checkStored(t, s, c)
	}
}

func testRange(t *testing.T, s lfsstore.Store) {
	c := Content(13, 3<<20+17)
	oid := put(t, s, c)
	o, err := s.Open(context.Background(), oid)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	for _, r := range []struct {
		off    int64
		whence int
		want   int64 // absolute offset
		n      int
	}{
		{0, io.SeekStart, 0, 10},
		{1<<20 - 3, io.SeekStart, 1<<20 - 3, 100},
		{2 << 20, io.SeekStart, 2 << 20, 1 << 20},
		{-5, io.SeekEnd, int64(len(c)) - 5, 5},
		{17, io.SeekStart, 17, 1},
		{int64(len(c)) - 1, io.SeekStart, int64(len(c)) - 1, 1},
	} {
		pos, err := o.Seek(r.off, r.whence)
		if err != nil {
			t.Fatalf("Seek(%d, %d): %v", r.off, r.whence, err)
		}
		if pos != r.want {
			t.Fatalf("Seek(%d, %d) = %d, want %d", r.off, r.whence, pos, r.want)
		}
		got := make([]byte, r.n)
		if _, err := io.ReadFull(o, got); err != nil {
			t.Fatalf("read %d bytes at %d: %v", r.n, pos, err)
		}
		if !bytes.Equal(got, c[pos:pos+int64(r.n)]) {
			t.Errorf("bytes at [%d,%d) differ", pos, pos+int64(r.n))
		}
	}
	// Reading to the end after a seek returns exactly the tail.
	if _, err := o.Seek(int64(len(c))-1000, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	tail, err := io.ReadAll(o)
	if err != nil || !bytes.Equal(tail, c[len(c)-1000:]) {
		t.Errorf("tail read: %d bytes, err %v; want the last 1000 bytes", len(tail), err)
	}
}

func testReadDuringRePut(t *testing.T, s lfsstore.Store) {
	c := Content(14, 2<<20)
	oid := put(t, s, c)
	o, err := s.Open(context.Background(), oid)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	half := make([]byte, len(c)/2)
	if _, err := io.ReadFull(o, half); err != nil {
		t.Fatal(err)
	}
	put(t, s, c)
	rest, err := io.ReadAll(o)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(append(half, rest...), c) {
		t.Error("a reader open across a re-Put of the same object saw different bytes")
	}
}

func testMissing(t *testing.T, s lfsstore.Store) {
	oid := Object([]byte("never stored"))
	ctx := context.Background()
	if _, err := s.Stat(ctx, oid); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Stat(missing) error = %v, want one wrapping fs.ErrNotExist", err)
	}
	if o, err := s.Open(ctx, oid); !errors.Is(err, fs.ErrNotExist) {
		if o != nil {
			o.Close()
		}
		t.Errorf("Open(missing) error = %v, want one wrapping fs.ErrNotExist", err)
	}
	if err := s.Delete(ctx, oid); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Delete(missing) error = %v, want one wrapping fs.ErrNotExist", err)
	}
	if w := walk(t, s); len(w) != 0 {
		t.Errorf("Walk of an empty store = %v", w)
	}
}

func testDelete(t *testing.T, s lfsstore.Store) {
	a, b := Content(15, 3000), Content(16, 4000)
	oa, ob := put(t, s, a), put(t, s, b)
	if err := s.Delete(context.Background(), oa); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	checkAbsent(t, s, oa)
	checkStored(t, s, b)
	if w := walk(t, s); len(w) != 1 || w[ob] != int64(len(b)) {
		t.Errorf("Walk after Delete = %v, want only %s", w, ob)
	}
	put(t, s, a)
	checkStored(t, s, a)
}

func testWalk(t *testing.T, s lfsstore.Store) {
	want := map[lfsstore.OID]int64{}
	for i := 0; i < 40; i++ {
		c := Content(uint64(200+i), i*131)
		want[put(t, s, c)] = int64(len(c))
	}
	got := walk(t, s)
	if len(got) != len(want) {
		t.Errorf("Walk found %d objects, want %d", len(got), len(want))
	}
	var diffs []string
	for oid, size := range want {
		if g, ok := got[oid]; !ok || g != size {
			diffs = append(diffs, fmt.Sprintf("%s: got size %d (present %v), want %d", oid, g, ok, size))
		}
	}
	sort.Strings(diffs)
	for _, d := range diffs {
		t.Error(d)
	}
}

func testWalkStops(t *testing.T, s lfsstore.Store) {
	for i := 0; i < 5; i++ {
		put(t, s, Content(uint64(300+i), 10))
	}
	stop := errors.New("stop")
	calls := 0
	err := s.Walk(context.Background(), func(lfsstore.Info) error { calls++; return stop })
	if !errors.Is(err, stop) {
		t.Errorf("Walk error = %v, want the callback's error", err)
	}
	if calls != 1 {
		t.Errorf("Walk called fn %d times after it returned an error, want 1", calls)
	}
}
