// Package dvc parses the DVC files a repository commits: "<name>.dvc"
// files (data tracked with "dvc add" or "dvc import"), dvc.yaml pipelines
// (stages with deps, outs, metrics and plots; top-level artifacts) and
// dvc.lock. Every entry carries its 1-based line so that findings point
// at it.
//
// It never panics on any input. It must not import package checks (checks
// imports it) or anything outside the standard library and gopkg.in/yaml.v3.
package dvc
