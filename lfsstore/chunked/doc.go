// Package chunked is a deduplicating lfsstore.Store. Every object is cut
// into content-defined chunks (lfsstore/cdc, gear-hash FastCDC), each
// chunk is keyed by its BLAKE3 hash and stored once, chunks are packed
// into large pack blobs, and each LFS object (keyed by its SHA-256 oid)
// has a manifest listing its chunks. The design follows Hugging Face's
// Xet (chunks, BLAKE3, ~64 MiB packs) and restic (packs, per-pack
// indexes, a backend contract, lock objects).
//
// Layout on a Backend (names use "/"; see format.go for the encodings):
//
//	config                    format metadata (JSON): chunker parameters, hashes, pack size
//	packs/<aa>/<packid>       chunk bytes, concatenated
//	index/<packid>            the chunks of one pack: BLAKE3, offset, length
//	manifests/<aa>/<oid>      one LFS object: size and the ordered chunk list
//	locks/<kind>-<id>         lock objects (backends without native locks)
//
// A Put writes packs, then their indexes, then the manifest: the manifest
// is the commit point, so a crash leaves at most unreferenced packs,
// which gc removes after its grace period. Puts and reads hold a shared
// lock, garbage collection an exclusive one; on a local directory these
// are flock(2) locks, so separate processes (git-lfs starts 8 transfer
// agents at once) are safe against each other.
//
// Backends: Dir (a local directory) here, and lfsstore/s3 for
// S3-compatible object stores.
//
// chunked imports lfsstore, lfsstore/cdc and lfsstore/internal/inflight;
// it must not import the server or the agent (test files included),
// checks, gitx or go-git.
package chunked
