package lfsstore_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/storetest"
)

func TestFsckFindsAndQuarantinesCorruption(t *testing.T) {
	s := newLocal(t)
	ctx := context.Background()
	var oids []lfsstore.OID
	for i := 0; i < 10; i++ {
		c := storetest.Content(uint64(i), 1000*i+1)
		oid := storetest.Object(c)
		if err := s.Put(ctx, oid, int64(len(c)), bytes.NewReader(c)); err != nil {
			t.Fatal(err)
		}
		oids = append(oids, oid)
	}
	rep, err := lfsstore.Fsck(ctx, s, lfsstore.FsckOptions{})
	if err != nil || rep.Objects != 10 || len(rep.Corrupt) != 0 {
		t.Fatalf("clean store: %+v, %v", rep, err)
	}
	// Flip one bit in one object and truncate another.
	h := oids[3].String()
	p := filepath.Join(s.Root(), "objects", h[:2], h[2:4], h)
	b, _ := os.ReadFile(p)
	b[len(b)/2] ^= 1
	os.WriteFile(p, b, 0o600)
	h = oids[5].String()
	os.Truncate(filepath.Join(s.Root(), "objects", h[:2], h[2:4], h), 10)

	var last lfsstore.FsckProgress
	rep, err = lfsstore.Fsck(ctx, s, lfsstore.FsckOptions{Progress: func(p lfsstore.FsckProgress) { last = p }})
	if err != nil || len(rep.Corrupt) != 2 {
		t.Fatalf("corrupt store: %+v, %v; want 2 corrupt objects", rep, err)
	}
	if last.Objects != 10 || last.TotalObjects != 10 || last.Bytes != last.TotalBytes {
		t.Errorf("last progress %+v", last)
	}
	if _, err := s.Stat(ctx, oids[3]); err != nil {
		t.Errorf("report-only fsck removed an object: %v", err)
	}
	rep, err = lfsstore.Fsck(ctx, s, lfsstore.FsckOptions{Quarantine: true})
	if err != nil || len(rep.Corrupt) != 2 {
		t.Fatalf("quarantine: %+v, %v", rep, err)
	}
	for _, c := range rep.Corrupt {
		if !c.Removed || c.MovedTo == "" {
			t.Errorf("%s not quarantined: %+v", c.OID, c)
		}
		if _, err := os.Stat(c.MovedTo); err != nil {
			t.Errorf("quarantined copy missing: %v", err)
		}
	}
	rep, err = lfsstore.Fsck(ctx, s, lfsstore.FsckOptions{})
	if err != nil || rep.Objects != 8 || len(rep.Corrupt) != 0 {
		t.Errorf("after quarantine: %+v, %v; want 8 clean objects", rep, err)
	}
}

// What a killed upload leaves in tmp/ is reported and, on request,
// removed at once (not after a day); the temporary file of an upload in
// progress is reported as such and never removed.
func TestFsckLeftovers(t *testing.T) {
	s := newLocal(t)
	ctx := context.Background()
	dead := filepath.Join(s.Root(), "tmp", "put-"+strings.Repeat("0", 64)+"-1")
	if err := os.WriteFile(dead, make([]byte, 4096), 0o600); err != nil {
		t.Fatal(err)
	}
	c := storetest.Content(7, 3<<20)
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- s.Put(ctx, storetest.Object(c), int64(len(c)), pr) }()
	// A pipe write returns once Put has read it: its temp file exists.
	if _, err := pw.Write(c[:2<<20]); err != nil {
		t.Fatal(err)
	}
	rep, err := lfsstore.Fsck(ctx, s, lfsstore.FsckOptions{})
	if err != nil || len(rep.Leftovers) != 2 {
		t.Fatalf("fsck: %+v, %v; want 2 leftovers", rep.Leftovers, err)
	}
	rep, err = lfsstore.Fsck(ctx, s, lfsstore.FsckOptions{RemoveLeftovers: true})
	if err != nil {
		t.Fatal(err)
	}
	var removed, running int
	for _, l := range rep.Leftovers {
		switch {
		case l.Removed && l.Name == dead && !l.InProgress:
			removed++
		case !l.Removed && l.InProgress && l.Name != dead:
			running++
		default:
			t.Errorf("unexpected leftover %+v", l)
		}
	}
	if removed != 1 || running != 1 {
		t.Fatalf("leftovers %+v: want the dead one removed and the running one kept", rep.Leftovers)
	}
	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Errorf("abandoned temp file still there: %v", err)
	}
	pw.Write(c[2<<20:])
	pw.Close()
	if err := <-done; err != nil {
		t.Fatalf("the upload in progress failed after the cleanup: %v", err)
	}
	if rest, _ := s.Leftovers(ctx); len(rest) != 0 {
		t.Errorf("leftovers after the upload: %+v", rest)
	}
}
