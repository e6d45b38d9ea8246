// Package modelcard is the model-card rule family (REPRO-CARD-*): every
// model artifact (by format, configured glob, LFS pointer or DVC output;
// package rules/artifact says which files are models) needs a model card
// near it, with the sections of Mitchell et al. (details, intended use,
// training data, evaluation with numbers, limitations, ethical
// considerations), no unfilled "[More Information Needed]", and Hugging
// Face metadata that the Hub would accept, checked offline. The
// model-card: section of .repro.yaml adds artifact globs and card names.
//
// Like every family it imports the engine (checks), parsers (parse/...)
// and the shared packages below rules/ only: never gitx, action, hooks,
// lfsstore or the command.
package modelcard
