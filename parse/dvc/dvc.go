package dvc

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/git-repro/git-repro/internal/yamlerr"
)

// Error is a problem at a 1-based line of a DVC file.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Out is an output (or a dependency) entry: a path with its line and, in
// .dvc files and dvc.lock, its recorded hash and size.
type Out struct {
	Path string
	Line int
	MD5  string // "" when not recorded; a directory's ends in ".dir"
	Size int64
	// NoCache is set for "cache: false" outputs, which git itself tracks.
	NoCache bool
}

// IsDir reports whether the recorded hash is a directory listing.
func (o Out) IsDir() bool { return strings.HasSuffix(o.MD5, ".dir") }

// File is a "<name>.dvc" file.
type File struct {
	Outs []Out
	Deps []Out // imports: the source (a URL or another repository's path)
	Wdir string
}

// Stage is one stage of dvc.yaml (or dvc.lock).
type Stage struct {
	Name string
	Line int
	Wdir string
	Cmd  string
	Deps []Out
	Outs []Out // outs, metrics and plots declared in the stage
	// Templated is set for foreach/matrix stages, whose paths may hold
	// ${item} references.
	Templated bool
}

// Artifact is an entry of dvc.yaml's top-level "artifacts:" section.
type Artifact struct {
	Name, Path, Type string
	Line             int
}

// Pipeline is a dvc.yaml (or dvc.lock) file.
type Pipeline struct {
	Stages    []Stage
	Artifacts []Artifact
	// Outs are top-level metrics and plots files.
	Outs []Out
}

// ParseFile reads a .dvc file.
func ParseFile(src []byte) (*File, error) {
	root, err := parse(src)
	if err != nil || root == nil {
		return &File{}, err
	}
	f := &File{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i].Value, root.Content[i+1]
		switch k {
		case "outs":
			outs, err := outList(v, k)
			if err != nil {
				return f, err
			}
			f.Outs = outs
		case "deps":
			deps, err := outList(v, k)
			if err != nil {
				return f, err
			}
			f.Deps = deps
		case "wdir":
			f.Wdir = scalar(v)
		}
	}
	return f, nil
}

// ParsePipeline reads dvc.yaml or dvc.lock.
func ParsePipeline(src []byte) (*Pipeline, error) {
	root, err := parse(src)
	if err != nil || root == nil {
		return &Pipeline{}, err
	}
	p := &Pipeline{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i].Value, root.Content[i+1]
		switch k {
		case "stages":
			if v.Kind != yaml.MappingNode {
				if isNull(v) {
					continue
				}
				return p, &Error{Line: v.Line, Msg: `"stages" must be a mapping of stage names to stages`}
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				st, err := stage(v.Content[j], v.Content[j+1])
				if err != nil {
					return p, err
				}
				p.Stages = append(p.Stages, st)
			}
		case "metrics", "plots":
			outs, err := outList(v, k)
			if err != nil {
				return p, err
			}
			p.Outs = append(p.Outs, outs...)
		case "artifacts":
			if v.Kind != yaml.MappingNode {
				if isNull(v) {
					continue
				}
				return p, &Error{Line: v.Line, Msg: `"artifacts" must be a mapping of names to {path, type}`}
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				a := Artifact{Name: v.Content[j].Value, Line: v.Content[j].Line}
				body := v.Content[j+1]
				if body.Kind != yaml.MappingNode {
					return p, &Error{Line: body.Line, Msg: fmt.Sprintf("artifact %q must be a mapping with %q", a.Name, "path")}
				}
				a.Path = scalar(lookup(body, "path"))
				a.Type = scalar(lookup(body, "type"))
				p.Artifacts = append(p.Artifacts, a)
			}
		}
	}
	return p, nil
}

func stage(key, v *yaml.Node) (Stage, error) {
	st := Stage{Name: key.Value, Line: key.Line}
	if v.Kind != yaml.MappingNode {
		return st, &Error{Line: v.Line, Msg: fmt.Sprintf("stage %q must be a mapping with %q", st.Name, "cmd")}
	}
	if do := lookup(v, "do"); do != nil && do.Kind == yaml.MappingNode {
		// foreach: the body is under "do".
		st.Templated = true
		v = do
	}
	if lookup(v, "matrix") != nil {
		st.Templated = true
	}
	st.Wdir = scalar(lookup(v, "wdir"))
	st.Cmd = scalar(lookup(v, "cmd"))
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i].Value, v.Content[i+1]
		switch k {
		case "deps":
			deps, err := outList(val, k)
			if err != nil {
				return st, err
			}
			st.Deps = deps
		case "outs", "metrics", "plots":
			outs, err := outList(val, k)
			if err != nil {
				return st, err
			}
			st.Outs = append(st.Outs, outs...)
		}
	}
	return st, nil
}

// outList reads a list whose items are a path string, a {path: {opts}}
// mapping (dvc.yaml) or a {path: p, md5: ...} mapping (.dvc, dvc.lock).
func outList(v *yaml.Node, field string) ([]Out, error) {
	if isNull(v) {
		return nil, nil
	}
	if v.Kind != yaml.SequenceNode {
		return nil, &Error{Line: v.Line, Msg: fmt.Sprintf("%q must be a list of paths", field)}
	}
	var outs []Out
	for _, it := range v.Content {
		switch it.Kind {
		case yaml.ScalarNode:
			if it.Value != "" {
				outs = append(outs, Out{Path: it.Value, Line: it.Line})
			}
		case yaml.MappingNode:
			if p := lookup(it, "path"); p != nil {
				o := Out{Path: scalar(p), Line: p.Line, MD5: scalar(lookup(it, "md5"))}
				if o.MD5 == "" && scalar(lookup(it, "hash")) == "md5" {
					o.MD5 = scalar(lookup(it, "md5"))
				}
				o.Size, _ = strconv.ParseInt(scalar(lookup(it, "size")), 10, 64)
				o.NoCache = scalar(lookup(it, "cache")) == "false"
				if o.Path == "" {
					return nil, &Error{Line: p.Line, Msg: fmt.Sprintf("%q entry has an empty path", field)}
				}
				outs = append(outs, o)
				continue
			}
			// dvc.yaml: "- model.pkl: {cache: false}"
			for j := 0; j+1 < len(it.Content); j += 2 {
				k := it.Content[j]
				o := Out{Path: k.Value, Line: k.Line}
				if opts := it.Content[j+1]; opts.Kind == yaml.MappingNode {
					o.NoCache = scalar(lookup(opts, "cache")) == "false"
				}
				if o.Path != "" {
					outs = append(outs, o)
				}
			}
		default:
			return nil, &Error{Line: it.Line, Msg: fmt.Sprintf("%q items must be paths", field)}
		}
	}
	return outs, nil
}

func parse(src []byte) (root *yaml.Node, err error) {
	defer func() {
		if v := recover(); v != nil {
			root, err = nil, &Error{Line: 1, Msg: fmt.Sprintf("not valid YAML: %v", v)}
		}
	}()
	var doc yaml.Node
	if e := yaml.Unmarshal(src, &doc); e != nil {
		line, msg := yamlerr.Of(e)
		return nil, &Error{Line: line, Msg: "not valid YAML: " + msg}
	}
	if len(doc.Content) == 0 || isNull(doc.Content[0]) {
		return nil, nil
	}
	n := doc.Content[0]
	if n.Kind != yaml.MappingNode {
		return nil, &Error{Line: n.Line, Msg: "the file must be a YAML mapping"}
	}
	return n, nil
}

func lookup(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			v := n.Content[i+1]
			for d := 0; v != nil && v.Kind == yaml.AliasNode && d < 16; d++ {
				v = v.Alias
			}
			return v
		}
	}
	return nil
}

func scalar(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return ""
	}
	return n.Value
}

func isNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// Resolve turns a path written in a DVC file in directory dir (with the
// stage's wdir) into a repository path. ok is false for URLs, absolute
// paths, templated paths ("${item}") and paths that leave the repository.
func Resolve(dir, wdir, p string) (string, bool) {
	if p == "" || strings.Contains(p, "${") || strings.Contains(p, "://") || strings.HasPrefix(p, "/") || strings.HasPrefix(p, "~") {
		return "", false
	}
	if len(p) > 1 && p[1] == ':' { // a Windows drive
		return "", false
	}
	p = strings.ReplaceAll(p, "\\", "/")
	if wdir != "" && !strings.Contains(wdir, "${") {
		p = path.Join(wdir, p)
	}
	full := path.Clean(path.Join(dir, p))
	if full == ".." || strings.HasPrefix(full, "../") {
		return "", false
	}
	return full, true
}
