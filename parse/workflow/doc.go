// Package workflow reads GitHub Actions workflow files
// (.github/workflows/*.yml) into yaml.v3 nodes, so that every value keeps
// its line and column and its YAML type (a plain "3.10" is a float), and
// parses the shell scripts of run: steps with mvdan.cc/sh/v3 to find the
// commands they run ("pip install ...") at their positions in the file.
//
// This package imports the standard library, yaml.v3 and mvdan.cc/sh/v3.
// Parse never panics; YAML errors carry their line.
// Like every parse/ package it must not import the rule engine (checks), a
// rule family (rules/...), gitx, action, hooks or lfsstore.
package workflow
