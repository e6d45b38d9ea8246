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
// Requirement.Pinned decides whether one requirement names exactly one
// artifact: "==X.Y.Z" without a wildcard, "===", a VCS URL at a full commit
// hash, a wheel file (pip reads it as name==version), a URL carrying a hash
// or a local path. Other rule families (Dockerfile RUN lines, conda "pip:"
// sections, notebook "%pip install") use ParseRequirement and
// ParseInstallArgs for the same verdict.
//
// pipreq parses text only. It imports nothing from git-repro, does no I/O of
// its own and never panics on any input.
package pipreq
