// Package snapshot is the leaf that the git layer and the rule engine share:
// a Tree is one read-only snapshot of a repository (the index, a commit, the
// worktree or a plain directory), FileInfo describes one of its files, and
// LFSPointer is a parsed Git LFS pointer, the only pointer parser in
// git-repro (gitx, the rules and the LFS store's garbage collector all use
// it).
//
// snapshot imports only the standard library: gitx produces Trees, checks
// and the rule families consume them, and neither has to import the other.
package snapshot
