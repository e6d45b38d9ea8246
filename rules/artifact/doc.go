// Package artifact says which files of a snapshot are trained models and
// data: model formats by extension and directory (ModelFramework,
// IsDataFormat), extra globs from the configuration (Matcher), the outputs
// DVC files declare (ParseDVC, Outputs, DVCTracked), every model artifact
// of a snapshot (ModelArtifacts), and which paths are test fixtures
// (InTestDir).
//
// It is not a rule family (it has no rules and is not in the registry):
// the model-card and large-files families, the docker family's
// build-context rules, the report's checklist and environment diff, and
// "git repro init" (--model-card, and the weights of --dockerignore)
// share it, so that they agree on what a model is. Like the families it imports the engine
// (checks) and parsers only: never gitx, action, hooks, lfsstore or the
// command.
package artifact
