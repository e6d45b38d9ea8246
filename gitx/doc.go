// Package gitx is git-repro's only door to git. It finds the repository
// around a directory, resolves revisions and merge bases, and turns the
// index, a commit, the worktree or a plain directory into a snapshot.Tree:
// a snapshot whose files, sizes, modes, LFS pointers, .gitattributes and
// .gitignore answers all come from the same place.
//
// git itself answers every question about history, through internal/gitcli
// (the one runner: a context kills git, its stderr is in every error):
// revisions resolve with "git rev-parse --verify --end-of-options
// REV^{commit}", so HEAD@{1}, main@{2} or HEAD:path mean what they mean to
// git or are an error wrapping ErrBadRevision; merge bases come from
// "git merge-base", and a shallow clone that lacks one is an error wrapping
// ErrShallow that says how to deepen it. Objects are read through one
// long-running "git cat-file --batch-command" process per repository.
//
// The pre-commit hot path reads the index in-process (index.go, mapped)
// and computes the staged set from its cache-tree against HEAD's trees
// (staged.go): on a 100,000-file repository go-git's index decoder alone
// costs 2.3 times git's whole staged diff (see docs/performance.md), and
// starting "git diff --cached" costs a process. git's own diff is the
// fallback. It never walks the worktree.
//
// Snapshots treat the repository as hostile input (resolve.go, dir.go):
// symlinks stand for their target inside the snapshot or are skipped, the
// same in every mode; only regular files are read, without blocking, at
// most snapshot.MaxFileSize bytes; on disk, the open itself cannot leave
// the root (openat2 with RESOLVE_BENEATH on Linux, os.Root elsewhere).
//
// go-git earns its place only for the .gitignore and .gitattributes
// matchers (plumbing/format/gitignore and gitattributes), which implement
// git's pattern semantics; nothing else of go-git is imported (its
// repository, object and transport packages cost a sixth of the binary:
// see docs/performance.md). Only gitx imports go-git. gitx must not import
// action, hooks, checks or lfsstore.
package gitx
