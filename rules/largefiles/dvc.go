package largefiles

import (
	"path"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/dvc"
	"github.com/git-repro/git-repro/rules/artifact"
	"github.com/git-repro/git-repro/snapshot"
)

// DVC rules belong to the large-files family (listed in its rules):
// DVC is where large data and models go, so its files must be complete.

var dvcRules = []*checks.Rule{
	{
		ID: "REPRO-LARGE-010", Category: checks.CatLargeFiles, Severity: checks.Error,
		Title:       "dvc file cannot be parsed",
		Doc:         `A .dvc file, dvc.yaml or dvc.lock that is not valid YAML (or not DVC's shape) breaks "dvc pull" and "dvc repro" for everyone who clones the repository.`,
		Remediation: "fix the file at the reported line; `dvc status` shows DVC's own reading of it",
		Run:         runDVCParse,
	},
	{
		ID: "REPRO-LARGE-011", Category: checks.CatLargeFiles, Severity: checks.Error,
		Title: "dvc.lock not committed",
		Doc: `dvc.lock records the exact hashes of every stage's dependencies and outputs.
Without it a clone cannot "dvc pull" the results or tell whether "dvc repro" must
rerun anything: the pipeline's data versions are not pinned.`,
		Remediation: "run `dvc repro` (or `dvc commit`) and commit dvc.lock: `git add dvc.lock`",
		Run:         runDVCLock,
	},
	{
		ID: "REPRO-LARGE-012", Category: checks.CatLargeFiles, Severity: checks.Error,
		Title: "dvc stage dependency does not exist",
		Doc: `A dvc.yaml stage depends on a path that is neither in the repository, nor
tracked by DVC (a .dvc file), nor produced by a stage. "dvc repro" fails on a fresh
clone: the file exists only on the author's machine.`,
		Remediation: "commit the file, track it with `dvc add PATH` (and commit PATH.dvc), or add the stage that produces it",
		Run:         runDVCDeps,
	},
	{
		ID: "REPRO-LARGE-013", Category: checks.CatLargeFiles, Severity: checks.Warning,
		Title:       "dvc stage missing from dvc.lock",
		Doc:         `A stage of dvc.yaml that dvc.lock does not record has never been run (or its results were not committed), so its outputs are not versioned.`,
		Remediation: "run `dvc repro STAGE` and commit dvc.lock",
		Run:         runDVCLockStages,
	},
}

func isPipelineFile(p string) bool {
	b := path.Base(p)
	return b == "dvc.yaml" || b == "dvc.yml"
}

func runDVCParse(p *checks.Pass) {
	for _, f := range p.Targets {
		b := path.Base(f.Path)
		if !artifact.IsDVCFile(f.Path) && b != "dvc.lock" {
			continue
		}
		var err error
		if b == "dvc.lock" {
			err = p.Memo("dvclock:"+f.Path, func() any { return parseLock(p.Tree, f.Path) }).(artifact.ParsedDVC).Err
		} else {
			err = artifact.PassDVC(p)(f.Path).Err
		}
		if e, ok := err.(*dvc.Error); ok {
			p.Reportf(checks.Pos{Path: f.Path, Line: e.Line}, "dvc file %q: %s", f.Path, e.Msg)
		}
	}
}

func parseLock(tree snapshot.Tree, f string) artifact.ParsedDVC {
	b, err := tree.ReadFile(f)
	if err != nil {
		return artifact.ParsedDVC{Err: err}
	}
	pl, err := dvc.ParsePipeline(b)
	return artifact.ParsedDVC{Pipeline: pl, Err: err}
}

// pipelineTargets returns the dvc.yaml targets that parsed and have stages.
func pipelineTargets(p *checks.Pass) []string {
	var out []string
	for _, f := range p.Targets {
		if !isPipelineFile(f.Path) {
			continue
		}
		d := artifact.PassDVC(p)(f.Path)
		if d.Err == nil && d.Pipeline != nil && len(d.Pipeline.Stages) > 0 {
			out = append(out, f.Path)
		}
	}
	return out
}

func runDVCLock(p *checks.Pass) {
	for _, f := range pipelineTargets(p) {
		lock := path.Join(path.Dir(f), "dvc.lock")
		if _, err := p.Tree.Stat(lock); err == nil {
			continue
		}
		extra := ""
		if p.Tree.Ignored(lock) {
			extra = " (it is ignored by .gitignore: remove that rule)"
		}
		p.Reportf(checks.Pos{Path: f}, "%q has stages but %q is not committed%s: the pipeline's data versions are not pinned", f, lock, extra)
	}
}

func runDVCLockStages(p *checks.Pass) {
	for _, f := range pipelineTargets(p) {
		lock := path.Join(path.Dir(f), "dvc.lock")
		if _, err := p.Tree.Stat(lock); err != nil {
			continue // REPRO-LARGE-011
		}
		l := p.Memo("dvclock:"+lock, func() any { return parseLock(p.Tree, lock) }).(artifact.ParsedDVC)
		if l.Err != nil || l.Pipeline == nil {
			continue
		}
		locked := map[string]bool{}
		for _, st := range l.Pipeline.Stages {
			name, _, _ := strings.Cut(st.Name, "@") // foreach/matrix: "name@item"
			locked[name] = true
		}
		for _, st := range artifact.PassDVC(p)(f).Pipeline.Stages {
			if !locked[st.Name] {
				p.Reportf(checks.Pos{Path: f, Line: st.Line}, "stage %q of %q is not in %q: it has not been run, or its results were not committed", st.Name, f, lock)
			}
		}
	}
}

func runDVCDeps(p *checks.Pass) {
	for _, f := range pipelineTargets(p) {
		pl := artifact.PassDVC(p)(f).Pipeline
		dir := path.Dir(f)
		produced := producedPaths(dir, pl)
		for _, st := range pl.Stages {
			for _, d := range st.Deps {
				rp, ok := dvc.Resolve(dir, st.Wdir, d.Path)
				if !ok {
					continue // URL, absolute, templated, outside the repo
				}
				if depExists(p, rp, produced) {
					continue
				}
				p.Reportf(checks.Pos{Path: f, Line: d.Line}, "stage %q depends on %q, which is not in the repository, not tracked by DVC and not produced by a stage", st.Name, rp)
			}
		}
	}
}

// producedPaths lists what the pipeline's stages write: their outputs,
// and for templated outputs ("models/${item}.pkl") the directory before
// the template.
func producedPaths(dir string, pl *dvc.Pipeline) []string {
	var out []string
	for _, st := range pl.Stages {
		for _, o := range st.Outs {
			p := o.Path
			if i := strings.Index(p, "${"); i >= 0 {
				p = path.Dir(p[:i] + "x")
			}
			wdir := st.Wdir
			if strings.Contains(wdir, "${") {
				wdir = ""
			}
			if rp, ok := dvc.Resolve(dir, wdir, p); ok && rp != "." {
				out = append(out, rp)
			}
		}
	}
	return out
}

func depExists(p *checks.Pass, rp string, produced []string) bool {
	for _, o := range produced {
		// The dependency is an output, lies inside an output directory,
		// or is a directory outputs are written into.
		if o == rp || strings.HasPrefix(rp, o+"/") || strings.HasPrefix(o, rp+"/") {
			return true
		}
	}
	if _, err := p.Tree.Stat(rp); err == nil {
		return true
	}
	if _, ok := artifact.TrackedBy(p.Tree, rp, artifact.PassDVC(p)); ok {
		return true
	}
	// A directory: some committed file below it. The file list is asked
	// for only here, when a dependency is not a file.
	dirs := p.Memo("dvc-dirs", func() any {
		set := map[string]bool{}
		for _, f := range dvcAllFiles(p) {
			for d := path.Dir(f.Path); d != "." && !set[d]; d = path.Dir(d) {
				set[d] = true
			}
		}
		return set
	}).(map[string]bool)
	// (A directory whose files DVC tracks one by one holds their .dvc
	// files, so it is in dirs too.)
	if dirs[rp] {
		return true
	}
	// An output of a .dvc file not named after it ("dvc add --file",
	// "dvc import-url ... --file weights.dvc", a renamed .dvc file).
	outs := p.Memo("dvc-file-outs", func() any {
		var outs []string
		for _, f := range dvcAllFiles(p) {
			if !strings.HasSuffix(f.Path, ".dvc") || path.Base(f.Path) == ".dvc" {
				continue
			}
			for _, o := range artifact.Outputs(f.Path, artifact.PassDVC(p)(f.Path)) {
				if !o.NoCache {
					outs = append(outs, o.Path)
				}
			}
		}
		return outs
	}).([]string)
	for _, o := range outs {
		if o == rp || strings.HasPrefix(rp, o+"/") {
			return true
		}
	}
	return false
}

// dvcAllFiles is every file of the snapshot (the targets of a full run).
// It lists the repository at most once per run, and only when asked.
func dvcAllFiles(p *checks.Pass) []snapshot.FileInfo {
	if p.Full {
		return p.Targets
	}
	return p.Memo("dvc-all-files", func() any {
		all, err := p.Tree.Files()
		if err != nil {
			return []snapshot.FileInfo(nil)
		}
		return all
	}).([]snapshot.FileInfo)
}
