// Package python is a pure-Go lexer and a light module model for Python
// source, enough for git-repro's seed and determinism rules.
//
// Tokenize turns Python 3.8-3.13 source into the token stream CPython's own
// tokenize module produces (kinds and positions), including the 3.12
// FSTRING_START/FSTRING_MIDDLE/FSTRING_END form of f-strings; Options.Legacy
// selects the Python <= 3.11 form where an f-string is one STRING token.
// Source that will not tokenize yields an *Error with a line and column,
// never a panic.
//
// Parse builds a Module on the tokens: imports with their aliases, calls
// with their arguments and the target they are assigned to, assignments
// with the compound statement (and its condition) that holds them,
// function definitions with their parameters and the calls they make,
// class bases, and the module's entry point. StringValue reads a string
// literal. Text inside strings
// and comments is never code; expressions inside f-string replacement fields
// are code, because Python evaluates them.
//
// This package imports only the standard library.
// Like every parse/ package it must not import the rule engine (checks), a
// rule family (rules/...), gitx, action, hooks or lfsstore.
package python
