// Package docs is the docs rule family (REPRO-DOCS-*): the README checklist.
// A repository needs a README (REPRO-DOCS-001) that says how to set up the
// environment, which Python version and hardware the results need, where
// the data comes from, and how to train and evaluate; headings and content
// both count, in English, Chinese, Japanese and Korean, in Markdown and
// reStructuredText, and plain sentences name the data too (prose.go). What
// the repository's code does decides whether the data and usage items
// apply (profile.go): a library, a command-line tool, a demo or a server
// that trains nothing has no training data or commands to document. The
// docs: section of .repro.yaml names another README.
//
// Like every family it imports the engine (checks) and parsers (parse/...)
// only: never gitx, action, hooks, lfsstore or the command.
package docs
