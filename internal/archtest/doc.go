// Package archtest holds only tests: they enforce the layering that the
// packages' doc.go files state, so that a dependency that crosses a layer
// fails CI instead of waiting for a review to notice it.
//
// arch_test.go reads every package's imports with "go list" (its code's,
// its tests' and, for the rules marked transitive, everything its code
// depends on through other packages):
//
//   - only gitx imports go-git;
//   - snapshot, the leaf the git layer and the rules share, imports
//     nothing of git-repro's;
//   - the engine (checks) imports no rule family, registry or parser, nor
//     gitx, action, hooks, lfsstore, the command, report or scorecard,
//     directly or through another package: the families are handed in;
//   - the parsers (parse/...) import no engine, rule family, gitx, front
//     end, report or scorecard, directly or through another package;
//   - the registry and the rule families (rules/...) import neither gitx,
//     action, hooks, lfsstore nor the command, directly or through
//     another package, and a family never imports the registry;
//   - the renderers (report) and the report builder (scorecard) import
//     neither gitx, action, hooks nor lfsstore, directly or through
//     another package;
//   - lfsstore stands on its own: no engine, rule, parser, renderer,
//     gitx, action or hooks;
//   - only the command imports action and hooks;
//   - internal/rulestest, the rule tests' harness, is imported by tests
//     only (TestTestHarness).
//
// gitcli_test.go scans the source: internal/gitcli is the one way
// git-repro runs git, so no other package's code, nor internal/gittest's
// helpers that every test's repositories go through, calls os/exec's
// Command or CommandContext with git as the program (written as "git" or
// a path to it, directly or through a constant or variable of the same
// file; TestGitCallsFindsViolations keeps the scanner honest); and gitcli
// imports only the standard library, so that any package may run git
// through it.
//
// lfsstore_test.go enforces lfsstore's own layers: cdc and
// internal/inflight import nothing of the module, chunked and the agent
// not the server, s3 neither the server nor the agent, only
// cmd/git-repro-lfs imports the server and the agent, and cmd/git-repro
// links nothing of lfsstore (so the binary every hook starts stays small).
package archtest
