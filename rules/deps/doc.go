// Package deps is the deps rule family (REPRO-DEP-1xx): the Python
// dependency manifests other than requirements files. conda environment
// files must pin their packages (or sit beside a conda lock) and name their
// channels, and their pip: section follows the pip rules; pyproject.toml
// and Pipfile applications must pin exactly or commit a lock file, and
// libraries whose CI installs from the manifest need a lock too; lock files
// must match their manifest (poetry.lock's content-hash and Pipfile.lock's
// _meta.hash recomputed offline, uv.lock compared); and a project must
// declare one Python version, consistently.
//
// Like every family it imports the engine (checks), parsers (parse/...),
// the shared packages below rules/ and the pip family (the pin verdict and
// the deps: section they share) only: never gitx, action, hooks, lfsstore
// or the command.
package deps
