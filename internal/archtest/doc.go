// Package archtest holds only a test: it enforces the layering each
// package's doc.go states (only gitx imports go-git; checks imports neither
// gitx, action, hooks nor lfsstore; lfsstore stands alone; only the command
// imports action and hooks), so a dependency that crosses a layer fails CI
// instead of waiting for a review to notice it; and that internal/gitcli
// is the only package that runs git (gitcli_test.go scans the source).
package archtest
