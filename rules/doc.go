// Package rules is the registry of git-repro's rules: the explicit list of
// rule families (Families), every rule (All) and lookup by id. The
// commands, the GitHub Action and the tests take their rules from here and
// hand them to the engine (checks.Run, checks.ParseConfig), which never
// imports a family itself.
//
// Each family is a package below rules/ (rules/pip, rules/docker, ...)
// with its rules, its .repro.yaml section and its golden tests in
// testdata/{bad,ok}. Families import the engine (checks), the parsers
// (parse/...) and the shared helpers below rules/; they must not import
// gitx, action, hooks, lfsstore or the command.
package rules
