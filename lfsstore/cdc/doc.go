// Package cdc splits byte streams into content-defined chunks with a
// gear-hash FastCDC chunker (Xia et al., "FastCDC", USENIX ATC 2016 and
// its 2020 revision) using normalized chunking.
//
// A boundary depends only on the bytes just before it, so inserting or
// deleting bytes in a file moves the boundaries near the edit and leaves
// the others where they were, relative to the content. This is what lets
// lfsstore/chunked store two versions of a checkpoint once.
//
// The parameters (minimum, average and maximum chunk size) and the gear
// table name are part of a store's on-disk format: change them and the
// same bytes cut differently, and nothing deduplicates against old data.
// Params.String gives the canonical description recorded in a store's
// metadata.
//
// Role: a pure, allocation-free function over byte slices. It must not
// import any other git-repro package, any storage, or go-git.
package cdc
