package deps

import (
	"path"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/shellcmd"
	"github.com/git-repro/git-repro/parse/snakefile"
	"github.com/git-repro/git-repro/rules/internal/shell"
	"github.com/git-repro/git-repro/snapshot"
)

// Conda environments by reference. Besides the names environment files
// go by (isCondaEnvName), a YAML file is an environment when something
// that creates environments names it and its content is one
// (conda.Env.EnvShaped): a Snakemake rule's conda: directive (Snakefile,
// *.smk; the path is relative to the file that holds the directive), or
// "conda env create -f X" (update, mamba, micromamba create/install -f)
// in a README or other Markdown doc, a script, a Makefile, a notebook or a
// CI step.
//
// A full run reads every such file. A hook run does not list the
// repository: it reads the Snakefile at the places Snakemake looks for it
// (Snakefile, workflow/Snakefile) and the files it includes, and the
// staged files; to confirm a staged YAML file, also the root README.md and
// Makefile (not on the usual path: a staged manifest only looks for the
// environments beside it).

// maybeCondaEnv matches the files that may be a conda environment: the
// names environment files go by, and any other YAML file outside CI
// workflows (which one is an environment is decided by isCondaEnv).
func maybeCondaEnv(p string) bool {
	if isCondaEnvName(p) {
		return true
	}
	if isCondaLockFile(p) || checks.BaseMatch(p, "conda-lock*") || strings.Contains(p, ".github/workflows/") {
		return false
	}
	return checks.BaseMatch(p, "*.yml", "*.yaml")
}

// condaRef is where an environment file is named.
type condaRef struct {
	from string // the file that names it
	line int
}

// condaRefs returns the environment files the repository's workflows and
// commands name (paths that exist), with the first place naming each. On
// a hook run, docs adds the root README.md and Makefile to what is read.
func (a *analysis) condaRefs(docs bool) map[string]condaRef {
	key := "deps:conda-refs"
	if !a.p.Full && !docs {
		key += ":no-docs"
	}
	return a.p.Memo(key, func() any {
		refs := map[string]condaRef{}
		add := func(target string, from string, line int) {
			target = path.Clean(target)
			if strings.HasPrefix(target, "../") || target == ".." || path.IsAbs(target) {
				return
			}
			if _, ok := refs[target]; ok || !a.exists(target) {
				return
			}
			refs[target] = condaRef{from: from, line: line}
		}
		seenSnake := map[string]bool{}
		var snake func(f string, depth int)
		snake = func(f string, depth int) {
			if seenSnake[f] || depth > 10 {
				return
			}
			seenSnake[f] = true
			data, err := a.read(f)
			if err != nil {
				return
			}
			sf := snakefile.Parse(data)
			for _, c := range sf.Conda {
				add(path.Join(path.Dir(f), c.Value), f, c.Line)
			}
			for _, inc := range sf.Includes {
				if g := path.Clean(path.Join(path.Dir(f), inc.Value)); a.exists(g) {
					snake(g, depth+1)
				}
			}
		}
		commands := func(fi snapshot.FileInfo) {
			kind := shell.KindOf(a.p.Tree, fi)
			if kind == shell.None || kind == shell.Snakefile {
				return
			}
			if f := shell.Load(a.p, fi.Path, kind); f != nil {
				a.envCommands(f.Result, fi.Path, kind != shell.Markdown, add)
			}
		}
		var files []snapshot.FileInfo
		if a.p.Full {
			for _, fi := range a.allFileInfos() {
				if snakefile.IsFile(fi.Path) {
					snake(fi.Path, 0)
				} else {
					files = append(files, fi)
				}
			}
			for _, wf := range a.workflows() {
				for _, j := range wf.w.Jobs {
					for _, s := range j.Steps {
						r := a.stepScript(wf.path, wf.data, s)
						a.envCommands(r.Result, wf.path, false, func(target, from string, line int) {
							add(path.Join(r.wd, target), from, line+r.lineOff)
						})
					}
				}
			}
		} else {
			for _, l := range snakefile.Locations {
				if a.exists(l) {
					snake(l, 0)
				}
			}
			files = append(files, a.p.Targets...)
			for _, n := range []string{"README.md", "Makefile"} {
				if !docs {
					break
				}
				if fi, err := a.p.Tree.Stat(n); err == nil && !a.p.IsTarget(n) {
					files = append(files, fi)
				}
			}
			for _, f := range a.p.Targets {
				if snakefile.IsFile(f.Path) {
					snake(f.Path, 0)
				}
			}
		}
		for _, fi := range files {
			if fi.LFS == nil && !snakefile.IsFile(fi.Path) && !strings.HasPrefix(fi.Path, ".github/workflows/") {
				commands(fi)
			}
		}
		return refs
	}).(map[string]condaRef)
}

// envCommands finds the commands of a file that create or update a conda
// environment from a YAML file and adds the files they name: relative to
// where the command runs (the repository root for a README or a CI step)
// and, for a script, a Makefile or a notebook, also relative to the file's
// own directory.
func (a *analysis) envCommands(r *shellcmd.Result, file string, ownDir bool, add func(target, from string, line int)) {
	if r == nil {
		return
	}
	for _, in := range r.Installs {
		if !in.Conda() || strings.Contains(in.Dir, shellcmd.Unknown) || path.IsAbs(in.Dir) {
			continue
		}
		for _, f := range in.Files {
			if ext := strings.ToLower(path.Ext(f)); (ext != ".yml" && ext != ".yaml") || path.IsAbs(f) || strings.Contains(f, "$") {
				continue
			}
			add(path.Join(in.Dir, f), file, in.Line)
			if ownDir {
				add(path.Join(path.Dir(file), in.Dir, f), file, in.Line)
			}
		}
	}
}
