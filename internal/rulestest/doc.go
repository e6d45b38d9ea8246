// Package rulestest is what the rule families' tests share: the golden
// cases (testdata/{bad,ok}/<case>/ beside a family, each a mini repository
// checked with the family's rules and compared with <case>.out; -update
// rewrites them), the examples of the doc pages (docs/*.md), the one
// formatting of findings the goldens and the docs use, and real snapshots
// of directories and git repositories.
//
// It is the rule tests' only door to gitx: the families themselves, and
// their tests, import neither gitx nor anything above the engine, and
// internal/archtest checks that. Only tests import rulestest, the
// families' own (internal) tests included: it imports no family and not
// the registry.
package rulestest
