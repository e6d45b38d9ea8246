package pyproject

import (
	"path"
	"strings"

	"github.com/git-repro/git-repro/parse/pipreq"
)

// Sources says where a project's code comes from in the repository: the
// directories that hold its own top-level packages, and the other
// projects of the repository that installing it installs too (path
// dependencies and workspace members). Paths are as written, relative to
// the manifest's directory, slash-separated and cleaned.
type Sources struct {
	// PackageDirs hold the project's own top-level packages when they are
	// not at its root: Poetry's packages = [{include = "x", from = "src"}],
	// setuptools' package-dir = {"" = "src"} and packages.find where =,
	// Hatch's wheel packages = ["src/x"] (the directory above each).
	PackageDirs []string
	// PathDeps are the local directories the project depends on: Poetry
	// {path = "../core"} in any group, uv's [tool.uv.sources] {path =
	// "../core"}, and PEP 508 file: references ("core @ file:///${PROJECT_ROOT}/../core",
	// "core @ file:../core").
	PathDeps []string
	// Members are the uv workspace's members ([tool.uv.workspace]
	// members, which may be glob patterns such as "packages/*"), and
	// WorkspaceDeps the dependencies declared {workspace = true} in
	// [tool.uv.sources] (canonical names): members installed with it.
	Members       []string
	WorkspaceDeps []string
	// Excludes are the workspace's exclude patterns, which members globs
	// do not take in.
	Excludes []string
}

// Sources returns where the project's code comes from (see Sources).
func (p *Project) Sources() Sources {
	var s Sources
	doc := p.Doc
	tool, _ := doc["tool"].(map[string]any)
	addDir := func(list *[]string, d string) {
		d = strings.TrimSpace(d)
		if d == "" {
			return
		}
		d = path.Clean(strings.TrimPrefix(strings.ReplaceAll(d, `\`, "/"), "./"))
		for _, x := range *list {
			if x == d {
				return
			}
		}
		*list = append(*list, d)
	}
	// the project's own package directories
	if poetry, ok := tool["poetry"].(map[string]any); ok {
		for _, e := range asAnySlice(poetry["packages"]) {
			if t, ok := e.(map[string]any); ok {
				if from, ok := t["from"].(string); ok {
					addDir(&s.PackageDirs, from)
				}
			}
		}
		for _, table := range poetryDepTables(poetry) {
			for _, name := range sortedKeys(table) {
				for _, v := range append([]any{table[name]}, asAnySlice(table[name])...) {
					if t, ok := v.(map[string]any); ok {
						if pth, ok := t["path"].(string); ok && !archive(pth) {
							addDir(&s.PathDeps, pth)
						}
					}
				}
			}
		}
	}
	if st, ok := tool["setuptools"].(map[string]any); ok {
		if pd, ok := st["package-dir"].(map[string]any); ok {
			if root, ok := pd[""].(string); ok {
				addDir(&s.PackageDirs, root)
			}
		}
		if pk, ok := st["packages"].(map[string]any); ok {
			if find, ok := pk["find"].(map[string]any); ok {
				for _, w := range asSlice(find["where"]) {
					addDir(&s.PackageDirs, w)
				}
			}
		}
	}
	if hatch, ok := tool["hatch"].(map[string]any); ok {
		build, _ := hatch["build"].(map[string]any)
		targets, _ := build["targets"].(map[string]any)
		wheel, _ := targets["wheel"].(map[string]any)
		for _, pk := range asSlice(wheel["packages"]) {
			if d := path.Dir(path.Clean(pk)); d != "." {
				addDir(&s.PackageDirs, d)
			}
		}
	}
	// path dependencies and workspace members
	if uv, ok := tool["uv"].(map[string]any); ok {
		if src, ok := uv["sources"].(map[string]any); ok {
			for _, name := range sortedKeys(src) {
				for _, v := range append([]any{src[name]}, asAnySlice(src[name])...) {
					t, ok := v.(map[string]any)
					if !ok {
						continue
					}
					if pth, ok := t["path"].(string); ok && !archive(pth) {
						addDir(&s.PathDeps, pth)
					}
					if ws, ok := t["workspace"].(bool); ok && ws {
						s.WorkspaceDeps = append(s.WorkspaceDeps, pipreq.CanonicalName(name))
					}
				}
			}
		}
		if ws, ok := uv["workspace"].(map[string]any); ok {
			for _, m := range asSlice(ws["members"]) {
				addDir(&s.Members, m)
			}
			for _, e := range asSlice(ws["exclude"]) {
				addDir(&s.Excludes, e)
			}
		}
	}
	for _, d := range p.Deps {
		r, ok := ParseRequirement(d.Spec)
		if !ok || r.URL == "" {
			continue
		}
		if pth, ok := fileURLPath(r.URL); ok && !archive(pth) {
			addDir(&s.PathDeps, pth)
		}
	}
	return s
}

// poetryDepTables are the dependency tables of [tool.poetry]: the main
// one, the old dev-dependencies and every group's.
func poetryDepTables(poetry map[string]any) []map[string]any {
	var out []map[string]any
	for _, k := range []string{"dependencies", "dev-dependencies"} {
		if t, ok := poetry[k].(map[string]any); ok {
			out = append(out, t)
		}
	}
	if gs, ok := poetry["group"].(map[string]any); ok {
		for _, g := range sortedKeys(gs) {
			gt, _ := gs[g].(map[string]any)
			if t, ok := gt["dependencies"].(map[string]any); ok {
				out = append(out, t)
			}
		}
	}
	return out
}

// fileURLPath returns the relative path of a PEP 508 file: reference:
// file:///${PROJECT_ROOT}/../core (PDM, Hatch) and file:../core; an
// absolute path outside the repository is not one.
func fileURLPath(u string) (string, bool) {
	rest, ok := strings.CutPrefix(u, "file:")
	if !ok {
		return "", false
	}
	rest = strings.TrimLeft(rest, "/")
	for _, root := range []string{"${PROJECT_ROOT}", "{root:uri}", "{root}"} {
		if r, ok := strings.CutPrefix(rest, root); ok {
			rest = strings.TrimPrefix(r, "/")
			if rest == "" {
				rest = "."
			}
			return rest, true
		}
	}
	if strings.HasPrefix(u, "file:/") {
		return "", false // file:///abs/path
	}
	return rest, true
}

// archive reports a path dependency on a built archive, not a directory.
func archive(p string) bool {
	return pipreq.IsArchive(p)
}
