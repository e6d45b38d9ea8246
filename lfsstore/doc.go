// Package lfsstore is git-repro's Git-LFS-compatible content store: the
// object identifier type (OID), the Store contract every storage backend
// honours, a local-filesystem Store, and fsck.
//
// The HTTP server (Batch API, basic transfers, locks, auth) lives in
// lfsstore/server; the conformance suite every Store must pass lives in
// lfsstore/storetest.
//
// lfsstore stands on its own: no package under it imports checks, rules,
// action, hooks, gitx or a command, and none imports go-git. Only
// cmd/git-repro-lfs imports lfsstore/server and lfsstore/agent, and the
// small git-repro binary links nothing of lfsstore (internal/archtest
// checks all of it, test files included).
package lfsstore
