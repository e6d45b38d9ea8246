// Package snapshot is the leaf that the git layer and the rule engine share:
// a Tree is one read-only snapshot of a repository (the index, a commit, the
// worktree or a plain directory), FileInfo describes one of its files, and
// LFSPointer is a parsed Git LFS pointer, the only pointer parser in
// git-repro (gitx, the rules and the LFS store's garbage collector all use
// it).
//
// A repository is hostile input, and a Tree reads it accordingly:
//
//   - Symlinks stand for their target inside the snapshot, or are skipped.
//     A symlink whose target (read relative to the link's directory,
//     through a chain of at most MaxSymlinkHops links) is a file of the
//     same snapshot reads as that file, in every kind of snapshot; its
//     FileInfo keeps fs.ModeSymlink so rules can tell. Any other symlink
//     (absolute, leaving the root through "..", into .git, dangling, to a
//     directory, a loop) is not listed by Files, and Stat and ReadFile fail
//     with an error satisfying errors.Is(err, fs.ErrNotExist).
//   - Only regular files are read: a device, FIFO or socket (or a symlink
//     to one) fails with an error wrapping ErrNotRegular, without blocking.
//   - Reads are capped: ReadFile returns at most MaxFileSize bytes and fails
//     beyond with an error wrapping ErrTooLarge; Stat and Files still
//     describe such a file with its real size, so a rule about sizes sees
//     it. Configuration files are capped at MaxConfigSize.
//
// Consumers test these errors with errors.Is; a file skipped for
// ErrTooLarge is worth telling the user about (the engine's job).
//
// snapshot imports only the standard library: gitx produces Trees, checks
// and the rule families consume them, and neither has to import the other.
package snapshot
