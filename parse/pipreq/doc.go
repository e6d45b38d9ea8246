// Package pipreq parses pip's requirements-file grammar and single
// requirement strings, with line numbers, the way pip itself reads them:
//
//   - physical lines ending in "\" are joined (except comment lines);
//   - a comment starts at "#" at the start of a line or after whitespace, so
//     "https://host/x.tar.gz#egg=x" keeps its fragment;
//   - ${VAR} (upper case, digits, "_") is expanded through an injectable
//     lookup, and left as written when unset, as pip does;
//   - option lines (-r, -c, -e, -i, --extra-index-url, -f, --no-binary,
//     --only-binary, --prefer-binary, --require-hashes, --pre,
//     --trusted-host, --use-feature, --no-index) and per-requirement options
//     (--hash, --config-settings, --global-option) follow optparse rules:
//     "--opt=value", "--opt value", "-rvalue", unambiguous long prefixes;
//   - requirements are PEP 508 (names, extras, PEP 440 specifiers, markers),
//     direct URLs ("name @ url"), VCS URLs ("git+https://...@ref#egg=name"),
//     and local paths or archives.
//
// Includes (-r, -c) are resolved relative to the including file and read
// through a callback, so the same code works on the index, a commit or the
// worktree; cycles and missing files are reported, never followed.
//
// Requirement.Pin is git-repro's one verdict on whether a requirement names
// exactly one artifact: "==X.Y.Z" without a wildcard or "===" (other
// specifiers are a range), a VCS URL at a full commit id (40 hex digits,
// 64 in a SHA-256 repository), a direct URL only with a hash (a wheel URL
// too), a local path always. The pip family, and the families that read
// requirements elsewhere (conda "pip:" sections, Dockerfile RUN lines,
// notebook "%pip install", the PEP 508 dependencies of pyproject.toml),
// all ask it.
//
// ParseCompiledHeader reads the command pip-compile or uv pip compile wrote
// into a compiled file's header (its inputs and output), so that a
// compiled file is known by content, whatever it is called;
// IsRequirementsName is the naming convention of requirements files.
//
// pipreq parses text only. It imports nothing from git-repro but
// internal/lazyre, does no I/O of its own and never panics on any input.
package pipreq
