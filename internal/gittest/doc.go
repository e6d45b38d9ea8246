// Package gittest builds real git repositories in temporary directories for
// tests, hermetically: GIT_* variables from the caller's environment are
// dropped, the identity and dates are fixed, and no user or system config
// is read. It runs git through internal/gitcli, as the code under test
// does (Repo.Runner hands tests a runner with the same environment).
package gittest
