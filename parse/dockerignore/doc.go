// Package dockerignore reads .dockerignore files with Docker's own
// semantics: lines are normalised by github.com/moby/patternmatcher/ignorefile
// (comments, BOM, leading "/", path cleaning) and matched by
// github.com/moby/patternmatcher the way BuildKit decides what enters a
// build context ("**", "!" exceptions, the last matching pattern wins, a
// pattern that matches a directory excludes everything below it). Unlike
// ignorefile it keeps each pattern's line, so findings can point at the
// line that excludes a path, and a bad pattern is an error with its line
// rather than the end of the file.
//
// Like every parse/ package it must not import the rule engine (checks), a
// rule family (rules/...), gitx, action, hooks or lfsstore. It does no I/O
// and never panics.
package dockerignore
