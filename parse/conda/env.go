package conda

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/git-repro/git-repro/internal/yamlerr"
)

// Item is a scalar with its position.
type Item struct {
	Value     string
	Line, Col int
}

// Env is a parsed environment.yml.
type Env struct {
	Name string
	// Channels as listed; ChannelsLine is the line of the "channels:" key
	// (0 when absent).
	Channels     []Item
	ChannelsLine int
	// Deps are the conda match specs of "dependencies:".
	Deps     []Item
	DepsLine int
	// Pip holds the lines of the "- pip:" subsection, in order; PipLine is
	// the line of the "pip:" key (0 when there is none).
	Pip     []Item
	PipLine int
	// Keys are the top-level keys, in order.
	Keys []string
}

// envKeys are the top-level keys conda's environment spec knows (name,
// channels, dependencies, prefix, variables) and those conda-lock adds to
// its source files (platforms, category).
var envKeys = map[string]bool{"name": true, "channels": true, "dependencies": true, "prefix": true,
	"variables": true, "platforms": true, "category": true}

// EnvShaped reports whether the parsed file is shaped as a conda
// environment: every top-level key is one conda knows, and it has a
// dependencies: list that is not empty. A file that something creates an
// environment from (conda env create -f, a Snakemake conda: directive) is
// one when it is so shaped; a file recognised by its name alone needs
// LooksLikeEnv.
func (e *Env) EnvShaped() bool {
	if e.DepsLine == 0 || len(e.Deps)+len(e.Pip) == 0 {
		return false
	}
	for _, k := range e.Keys {
		if !envKeys[k] {
			return false
		}
	}
	return true
}

// LooksLikeEnv reports whether the parsed file reads as a conda
// environment rather than some other YAML with a dependencies: list (a
// Hydra or gym configuration named env.yaml): every top-level key is one
// conda knows, the dependency list is not empty, and something only an
// environment says is there: channels:, a pip: section, python or pip as
// a dependency, or a match spec with a version.
func (e *Env) LooksLikeEnv() bool {
	if !e.EnvShaped() {
		return false
	}
	if e.ChannelsLine > 0 || e.PipLine > 0 {
		return true
	}
	for _, d := range e.Deps {
		m, ok := ParseMatchSpec(d.Value)
		if !ok {
			continue
		}
		if n := strings.ToLower(m.Name); n == "python" || n == "pip" || m.Version != "" {
			return true
		}
	}
	return false
}

// Error is a YAML or structure error with its line.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string { return "line " + strconv.Itoa(e.Line) + ": " + e.Msg }

// Parse reads an environment.yml.
func Parse(data []byte) (env *Env, err error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		line, msg := yamlerr.Of(err)
		return nil, &Error{Line: line, Msg: msg}
	}
	env = &Env{}
	if len(root.Content) == 0 {
		return env, nil
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		return nil, &Error{Line: doc.Line, Msg: "an environment file must be a mapping (name:, channels:, dependencies:)"}
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		env.Keys = append(env.Keys, k.Value)
		switch k.Value {
		case "name":
			env.Name = v.Value
		case "channels":
			env.ChannelsLine = k.Line
			items, err := listOf(v, "channels: must be a list")
			if err != nil {
				return nil, err
			}
			env.Channels = append(env.Channels, scalarItems(items)...)
		case "dependencies":
			env.DepsLine = k.Line
			deps, err := listOf(v, "dependencies: must be a list")
			if err != nil {
				return nil, err
			}
			for _, d := range deps {
				switch d.Kind {
				case yaml.ScalarNode:
					env.Deps = append(env.Deps, Item{d.Value, d.Line, d.Column})
				case yaml.MappingNode:
					for j := 0; j+1 < len(d.Content); j += 2 {
						pk, pv := d.Content[j], d.Content[j+1]
						if pk.Value != "pip" {
							return nil, &Error{Line: pk.Line, Msg: fmt.Sprintf("unknown dependency section %q (only pip: is allowed)", pk.Value)}
						}
						env.PipLine = pk.Line
						reqs, err := listOf(pv, "pip: must be a list of requirements")
						if err != nil {
							return nil, err
						}
						env.Pip = append(env.Pip, scalarItems(reqs)...)
					}
				default:
					return nil, &Error{Line: d.Line, Msg: "a dependency must be a match spec or a pip: list"}
				}
			}
		}
	}
	return env, nil
}

// listOf returns the entries of a list value; an empty value ("key:")
// is an empty list, anything else is an error with msg.
func listOf(v *yaml.Node, msg string) ([]*yaml.Node, error) {
	switch {
	case v.Kind == yaml.SequenceNode:
		return v.Content, nil
	case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
		return nil, nil
	}
	return nil, &Error{Line: v.Line, Msg: msg}
}

// scalarItems keeps the scalar entries of a list, with their positions.
func scalarItems(ns []*yaml.Node) []Item {
	var out []Item
	for _, n := range ns {
		if n.Kind == yaml.ScalarNode {
			out = append(out, Item{n.Value, n.Line, n.Column})
		}
	}
	return out
}
