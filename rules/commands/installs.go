package commands

import (
	"path"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/shellcmd"
	"github.com/git-repro/git-repro/rules/internal/shell"
	"github.com/git-repro/git-repro/rules/pip"
)

// installs reports the install commands of a Markdown doc, a script or a
// Makefile that leave packages unpinned (REPRO-DEP-141), worded as the
// notebook and CI rules word theirs.
func installs(p *checks.Pass, f *shell.File, own []shellcmd.Clone, add func(string, checks.Diag)) {
	names := ownNames(p)
	for _, in := range f.Installs {
		pinned, ok := filePins(p, f, in, own)
		if !ok {
			continue
		}
		// The project itself ("pip install mylib", "pip install
		// git+https://github.com/me/mylib") is how users get it, as a
		// clone of it is; its manifest is the pip and deps rules' business.
		ownOrPinned := func(key string) bool { return names[canonical(repoName(key))] || pinned != nil && pinned(key) }
		prob, ok := shell.Unpinned(in, ownOrPinned)
		if !ok {
			continue
		}
		add(installID, checks.Diag{Pos: checks.Pos{Path: f.Path, Line: in.Line, Col: in.Col},
			Message: prob.What + "; " + prob.Fix})
	}
}

// filePins returns what the command's own -r and -c files pin; ok is
// false when they cannot be read, and the command is then not judged (it
// may install from a clone of another project, whose files are not
// here). Commands run from the repository root: a README's are typed
// there, a script or a Makefile is run from there (or, failing that, from
// its own directory). Inside a clone of the project itself, the clone's
// directory is the repository root.
func filePins(p *checks.Pass, f *shell.File, in shellcmd.Install, own []shellcmd.Clone) (func(string) bool, bool) {
	files := append(append([]string(nil), in.Files...), in.Constraints...)
	if len(files) == 0 {
		return nil, true
	}
	dir := rootRelative(in.Dir, own)
	if strings.Contains(dir, shellcmd.Unknown) || path.IsAbs(dir) {
		return nil, false
	}
	dirs := []string{dir}
	if f.Kind != shell.Markdown {
		dirs = append(dirs, path.Join(path.Dir(f.Path), dir))
	}
	for _, d := range dirs {
		if pins, ok := pip.FilePins(p.Tree, d)(files); ok {
			return func(name string) bool { return pins[name] }, true
		}
	}
	return nil, false
}

// within reports whether dir is root or below it, and dir relative to
// root.
func within(dir, root string) (string, bool) {
	switch {
	case root == "" || root == shellcmd.Unknown:
		return "", false
	case dir == root:
		return ".", true
	case strings.HasPrefix(dir, root+"/"):
		return strings.TrimPrefix(dir, root+"/"), true
	}
	return "", false
}
