// Package pyproject reads Python project manifests with line numbers:
// pyproject.toml (PEP 621 [project], [dependency-groups], [build-system],
// [tool.poetry] dependencies and groups, [tool.uv], [tool.pdm]) and
// Pipfile. It classifies each declared dependency as exactly pinned, a
// range, or unpinned, and keeps the decoded document so that lock-file
// hashes can be recomputed from it (see parse/lockfile).
//
// TOML is decoded with github.com/pelletier/go-toml/v2; positions come
// from its unstable parser (Index). Errors carry a line; nothing panics.
//
// This package imports the standard library, go-toml, internal/lazyre and
// parse/pipreq (PEP 503 names, and the verdict on whether a requirement is
// pinned).
// Like every parse/ package it must not import the rule engine (checks), a
// rule family (rules/...), gitx, action, hooks or lfsstore.
package pyproject
