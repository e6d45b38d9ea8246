package chunked

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/storetest"
)

func liveSet(oids ...lfsstore.OID) func(lfsstore.OID) bool {
	m := map[lfsstore.OID]bool{}
	for _, o := range oids {
		m[o] = true
	}
	return func(o lfsstore.OID) bool { return m[o] }
}

// age makes every blob of a Dir store look written d ago.
func age(t *testing.T, s *Store, d time.Duration) {
	t.Helper()
	var root string
	switch b := s.Backend().(type) {
	case *Dir:
		root = b.Root()
	case noLock:
		root = b.Backend.(*Dir).Root()
	}
	old := time.Now().Add(-d)
	for _, sub := range []string{"manifests", "packs", "index"} {
		filepath.WalkDir(filepath.Join(root, sub), func(p string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				os.Chtimes(p, old, old)
			}
			return nil
		})
	}
}

func readBack(t *testing.T, s *Store, c []byte) {
	t.Helper()
	o, err := s.Open(context.Background(), storetest.Object(c))
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	got, err := io.ReadAll(o)
	if err != nil || !bytes.Equal(got, c) {
		t.Fatalf("object %s reads back wrong: err %v", storetest.Object(c), err)
	}
}

// Two objects sharing a prefix; the unreachable one goes, with its unique
// chunks, and the reachable one stays whole.
func TestCollectRemovesUnreachable(t *testing.T) {
	s := newDirStore(t, smallConfig())
	ctx := context.Background()
	common := storetest.Content(1, 600<<10)
	a := append(append([]byte{}, common...), storetest.Content(2, 500<<10)...)
	b := append(append([]byte{}, common...), storetest.Content(3, 500<<10)...)
	oa, _ := put(t, s, a)
	ob, _ := put(t, s, b)
	age(t, s, 30*24*time.Hour)
	before, _ := s.Stats(ctx)

	dry, err := s.Collect(ctx, GCOptions{Live: liveSet(ob), Grace: time.Hour, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if dry.ObjectsRemoved != 1 || dry.Freed() <= 0 {
		t.Fatalf("dry run = %+v, want one object and some bytes to free", dry)
	}
	if st, _ := s.Stats(ctx); st.StoredBytes != before.StoredBytes || st.Objects != 2 {
		t.Fatalf("dry run changed the store: %+v", st)
	}

	rep, err := s.Collect(ctx, GCOptions{Live: liveSet(ob), Grace: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("gc: %+v", rep)
	if _, err := s.Stat(ctx, oa); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("unreachable object still stored: %v", err)
	}
	readBack(t, s, b)
	after, _ := s.Stats(ctx)
	// What remains is about b: its 1.1 MB, not a's unique 500 KB.
	if after.StoredBytes > int64(len(b))+64<<10 || after.StoredBytes < int64(len(b)) {
		t.Errorf("stored %d bytes after gc, want about %d (b alone)", after.StoredBytes, len(b))
	}
	if rep.Freed() != before.StoredBytes-after.StoredBytes {
		t.Errorf("report says %d bytes freed, the store shrank by %d", rep.Freed(), before.StoredBytes-after.StoredBytes)
	}
	if d := dry.Freed() - rep.Freed(); d < -(64<<10) || d > 64<<10 {
		t.Errorf("dry run predicted %d bytes freed, gc freed %d", dry.Freed(), rep.Freed())
	}
	// A second gc has nothing to do.
	rep2, err := s.Collect(ctx, GCOptions{Live: liveSet(ob), Grace: time.Hour})
	if err != nil || rep2.ObjectsRemoved != 0 || rep2.Freed() != 0 {
		t.Errorf("second gc = %+v, %v; want nothing to do", rep2, err)
	}
	// The store still deduplicates against what is left.
	_, res := put(t, s, a)
	if res.NewBytes > 520<<10 {
		t.Errorf("re-upload of a stored %d new bytes, want about its unique 500 KiB", res.NewBytes)
	}
	readBack(t, s, a)
}

func TestCollectGraceKeepsRecent(t *testing.T) {
	s := newDirStore(t, smallConfig())
	c := storetest.Content(4, 300<<10)
	oid, _ := put(t, s, c)
	rep, err := s.Collect(context.Background(), GCOptions{Live: liveSet(), Grace: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if rep.ObjectsRemoved != 0 || rep.ObjectsInGrace != 1 || rep.PacksRemoved != 0 {
		t.Errorf("gc within the grace period = %+v, want nothing removed", rep)
	}
	if _, err := s.Stat(context.Background(), oid); err != nil {
		t.Error(err)
	}
}

// TestCollectUploadStartedBeforeGC: an upload that deduplicates against
// chunks of an old, unreachable object is in flight when gc starts. gc
// must wait for it; afterwards the new object is whole, and only the old
// object's manifest and unique chunks are gone.
func TestCollectUploadStartedBeforeGC(t *testing.T) {
	uploadStartedBeforeGC(t, newDirStore(t, smallConfig()))
}

// uploadStartedBeforeGC: an upload in flight survives a gc that runs in
// the middle of it, and gc does not wait for it. The upload, stalled
// half-way, has leased the packs of an old unreachable object it
// deduplicates against; gc, from a second Store as another process would,
// finishes while the upload is still stalled, removing the old object's
// manifest but keeping the leased packs; the upload then completes and
// reads back whole.
func uploadStartedBeforeGC(t *testing.T, s *Store) {
	ctx := context.Background()
	shared := storetest.Content(5, 2<<20)
	old := append(append([]byte{}, shared...), storetest.Content(6, 200<<10)...)
	oldOID, _ := put(t, s, old)
	oldM, err := s.readManifest(ctx, oldOID)
	if err != nil {
		t.Fatal(err)
	}
	oldPacks := map[PackID]bool{}
	for _, e := range oldM.Entries {
		oldPacks[e.Pack] = true
	}
	age(t, s, 30*24*time.Hour)

	// The new object starts with the old one's chunks; its reader stalls
	// after the first 1 MiB block has gone through the pipeline.
	fresh := append(append([]byte{}, shared...), storetest.Content(7, 200<<10)...)
	leased := make(chan []PackID, 256)
	s.onLease = func(_ context.Context, ps []PackID) { leased <- ps }
	release := make(chan struct{})
	r := &stallReader{data: fresh, stallAt: 3 << 19, started: make(chan struct{}), release: release}
	putErr := make(chan error, 1)
	go func() { putErr <- s.Put(ctx, storetest.Object(fresh), int64(len(fresh)), r) }()
	for ps := range leased { // until the lease names a pack of the old object
		if slices.ContainsFunc(ps, func(p PackID) bool { return oldPacks[p] }) {
			break
		}
	}

	other, err := Open(ctx, s.Backend(), nil)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := other.Collect(ctx, GCOptions{Live: liveSet(), Grace: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("gc during the upload: %+v", rep)
	select {
	case err := <-putErr:
		t.Fatalf("the upload ended before it was released: %v", err)
	default:
	}
	if rep.ObjectsRemoved != 1 || rep.PacksLeased == 0 {
		t.Errorf("gc report %+v, want the old object removed and the leased packs kept", rep)
	}
	close(release)
	if err := <-putErr; err != nil {
		t.Fatal(err)
	}
	readBack(t, s, fresh)
	readBack(t, other, fresh)
	if _, err := s.Stat(ctx, oldOID); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the old unreachable object survived gc: %v", err)
	}
	// Once the upload is done its lease is gone; the new object's recent
	// manifest keeps its chunks.
	rep, err = other.Collect(ctx, GCOptions{Live: liveSet(), Grace: time.Hour})
	if err != nil || rep.ObjectsInGrace != 1 || rep.PacksLeased != 0 {
		t.Errorf("gc after the upload: %+v, %v", rep, err)
	}
	readBack(t, other, fresh)
}

type stallReader struct {
	data     []byte
	off      int
	stallAt  int
	started  chan struct{}
	release  chan struct{}
	signaled bool
}

func (r *stallReader) Read(p []byte) (int, error) {
	if r.off >= len(r.data) {
		return 0, io.EOF
	}
	if r.off >= r.stallAt && !r.signaled {
		r.signaled = true
		close(r.started)
		<-r.release
	}
	end := min(len(r.data), r.off+len(p))
	if r.off < r.stallAt {
		end = min(end, r.stallAt)
	}
	n := copy(p, r.data[r.off:end])
	r.off += n
	return n, nil
}

// Sparse packs are rewritten with only their live chunks.
func TestCollectRepacksSparsePacks(t *testing.T) {
	cfg := smallConfig()
	cfg.PackSize = 4 << 20 // both objects land in one pack each... then share
	s := newDirStore(t, cfg)
	ctx := context.Background()
	big := storetest.Content(8, 3<<20)
	small := append(append([]byte{}, big[:256<<10]...), storetest.Content(9, 64<<10)...)
	ob, _ := put(t, s, big)
	os_, _ := put(t, s, small)
	_ = ob
	age(t, s, 30*24*time.Hour)
	before, _ := s.Stats(ctx)
	rep, err := s.Collect(ctx, GCOptions{Live: liveSet(os_), Grace: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("before %d bytes in %d packs; gc %+v", before.StoredBytes, before.Packs, rep)
	if rep.PacksRepacked != 1 || rep.PacksWritten != 1 {
		t.Errorf("gc repacked %d packs into %d, want the big object's sparse pack into 1", rep.PacksRepacked, rep.PacksWritten)
	}
	readBack(t, s, small)
	after, _ := s.Stats(ctx)
	if after.StoredBytes > int64(len(small))+32<<10 {
		t.Errorf("stored %d bytes after repacking, want about %d", after.StoredBytes, len(small))
	}
}

// Small objects each leave a small pack; gc merges them.
func TestCollectMergesSmallPacks(t *testing.T) {
	s := newDirStore(t, smallConfig()) // 256 KiB packs: small is < 16 KiB
	ctx := context.Background()
	var objs [][]byte
	var oids []lfsstore.OID
	for i := 0; i < 10; i++ {
		c := storetest.Content(uint64(20+i), 3000+i*100)
		oid, _ := put(t, s, c)
		objs, oids = append(objs, c), append(oids, oid)
	}
	age(t, s, 30*24*time.Hour)
	rep, err := s.Collect(ctx, GCOptions{Live: liveSet(oids...), Grace: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Packs != 10 || rep.PacksRepacked != 10 || rep.PacksWritten != 1 || rep.ObjectsRemoved != 0 {
		t.Errorf("gc = %+v, want 10 small packs merged into 1 and nothing removed", rep)
	}
	for _, c := range objs {
		readBack(t, s, c)
	}
	st, _ := s.Stats(ctx)
	if st.Packs != 1 {
		t.Errorf("%d packs after merging, want 1", st.Packs)
	}
}

// A process killed mid-upload leaves a spool file and nothing visible;
// gc removes the spool file once it is old.
func TestCollectRemovesKilledUploadSpool(t *testing.T) {
	s := newDirStore(t, smallConfig())
	spool := filepath.Join(s.Backend().SpoolDir(), spoolPrefix+"pack-123")
	other := filepath.Join(s.Backend().SpoolDir(), "unrelated")
	for _, p := range []string{spool, other} {
		if err := os.WriteFile(p, []byte("partial"), 0o644); err != nil {
			t.Fatal(err)
		}
		old := time.Now().Add(-48 * time.Hour)
		os.Chtimes(p, old, old)
	}
	if st, _ := s.Stats(context.Background()); st.Objects != 0 || st.Packs != 0 {
		t.Fatalf("a spool file is visible in the store: %+v", st)
	}
	rep, err := s.Collect(context.Background(), GCOptions{Live: liveSet(), Grace: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if rep.SpoolRemoved != 1 {
		t.Errorf("gc removed %d spool files, want 1", rep.SpoolRemoved)
	}
	if _, err := os.Stat(spool); !errors.Is(err, fs.ErrNotExist) {
		t.Error("the stale spool file is still there")
	}
	if _, err := os.Stat(other); err != nil {
		t.Error("gc removed a file that is not a spool file")
	}
}

// Two uploads that store the same new chunks at the same moment both keep
// them; gc points every reference at one copy and frees the other.
func TestCollectMergesDuplicateChunks(t *testing.T) {
	sA := newDirStore(t, smallConfig())
	ctx := context.Background()
	sB, err := Open(ctx, sA.Backend(), nil) // another process
	if err != nil {
		t.Fatal(err)
	}
	shared := storetest.Content(40, 1<<20)
	a := append(append([]byte{}, shared...), storetest.Content(41, 100<<10)...)
	b := append(append([]byte{}, shared...), storetest.Content(42, 100<<10)...)
	started, release := make(chan struct{}), make(chan struct{})
	errA := make(chan error, 1)
	go func() {
		// A synced its index before B stored anything, then stalls.
		errA <- sA.Put(ctx, storetest.Object(a), int64(len(a)), &stallReader{data: a, stallAt: 0, started: started, release: release})
	}()
	<-started
	put(t, sB, b)
	close(release)
	if err := <-errA; err != nil {
		t.Fatal(err)
	}
	before, _ := sA.Stats(ctx)
	if before.StoredBytes < int64(2*len(shared)) {
		t.Fatalf("stored %d bytes: the concurrent uploads did not duplicate the shared chunks, the test proves nothing", before.StoredBytes)
	}
	age(t, sA, 30*24*time.Hour)
	rep, err := sA.Collect(ctx, GCOptions{Live: liveSet(storetest.Object(a), storetest.Object(b)), Grace: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	after, _ := sA.Stats(ctx)
	t.Logf("duplicates: stored %d -> %d bytes; gc %+v", before.StoredBytes, after.StoredBytes, rep)
	if rep.ChunksDeduplicated == 0 || rep.ObjectsRemoved != 0 {
		t.Errorf("gc = %+v, want duplicate references merged and no object removed", rep)
	}
	if want := int64(len(shared) + 200<<10); after.StoredBytes > want+64<<10 {
		t.Errorf("stored %d bytes after gc, want about %d (one copy of the shared chunks)", after.StoredBytes, want)
	}
	readBack(t, sA, a)
	readBack(t, sA, b)
}

// A download that stalls half-way holds no lock: gc runs to the end
// meanwhile, repacking the very pack the download reads from, and the
// download then goes on from the chunks' new place.
func TestStalledDownloadAcrossRepack(t *testing.T) {
	cfg := smallConfig()
	cfg.PackSize = 4 << 20
	s := newDirStore(t, cfg)
	ctx := context.Background()
	big := storetest.Content(18, 3<<20)
	// Two runs of the big object's chunks with new bytes between: the
	// second run is read with a request of its own.
	small := append(append([]byte{}, big[:256<<10]...), storetest.Content(19, 64<<10)...)
	small = append(small, big[1<<20:1<<20+256<<10]...)
	put(t, s, big)
	os_, _ := put(t, s, small)
	age(t, s, 30*24*time.Hour)
	o, err := s.Open(ctx, os_)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	half := make([]byte, 100<<10)
	if _, err := io.ReadFull(o, half); err != nil {
		t.Fatal(err)
	}
	other, err := Open(ctx, s.Backend(), nil)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := other.Collect(ctx, GCOptions{Live: liveSet(os_), Grace: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if rep.PacksRepacked != 1 {
		t.Fatalf("gc %+v, want the download's pack repacked", rep)
	}
	rest, err := io.ReadAll(o)
	if err != nil {
		t.Fatalf("download after its pack was repacked: %v", err)
	}
	if got := append(half, rest...); !bytes.Equal(got, small) {
		t.Fatalf("download read %d bytes, want the object's %d", len(got), len(small))
	}
}
