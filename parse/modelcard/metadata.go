package modelcard

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// ProblemKind groups metadata problems so that each can be its own rule.
type ProblemKind int

// Kinds of metadata problems.
const (
	LicenseProblem    ProblemKind = iota + 1 // unknown id, "other" without name/link
	TypeProblem                              // a field with the wrong type
	ModelIndexProblem                        // model-index results incomplete
)

// Problem is one metadata problem at a file line.
type Problem struct {
	Kind  ProblemKind
	Line  int
	Field string // "license", "datasets", "model-index[0].results[1].task.type"
	Msg   string // lowercase, values quoted
}

// Licenses are the license identifiers the Hugging Face Hub accepts in a
// card's "license:" field (its "Licenses" documentation page). Anything
// else must be "other" with license_name and license_link.
var Licenses = []string{
	"apache-2.0", "mit", "openrail", "bigscience-openrail-m", "creativeml-openrail-m",
	"bigscience-bloom-rail-1.0", "bigcode-openrail-m", "afl-3.0", "artistic-2.0", "bsl-1.0",
	"bsd", "bsd-2-clause", "bsd-3-clause", "bsd-3-clause-clear", "c-uda", "cc", "cc0-1.0",
	"cc-by-2.0", "cc-by-2.5", "cc-by-3.0", "cc-by-4.0", "cc-by-sa-3.0", "cc-by-sa-4.0",
	"cc-by-nc-2.0", "cc-by-nc-3.0", "cc-by-nc-4.0", "cc-by-nd-4.0", "cc-by-nc-nd-3.0",
	"cc-by-nc-nd-4.0", "cc-by-nc-sa-2.0", "cc-by-nc-sa-3.0", "cc-by-nc-sa-4.0",
	"cdla-sharing-1.0", "cdla-permissive-1.0", "cdla-permissive-2.0", "wtfpl", "ecl-2.0",
	"epl-1.0", "epl-2.0", "etalab-2.0", "eupl-1.1", "eupl-1.2", "agpl-3.0", "gfdl", "gpl",
	"gpl-2.0", "gpl-3.0", "lgpl", "lgpl-2.1", "lgpl-3.0", "isc", "h-research",
	"intel-research", "lppl-1.3c", "ms-pl", "apple-ascl", "apple-amlr", "mpl-2.0", "odc-by",
	"odbl", "openmdw-1.0", "openrail++", "osl-3.0", "postgresql", "ofl-1.1", "ncsa",
	"unlicense", "zlib", "pddl", "lgpl-lr", "deepfloyd-if-license",
	"fair-noncommercial-research-license", "llama2", "llama3", "llama3.1", "llama3.2",
	"llama3.3", "llama4", "grok2-community", "gemma", "unknown", "other",
}

// licenseSet holds Licenses, built on first use.
var licenseSet = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool, len(Licenses))
	for _, l := range Licenses {
		m[l] = true
	}
	return m
})

// KnownLicense reports whether id is a license id the Hub accepts.
func KnownLicense(id string) bool { return licenseSet()[id] }

// spdxAliases maps common SPDX ids to the Hub's spelling.
var spdxAliases = map[string]string{
	"gpl-2.0-only": "gpl-2.0", "gpl-2.0-or-later": "gpl-2.0", "gpl-3.0-only": "gpl-3.0",
	"gpl-3.0-or-later": "gpl-3.0", "lgpl-2.1-only": "lgpl-2.1", "lgpl-2.1-or-later": "lgpl-2.1",
	"lgpl-3.0-only": "lgpl-3.0", "lgpl-3.0-or-later": "lgpl-3.0", "agpl-3.0-only": "agpl-3.0",
	"agpl-3.0-or-later": "agpl-3.0", "apache2": "apache-2.0", "apache 2.0": "apache-2.0",
	"apache-2": "apache-2.0", "mit license": "mit", "cc-by-4": "cc-by-4.0", "cc0": "cc0-1.0",
	"bsd-3": "bsd-3-clause", "bsd-2": "bsd-2-clause", "mpl2": "mpl-2.0",
}

// SuggestLicense returns the Hub id an unknown license most likely means,
// or "".
func SuggestLicense(id string) string {
	l := strings.ToLower(strings.TrimSpace(id))
	if licenseSet()[l] {
		return l
	}
	return spdxAliases[l]
}

// listFields are string-or-list-of-strings fields; scalarFields are single
// strings. Types follow huggingface_hub's ModelCardData.
var (
	listFields   = []string{"datasets", "metrics", "base_model", "language", "tags"}
	scalarFields = []string{"library_name", "pipeline_tag", "license_name", "license_link", "model_name", "base_model_relation"}
)

// ValidateMetadata checks Hugging Face model-card metadata offline: the
// license, the types of the common fields, and model-index results. Lines
// are those of the nodes (file lines when root came from Parse).
func ValidateMetadata(root *yaml.Node) []Problem {
	root = resolve(root)
	if root == nil || root.Kind != yaml.MappingNode {
		return nil
	}
	var ps []Problem
	add := func(k ProblemKind, n *yaml.Node, field, format string, args ...any) {
		ps = append(ps, Problem{Kind: k, Line: n.Line, Field: field, Msg: fmt.Sprintf(format, args...)})
	}

	lic, licKey := Lookup(root, "license")
	switch {
	case licKey == nil:
	case isNull(lic):
		add(LicenseProblem, licKey, "license", "metadata %q is empty: set a license id such as %q, or %q with %q and %q", "license", "apache-2.0", "other", "license_name", "license_link")
	case lic.Kind == yaml.SequenceNode:
		add(LicenseProblem, lic, "license", "metadata %q is a list; the Hub takes one license id (use %q with %q and %q for a combination)", "license", "other", "license_name", "license_link")
	case !isString(lic):
		add(TypeProblem, lic, "license", "metadata %q must be a string, not a %s", "license", kindName(lic))
	case !KnownLicense(lic.Value):
		if s := SuggestLicense(lic.Value); s != "" {
			add(LicenseProblem, lic, "license", "license %q is not a license id the Hub accepts; use %q", lic.Value, s)
		} else {
			add(LicenseProblem, lic, "license", "license %q is not a license id the Hub accepts; use a listed id, or %q with %q and %q", lic.Value, "other", "license_name", "license_link")
		}
	case lic.Value == "other":
		for _, k := range []string{"license_name", "license_link"} {
			if v, _ := Lookup(root, k); !isString(v) || strings.TrimSpace(v.Value) == "" {
				add(LicenseProblem, lic, k, "license %q needs %q", "other", k)
			}
		}
	}

	for _, f := range scalarFields {
		v, k := Lookup(root, f)
		if k == nil {
			continue
		}
		switch {
		case isNull(v) || (isString(v) && strings.TrimSpace(v.Value) == ""):
			add(TypeProblem, k, f, "metadata %q is empty: give it a string value or remove it", f)
		case v.Kind == yaml.ScalarNode && !isString(v):
			add(TypeProblem, v, f, "metadata %q must be a string, not %q", f, v.Value)
		case v.Kind != yaml.ScalarNode:
			add(TypeProblem, k, f, "metadata %q must be a string, not a %s", f, kindName(v))
		}
	}
	for _, f := range listFields {
		v, k := Lookup(root, f)
		if k == nil || isNull(v) {
			continue
		}
		switch v.Kind {
		case yaml.ScalarNode:
			if !isString(v) {
				add(TypeProblem, v, f, "metadata %q must be a string or a list of strings, not %q", f, v.Value)
			}
		case yaml.SequenceNode:
			for i, it := range v.Content {
				it = resolve(it)
				if !isString(it) || strings.TrimSpace(it.Value) == "" {
					at := it
					if at == nil {
						at = v
					}
					add(TypeProblem, at, fmt.Sprintf("%s[%d]", f, i), "metadata %q item %d must be a non-empty string", f, i+1)
				}
			}
		default:
			add(TypeProblem, k, f, "metadata %q must be a string or a list of strings, not a %s", f, kindName(v))
		}
	}

	if mi, k := Lookup(root, "model-index"); k != nil {
		ps = append(ps, validateModelIndex(mi, k)...)
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Line < ps[j].Line })
	return ps
}

func validateModelIndex(mi, key *yaml.Node) []Problem {
	var ps []Problem
	add := func(n *yaml.Node, field, format string, args ...any) {
		ps = append(ps, Problem{Kind: ModelIndexProblem, Line: n.Line, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	if mi == nil || mi.Kind != yaml.SequenceNode {
		add(key, "model-index", "metadata %q must be a list of models with %q", "model-index", "results")
		return ps
	}
	for i, m := range mi.Content {
		m = resolve(m)
		p := fmt.Sprintf("model-index[%d]", i)
		if m == nil || m.Kind != yaml.MappingNode {
			add(orNode(m, mi), p, "%s must be a mapping with %q and %q", p, "name", "results")
			continue
		}
		if v, _ := Lookup(m, "name"); !isString(v) || v.Value == "" {
			add(m, p+".name", "%s lacks %q (the model's name)", p, "name")
		}
		res, rk := Lookup(m, "results")
		if rk == nil || res == nil || res.Kind != yaml.SequenceNode || len(res.Content) == 0 {
			add(orNode(rk, m), p+".results", "%s needs a non-empty %q list", p, "results")
			continue
		}
		for j, r := range res.Content {
			r = resolve(r)
			rp := fmt.Sprintf("%s.results[%d]", p, j)
			if r == nil || r.Kind != yaml.MappingNode {
				add(orNode(r, res), rp, "%s must be a mapping with %q, %q and %q", rp, "task", "dataset", "metrics")
				continue
			}
			task, tk := Lookup(r, "task")
			if tk == nil || task == nil || task.Kind != yaml.MappingNode {
				add(orNode(tk, r), rp+".task", "%s needs %q with %q (e.g. %q)", rp, "task", "type", "text-classification")
			} else if v, _ := Lookup(task, "type"); !isString(v) || v.Value == "" {
				add(tk, rp+".task.type", "%s.task lacks %q", rp, "type")
			}
			ds, dk := Lookup(r, "dataset")
			if dk == nil || ds == nil || ds.Kind != yaml.MappingNode {
				add(orNode(dk, r), rp+".dataset", "%s needs %q with %q and %q", rp, "dataset", "type", "name")
			} else {
				for _, f := range []string{"type", "name"} {
					if v, _ := Lookup(ds, f); !isString(v) || v.Value == "" {
						add(dk, rp+".dataset."+f, "%s.dataset lacks %q", rp, f)
					}
				}
			}
			ms, mk := Lookup(r, "metrics")
			if mk == nil || ms == nil || ms.Kind != yaml.SequenceNode || len(ms.Content) == 0 {
				add(orNode(mk, r), rp+".metrics", "%s needs a non-empty %q list, each with %q and %q", rp, "metrics", "type", "value")
				continue
			}
			for k, mt := range ms.Content {
				mt = resolve(mt)
				mp := fmt.Sprintf("%s.metrics[%d]", rp, k)
				if mt == nil || mt.Kind != yaml.MappingNode {
					add(orNode(mt, ms), mp, "%s must be a mapping with %q and %q", mp, "type", "value")
					continue
				}
				if v, _ := Lookup(mt, "type"); !isString(v) || v.Value == "" {
					add(mt, mp+".type", "%s lacks %q (e.g. %q)", mp, "type", "accuracy")
				}
				if v, vk := Lookup(mt, "value"); vk == nil || isNull(v) {
					add(orNode(vk, mt), mp+".value", "%s lacks %q", mp, "value")
				} else if v.Kind != yaml.ScalarNode {
					add(v, mp+".value", "%s %q must be a number or a string, not a %s", mp, "value", kindName(v))
				}
			}
		}
	}
	return ps
}

func orNode(n, fallback *yaml.Node) *yaml.Node {
	if n != nil {
		return n
	}
	return fallback
}

// HFModelKeys are metadata keys only a Hugging Face model card has; a
// README whose front matter has just "license:" or "datasets:" (a dataset
// card, a static-site page) is not marked a model card by them.
var HFModelKeys = []string{"model-index", "pipeline_tag", "library_name", "base_model", "base_model_relation"}

// HasModelMetadata reports whether the front matter carries model-card
// metadata.
func (d *Doc) HasModelMetadata() bool {
	if d.FrontMatter == nil || d.FrontMatter.Root == nil {
		return false
	}
	for _, k := range HFModelKeys {
		if _, key := Lookup(d.FrontMatter.Root, k); key != nil {
			return true
		}
	}
	return false
}
