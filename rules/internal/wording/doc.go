// Package wording is how the rule families word their findings: counts
// ("1 file", "3 files"), quoted lists cut short ("\"a\", \"b\", and 2
// more"), and the shell commands hints suggest. Sharing it keeps the
// messages of every family alike.
//
// It imports the standard library and snapshot only.
package wording
