package lfsstore

import (
	"context"
	"errors"
	"io"
	"time"
)

// Errors returned by Store.Put when the content does not match what the
// caller promised. Put wraps them, so test with errors.Is.
var (
	// ErrHashMismatch: the SHA-256 of the content is not the oid.
	ErrHashMismatch = errors.New("content hash does not match the oid")
	// ErrSizeMismatch: the content is longer or shorter than the size.
	ErrSizeMismatch = errors.New("content size does not match the declared size")
	// ErrCorrupt: stored data no longer matches its hash, or a part of a
	// stored object is missing. Reads of a damaged object return it
	// (wrapped) instead of wrong bytes; fsck reports such objects.
	ErrCorrupt = errors.New("stored data is damaged")
	// ErrStoreChanged: garbage collection removed data a Put had reused
	// while the Put was running; nothing was stored, and the same Put
	// tried again succeeds.
	ErrStoreChanged = errors.New("the store changed during the upload (garbage collection removed data it reused); upload again")
)

// Leftover is something an interrupted upload left behind (a temporary
// file, an unreferenced pack), or the same thing of an upload still
// running, which must never be removed.
type Leftover struct {
	Kind       string // "temporary file", "spool file", "pack", "index", "lease"
	Name       string // file path, or blob name in the store
	Size       int64
	ModTime    time.Time
	InProgress bool // a running upload uses it
	Removed    bool // RemoveLeftovers removed it
}

// LeftoverCleaner is an optional Store capability: listing and removing
// what killed processes left behind. Neither ever reports as abandoned,
// or removes, what an upload in progress is writing: that is told by
// locks the running process holds, not by age.
type LeftoverCleaner interface {
	// Leftovers lists leftovers, in progress or not.
	Leftovers(ctx context.Context) ([]Leftover, error)
	// RemoveLeftovers removes every leftover not in progress and returns
	// what it removed.
	RemoveLeftovers(ctx context.Context) ([]Leftover, error)
}

// Info describes one stored object.
type Info struct {
	OID  OID
	Size int64
}

// Object is an open stored object. It supports seeking so that HTTP Range
// requests (resumed downloads) can be answered without reading the prefix.
type Object interface {
	io.ReadSeekCloser
	// Size is the object's size in bytes.
	Size() int64
}

// Store is a content-addressed object store keyed by SHA-256.
//
// Every implementation must pass the conformance suite in
// lfsstore/storetest. All methods are safe for concurrent use by multiple
// goroutines and, for stores on shared media, by multiple processes.
//
// Missing objects: Stat, Open and Delete return an error that wraps
// fs.ErrNotExist (test with errors.Is(err, fs.ErrNotExist)) when the
// object is not stored. Other errors mean the store could not answer.
//
// A Store never exposes a partial or unverified object: an object is
// visible to Stat, Open and Walk only after Put has checked its full
// content.
type Store interface {
	// Stat returns the size of a stored object.
	Stat(ctx context.Context, oid OID) (size int64, err error)

	// Open opens a stored object for reading. The caller must Close it.
	Open(ctx context.Context, oid OID) (Object, error)

	// Put stores the content read from r under oid. It reads r to EOF
	// (or until more than size bytes arrive), hashing as it goes, and
	// stores the object only if exactly size bytes arrived and their
	// SHA-256 is oid. On a mismatch it returns an error wrapping
	// ErrSizeMismatch or ErrHashMismatch and stores nothing. An error
	// from r is returned as is (wrapped) and nothing is stored.
	//
	// Put is atomic (readers see the old state or the whole new object,
	// never a partial one), durable once it returns nil, and idempotent:
	// putting an object that is already stored succeeds. Any number of
	// concurrent Puts of the same oid all succeed when their content is
	// right, and leave exactly one intact object.
	Put(ctx context.Context, oid OID, size int64, r io.Reader) error

	// Delete removes a stored object (used by garbage collection). A
	// Delete of a missing object returns an error wrapping
	// fs.ErrNotExist. Readers that already opened the object may keep
	// reading it where the backend allows.
	Delete(ctx context.Context, oid OID) error

	// Walk calls fn for every stored object, in no particular order. If
	// fn returns an error, Walk stops and returns it. Objects put or
	// deleted during the walk may or may not be visited.
	Walk(ctx context.Context, fn func(Info) error) error
}
