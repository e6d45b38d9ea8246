// Package largefiles is the large-files rule family (REPRO-LARGE-*):
// files over large-files.max-size, and model and data formats over
// max-data-size, committed as git blobs instead of to Git LFS or DVC; paths
// under an LFS filter committed raw, and LFS pointers no filter covers;
// committed virtualenvs; and DVC files that are incomplete (dvc.go: files
// that do not parse, dvc.lock missing or behind dvc.yaml, stage
// dependencies that exist nowhere). Hints are commands that work on the
// staged index (tested with the real git and git-lfs).
//
// Like every family it imports the engine (checks), parsers (parse/...)
// and the shared packages below rules/ only: never gitx, action, hooks,
// lfsstore or the command.
package largefiles
