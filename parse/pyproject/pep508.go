package pyproject

import (
	"sort"
	"strings"

	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/pipreq"
)

// Requirement is a PEP 508 dependency string split into its parts.
type Requirement struct {
	Name      string   // as written
	Extras    []string // sorted, canonical
	Specifier string   // version clauses without spaces, e.g. ">=1.2,<2"; "" if none
	URL       string   // after "@", if any
	Marker    string   // after ";", trimmed
}

var nameRe = lazyre.New(`^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)`)

// ParseRequirement splits a PEP 508 string. It is lenient (it never
// fails on odd spacing) and reports ok=false only when there is no name.
func ParseRequirement(s string) (r Requirement, ok bool) {
	m := nameRe().FindStringSubmatch(s)
	if m == nil {
		return r, false
	}
	r.Name = m[1]
	rest := s[len(m[0]):]
	if i := markerStart(rest); i >= 0 {
		r.Marker = strings.TrimSpace(rest[i+1:])
		rest = rest[:i]
	}
	rest = strings.TrimSpace(rest)
	if strings.HasPrefix(rest, "[") {
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			return r, false
		}
		for _, e := range strings.Split(rest[1:end], ",") {
			if e = strings.TrimSpace(e); e != "" {
				r.Extras = append(r.Extras, pipreq.CanonicalName(e))
			}
		}
		sort.Strings(r.Extras)
		rest = strings.TrimSpace(rest[end+1:])
	}
	if strings.HasPrefix(rest, "@") {
		r.URL = strings.TrimSpace(rest[1:])
		return r, true
	}
	rest = strings.TrimSuffix(strings.TrimPrefix(rest, "("), ")")
	r.Specifier = NormalizeSpecifier(rest)
	return r, true
}

// markerStart finds the ";" that starts the marker. A URL requirement
// needs whitespace before it ("pkg @ url ; marker"), but a plain one does not.
func markerStart(s string) int {
	if strings.Contains(s, "@") {
		if i := strings.Index(s, " ;"); i >= 0 {
			return i + 1
		}
		if i := strings.Index(s, "\t;"); i >= 0 {
			return i + 1
		}
		return -1
	}
	return strings.IndexByte(s, ';')
}

// NormalizeSpecifier removes spaces and orders the clauses of a version
// specifier set, so that two spellings of the same set compare equal.
func NormalizeSpecifier(s string) string {
	s = strings.Join(strings.Fields(s), "")
	if s == "" {
		return ""
	}
	parts := strings.Split(s, ",")
	sort.Strings(parts)
	return strings.Join(parts, ",")
}

// pinOf is pipreq's verdict (pipreq.Requirement.Pin) on a PEP 508
// dependency string, or on a direct reference written alone (a Pipfile
// "file", a Poetry "url"); one that pip cannot read pins nothing.
func pinOf(s string) PinKind {
	r, err := pipreq.ParseRequirement(s)
	if err != nil {
		return Unpinned
	}
	return r.Pin()
}
