// Package atomicfile writes files so that a reader, or a crash at any
// moment, sees either the old content or the whole new content, never a
// part: write a temporary file beside the destination (or in a given
// directory on the same file system), fsync it, rename it over the
// destination, fsync the directory. A write that is abandoned removes its
// temporary file.
//
// It is the one implementation git-repro uses (hooks, init templates, the
// LFS stores, the quota ledger). It imports only the standard library.
package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// File is a pending atomic write. Write to it, then Commit; Close (or
// Abort) without Commit removes the temporary file and leaves the
// destination as it was.
type File struct {
	*os.File
	final string
	perm  fs.FileMode
	done  bool
}

// Create starts an atomic write of final, with its temporary file in the
// same directory.
func Create(final string, perm fs.FileMode) (*File, error) {
	return CreateIn(filepath.Dir(final), "."+filepath.Base(final)+".tmp-*", final, perm)
}

// CreateIn starts an atomic write of final whose temporary file is made in
// dir (which must be on final's file system) with os.CreateTemp's pattern.
func CreateIn(dir, pattern, final string, perm fs.FileMode) (*File, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	return &File{File: f, final: final, perm: perm}, nil
}

// Commit makes the written content the destination's: fsync, chmod,
// close, rename, fsync of the destination's directory. On error the
// temporary file is removed and the destination is unchanged (unless the
// error came from the final directory sync, after the rename).
func (f *File) Commit() error {
	if f.done {
		return errors.New("atomicfile: commit after close")
	}
	f.done = true
	err := f.Sync()
	if err == nil {
		err = f.Chmod(f.perm)
	}
	if cerr := f.File.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), f.final)
	}
	if err != nil {
		_ = os.Remove(f.Name())
		return err
	}
	return SyncDir(filepath.Dir(f.final))
}

// Abort abandons the write and removes the temporary file. It is a no-op
// after Commit.
func (f *File) Abort() error {
	if f.done {
		return nil
	}
	f.done = true
	_ = f.File.Close()
	return os.Remove(f.Name())
}

// Close is Abort: a File closed without Commit changes nothing.
func (f *File) Close() error { return f.Abort() }

// WriteFile atomically replaces final with data.
func WriteFile(final string, data []byte, perm fs.FileMode) error {
	f, err := Create(final, perm)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		_ = f.Abort()
		return err
	}
	return f.Commit()
}

// SyncDir fsyncs a directory, so that a rename or a new entry in it
// survives a crash.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
