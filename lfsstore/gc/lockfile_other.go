//go:build !unix

package gc

import "io/fs"

// lockFile is a no-op where flock is missing: the ledger is then safe
// within one process only.
func lockFile(path string) (func(), error) { return func() {}, nil }

// fileIdent tells a file replaced by a rename from the one read before;
// without inode numbers, by its modification time.
type fileIdent struct{ mod int64 }

func identOf(fi fs.FileInfo) fileIdent { return fileIdent{fi.ModTime().UnixNano()} }
