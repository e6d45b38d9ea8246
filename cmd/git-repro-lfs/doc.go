// Command git-repro-lfs is git-repro's Git LFS content store: the LFS
// server, the standalone transfer agent, setup, fsck and gc. Users run it
// as "git repro lfs ...": git-repro runs this binary for that (found beside
// itself, then on PATH), so the small git-repro binary that every
// pre-commit hook starts carries neither the server nor the S3 client.
//
// It is the only package that imports lfsstore/server and lfsstore/agent;
// it must not import checks, rules, gitx, action or hooks.
package main
