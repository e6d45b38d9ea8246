// Package seeds is the seeds rule family (REPRO-SEED-*): randomness that
// makes runs unrepeatable. A program (a script, a module with a main
// guard, a notebook's code cells) that draws from Python's random module,
// numpy's global RNG, torch or tensorflow must seed that source first,
// directly or through a helper it calls, in any module of the repository;
// generators must get fixed seeds, scikit-learn calls random_state, CUDA
// programs the determinism settings, and shuffling DataLoaders a seeded
// generator or a seeded torch. Text in strings and comments is not code.
//
// Only draws that can change a result count: initial weights that are
// loaded over, or dropout in a program that does not train, do not; and a
// display-only demo of an imported module is not a program to report. A
// seed is fixed only if its default is (a --seed without a default is
// None; a -1 that a helper replaces with os.urandom is random).
//
// The files: seeds.go (the rules and settings), analysis.go (the run),
// trace.go and modules.go (following a program, and the objects it builds,
// through the repository), effects.go (what a call says about the
// program: training, loading weights, reading and writing files),
// values.go and defaults.go (the value a seeding call gets, and the
// defaults of the command line and the configuration), programs.go (entry
// points and imported modules), loaders.go (DataLoaders), libraries.go
// (what each library call draws or seeds), and fastai.go and sb3.go
// (fastai's, Stable-Baselines3's and Gymnasium's calls). Python and notebooks are read
// through rules/internal/pyfile.
//
// Like every family it imports the engine (checks), parsers (parse/...)
// and the shared packages below rules/ only: never gitx, action, hooks,
// lfsstore or the command.
package seeds
