// Package checks is git-repro's rule engine: the Rule, Family and Finding
// types, severities and categories, the Pass a rule runs with (targets,
// the snapshot, a per-run parse cache), configuration (.repro.yaml, with
// each family's section decoded into its own settings type), inline
// suppression ("repro:ignore[RULE]") and fingerprints.
//
// The engine knows no rule. The registry (package rules) lists the rule
// families, each a package below rules/, and hands them in: checks.Run
// runs Options.Rules, checks.ParseConfig reads the families' rule ids and
// sections. Parsers for the formats the rules read live in parse/.
//
// Data flows one way: a Tree (a snapshot of the repository supplied by
// gitx, or a plain directory) and a set of target files go in, findings
// come out, and package report renders them.
//
// checks imports only snapshot, internal/bytesize, internal/lazyre,
// internal/yamlerr, yaml.v3, patternmatcher and blake3: never a rule family, the registry, a parser, gitx, action,
// hooks, lfsstore or the command (internal/archtest checks it).
package checks
