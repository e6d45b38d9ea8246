// Package gitx is git-repro's only door to git. It opens a repository from
// any subdirectory (go-git), resolves revisions and merge bases, and turns
// the index, a commit or the worktree into a snapshot.Tree: a snapshot whose
// files, sizes, modes, LFS pointers, .gitattributes and .gitignore answers
// all come from the same place.
//
// The pre-commit hot path (the staged file set and index blobs) asks the git
// binary itself: on a 100,000-file repository go-git's index decoder alone
// costs 2.3 times git's whole staged diff (see docs/performance.md), and git
// is always present when a hook runs. git also honours GIT_INDEX_FILE, which
// "git commit <paths>" sets for its hooks.
//
// Only gitx imports go-git. gitx must not import action or lfsstore.
package gitx
