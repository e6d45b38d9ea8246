package scorecard

import (
	"path"
	"strings"
)

// baseMatch reports whether the base name of p matches one of the
// patterns, case-insensitively. Patterns are lower case with at most one
// "*" (a prefix and a suffix): the report looks at every file of a
// 100,000-file snapshot several times, and path.Match was most of it.
func baseMatch(p string, patterns ...string) bool {
	return lowerMatch(strings.ToLower(path.Base(p)), patterns...)
}

func lowerMatch(base string, patterns ...string) bool {
	for _, pat := range patterns {
		pre, suf, star := strings.Cut(pat, "*")
		if !star {
			if base == pat {
				return true
			}
			continue
		}
		if len(base) >= len(pre)+len(suf) && strings.HasPrefix(base, pre) && strings.HasSuffix(base, suf) {
			return true
		}
	}
	return false
}
