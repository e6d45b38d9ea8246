package conda

import (
	"strings"

	"github.com/git-repro/git-repro/internal/lazyre"
)

// Pin says how tightly a match spec pins its package.
type Pin int

const (
	Unpinned Pin = iota // no version ("numpy")
	Range               // a range, an OR, or a lower bound ("numpy>=1.24", "numpy 1.2|1.3")
	Fuzzy               // one release series ("numpy=1.24" is 1.24.*; "numpy==1.24.*")
	Exact               // one version ("numpy==1.24.3", "numpy=1.24.3=py311_0", "numpy 1.24.3")
)

func (p Pin) String() string { return [...]string{"unpinned", "range", "fuzzy", "exact"}[p] }

// MatchSpec is a parsed conda match spec.
type MatchSpec struct {
	Channel string // "conda-forge" of "conda-forge::numpy"
	Name    string
	Version string // the version part as written ("=1.24", "==1.24.3", ">=1.2,<2", "1.24.3")
	Build   string
	Pin     Pin
}

var (
	nameRe    = lazyre.New(`^[A-Za-z0-9_][A-Za-z0-9_.+-]*`)
	bracketRe = lazyre.New(`(\w+)\s*=\s*["']?([^"',\]]*)["']?`)
)

// ParseMatchSpec parses a conda match spec. It reports ok=false when there
// is no package name.
func ParseMatchSpec(s string) (m MatchSpec, ok bool) {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "#"); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	if ch, rest, found := strings.Cut(s, "::"); found {
		m.Channel, s = ch, rest
	}
	var bracket string
	if i := strings.IndexByte(s, '['); i >= 0 {
		bracket = s[i:]
		s = strings.TrimSpace(s[:i])
	}
	name := nameRe().FindString(s)
	if name == "" {
		return m, false
	}
	m.Name = name
	rest := strings.TrimSpace(s[len(name):])
	for _, kv := range bracketRe().FindAllStringSubmatch(bracket, -1) {
		switch kv[1] {
		case "version":
			rest = kv[2]
		case "build":
			m.Build = kv[2]
		}
	}
	rest = strings.TrimSpace(rest)
	if rest == "" {
		return m, true
	}
	spaceForm := !strings.ContainsAny(rest[:1], "=<>!~")
	if spaceForm {
		// "numpy 1.24.3 py311_0": version and build separated by spaces.
		fields := strings.Fields(rest)
		if len(fields) == 0 {
			return m, true
		}
		m.Version = fields[0]
		if len(fields) > 1 && m.Build == "" {
			m.Build = fields[1]
		}
	} else if strings.HasPrefix(rest, "=") && !strings.HasPrefix(rest, "==") {
		// "numpy=1.24.3=build": single "=" means fuzzy, a third field is
		// the build string.
		v, b, _ := strings.Cut(rest[1:], "=")
		m.Version = "=" + strings.TrimSpace(v)
		if b != "" && m.Build == "" {
			m.Build = strings.TrimSpace(b)
		}
	} else {
		m.Version = strings.Join(strings.Fields(rest), "")
		if strings.HasPrefix(m.Version, "==") {
			if v, b, found := strings.Cut(m.Version[2:], "="); found {
				m.Version = "==" + v
				if m.Build == "" {
					m.Build = b
				}
			}
		}
	}
	m.Pin = classify(m)
	return m, true
}

// twoPartVersions are packages whose releases are versioned with fewer
// than three parts ("pytorch-cuda=12.1", "cuda-version=12.4",
// "tzdata=2024a"): for them "=X.Y" names one release, and the pin the
// PyTorch and conda-forge install instructions write is already exact.
var twoPartVersions = map[string]bool{
	"pytorch-cuda": true, "cuda-version": true, "pytorch-mutex": true, "python_abi": true,
	"_openmp_mutex": true, "_libgcc_mutex": true, "tzdata": true, "jpeg": true,
}

func classify(m MatchSpec) Pin {
	v := m.Version
	switch {
	case v == "" || v == "*":
		return Unpinned
	case strings.ContainsAny(v, "|,"):
		return Range
	case strings.HasPrefix(v, "=="):
		if strings.Contains(v, "*") {
			return Fuzzy
		}
		return Exact
	case strings.ContainsAny(v[:1], "<>!~"):
		return Range
	case strings.HasPrefix(v, "="):
		v = strings.TrimSuffix(strings.TrimSuffix(v[1:], "*"), ".")
		if strings.Contains(v, "*") || v == "" {
			return Fuzzy
		}
		// "=1.24.3" matches 1.24.3 and 1.24.3.*; a build string, or a full
		// major.minor.patch version (what "conda env export --no-builds"
		// writes), names one release.
		if m.Build != "" && !strings.Contains(m.Build, "*") || strings.Count(v, ".") >= 2 {
			return Exact
		}
		if twoPartVersions[strings.ToLower(m.Name)] && !strings.Contains(m.Version, "*") {
			return Exact
		}
		return Fuzzy
	case strings.Contains(v, "*"):
		return Fuzzy
	}
	return Exact // "numpy 1.24.3": a bare version in the version field is exact
}
