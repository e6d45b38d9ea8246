// Package ci is the ci rule family (REPRO-CI-*): GitHub Actions workflows
// and the actions kept in the repository. Actions must be pinned to a full
// commit SHA (the ci: section of .repro.yaml exempts GitHub-owned ones or
// patterns), Python versions must not be YAML floats ("3.10" read as 3.1),
// "pip install" in run: steps must pin what it installs, and runners must
// not be "-latest" labels. Workflows that do not parse are reported.
//
// Like every family it imports the engine (checks), parsers (parse/...),
// the shared packages below rules/ and the pip family (for what a
// requirements file pins) only: never gitx, action, hooks, lfsstore or the
// command.
package ci
