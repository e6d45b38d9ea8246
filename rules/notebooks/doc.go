// Package notebooks is the notebooks rule family (REPRO-NB-*): Jupyter
// notebooks committed executed out of order, with error outputs, with
// unpinned "%pip install" lines, without kernel metadata, or unreadable.
// Notebooks are read through rules/internal/pyfile, which the seeds
// family shares to check the code cells as a program.
//
// Like every family it imports the engine (checks), parsers (parse/...)
// and the shared packages below rules/ only: never gitx, action, hooks,
// lfsstore or the command.
package notebooks
