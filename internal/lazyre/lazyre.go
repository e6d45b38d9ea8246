// Package lazyre compiles a regular expression the first time it is used
// instead of when the program starts.
//
// Every git pre-commit hook starts git-repro, and a package-level
// regexp.MustCompile runs in every start whether or not the run needs it:
// the rule packages' expressions once cost more than half of git-repro's
// start-up. A package declares its expressions with New instead,
//
//	var pinRe = lazyre.New(`^==\s*([\w.*+!-]+)$`)
//
// and calls the variable to use one, pinRe().FindStringSubmatch(s); the
// first call compiles it, later calls return the same *regexp.Regexp, and
// concurrent callers are safe. An expression that does not compile panics
// at its first use, as MustCompile would have at start-up; the package's
// test compiles every expression given to New in the module so that such a
// mistake still fails the tests (the argument must therefore be a
// constant). cmd/git-repro's TestInitAllocations keeps start-up from
// growing back.
//
// It imports only the standard library.
package lazyre

import (
	"regexp"
	"sync"
)

// New returns a function that compiles expr with regexp.MustCompile on its
// first call and returns that *regexp.Regexp on every call.
func New(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
