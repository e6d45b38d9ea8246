// Package gittest builds real git repositories in temporary directories for
// tests, hermetically: GIT_* variables from the caller's environment are
// dropped, the identity and dates are fixed, and no user or system config
// is read.
package gittest
