package gc

import (
	"fmt"
	"path"
	"strings"

	"github.com/git-repro/git-repro/internal/bytesize"
)

// ParseLimits reads a quota specification: comma-separated PATTERN=SIZE
// pairs, where PATTERN is a repository name or a path.Match pattern over
// "namespace/repo" ("ml/*", "*/*") and SIZE is bytes with an optional unit
// as internal/bytesize reads it (KB, MB, GB, TB in powers of 1000; KiB,
// MiB, GiB, TiB and K, M, G, T in powers of 1024). The most specific pattern wins: an exact name over a pattern, and
// among patterns the longest. Example: "ml/*=50GiB,ml/big=1TiB,*/*=5GiB".
// The result is suitable as Quota.Limit.
func ParseLimits(spec string) (func(repo string) (int64, bool), error) {
	type rule struct {
		pat   string
		bytes int64
	}
	var rules []rule
	for _, part := range strings.Split(spec, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		pat, size, ok := strings.Cut(part, "=")
		pat, size = strings.TrimSpace(pat), strings.TrimSpace(size)
		if !ok || pat == "" {
			return nil, fmt.Errorf("invalid quota %q: want PATTERN=SIZE, as ml/*=50GiB", part)
		}
		if _, err := path.Match(pat, ""); err != nil {
			return nil, fmt.Errorf("invalid quota pattern %q: %v", pat, err)
		}
		n, err := bytesize.Parse(size)
		if err != nil {
			return nil, fmt.Errorf("invalid quota %q: %v", part, err)
		}
		rules = append(rules, rule{pat, n})
	}
	return func(repo string) (int64, bool) {
		best, bestScore := int64(0), -1
		for _, r := range rules {
			score := -1
			if r.pat == repo {
				score = 1 << 30
			} else if ok, _ := path.Match(r.pat, repo); ok {
				score = len(r.pat)
			}
			if score > bestScore {
				best, bestScore = r.bytes, score
			}
		}
		return best, bestScore >= 0
	}, nil
}
