package deps

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/pyproject"
)

// A uv workspace keeps one uv.lock at its root for the root project and
// every member ([tool.uv.workspace] members, glob patterns allowed, minus
// exclude). Without it the workspace is reported once, at the root's
// [tool.uv.workspace] table, rather than once per member; a member's
// dependencies on other members ({workspace = true}) are code of the
// repository, not unpinned packages (parse/pyproject applies
// [tool.uv.sources]).

// uvWorkspace describes the workspace a project directory belongs to.
type uvWorkspace struct {
	root     string // the root's directory
	file     string // the root's pyproject.toml
	line     int    // of [tool.uv.workspace]
	members  []string
	excludes []string
}

// uvWorkspaceOf returns the uv workspace dir is the root or a member of,
// or nil. The root's pyproject.toml is read quietly: a parse error in it
// is reported when the root itself is checked.
func (a *analysis) uvWorkspaceOf(dir string) *uvWorkspace {
	for d := dir; ; d = path.Dir(d) {
		if ws := a.uvWorkspaceAt(d); ws != nil {
			rel := strings.TrimPrefix(dir, d+"/")
			if d == "." || d == "" {
				rel = dir
			}
			if d == dir || matchAny(ws.members, rel) && !matchAny(ws.excludes, rel) {
				return ws
			}
		}
		if d == "." || d == "/" || d == "" {
			return nil
		}
	}
}

// uvWorkspaceAt returns the workspace whose root is d, or nil.
func (a *analysis) uvWorkspaceAt(d string) *uvWorkspace {
	return a.p.Memo("deps:uv-workspace:"+d, func() any {
		f := joinDir(d, "pyproject.toml")
		if !a.exists(f) {
			return (*uvWorkspace)(nil)
		}
		proj, ok := a.parsed("pyproject", f, func(b []byte) (any, error) { return pyproject.Parse(b) }).(*pyproject.Project)
		if !ok {
			return (*uvWorkspace)(nil)
		}
		src := proj.Sources()
		if len(src.Members) == 0 {
			return (*uvWorkspace)(nil)
		}
		return &uvWorkspace{root: d, file: f, line: proj.Index.Line("tool", "uv", "workspace"), members: src.Members, excludes: src.Excludes}
	}).(*uvWorkspace)
}

// matchAny reports whether rel matches one of the glob patterns.
func matchAny(patterns []string, rel string) bool {
	for _, p := range patterns {
		if ok, _ := path.Match(p, rel); ok {
			return true
		}
	}
	return false
}

// workspaceNoLock reports a workspace without uv.lock, once per run.
func (a *analysis) workspaceNoLock(ws *uvWorkspace) {
	a.p.Memo("deps:uv-workspace-reported:"+ws.root, func() any {
		var members []string
		for _, m := range ws.members {
			members = append(members, fmt.Sprintf("%q", m))
		}
		sort.Strings(members)
		a.Add(libNoLockID, checks.Diag{Pos: checks.Pos{Path: ws.file, Line: ws.line},
			Message: fmt.Sprintf("the uv workspace %s (members %s) has no uv.lock: every install resolves the dependencies of the root and its members anew",
				dirLabel(ws.root), strings.Join(members, ", ")),
			Hint: "run \"uv lock\" at the workspace root and commit uv.lock (one lock for every member); install with \"uv sync --locked\"",
			Key:  "uv-workspace-no-lock"})
		return true
	})
}
