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

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/storetest"
)

// smallConfig makes tests exercise many chunks and packs.
func smallConfig() *Config {
	c := DefaultConfig()
	c.MinChunk, c.AvgChunk, c.MaxChunk = 1<<10, 4<<10, 16<<10
	c.PackSize = 256 << 10
	return &c
}

func newDirStore(t testing.TB, cfg *Config) *Store {
	t.Helper()
	b, err := NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), b, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformanceDir(t *testing.T) {
	storetest.Run(t, func(t *testing.T) lfsstore.Store { return newDirStore(t, smallConfig()) })
}

func TestConformanceDirDefaultFormat(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	storetest.Run(t, func(t *testing.T) lfsstore.Store { return newDirStore(t, nil) })
}

func put(t testing.TB, s *Store, c []byte) (lfsstore.OID, PutResult) {
	t.Helper()
	oid := storetest.Object(c)
	res, err := s.PutStats(context.Background(), oid, int64(len(c)), bytes.NewReader(c))
	if err != nil {
		t.Fatal(err)
	}
	return oid, res
}

// A refused Put of an object large enough that packs were stored while it
// was still arriving leaves no pack and no spool file behind.
func TestRefusedPutLeavesNothing(t *testing.T) {
	s := newDirStore(t, smallConfig()) // 256 KiB packs
	c := storetest.Content(31, 3<<20)
	wrong := storetest.Object([]byte("not this"))
	err := s.Put(context.Background(), wrong, int64(len(c)), bytes.NewReader(c))
	if !errors.Is(err, lfsstore.ErrHashMismatch) {
		t.Fatalf("Put with the wrong oid: %v", err)
	}
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Packs != 0 || st.StoredBytes != 0 || st.Objects != 0 || st.Chunks != 0 {
		t.Errorf("a refused Put left %+v", st)
	}
	ents, _ := filepath.Glob(filepath.Join(s.Backend().SpoolDir(), spoolPrefix+"*"))
	if len(ents) != 0 {
		t.Errorf("spool files left: %q", ents)
	}
	// And the right Put of the same bytes works, storing packs once.
	oid, res := put(t, s, c)
	if res.NewBytes != int64(len(c)) {
		t.Errorf("new bytes %d, want %d", res.NewBytes, len(c))
	}
	if st, _ := s.Stats(context.Background()); st.StoredBytes != int64(len(c)) || st.Packs < 10 {
		t.Errorf("after the good Put of %s: %+v", oid, st)
	}
}

// A flipped byte in a pack is never served: reads fail with
// ErrCorrupt, and Verify names the damaged object and only it.
func TestCorruptChunkNeverServed(t *testing.T) {
	s := newDirStore(t, smallConfig())
	good := storetest.Content(50, 200<<10)
	victim := storetest.Content(51, 300<<10)
	put(t, s, good)
	vOID, _ := put(t, s, victim)
	m, err := s.readManifest(context.Background(), vOID)
	if err != nil {
		t.Fatal(err)
	}
	e := m.Entries[len(m.Entries)/2]
	p := filepath.Join(s.Backend().(*Dir).Root(), filepath.FromSlash(packName(e.Pack)))
	f, err := os.OpenFile(p, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	var b [1]byte
	f.ReadAt(b[:], e.Offset+int64(e.Length)/2)
	b[0] ^= 0x01
	f.WriteAt(b[:], e.Offset+int64(e.Length)/2)
	f.Close()

	o, err := s.Open(context.Background(), vOID)
	if err != nil {
		t.Fatal(err)
	}
	_, err = io.ReadAll(o)
	o.Close()
	if !errors.Is(err, lfsstore.ErrCorrupt) {
		t.Fatalf("reading a corrupt object: %v, want ErrCorrupt", err)
	}
	var damaged []lfsstore.OID
	n, err := s.Verify(context.Background(), func(oid lfsstore.OID, err error) { damaged = append(damaged, oid) })
	if err != nil || n != 2 {
		t.Fatalf("Verify checked %d objects, err %v", n, err)
	}
	if len(damaged) != 1 || damaged[0] != vOID {
		t.Errorf("Verify reported %v, want only %s", damaged, vOID)
	}
}

// Repair removes the damaged object (so clients upload it again) and drops
// the corrupt chunk from its index, so the re-upload stores a good copy.
func TestRepairThenReupload(t *testing.T) {
	s := newDirStore(t, smallConfig())
	good := storetest.Content(60, 200<<10)
	victim := storetest.Content(61, 300<<10)
	gOID, _ := put(t, s, good)
	vOID, _ := put(t, s, victim)
	m, _ := s.readManifest(context.Background(), vOID)
	e := m.Entries[1]
	p := filepath.Join(s.Backend().(*Dir).Root(), filepath.FromSlash(packName(e.Pack)))
	f, _ := os.OpenFile(p, os.O_RDWR, 0)
	f.WriteAt([]byte{0xde, 0xad}, e.Offset+10)
	f.Close()

	rep, err := s.Repair(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Damaged) != 1 || rep.Damaged[0] != vOID || rep.CorruptChunks != 1 || rep.IndexesFixed != 1 {
		t.Fatalf("repair = %+v, want the victim removed and one index fixed", rep)
	}
	if _, err := s.Stat(context.Background(), vOID); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("damaged object still listed: %v", err)
	}
	if _, err := s.Stat(context.Background(), gOID); err != nil {
		t.Errorf("intact object removed: %v", err)
	}
	// The re-upload stores the corrupt chunk afresh and reads back whole.
	_, res := put(t, s, victim)
	if res.NewChunks < 1 {
		t.Errorf("re-upload stored %d new chunks, want the corrupt one again", res.NewChunks)
	}
	o, err := s.Open(context.Background(), vOID)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(o)
	o.Close()
	if err != nil || !bytes.Equal(got, victim) {
		t.Fatalf("re-uploaded object: err %v", err)
	}
	if n, err := s.Verify(context.Background(), func(oid lfsstore.OID, err error) { t.Errorf("still damaged: %s: %v", oid, err) }); err != nil || n != 2 {
		t.Errorf("Verify after repair: %d objects, %v", n, err)
	}
}

// Another process that loaded the index before the repair stops
// deduplicating against the corrupt chunk.
func TestRepairSeenByOtherProcess(t *testing.T) {
	s := newDirStore(t, smallConfig())
	ctx := context.Background()
	victim := storetest.Content(70, 300<<10)
	vOID, _ := put(t, s, victim)
	other, err := Open(ctx, s.Backend(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Stats(ctx); err != nil { // loads the index
		t.Fatal(err)
	}
	m, _ := s.readManifest(ctx, vOID)
	e := m.Entries[2]
	p := filepath.Join(s.Backend().(*Dir).Root(), filepath.FromSlash(packName(e.Pack)))
	f, _ := os.OpenFile(p, os.O_RDWR, 0)
	f.WriteAt([]byte{0xbe, 0xef}, e.Offset+5)
	f.Close()
	if _, err := s.Repair(ctx); err != nil {
		t.Fatal(err)
	}
	// The other process re-uploads: it must store the chunk again.
	if _, res := put(t, other, victim); res.NewChunks != 1 {
		t.Errorf("re-upload by another process stored %d new chunks, want the 1 corrupt one", res.NewChunks)
	}
	if n, err := s.Verify(ctx, func(oid lfsstore.OID, err error) { t.Errorf("damaged: %s: %v", oid, err) }); err != nil || n != 1 {
		t.Errorf("Verify: %d, %v", n, err)
	}
}
