package chunked

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/storetest"
)

// flipChunk flips one byte in the middle of the i-th chunk of oid's
// pack data, as bit rot or a bad disk would, and returns that chunk.
func flipChunk(t *testing.T, s *Store, oid lfsstore.OID, i int) ManifestEntry {
	t.Helper()
	m, err := s.readManifest(context.Background(), oid)
	if err != nil {
		t.Fatal(err)
	}
	e := m.Entries[i]
	p := filepath.Join(s.Backend().(*Dir).Root(), filepath.FromSlash(packName(e.Pack)))
	f, err := os.OpenFile(p, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b [1]byte
	at := e.Offset + int64(e.Length)/2
	if _, err := f.ReadAt(b[:], at); err != nil {
		t.Fatal(err)
	}
	b[0] ^= 0x20
	if _, err := f.WriteAt(b[:], at); err != nil {
		t.Fatal(err)
	}
	return e
}

// readsBack fails the test unless oid reads back as want.
func readsBack(t *testing.T, s *Store, oid lfsstore.OID, want []byte) {
	t.Helper()
	o, err := s.Open(context.Background(), oid)
	if err != nil {
		t.Fatalf("open %s: %v", oid, err)
	}
	got, err := io.ReadAll(o)
	o.Close()
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("%s reads back %d bytes (want %d), err %v", oid, len(got), len(want), err)
	}
}

// The security review's reproduction: after a byte flips in a pack, an
// upload that shares the damaged chunk used to be acknowledged while it
// deduplicated against the bad copy, so it could never be read back. Now
// every Put reads reused chunks back (unless this process itself wrote or
// checked them moments ago) and stores a bad one again.
func TestUploadSharingDamagedChunkIsReadable(t *testing.T) {
	ctx := context.Background()
	s := newDirStore(t, smallConfig())
	a := storetest.Content(80, 300<<10)
	aOID, _ := put(t, s, a)
	flipChunk(t, s, aOID, 5)

	// Another process (a fresh Store on the same directory: git-lfs
	// starts a new agent per push) uploads a new object holding a's
	// bytes and more.
	other, err := Open(ctx, s.Backend(), nil)
	if err != nil {
		t.Fatal(err)
	}
	b := append(append([]byte{}, a...), storetest.Content(81, 50<<10)...)
	bOID, res := put(t, other, b)
	if res.Rewritten != 1 || res.Checked < 5 || res.ReadBack == 0 {
		t.Errorf("put sharing a damaged chunk: %+v, want the one bad copy found and rewritten", res)
	}
	readsBack(t, other, bOID, b)

	// The damaged object itself, uploaded again while its manifest still
	// exists (nobody ran fsck): the new manifest names the good copy.
	third, err := Open(ctx, s.Backend(), nil)
	if err != nil {
		t.Fatal(err)
	}
	_, res = put(t, third, a)
	if !res.Existed {
		t.Errorf("re-upload of a stored object: %+v, want Existed", res)
	}
	readsBack(t, third, aOID, a)

	// The process that wrote a trusts its own copy for trustGood; past
	// that it reads back too.
	defer func(d time.Duration) { trustGood = d }(trustGood)
	trustGood = 0
	c := append(append([]byte{}, storetest.Content(82, 20<<10)...), a...)
	cOID, res := put(t, s, c)
	if res.Checked == 0 {
		t.Errorf("put with trustGood 0 read nothing back: %+v", res)
	}
	readsBack(t, s, cOID, c)
}

// fsck on a chunked store with a flipped byte lists every object that
// shares the damaged chunk (it used to stop at the first with an error),
// and --quarantine removes them and drops the chunk from its index, so
// re-uploads, even by the long-running process that wrote the chunk and
// still trusts it, store a good copy.
func TestFsckDamagedChunkQuarantineReupload(t *testing.T) {
	ctx := context.Background()
	s := newDirStore(t, smallConfig())
	a := storetest.Content(90, 300<<10)
	b := append(append([]byte{}, a[:200<<10]...), storetest.Content(91, 100<<10)...)
	intact := storetest.Content(92, 100<<10)
	aOID, _ := put(t, s, a)
	bOID, _ := put(t, s, b)
	iOID, _ := put(t, s, intact)
	flipChunk(t, s, aOID, 3) // within the 200 KiB a and b share

	rep, err := lfsstore.Fsck(ctx, s, lfsstore.FsckOptions{})
	if err != nil {
		t.Fatalf("fsck failed instead of reporting: %v", err)
	}
	if rep.Objects != 3 || len(rep.Corrupt) != 2 {
		t.Fatalf("fsck checked %d objects, corrupt %+v; want 3 checked, a and b corrupt", rep.Objects, rep.Corrupt)
	}
	rep, err = lfsstore.Fsck(ctx, s, lfsstore.FsckOptions{Quarantine: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range rep.Corrupt {
		if !c.Removed {
			t.Errorf("quarantine left %s: %+v", c.OID, c)
		}
	}
	for _, oid := range []lfsstore.OID{aOID, bOID} {
		if _, err := s.Stat(ctx, oid); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("quarantined %s still stored: %v", oid, err)
		}
	}
	readsBack(t, s, iOID, intact)

	// Re-uploads by the same Store: its trust in the chunk it wrote is
	// void once the index lost the chunk.
	_, res := put(t, s, a)
	if res.NewChunks < 1 {
		t.Errorf("re-upload after quarantine stored no new chunk: %+v", res)
	}
	readsBack(t, s, aOID, a)
	put(t, s, b)
	readsBack(t, s, bOID, b)
	rep, err = lfsstore.Fsck(ctx, s, lfsstore.FsckOptions{})
	if err != nil || len(rep.Corrupt) != 0 || rep.Objects != 3 {
		t.Fatalf("fsck after re-upload: %+v, %v", rep, err)
	}
}

// Touch (what the batch API calls for an object already stored) fails
// when a pack the object needs is gone, so the client uploads it again
// instead of being told the server has it.
func TestTouchNoticesMissingPack(t *testing.T) {
	ctx := context.Background()
	s := newDirStore(t, smallConfig())
	a := storetest.Content(95, 100<<10)
	aOID, _ := put(t, s, a)
	if err := s.Touch(ctx, aOID); err != nil {
		t.Fatalf("touch of an intact object: %v", err)
	}
	m, _ := s.readManifest(ctx, aOID)
	if err := s.Backend().Delete(ctx, indexName(m.Entries[0].Pack)); err != nil {
		t.Fatal(err)
	}
	if err := s.Backend().Delete(ctx, packName(m.Entries[0].Pack)); err != nil {
		t.Fatal(err)
	}
	if err := s.Touch(ctx, aOID); !errors.Is(err, lfsstore.ErrCorrupt) {
		t.Fatalf("touch with a pack gone: %v, want ErrCorrupt", err)
	}
}
