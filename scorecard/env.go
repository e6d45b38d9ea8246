package scorecard

import (
	"bytes"
	"encoding/json"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/conda"
	"github.com/git-repro/git-repro/parse/dockerfile"
	"github.com/git-repro/git-repro/parse/dvc"
	"github.com/git-repro/git-repro/parse/modelcard"
	"github.com/git-repro/git-repro/parse/pipreq"
	"github.com/git-repro/git-repro/parse/pyproject"
	"github.com/git-repro/git-repro/snapshot"
)

// Change kinds.
const (
	Added   = "added"
	Removed = "removed"
	Changed = "changed"
)

// DepChange is one dependency added, removed or changed in one file.
type DepChange struct {
	Name   string `json:"name"` // PEP 503 canonical name (or conda name)
	File   string `json:"file"`
	Change string `json:"change"`
	Before string `json:"before,omitempty"` // the constraint, "" when added
	After  string `json:"after,omitempty"`  // the constraint, "" when removed
}

// ValueChange is a setting that changed: a Python version, a base image.
type ValueChange struct {
	Source string `json:"source"` // "pyproject.toml (requires-python)", "Dockerfile (stage 1)"
	Change string `json:"change"`
	Before string `json:"before,omitempty"`
	After  string `json:"after,omitempty"`
}

// ArtifactChange is a data or model file added, removed or changed.
type ArtifactChange struct {
	Path   string `json:"path"`
	Kind   string `json:"kind"` // "lfs", "dvc" or "git"
	Model  bool   `json:"model"`
	Change string `json:"change"`
	// Sizes are those of the real content (the LFS object, the DVC
	// output); -1 when absent on that side or unknown.
	BeforeSize int64 `json:"before_size"`
	AfterSize  int64 `json:"after_size"`
}

// FileChange is a file added, removed or changed.
type FileChange struct {
	Path   string `json:"path"`
	Change string `json:"change"`
}

// EnvDiff is what changed in the environment between base and head.
type EnvDiff struct {
	Deps       []DepChange      `json:"dependencies"`
	Python     []ValueChange    `json:"python"`
	BaseImages []ValueChange    `json:"base_images"`
	Artifacts  []ArtifactChange `json:"artifacts"`
	ModelCards []FileChange     `json:"model_cards"`
}

// Empty reports whether nothing changed.
func (e *EnvDiff) Empty() bool {
	return e == nil || len(e.Deps)+len(e.Python)+len(e.BaseImages)+len(e.Artifacts)+len(e.ModelCards) == 0
}

// DiffEnv compares the environments of two snapshots.
func DiffEnv(base, head *Side) *EnvDiff {
	e := &EnvDiff{Deps: []DepChange{}, Python: []ValueChange{}, BaseImages: []ValueChange{},
		Artifacts: []ArtifactChange{}, ModelCards: []FileChange{}}
	bd, hd := dependencies(base.Tree, base.Files), dependencies(head.Tree, head.Files)
	for _, k := range unionKeys(bd, hd) {
		b, inB := bd[k]
		h, inH := hd[k]
		file, name, _ := strings.Cut(k, "\x00")
		switch {
		case !inB:
			e.Deps = append(e.Deps, DepChange{Name: name, File: file, Change: Added, After: h})
		case !inH:
			e.Deps = append(e.Deps, DepChange{Name: name, File: file, Change: Removed, Before: b})
		case b != h:
			e.Deps = append(e.Deps, DepChange{Name: name, File: file, Change: Changed, Before: b, After: h})
		}
	}
	e.Python = diffValues(pythonVersions(base.Tree, base.Files), pythonVersions(head.Tree, head.Files))
	e.BaseImages = diffValues(baseImages(base.Tree, base.Files), baseImages(head.Tree, head.Files))
	e.Artifacts = diffArtifacts(base, head)
	bc, hc := modelCards(base.Tree, base.Files), modelCards(head.Tree, head.Files)
	for _, p := range unionKeys(bc, hc) {
		b, inB := bc[p]
		h, inH := hc[p]
		switch {
		case !inB:
			e.ModelCards = append(e.ModelCards, FileChange{Path: p, Change: Added})
		case !inH:
			e.ModelCards = append(e.ModelCards, FileChange{Path: p, Change: Removed})
		case b != h:
			e.ModelCards = append(e.ModelCards, FileChange{Path: p, Change: Changed})
		}
	}
	return e
}

func unionKeys[V any](a, b map[string]V) []string {
	seen := map[string]bool{}
	var ks []string
	for _, m := range []map[string]V{a, b} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				ks = append(ks, k)
			}
		}
	}
	sort.Strings(ks)
	return ks
}

func diffValues(b, h map[string]string) []ValueChange {
	out := []ValueChange{}
	for _, k := range unionKeys(b, h) {
		bv, inB := b[k]
		hv, inH := h[k]
		switch {
		case !inB:
			out = append(out, ValueChange{Source: k, Change: Added, After: hv})
		case !inH:
			out = append(out, ValueChange{Source: k, Change: Removed, Before: bv})
		case bv != hv:
			out = append(out, ValueChange{Source: k, Change: Changed, Before: bv, After: hv})
		}
	}
	return out
}

const maxManifest = 4 << 20

func readSmall(t snapshot.Tree, f snapshot.FileInfo) []byte {
	if f.Size > maxManifest || f.LFS != nil {
		return nil
	}
	b, err := t.ReadFile(f.Path)
	if err != nil {
		return nil
	}
	return b
}

var requirementsGlobs = []string{"requirements*.txt", "requirements*.in", "constraints*.txt", "requirements*.pip"}

func isRequirementsFile(p string) bool {
	if baseMatch(p, requirementsGlobs...) {
		return true
	}
	dir := path.Base(path.Dir(p))
	return (dir == "requirements" || dir == "reqs") && (strings.HasSuffix(p, ".txt") || strings.HasSuffix(p, ".in"))
}

// dependencies maps "file\x00name" to the declared constraint, for every
// manifest and lock file of a snapshot.
func dependencies(t snapshot.Tree, files []snapshot.FileInfo) map[string]string {
	out := map[string]string{}
	add := func(file, name, spec string) {
		if name == "" {
			return
		}
		out[file+"\x00"+name] = spec
	}
	for _, f := range files {
		base := strings.ToLower(path.Base(f.Path))
		switch {
		case isRequirementsFile(f.Path):
			b := readSmall(t, f)
			if b == nil {
				continue
			}
			for _, l := range pipreq.ParseFile(f.Path, b, nil).Requirements() {
				add(f.Path, l.Req.CanonicalName(), reqSpec(*l.Req))
			}
		case base == "pyproject.toml":
			p, err := pyproject.Parse(readSmall(t, f))
			if err != nil {
				continue
			}
			for _, d := range p.Deps {
				add(f.Path, groupName(pipreq.CanonicalName(d.Name), d.Group), specOf(d.Name, d.Spec))
			}
		case base == "pipfile":
			p, err := pyproject.ParsePipfile(readSmall(t, f))
			if err != nil {
				continue
			}
			for _, d := range p.Deps {
				add(f.Path, groupName(pipreq.CanonicalName(d.Name), d.Group), specOf(d.Name, d.Spec))
			}
		case base == "environment.yml" || base == "environment.yaml" || base == "conda.yml" || base == "conda.yaml":
			for name, spec := range condaDeps(readSmall(t, f)) {
				add(f.Path, name, spec)
			}
		case base == "poetry.lock" || base == "uv.lock" || base == "pdm.lock":
			var lock struct {
				Package []struct {
					Name    string `toml:"name"`
					Version string `toml:"version"`
				} `toml:"package"`
			}
			if toml.Unmarshal(readSmall(t, f), &lock) != nil {
				continue
			}
			for _, p := range lock.Package {
				add(f.Path, pipreq.CanonicalName(p.Name), p.Version)
			}
		case base == "pipfile.lock":
			var lock map[string]json.RawMessage
			if json.Unmarshal(readSmall(t, f), &lock) != nil {
				continue
			}
			for _, sect := range []string{"default", "develop"} {
				var pkgs map[string]struct {
					Version string `json:"version"`
				}
				if json.Unmarshal(lock[sect], &pkgs) != nil {
					continue
				}
				for n, p := range pkgs {
					name := pipreq.CanonicalName(n)
					if sect == "develop" {
						name += " (develop)"
					}
					add(f.Path, name, strings.TrimPrefix(p.Version, "=="))
				}
			}
		}
	}
	return out
}

// groupName qualifies a name declared outside the main dependency list.
func groupName(name, group string) string {
	switch group {
	case "", "project", "poetry", "packages":
		return name
	}
	return name + " (" + group + ")"
}

// specOf strips the name from a PEP 508 string ("torch>=2" -> ">=2").
func specOf(name, spec string) string {
	s := strings.TrimSpace(spec)
	if strings.HasPrefix(strings.ToLower(s), strings.ToLower(name)) {
		s = strings.TrimSpace(s[len(name):])
	}
	if s == "*" {
		s = ""
	}
	return s
}

// reqSpec renders a pip requirement's constraint.
func reqSpec(r pipreq.Requirement) string {
	switch r.Kind {
	case pipreq.KindVCS:
		if r.Ref != "" {
			return r.VCS + "@" + r.Ref
		}
		return r.VCS
	case pipreq.KindURL:
		return r.URL
	case pipreq.KindPath:
		return r.Path
	}
	var parts []string
	for _, s := range r.Specifiers {
		parts = append(parts, s.String())
	}
	return strings.Join(parts, ",")
}

// condaDeps reads environment.yml dependencies (conda and pip sections).
func condaDeps(b []byte) map[string]string {
	out := map[string]string{}
	if b == nil {
		return out
	}
	env, err := conda.Parse(b)
	if err != nil || env == nil {
		return out
	}
	for _, it := range env.Deps {
		if m, ok := conda.ParseMatchSpec(it.Value); ok && m.Name != "" {
			spec := m.Version
			if m.Build != "" {
				spec += "=" + m.Build
			}
			out[strings.ToLower(m.Name)] = spec
		}
	}
	for _, it := range env.Pip {
		if r, err := pipreq.ParseRequirement(it.Value); err == nil && r.Name != "" {
			out[r.CanonicalName()+" (pip)"] = reqSpec(r)
		}
	}
	return out
}

var (
	setupPyRe     = lazyre.New(`python_requires\s*=\s*["']([^"']+)["']`)
	toolVersionRe = lazyre.New(`(?m)^python\s+(\S+)`)
)

// pythonVersions maps each place that declares a Python version to it.
func pythonVersions(t snapshot.Tree, files []snapshot.FileInfo) map[string]string {
	out := map[string]string{}
	for _, f := range files {
		base := strings.ToLower(path.Base(f.Path))
		switch {
		case base == ".python-version" || base == "runtime.txt":
			if b := readSmall(t, f); b != nil {
				line, _, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
				if v := strings.TrimSpace(strings.TrimPrefix(line, "python-")); v != "" {
					out[f.Path] = v
				}
			}
		case base == ".tool-versions":
			if m := toolVersionRe().FindSubmatch(readSmall(t, f)); m != nil {
				out[f.Path] = string(m[1])
			}
		case base == "pyproject.toml":
			if p, err := pyproject.Parse(readSmall(t, f)); err == nil {
				if p.RequiresPython != "" {
					out[f.Path+" (requires-python)"] = p.RequiresPython
				}
				if p.PoetryPython != "" {
					out[f.Path+" (poetry python)"] = p.PoetryPython
				}
			}
		case base == "pipfile":
			if p, err := pyproject.ParsePipfile(readSmall(t, f)); err == nil && p.PythonVersion != "" {
				out[f.Path] = p.PythonVersion
			}
		case base == "setup.py" || base == "setup.cfg":
			if m := setupPyRe().FindSubmatch(readSmall(t, f)); m != nil {
				out[f.Path+" (python_requires)"] = string(m[1])
			}
		case base == "environment.yml" || base == "environment.yaml" || base == "conda.yml" || base == "conda.yaml":
			if v, ok := condaDeps(readSmall(t, f))["python"]; ok {
				out[f.Path] = v
			}
		case baseMatch(f.Path, dockerfileGlobs...):
			for _, img := range stageImages(t, f) {
				if name := img.image.Name; name == "python" || strings.HasSuffix(name, "/python") {
					out[f.Path+" ("+img.label+" image)"] = img.image.Tag
				}
			}
		}
	}
	return out
}

type stageImage struct {
	label string
	image dockerfile.Image
	raw   string // with the ARG defaults substituted
}

// stageImages lists the external base images of a Dockerfile's stages
// (the docker family's parser: the same ARG and stage semantics).
func stageImages(t snapshot.Tree, f snapshot.FileInfo) []stageImage {
	b := readSmall(t, f)
	if b == nil {
		return nil
	}
	var out []stageImage
	for _, st := range dockerfile.Parse(b).Stages {
		if st.Parent != nil || st.Base == "" {
			continue
		}
		label := "stage " + strconv.Itoa(st.Index+1)
		if st.Name != "" {
			label = "stage " + st.Name
		}
		out = append(out, stageImage{label: label, image: st.Image, raw: st.Base})
	}
	return out
}

// baseImages maps "Dockerfile (stage ...)" to the base image.
func baseImages(t snapshot.Tree, files []snapshot.FileInfo) map[string]string {
	out := map[string]string{}
	for _, f := range files {
		if !baseMatch(f.Path, dockerfileGlobs...) {
			continue
		}
		for _, img := range stageImages(t, f) {
			out[f.Path+" ("+img.label+")"] = img.raw
		}
	}
	return out
}

// fileID is a data or model file's identity on one side.
type fileID struct {
	kind string // lfs, dvc, git
	id   string // LFS oid, DVC md5, or "" for plain git files (compared by content)
	size int64
}

func artifacts(s *Side, models map[string]bool) map[string]fileID {
	out := map[string]fileID{}
	for _, f := range s.Files {
		switch {
		case f.LFS != nil:
			out[f.Path] = fileID{kind: "lfs", id: f.LFS.OID, size: f.LFS.Size}
		case strings.HasSuffix(f.Path, ".dvc"):
			df, err := dvc.ParseFile(readSmall(s.Tree, f))
			if err != nil {
				continue
			}
			dir := path.Dir(f.Path)
			for _, o := range df.Outs {
				p := path.Clean(path.Join(dir, df.Wdir, o.Path))
				size := o.Size
				if size == 0 && o.MD5 == "" {
					size = -1
				}
				out[p] = fileID{kind: "dvc", id: o.MD5, size: size}
			}
		case models[f.Path]:
			out[f.Path] = fileID{kind: "git", size: f.Size}
		}
	}
	return out
}

func diffArtifacts(base, head *Side) []ArtifactChange {
	out := []ArtifactChange{}
	bm, hm := models(base), models(head)
	ba, ha := artifacts(base, bm), artifacts(head, hm)
	for _, p := range unionKeys(ba, ha) {
		b, inB := ba[p]
		h, inH := ha[p]
		c := ArtifactChange{Path: p, Model: bm[p] || hm[p], BeforeSize: -1, AfterSize: -1}
		switch {
		case !inB:
			c.Change, c.Kind, c.AfterSize = Added, h.kind, h.size
		case !inH:
			c.Change, c.Kind, c.BeforeSize = Removed, b.kind, b.size
		default:
			c.Kind, c.BeforeSize, c.AfterSize = h.kind, b.size, h.size
			if b.kind == h.kind && b.id == h.id && b.size == h.size && (b.kind != "git" || sameContent(base.Tree, head.Tree, p, b.size)) {
				continue
			}
			c.Change = Changed
		}
		out = append(out, c)
	}
	return out
}

// sameContent compares a plain git file on both sides; files over 64 MiB
// of equal size are taken as unchanged rather than read twice.
func sameContent(a, b snapshot.Tree, p string, size int64) bool {
	if size > 64<<20 {
		return true
	}
	x, err1 := a.ReadFile(p)
	y, err2 := b.ReadFile(p)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

var cardNameRe = lazyre.New(`(?i)(^|[._-])model[_-]?card([._-]|$)`)

// modelCards maps each model card's path to its content.
func modelCards(t snapshot.Tree, files []snapshot.FileInfo) map[string]string {
	out := map[string]string{}
	for _, f := range files {
		base := path.Base(f.Path)
		ext := strings.ToLower(path.Ext(base))
		if ext != ".md" && ext != ".markdown" {
			continue
		}
		if cardNameRe().MatchString(strings.TrimSuffix(base, path.Ext(base))) {
			out[f.Path] = string(readSmall(t, f))
			continue
		}
		if strings.EqualFold(base, "README.md") {
			b := readSmall(t, f)
			if b != nil && modelcard.Parse(b).LooksLikeCard() {
				out[f.Path] = string(b)
			}
		}
	}
	return out
}
