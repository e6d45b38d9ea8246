// Package server is git-repro's Git LFS HTTP server: the Batch API,
// basic transfers through HMAC-signed expiring hrefs, verify, the locks
// API, and Basic authentication against a bcrypt users file.
//
// It serves many repositories at Git's default LFS URL layout,
// <base>/<namespace>/<repo>(.git)/info/lfs/..., and one repository at the
// plain root <base>/... . The wire structs in wire.go follow the git-lfs
// specification (docs/api/batch.md, basic-transfers.md, locking.md).
//
// server builds on lfsstore (the Store contract) and the standard
// library; it must not import checks, rules, action, hooks or gitx. Only
// cmd/git-repro-lfs imports it.
package server
