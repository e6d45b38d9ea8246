// Package dvc parses the DVC files a repository commits: "<name>.dvc"
// files (data tracked with "dvc add" or "dvc import"), dvc.yaml pipelines
// (stages with deps, outs, metrics and plots; top-level artifacts) and
// dvc.lock. Every entry carries its 1-based line so that findings point
// at it.
//
// It never panics on any input and imports only the standard library and
// gopkg.in/yaml.v3. Like every parse/ package it must not import the rule
// engine (checks), a rule family (rules/...), gitx, action, hooks or lfsstore.
package dvc
