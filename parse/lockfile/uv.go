package lockfile

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/git-repro/git-repro/parse/pipreq"

	"github.com/git-repro/git-repro/parse/pyproject"
)

// UVLock is a parsed uv.lock.
type UVLock struct {
	Version  int64
	Packages []UVPackage
}

// UVPackage is one [[package]] of uv.lock.
type UVPackage struct {
	Name, Version string
	Line          int
	// Root is set for the project itself (source editable or virtual ".").
	Root bool
	// HasMetadata is set when [package.metadata] exists; only then are
	// RequiresDist and RequiresDev meaningful.
	HasMetadata      bool
	RequiresDist     []UVReq
	RequiresDistLine int
	RequiresDev      map[string][]UVReq // group (canonical) -> requirements
}

// UVReq is one requirement as uv records it.
type UVReq struct {
	Name      string // canonical
	Extras    []string
	Specifier string // normalised
	// Sourced is set when the requirement comes from [tool.uv.sources] or
	// a direct URL (git, path, url, index): only its name is compared.
	Sourced bool
}

func (r UVReq) key() string {
	if r.Sourced {
		return r.Name + "@source"
	}
	return r.Name + "[" + strings.Join(r.Extras, ",") + "]" + r.Specifier
}

func (r UVReq) String() string {
	s := r.Name
	if len(r.Extras) > 0 {
		s += "[" + strings.Join(r.Extras, ",") + "]"
	}
	return s + r.Specifier
}

// ParseUVLock reads uv.lock content.
func ParseUVLock(data []byte) (*UVLock, error) {
	doc, ix, err := pyproject.Decode(data)
	if err != nil {
		return nil, err
	}
	l := &UVLock{}
	l.Version, _ = doc["version"].(int64)
	pk, _ := doc["package"].([]any)
	for i, p := range pk {
		t, _ := p.(map[string]any)
		up := UVPackage{Line: ix.Line("package", strconv.Itoa(i))}
		up.Name, _ = t["name"].(string)
		up.Version, _ = t["version"].(string)
		if src, ok := t["source"].(map[string]any); ok {
			for _, k := range []string{"editable", "virtual"} {
				if s, ok := src[k].(string); ok && s == "." {
					up.Root = true
				}
			}
		}
		if md, ok := t["metadata"].(map[string]any); ok {
			up.HasMetadata = true
			up.RequiresDist = uvReqs(md["requires-dist"])
			up.RequiresDistLine = ix.Line("package", strconv.Itoa(i), "metadata", "requires-dist")
			if dev, ok := md["requires-dev"].(map[string]any); ok {
				up.RequiresDev = map[string][]UVReq{}
				for g, v := range dev {
					up.RequiresDev[pipreq.CanonicalName(g)] = uvReqs(v)
				}
			}
		}
		l.Packages = append(l.Packages, up)
	}
	return l, nil
}

func uvReqs(v any) []UVReq {
	var out []UVReq
	list, _ := v.([]any)
	for _, e := range list {
		t, ok := e.(map[string]any)
		if !ok {
			continue
		}
		name, _ := t["name"].(string)
		r := UVReq{Name: pipreq.CanonicalName(name)}
		if s, ok := t["specifier"].(string); ok {
			r.Specifier = pyproject.NormalizeSpecifier(s)
		}
		for _, x := range append(asStrings(t["extras"]), asStrings(t["extra"])...) {
			r.Extras = append(r.Extras, pipreq.CanonicalName(x))
		}
		sort.Strings(r.Extras)
		for _, k := range []string{"git", "path", "url", "index", "editable", "directory"} {
			if _, ok := t[k]; ok {
				r.Sourced = true
			}
		}
		out = append(out, r)
	}
	return out
}

func asStrings(v any) []string {
	var out []string
	list, _ := v.([]any)
	for _, e := range list {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// Root returns the lock's root package: the one uv locked from "." (or,
// failing that, the one named like the project), or nil.
func (l *UVLock) Root(projectName string) *UVPackage {
	for i := range l.Packages {
		if l.Packages[i].Root {
			return &l.Packages[i]
		}
	}
	for i := range l.Packages {
		if projectName != "" && pipreq.CanonicalName(l.Packages[i].Name) == pipreq.CanonicalName(projectName) {
			return &l.Packages[i]
		}
	}
	return nil
}

// CompareUV compares the root package's locked requirements with the
// manifest: [project] dependencies and optional-dependencies against
// requires-dist, [dependency-groups] and [tool.uv] dev-dependencies against
// requires-dev. Names are canonicalised and specifiers normalised; markers
// are not compared (uv rewrites them). It returns one line per difference.
func CompareUV(doc map[string]any, root *UVPackage) []string {
	if root == nil || !root.HasMetadata {
		return nil
	}
	var diffs []string
	proj, _ := doc["project"].(map[string]any)
	var dist []UVReq
	dist = append(dist, manifestReqs(proj["dependencies"], doc)...)
	if opt, ok := proj["optional-dependencies"].(map[string]any); ok {
		for _, v := range opt {
			dist = append(dist, manifestReqs(v, doc)...)
		}
	}
	diffs = append(diffs, diffReqs("dependencies", dist, root.RequiresDist)...)

	groups := map[string]any{}
	if g, ok := doc["dependency-groups"].(map[string]any); ok {
		for k, v := range g {
			groups[pipreq.CanonicalName(k)] = v
		}
	}
	tool, _ := doc["tool"].(map[string]any)
	uv, _ := tool["uv"].(map[string]any)
	if dd, ok := uv["dev-dependencies"]; ok {
		if cur, ok := groups["dev"].([]any); ok {
			groups["dev"] = append(append([]any(nil), cur...), asAnyList(dd)...)
		} else {
			groups["dev"] = dd
		}
	}
	names := map[string]bool{}
	for g := range groups {
		names[g] = true
	}
	for g := range root.RequiresDev {
		names[g] = true
	}
	var sorted []string
	for g := range names {
		sorted = append(sorted, g)
	}
	sort.Strings(sorted)
	for _, g := range sorted {
		v, inManifest := groups[g]
		if hasInclude(v) {
			continue // include-group entries: uv expands them; not compared
		}
		locked, inLock := root.RequiresDev[g]
		switch {
		case inManifest && !inLock:
			if len(asAnyList(v)) > 0 {
				diffs = append(diffs, fmt.Sprintf("group %q is not in the lock", g))
			}
		case !inManifest && inLock:
			if len(locked) > 0 {
				diffs = append(diffs, fmt.Sprintf("group %q is locked but no longer declared", g))
			}
		default:
			diffs = append(diffs, diffReqs("group "+strconv.Quote(g), manifestReqs(v, doc), locked)...)
		}
	}
	return diffs
}

func asAnyList(v any) []any {
	l, _ := v.([]any)
	return l
}

func hasInclude(v any) bool {
	for _, e := range asAnyList(v) {
		if _, ok := e.(map[string]any); ok {
			return true
		}
	}
	return false
}

// manifestReqs reads PEP 508 strings; names listed in [tool.uv.sources]
// are marked Sourced, like uv records them.
func manifestReqs(v any, doc map[string]any) []UVReq {
	tool, _ := doc["tool"].(map[string]any)
	uv, _ := tool["uv"].(map[string]any)
	sources, _ := uv["sources"].(map[string]any)
	srcNames := map[string]bool{}
	for k := range sources {
		srcNames[pipreq.CanonicalName(k)] = true
	}
	var out []UVReq
	for _, e := range asAnyList(v) {
		s, ok := e.(string)
		if !ok {
			continue
		}
		r, ok := pyproject.ParseRequirement(s)
		if !ok {
			continue
		}
		u := UVReq{Name: pipreq.CanonicalName(r.Name), Extras: r.Extras, Specifier: r.Specifier}
		if r.URL != "" || srcNames[u.Name] {
			u.Sourced = true
		}
		out = append(out, u)
	}
	return out
}

// diffReqs compares two multisets of requirements.
func diffReqs(where string, manifest, locked []UVReq) []string {
	count := map[string]int{}
	byKey := map[string]UVReq{}
	lockedNames := map[string]bool{}
	for _, r := range locked {
		count[r.key()]--
		byKey[r.key()] = r
		lockedNames[r.Name] = true
	}
	for _, r := range manifest {
		if r.Sourced && lockedNames[r.Name] {
			// uv may record a sourced requirement either way; by name.
			for _, l := range locked {
				if l.Name == r.Name {
					count[l.key()]++
					break
				}
			}
			continue
		}
		count[r.key()]++
		byKey[r.key()] = r
	}
	var keys []string
	for k := range count {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var diffs []string
	for _, k := range keys {
		switch n := count[k]; {
		case n > 0:
			diffs = append(diffs, fmt.Sprintf("%s: %q is declared but not locked", where, byKey[k].String()))
		case n < 0:
			diffs = append(diffs, fmt.Sprintf("%s: %q is locked but not declared", where, byKey[k].String()))
		}
	}
	return diffs
}
