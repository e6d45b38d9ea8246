// Package docker is the docker rule family (REPRO-DOCKER-*): Dockerfiles
// (base images pinned by tag and digest, pip, conda and OS packages
// pinned in RUN lines, apt lists, downloads piped into a shell, ADD of a
// URL without --checksum, the layer order, the final USER, secrets in
// ARG and ENV), the build context each Dockerfile really sends (computed
// with Docker's own .dockerignore semantics over the repository's files:
// .git, secrets, data, weights, virtualenvs and caches, its size, COPY
// sources the .dockerignore excludes), and compose files. All rules share
// one analysis per run (analysis.go); see docs/docker.md.
//
// The files: docker.go (the rules and settings), analysis.go (what a run
// checks), dockerfile.go and pip.go (instructions and RUN lines),
// context.go (build contexts), compose.go, and plan.go (the context
// analysis that "git repro init --dockerignore" writes its template from).
//
// RequirementsInstalled tells the pip family which requirements files the
// RUN lines install with which packages unpinned: REPRO-DEP-001 reports
// those lines once, naming the RUN, and REPRO-DOCKER-010 does not repeat
// them.
//
// Like every family it imports the engine (checks), parsers (parse/...)
// and the shared packages below rules/ only: never gitx, action, hooks,
// lfsstore or the command (nor rules/pip, which imports it).
package docker
