// Package workflow reads GitHub Actions workflow files
// (.github/workflows/*.yml) into yaml.v3 nodes, so that every value keeps
// its line and column and its YAML type (a plain "3.10" is a float), and
// maps places in the shell script of a run: step to the file
// (PositionMap); parse/shellcmd reads the scripts (GitHubRun).
//
// This package imports the standard library, yaml.v3, internal/yamlerr and
// internal/lazyre.
// Parse never panics; YAML errors carry their line.
// Like every parse/ package it must not import the rule engine (checks), a
// rule family (rules/...), gitx, action, hooks or lfsstore.
package workflow
