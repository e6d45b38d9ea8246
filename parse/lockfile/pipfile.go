package lockfile

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/git-repro/git-repro/parse/pipreq"

	"github.com/git-repro/git-repro/parse/pyproject"
)

// PipfileLock is the part of a Pipfile.lock that ties it to its Pipfile.
type PipfileLock struct {
	Hash     string // _meta.hash.sha256
	HashLine int
	// Sources is _meta.sources as written (pipenv records its default
	// source there when the Pipfile declares none).
	Sources  []any
	Packages map[string][]Package // category ("default", "develop", ...) -> packages
}

// ParsePipfileLock reads Pipfile.lock (JSON) content.
func ParsePipfileLock(data []byte) (*PipfileLock, error) {
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		line := 1
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			line = lineAt(data, int(se.Offset))
		case errors.As(err, &te):
			line = lineAt(data, int(te.Offset))
		}
		return nil, &pyproject.Error{Line: line, Msg: err.Error()}
	}
	l := &PipfileLock{Packages: map[string][]Package{}}
	meta, _ := doc["_meta"].(map[string]any)
	h, _ := meta["hash"].(map[string]any)
	l.Hash, _ = h["sha256"].(string)
	if l.Hash != "" {
		if i := bytes.Index(data, []byte(`"`+l.Hash+`"`)); i >= 0 {
			l.HashLine = lineAt(data, i)
		}
	}
	l.Sources, _ = meta["sources"].([]any)
	for cat, v := range doc {
		if cat == "_meta" {
			continue
		}
		t, ok := v.(map[string]any)
		if !ok {
			continue
		}
		for name, p := range t {
			pt, _ := p.(map[string]any)
			ver, _ := pt["version"].(string)
			l.Packages[cat] = append(l.Packages[cat], Package{Name: name, Version: ver})
		}
	}
	return l, nil
}

func lineAt(data []byte, off int) int {
	if off > len(data) {
		off = len(data)
	}
	if off < 0 {
		off = 0
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// pipfileSections are the Pipfile tables that are not package categories.
var pipfileSections = map[string]bool{"source": true, "packages": true, "dev-packages": true, "requires": true,
	"scripts": true, "pipfile": true, "pipenv": true, "default": true, "develop": true}

// PipfileHashes returns the _meta.hash.sha256 values pipenv may have
// written for this Pipfile: sha256 of json.dumps(data, sort_keys=True,
// separators=(",", ":")) where data is {"_meta": {"sources", "requires"},
// "default": packages, "develop": dev-packages, <other categories>}. The
// candidates are pipenv's raw form, the pre-2022 form without extra
// categories, and the 2026.4+ form with canonicalised package names.
//
// When the Pipfile has no [[source]], pipenv hashes its built-in default
// source; lockSources (the lock's _meta.sources, where pipenv records that
// default) stands in for it.
func PipfileHashes(doc map[string]any, lockSources []any) ([]string, error) {
	sources, ok := doc["source"]
	if !ok {
		if len(lockSources) != 1 {
			return nil, fmt.Errorf("pipfile has no [[source]] and the lock records %d sources", len(lockSources))
		}
		sources = lockSources
	}
	requires, ok := doc["requires"]
	if !ok {
		requires = map[string]any{}
	}
	build := func(extra, canon bool) map[string]any {
		pk := func(v any, present bool) any {
			if !present {
				return map[string]any{}
			}
			if t, ok := v.(map[string]any); ok && canon {
				c := map[string]any{}
				for k, e := range t {
					c[pipreq.CanonicalName(k)] = e
				}
				return c
			}
			return v
		}
		p, pok := doc["packages"]
		d, dok := doc["dev-packages"]
		data := map[string]any{
			"_meta":   map[string]any{"sources": sources, "requires": requires},
			"default": pk(p, pok),
			"develop": pk(d, dok),
		}
		if extra {
			for k, v := range doc {
				if !pipfileSections[k] {
					data[k] = pk(v, true)
				}
			}
		}
		return data
	}
	var out []string
	seen := map[string]bool{}
	for _, form := range [][2]bool{{true, false}, {false, false}, {true, true}} {
		s, err := PyJSON(build(form[0], form[1]), PyCompact)
		if err != nil {
			return nil, fmt.Errorf("pipfile: %v", err)
		}
		sum := sha256.Sum256([]byte(s))
		h := hex.EncodeToString(sum[:])
		if !seen[h] {
			seen[h] = true
			out = append(out, h)
		}
	}
	return out, nil
}
