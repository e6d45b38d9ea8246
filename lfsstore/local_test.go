package lfsstore_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/storetest"
)

func newLocal(t *testing.T) *lfsstore.Local {
	t.Helper()
	s, err := lfsstore.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestLocalConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) lfsstore.Store { return newLocal(t) })
}

func TestLocalLayoutAndNoTempLeft(t *testing.T) {
	s := newLocal(t)
	c := []byte("hello\n")
	oid := storetest.Object(c)
	if err := s.Put(context.Background(), oid, int64(len(c)), bytes.NewReader(c)); err != nil {
		t.Fatal(err)
	}
	// Refused puts must not leave temporary files behind either.
	_ = s.Put(context.Background(), oid, 3, bytes.NewReader(c))
	h := oid.String()
	if _, err := os.Stat(filepath.Join(s.Root(), "objects", h[:2], h[2:4], h)); err != nil {
		t.Errorf("object not at objects/aa/bb/oid: %v", err)
	}
	tf, err := s.Leftovers(context.Background())
	if err != nil || len(tf) != 0 {
		t.Errorf("Leftovers = %v, %v; want none", tf, err)
	}
}

func TestLocalWalkIgnoresStrays(t *testing.T) {
	s := newLocal(t)
	c := []byte("x")
	oid := storetest.Object(c)
	if err := s.Put(context.Background(), oid, 1, bytes.NewReader(c)); err != nil {
		t.Fatal(err)
	}
	h := oid.String()
	// A misplaced but valid oid, and a non-oid name, are not objects.
	os.WriteFile(filepath.Join(s.Root(), "objects", h[:2], h[2:4], "README"), nil, 0o644)
	os.MkdirAll(filepath.Join(s.Root(), "objects", "00", "00"), 0o755)
	os.WriteFile(filepath.Join(s.Root(), "objects", "00", "00", h), c, 0o644)
	n := 0
	s.Walk(context.Background(), func(lfsstore.Info) error { n++; return nil })
	if n != 1 {
		t.Errorf("Walk visited %d entries, want 1", n)
	}
}
