// Package inflight tells the temporary files of uploads in progress from
// the ones a killed process left behind, so that the latter can be
// removed at once and the former never are.
//
// A writer creates its temporary file with Mark, which holds an flock(2)
// on the file until the writer is done with it (renamed it into place or
// removed it); the flock dies with the process, whatever kills it. List
// reports which files are held; RemoveAbandoned removes the others. A
// shared lock on the directory's ".inflight.lock" covers the moment
// between creating a file and holding it, and RemoveAbandoned takes it
// exclusively, so it never sees a new file unheld. Where flock is missing
// (not Unix), a file counts as in progress for a day after it was last
// written.
//
// It imports only the standard library.
package inflight
