// Package pip is the pip rule family (REPRO-DEP-001..006): requirements
// files (requirements*.txt, requirements/*.txt, constraints*.txt, pip-tools
// *.in) and everything they include with -r and -c. Every requirement must
// select exactly one artifact (parse/pipreq decides), hash-checking mode
// needs a hash on every line, includes must resolve inside the repository
// and must not form cycles, lines must parse, and compiled requirements
// must not lag behind their .in file.
//
// It also owns what other families ask of requirements: the deps: section
// of .repro.yaml (Settings), the finding for an unpinned requirement
// (Unpinned, for conda's pip: section) and the pins of the files a pip
// command names (FilePins, for CI steps).
//
// A pip-tools input is compiled when its .txt sits beside it or any file
// of its directory (or the one above) has a pip-compile / uv pip compile
// header naming it (pipreq.ParseCompiledHeader). An unpinned line of a
// file a Dockerfile installs names that RUN (docker.RequirementsInstalled):
// the docker rules leave the line to REPRO-DEP-001.
//
// Like every family it imports the engine (checks), parsers (parse/...),
// the shared packages below rules/ and, for that, the docker family:
// never gitx, action, hooks, lfsstore or the command. The docker family
// must not import it back.
package pip
