// Package seeds is the seeds rule family (REPRO-SEED-*): randomness that
// makes runs unrepeatable. A program (a script, a module with a main
// guard, a notebook's code cells) that draws from Python's random module,
// numpy's global RNG, torch or tensorflow must seed that source first,
// directly or through a helper it calls, in any module of the repository;
// generators must get fixed seeds, scikit-learn calls random_state, CUDA
// programs the determinism settings, and shuffling DataLoaders a seeded
// generator or a seeded torch. Text in strings and comments is not code.
//
// The files: seeds.go (the rules and settings), analysis.go (the run),
// trace.go and modules.go (following a program through the repository),
// programs.go (entry points), loaders.go (DataLoaders) and libraries.go
// (what each library call does). Python and notebooks are read through
// rules/internal/pyfile.
//
// Like every family it imports the engine (checks), parsers (parse/...)
// and the shared packages below rules/ only: never gitx, action, hooks,
// lfsstore or the command.
package seeds
