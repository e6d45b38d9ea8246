// Package gc collects garbage in a chunked LFS store and enforces
// per-repository quotas.
//
// Reachability: an object is live if an LFS pointer to it is reachable
// from any ref (branches, tags, notes, stash, remotes) of any configured
// repository, anywhere in history. The pointers are read with the git
// command line (git rev-list --objects --all, git cat-file --batch), not
// go-git: only gitx imports go-git. Objects uploaded within the grace
// period (default 7 days) are kept too, so a push whose objects are
// uploaded but whose refs are not yet updated is never collected. If any
// repository cannot be read, nothing is collected.
//
// The sweep itself (manifests, then packs, repacking sparse packs) is
// chunked.Store.Collect, which holds the store's exclusive lock.
//
// Quota implements the LFS server's batch-time quota hook.
//
// gc imports lfsstore, lfsstore/chunked and the leaf packages snapshot
// (the LFS pointer parser), internal/atomicfile and internal/bytesize; it
// must not import the server, the agent, checks, rules, gitx or go-git.
package gc
