package gc

import (
	"fmt"
	"path"
	"strconv"
	"strings"
)

// ParseLimits reads a quota specification: comma-separated PATTERN=SIZE
// pairs, where PATTERN is a repository name or a path.Match pattern over
// "namespace/repo" ("ml/*", "*/*") and SIZE is bytes with an optional unit
// (B, KB, MB, GB, TB in powers of 1000; KiB, MiB, GiB, TiB in powers of
// 1024). The most specific pattern wins: an exact name over a pattern, and
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
		n, err := ParseSize(size)
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

var sizeUnits = []struct {
	suffix string
	mult   int64
}{
	{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40},
	{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12},
	{"B", 1},
}

// ParseSize parses "123", "10MiB", "1.5GB".
func ParseSize(s string) (int64, error) {
	num, mult := s, int64(1)
	for _, u := range sizeUnits {
		if strings.HasSuffix(s, u.suffix) {
			num, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || f < 0 || f*float64(mult) > 1<<62 || num == "" || strings.ContainsAny(num, "eEnNiI+_xXpP") {
		return 0, fmt.Errorf("size %q: want a non-negative number with an optional unit (B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)", s)
	}
	return int64(f * float64(mult)), nil
}
