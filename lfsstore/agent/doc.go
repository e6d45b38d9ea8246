// Package agent is a Git LFS standalone custom transfer agent: git-lfs
// starts it (lfs.standalonetransferagent + lfs.customtransfer.<name>.path)
// and talks line-delimited JSON on its stdin and stdout (git-lfs
// docs/custom-transfers.md): init, upload, download and terminate in;
// progress and complete out. The agent stores objects straight into an
// lfsstore.Store named by a URL (file:///dir, or s3://bucket/prefix?...),
// with no LFS server in between.
//
// git-lfs starts several agent processes at once (8 in 3.3.0, even for
// one object); they share the store safely because the stores themselves
// are safe across processes.
//
// agent imports lfsstore, lfsstore/chunked and lfsstore/s3; it must not
// import the server, checks, gitx or go-git.
package agent
