package deps

import (
	"fmt"
	"path"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/lockfile"
	"github.com/git-repro/git-repro/parse/pyproject"
)

// lockDrift compares the lock files beside a pyproject.toml with it.
func (a *analysis) lockDrift(dir string, proj *pyproject.Project) {
	manifest := joinDir(dir, "pyproject.toml")
	if lp := joinDir(dir, "poetry.lock"); a.exists(lp) {
		a.poetryDrift(lp, manifest, proj)
	}
	if lp := joinDir(dir, "uv.lock"); a.exists(lp) {
		a.uvDrift(lp, manifest, proj)
	}
}

func (a *analysis) poetryDrift(lockPath, manifest string, proj *pyproject.Project) {
	data, err := a.read(lockPath)
	if err != nil {
		return
	}
	l, err := lockfile.ParsePoetryLock(data)
	if err != nil {
		a.lockParseError(lockPath, err)
		return
	}
	if l.ContentHash == "" {
		a.Add(staleLockID, checks.Diag{Pos: checks.Pos{Path: lockPath}, Message: "poetry.lock has no [metadata] content-hash, so poetry cannot tell whether it matches pyproject.toml",
			Hint: poetryLockHint(l.GeneratedBy)})
		return
	}
	fresh, _, err := lockfile.PoetryFresh(l, proj.Doc)
	if err != nil {
		a.parseError(manifest, 0, err.Error())
		return
	}
	if fresh {
		return
	}
	gen := "poetry"
	if l.GeneratedBy != "" {
		gen = "poetry " + l.GeneratedBy
	}
	a.Add(staleLockID, checks.Diag{Pos: checks.Pos{Path: lockPath, Line: l.ContentHashLine},
		Message: fmt.Sprintf("poetry.lock is out of date: its content-hash does not match %q as %s computes it, so the dependencies changed after the lock was made", manifest, gen),
		Hint:    poetryLockHint(l.GeneratedBy)})
}

func poetryLockHint(version string) string {
	if strings.HasPrefix(version, "1.") || version == "" {
		return "run \"poetry lock --no-update\" (poetry 1.x: refreshes the lock without upgrading other packages) and commit poetry.lock"
	}
	return "run \"poetry lock\" (poetry 2 keeps the locked versions it can; \"--regenerate\" re-resolves everything) and commit poetry.lock"
}

func (a *analysis) uvDrift(lockPath, manifest string, proj *pyproject.Project) {
	data, err := a.read(lockPath)
	if err != nil {
		return
	}
	l, err := lockfile.ParseUVLock(data)
	if err != nil {
		a.lockParseError(lockPath, err)
		return
	}
	root := l.Root(proj.Name)
	if root == nil || !root.HasMetadata {
		return // a workspace member's lock, or an old lock format: nothing to compare
	}
	diffs := lockfile.CompareUV(proj.Doc, root)
	if len(diffs) == 0 {
		return
	}
	more := ""
	if len(diffs) > 3 {
		more = fmt.Sprintf(" (and %d more)", len(diffs)-3)
		diffs = diffs[:3]
	}
	line := root.RequiresDistLine
	if line == 0 {
		line = root.Line
	}
	a.Add(staleLockID, checks.Diag{Pos: checks.Pos{Path: lockPath, Line: line},
		Message: fmt.Sprintf("uv.lock is out of date with %q: %s%s", manifest, strings.Join(diffs, "; "), more),
		Hint:    "run \"uv lock\" and commit uv.lock (\"uv lock --check\" fails in CI when it is stale)",
		Key:     "uv.lock stale"})
}

func (a *analysis) pipfileDrift(dir string, pf *pyproject.Pipfile) {
	lockPath := joinDir(dir, "Pipfile.lock")
	data, err := a.read(lockPath)
	if err != nil {
		return
	}
	l, err := lockfile.ParsePipfileLock(data)
	if err != nil {
		a.lockParseError(lockPath, err)
		return
	}
	if l.Hash == "" {
		a.Add(staleLockID, checks.Diag{Pos: checks.Pos{Path: lockPath}, Message: "Pipfile.lock has no _meta.hash.sha256, so pipenv cannot tell whether it matches the Pipfile",
			Hint: "run \"pipenv lock\" and commit Pipfile.lock"})
		return
	}
	hashes, err := lockfile.PipfileHashes(pf.Doc, l.Sources)
	if err != nil {
		a.parseError(joinDir(dir, "Pipfile"), 0, err.Error())
		return
	}
	for _, h := range hashes {
		if h == l.Hash {
			return
		}
	}
	a.Add(staleLockID, checks.Diag{Pos: checks.Pos{Path: lockPath, Line: l.HashLine},
		Message: fmt.Sprintf("Pipfile.lock is out of date: its _meta.hash does not match %q, so the Pipfile changed after the lock was made", path.Join(dir, "Pipfile")),
		Hint:    "run \"pipenv lock\" and commit Pipfile.lock (\"pipenv verify\" checks it)"})
}

func (a *analysis) lockParseError(file string, err error) {
	if pe, ok := err.(*pyproject.Error); ok {
		a.parseError(file, pe.Line, pe.Msg)
		return
	}
	a.parseError(file, 0, err.Error())
}
