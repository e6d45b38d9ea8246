// Package archtest holds only tests: they enforce the layering each
// package's doc.go states, so a dependency that crosses a layer fails CI
// instead of waiting for a review to notice it.
//
//   - arch_test.go: only gitx imports go-git; the engine (checks) imports
//     no rule family, registry or parser; parse/* imports neither the
//     engine, a family, git nor a front end; rules/* import neither gitx,
//     action, hooks, lfsstore nor the commands; report and scorecard no git
//     or front end; snapshot is a leaf; only the commands import action and
//     hooks; internal/rulestest only from tests (test imports checked too).
//   - gitcli_test.go: internal/gitcli is the only package that runs git
//     (the source is scanned for exec of "git").
//   - lfsstore_test.go: lfsstore's own layers: cdc and internal/inflight
//     import nothing of the module, chunked and the agent not the server,
//     s3 neither the server nor the agent, only cmd/git-repro-lfs imports
//     the server and the agent, and cmd/git-repro links nothing of
//     lfsstore.
package archtest
