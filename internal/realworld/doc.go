// Package realworld is git-repro's precision corpus harness. The corpus,
// testdata/realworld/<case>/ at the repository root, is a set of minimal
// repositories, each written to reproduce one pattern seen in real
// machine-learning projects, with an expect.yaml that says which findings
// must appear (true positives), which must not (false alarms that real
// users reported), and which are correct but beside the point.
//
// This package reads the cases (Load), judges the findings of one run
// against a case's expectations (Judge), and renders the per-family
// precision table that docs/precision.md carries (Table). The test in this
// directory runs the real engine on every case; see docs/precision.md.
//
// testdata/holdout/<case>/ and testdata/holdout2/<case>/ (HoldoutSets) are
// further sets in the same format: whole repositories written blind, whose
// findings are judged correct, debatable or wrong by the blind expectations
// and a hand review: entries (ReviewHoldout), and rendered as one holdout
// table per set (HoldoutTable). Both sets have since been used to fix the
// rules (the second after its blind first run, which docs/precision.md
// records by hand). A holdout mismatch never fails the build; only a stale
// table does.
//
// realworld depends only on gopkg.in/yaml.v3: it knows findings through
// its own Finding type and the rule catalogue through a callback, so it
// must not import checks, gitx or any rule family (the test does).
package realworld
