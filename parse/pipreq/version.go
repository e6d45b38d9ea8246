package pipreq

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/git-repro/git-repro/internal/lazyre"
)

// Version is a parsed PEP 440 version.
type Version struct {
	Epoch   int
	Release []int
	// PreL is "a", "b" or "rc" (normalised), PreN its number; PreL is ""
	// when there is no pre-release segment.
	PreL string
	PreN int
	// Post and Dev are -1 when absent.
	Post, Dev int
	// Local are the segments after "+", lower case.
	Local []string
	raw   string
}

var versionRe = lazyre.New(`(?i)^\s*v?(?:([0-9]+)!)?([0-9]+(?:\.[0-9]+)*)` +
	`(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?([0-9]+)?)?` +
	`(?:-([0-9]+)|[-_.]?(post|rev|r)[-_.]?([0-9]+)?)?` +
	`(?:[-_.]?(dev)[-_.]?([0-9]+)?)?` +
	`(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\s*$`)

// ParseVersion parses a PEP 440 version ("1.0", "2.0rc1", "1!2.0.post3.dev4+local").
func ParseVersion(s string) (Version, error) {
	m := versionRe().FindStringSubmatch(s)
	if m == nil {
		return Version{}, fmt.Errorf("%q is not a PEP 440 version", s)
	}
	v := Version{Post: -1, Dev: -1, raw: s}
	num := func(x string) (int, bool) {
		if x == "" {
			return 0, true
		}
		n, err := strconv.Atoi(x)
		return n, err == nil && n >= 0
	}
	ok := true
	var good bool
	if v.Epoch, good = num(m[1]); !good {
		ok = false
	}
	for _, part := range strings.Split(m[2], ".") {
		n, good := num(part)
		ok = ok && good
		v.Release = append(v.Release, n)
	}
	if m[3] != "" {
		switch strings.ToLower(m[3]) {
		case "alpha", "a":
			v.PreL = "a"
		case "beta", "b":
			v.PreL = "b"
		default:
			v.PreL = "rc"
		}
		v.PreN, good = num(m[4])
		ok = ok && good
	}
	switch {
	case m[5] != "":
		v.Post, good = num(m[5])
		ok = ok && good
	case m[6] != "":
		v.Post, good = num(m[7])
		ok = ok && good
	}
	if m[8] != "" {
		v.Dev, good = num(m[9])
		ok = ok && good
	}
	if m[10] != "" {
		v.Local = strings.FieldsFunc(strings.ToLower(m[10]), func(r rune) bool { return r == '-' || r == '_' || r == '.' })
	}
	if !ok {
		return Version{}, fmt.Errorf("%q has a number too large", s)
	}
	return v, nil
}

func (v Version) String() string { return v.raw }

// IsPrerelease reports a pre-release or development release.
func (v Version) IsPrerelease() bool { return v.PreL != "" || v.Dev >= 0 }

// public returns v without its local segment.
func (v Version) public() Version { v.Local = nil; return v }

// base returns the epoch and release only.
func (v Version) base() Version {
	return Version{Epoch: v.Epoch, Release: v.Release, Post: -1, Dev: -1}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

var preRank = map[string]int{"a": 0, "b": 1, "rc": 2}

// Compare orders versions as PEP 440 does: -1, 0 or +1.
func Compare(a, b Version) int {
	if c := cmpInt(a.Epoch, b.Epoch); c != 0 {
		return c
	}
	n := max(len(a.Release), len(b.Release))
	for i := 0; i < n; i++ {
		x, y := 0, 0
		if i < len(a.Release) {
			x = a.Release[i]
		}
		if i < len(b.Release) {
			y = b.Release[i]
		}
		if c := cmpInt(x, y); c != 0 {
			return c
		}
	}
	// Pre-release key: a dev release of a final version sorts before its
	// pre-releases; a final version after them.
	preKey := func(v Version) (int, int) {
		switch {
		case v.PreL == "" && v.Post < 0 && v.Dev >= 0:
			return -1, 0
		case v.PreL == "":
			return 3, 0
		}
		return preRank[v.PreL], v.PreN
	}
	ak, an := preKey(a)
	bk, bn := preKey(b)
	if c := cmpInt(ak, bk); c != 0 {
		return c
	}
	if c := cmpInt(an, bn); c != 0 {
		return c
	}
	if c := cmpInt(a.Post, b.Post); c != 0 { // -1 (none) sorts first
		return c
	}
	devKey := func(v Version) int {
		if v.Dev < 0 {
			return int(^uint(0) >> 1)
		}
		return v.Dev
	}
	if c := cmpInt(devKey(a), devKey(b)); c != 0 {
		return c
	}
	return cmpLocal(a.Local, b.Local)
}

// cmpLocal: no local sorts first; numeric segments sort after
// alphanumeric ones and compare as numbers; a longer local wins a tie.
func cmpLocal(a, b []string) int {
	if a == nil || b == nil {
		switch {
		case a == nil && b == nil:
			return 0
		case a == nil:
			return -1
		}
		return 1
	}
	for i := 0; i < len(a) && i < len(b); i++ {
		an, aerr := strconv.Atoi(a[i])
		bn, berr := strconv.Atoi(b[i])
		switch {
		case aerr == nil && berr == nil:
			if c := cmpInt(an, bn); c != 0 {
				return c
			}
		case aerr == nil:
			return 1
		case berr == nil:
			return -1
		default:
			if c := strings.Compare(a[i], b[i]); c != 0 {
				return c
			}
		}
	}
	return cmpInt(len(a), len(b))
}

// Contains reports whether version v satisfies the specifier, with
// PEP 440's rules for wildcards, local versions, "~=" and the exclusive
// "<" and ">" (which do not admit pre-releases or post-releases of the
// version they name). It does not apply pip's default exclusion of
// pre-releases. A specifier that does not parse contains nothing.
func (s Specifier) Contains(v Version) bool {
	if s.Op == "===" {
		return strings.EqualFold(strings.TrimSpace(s.Version), strings.TrimSpace(v.raw))
	}
	if s.Wildcard() {
		prefix, err := ParseVersion(strings.TrimSuffix(s.Version, ".*"))
		if err != nil {
			return false
		}
		match := prefixMatch(prefix, v)
		if s.Op == "!=" {
			return !match
		}
		return s.Op == "==" && match
	}
	sv, err := ParseVersion(s.Version)
	if err != nil {
		return false
	}
	cand := v
	if sv.Local == nil {
		cand = v.public()
	}
	switch s.Op {
	case "==":
		return Compare(cand, sv) == 0
	case "!=":
		return Compare(cand, sv) != 0
	case "<=":
		return Compare(v.public(), sv) <= 0
	case ">=":
		return Compare(v.public(), sv) >= 0
	case "<":
		if Compare(v.public(), sv) >= 0 {
			return false
		}
		return sv.IsPrerelease() || !v.IsPrerelease() || Compare(v.base(), sv.base()) != 0
	case ">":
		if Compare(v.public(), sv) <= 0 {
			return false
		}
		if sv.Post < 0 && v.Post >= 0 && Compare(v.base(), sv.base()) == 0 {
			return false
		}
		return v.Local == nil || Compare(v.base(), sv.base()) != 0
	case "~=":
		if len(sv.Release) < 2 || Compare(v.public(), sv) < 0 {
			return false
		}
		prefix := Version{Epoch: sv.Epoch, Release: sv.Release[:len(sv.Release)-1], Post: -1, Dev: -1}
		return prefixMatch(prefix, v)
	}
	return false
}

// prefixMatch reports whether v's epoch equals prefix's and v's release,
// padded with zeros, starts with prefix's release.
func prefixMatch(prefix, v Version) bool {
	if prefix.Epoch != v.Epoch {
		return false
	}
	for i, n := range prefix.Release {
		x := 0
		if i < len(v.Release) {
			x = v.Release[i]
		}
		if x != n {
			return false
		}
	}
	return true
}

// Satisfies reports whether version v satisfies every specifier of r.
func (r Requirement) Satisfies(v Version) bool {
	for _, s := range r.Specifiers {
		if !s.Contains(v) {
			return false
		}
	}
	return true
}

// PinnedVersion returns the version a "==X" (no wildcard) specifier pins,
// and false when the requirement has none.
func (r Requirement) PinnedVersion() (Version, bool) {
	for _, s := range r.Specifiers {
		if s.Op == "==" && !s.Wildcard() {
			v, err := ParseVersion(s.Version)
			return v, err == nil
		}
	}
	return Version{}, false
}
