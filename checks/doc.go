// Package checks is git-repro's rule engine: the Rule and Finding types, the
// registry of every rule, configuration (.repro.yaml), inline suppression,
// fingerprints, and one file per rule family (deps_pip.go, docker.go,
// seeds.go, ...). Parsers for the formats the rules read live in
// parse/ (parse/pipreq, parse/python, ...), each file parsed once per run
// through Pass.Memo.
//
// Data flows one way: a Tree (a snapshot of the repository supplied by
// gitx, or a plain directory) and a set of target files go in, findings
// come out, and package report renders them.
//
// checks must not import gitx's go-git dependency, action or lfsstore.
package checks
