// Package dockerfile reads Dockerfiles for git-repro's docker rules. It
// wraps the Docker project's own parser
// (github.com/moby/buildkit/frontend/dockerfile/parser and instructions)
// rather than approximating it, and adds what the rules need on top:
// build stages with their base images resolved through the ARG defaults
// declared before the first FROM, image references split into name, tag
// and digest, and RUN lines parsed as shell with mvdan.cc/sh/v3/syntax
// (so that "&&", "\" continuations, heredocs and "sh -c '...'" are
// understood) into the simple commands they run.
//
// Parsing never panics and never stops at the first bad instruction: a
// problem is recorded as an Error with its line and the rest of the file
// is still read. It never writes to the process's output either: Docker's
// word lexer prints "invalid UTF-8 encoding" to os.Stderr, so bytes that
// are not UTF-8 (and NUL bytes) are read as U+FFFD and their lines
// returned in File.Encoding, and the parser's own warnings in
// File.Warnings.
//
// Like every parse/ package it must not import the rule engine (checks), a
// rule family (rules/...), gitx, action, hooks or lfsstore.
package dockerfile
