// Package lfsstore is git-repro's Git-LFS-compatible content store: the
// object identifier type (OID), the Store contract every storage backend
// honours, a local-filesystem Store, and fsck.
//
// The HTTP server (Batch API, basic transfers, locks, auth) lives in
// lfsstore/server; the conformance suite every Store must pass lives in
// lfsstore/storetest.
//
// lfsstore stands on its own: it must not import checks, action, hooks or
// gitx, and it never imports go-git.
package lfsstore
