// Package lockfile reads Python lock files (poetry.lock, Pipfile.lock,
// uv.lock, conda-lock.yml, conda @EXPLICIT specs) and recomputes the hashes
// their tools use to tie a lock to its manifest, so that a stale lock can be
// detected offline:
//
//   - PoetryContentHash: poetry.lock's [metadata] content-hash, for
//     Poetry 1.x, 2.0-2.2 and 2.3+ (which adds [dependency-groups]).
//   - PipfileHashes: Pipfile.lock's _meta.hash.sha256, raw and with
//     canonicalised package names (pipenv 2026.4+).
//   - CompareUV: uv.lock has no hash; the root package's requires-dist and
//     requires-dev are compared with pyproject.toml.
//
// Both hashes are sha256 over Python's json.dumps output; PyJSON is an
// encoder that reproduces it byte for byte (sort_keys, separators,
// ensure_ascii, float repr).
//
// This package imports the standard library, go-toml, yaml.v3,
// internal/lazyre and parse/pyproject (names, requirements, TOML positions).
// Like every parse/ package it must not import the rule engine (checks), a
// rule family (rules/...), gitx, action, hooks or lfsstore. Readers return
// errors with line numbers and never panic.
package lockfile
