// Package archtest holds only a test: it enforces the layering each
// package's doc.go states (only gitx imports go-git; checks imports neither
// gitx, action, hooks nor lfsstore; lfsstore stands alone; only the command
// imports action and hooks; lfsstore's own layers, in lfsstore_test.go:
// cdc and internal/inflight import nothing of the module, chunked and the
// agent not the server, s3 neither the server nor the agent, only
// cmd/git-repro-lfs imports the server and the agent, and cmd/git-repro
// links nothing of lfsstore), so a dependency that crosses a layer fails CI
// instead of waiting for a review to notice it.
package archtest
