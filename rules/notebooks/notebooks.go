package notebooks

import (
	"fmt"
	"path"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/shellcmd"
	"github.com/git-repro/git-repro/rules/internal/pyfile"
	"github.com/git-repro/git-repro/rules/internal/shell"
	"github.com/git-repro/git-repro/rules/pip"
)

// Family is the notebooks family: Jupyter notebooks committed out of
// order, with error outputs, with unpinned "%pip install" lines, without
// kernel metadata, or unreadable. (The seeds family reads notebooks too:
// their code cells, in order, are one program.)
var Family = checks.Family{Name: "notebooks", Rules: rules, Settings: settings}

// settings is the notebooks: section of .repro.yaml. It has no settings
// yet, but the key is valid (and an unknown key under it is an error).
var settings = checks.SectionOf[Config]("notebooks")

// Config is the notebooks: section of .repro.yaml.
type Config struct{}

var rules = []*checks.Rule{
	{
		ID: "REPRO-NB-001", Category: checks.CatNotebooks, Severity: checks.Warning,
		Title: "notebook executed out of order",
		Doc: `The execution counts of the committed notebook are not 1, 2, 3, ... from top to
bottom: cells were run out of order, re-run, or deleted after running. The outputs
in the file then come from a kernel state that running the notebook from the top
does not reproduce (Pimentel et al., MSR 2019, found about a third of public
notebooks executed out of order).`,
		Remediation: "restart the kernel and run all cells top to bottom (Kernel > Restart & Run All), then commit; or strip outputs and counts with nbstripout",
		Run:         runNotebookOrder,
	},
	{
		ID: "REPRO-NB-002", Category: checks.CatNotebooks, Severity: checks.Warning,
		Title: "notebook committed with an error output",
		Doc: `A code cell's committed output is an exception traceback: the notebook as
committed did not run cleanly, so its later outputs and results were not produced
by the code that is in it.`,
		Remediation: "fix the failing cell, restart the kernel and run all cells, then commit",
		Run:         runNotebookErrors,
	},
	{
		ID: "REPRO-NB-003", Category: checks.CatNotebooks, Severity: checks.Warning,
		Title: "unpinned pip or conda install in a notebook",
		Doc: `"%pip install pkg", "!pip install pkg" (also pip3, python -m pip, uv pip,
"{sys.executable} -m pip") and "%conda install pkg" in a notebook install whatever
version is newest on the day the notebook runs, so its environment drifts like an
unpinned requirements file. One finding per command names all its unpinned packages
(pip, setuptools and wheel themselves are not reported, nor packages that the
command's own -r or -c files pin). The line is read as the shell reads it:
"!pip install transformers>=4.30" is "pip install transformers" with its output
redirected to a file "=4.30", so the version is lost; the finding says so.`,
		Remediation: "pin each package (`%pip install numpy==1.26.4`), quote requirements that hold < or > (`'torch>=2.1,<2.2'`), or install from a pinned requirements file (`%pip install -r requirements.txt`)",
		Run:         runNotebookPip,
	},
	{
		ID: "REPRO-NB-004", Category: checks.CatNotebooks, Severity: checks.Info,
		Title: "notebook does not record its kernel language or version",
		Doc: `nbformat 4 keeps the kernel (metadata.kernelspec) and the language and its
version (metadata.language_info.name and .version) in the notebook. Without them a
reader cannot tell which Python the results came from.`,
		Remediation: "save the notebook from a running kernel so that Jupyter writes metadata.kernelspec and metadata.language_info (or keep them when stripping outputs)",
		Run:         runNotebookKernel,
	},
	{
		ID: "REPRO-NB-005", Category: checks.CatNotebooks, Severity: checks.Warning,
		Title:       "notebook cannot be read",
		Doc:         `The .ipynb file is not valid JSON or not an nbformat 4 notebook, so neither Jupyter nor the checks can read it reliably.`,
		Remediation: "repair the file (a merge conflict left in the JSON is the usual cause) or convert it with `jupyter nbconvert --to notebook`",
		Run:         runNotebookInvalid,
	},
}

// notebookTargets yields the readable notebooks among the targets.
func notebookTargets(p *checks.Pass, fn func(nb *pyfile.Notebook)) {
	for _, t := range p.Targets {
		if !pyfile.IsNotebook(t.Path) || t.LFS != nil {
			continue
		}
		if nb := pyfile.LoadNotebook(p, t.Path); nb != nil && nb.Err == nil {
			fn(nb)
		}
	}
}

func runNotebookOrder(p *checks.Pass) {
	notebookTargets(p, func(nb *pyfile.Notebook) {
		type run struct{ cell, ci, n int }
		var runs []run
		for ci, c := range nb.Doc.Cells {
			if c.Type == "code" && c.ExecCount != nil {
				runs = append(runs, run{ci + 1, ci, *c.ExecCount})
			}
		}
		// out of order first: it is the stronger statement
		for i := 1; i < len(runs); i++ {
			if r, prev := runs[i], runs[i-1]; r.n <= prev.n {
				p.Reportf(nb.CellPos(r.ci, "execution_count"), "cell %d has execution count %d after cell %d's %d: the notebook was executed out of order; restart the kernel, run all cells top to bottom and commit that", r.cell, r.n, prev.cell, prev.n)
				return
			}
		}
		for i, r := range runs {
			switch {
			case i == 0 && r.n != 1:
				p.Reportf(nb.CellPos(r.ci, "execution_count"), "the first executed cell (cell %d) has execution count %d, not 1: other code ran in the kernel first; restart the kernel and run all cells top to bottom", r.cell, r.n)
				return
			case i > 0 && r.n != runs[i-1].n+1:
				prev := runs[i-1]
				p.Reportf(nb.CellPos(r.ci, "execution_count"), "execution counts jump from %d (cell %d) to %d (cell %d): cells were re-run, run elsewhere or deleted; restart the kernel and run all cells top to bottom", prev.n, prev.cell, r.n, r.cell)
				return
			}
		}
	})
}

func runNotebookErrors(p *checks.Pass) {
	notebookTargets(p, func(nb *pyfile.Notebook) {
		for ci, c := range nb.Doc.Cells {
			for oi, o := range c.Outputs {
				if o.OutputType != "error" {
					continue
				}
				what := o.Ename
				if o.Evalue != "" {
					what += ": " + o.Evalue
				}
				if len(what) > 120 {
					what = what[:117] + "..."
				}
				p.Reportf(nb.CellPos(ci, fmt.Sprintf("outputs/%d", oi)), "cell %d has an error output committed (%q); fix the cell, re-run the notebook from the top and commit the clean outputs", ci+1, what)
			}
		}
	})
}

func runNotebookPip(p *checks.Pass) {
	for _, t := range p.Targets {
		if !pyfile.IsNotebook(t.Path) || t.LFS != nil {
			continue
		}
		f := shell.Load(p, t.Path, shell.Notebook)
		if f == nil {
			continue
		}
		for _, in := range f.Installs {
			// Jupyter runs a notebook's shell lines in its directory.
			pins, ok := filePins(p, path.Join(path.Dir(t.Path), in.Dir), in)
			if !ok {
				continue
			}
			prob, ok := shell.Unpinned(in, pins)
			if !ok {
				continue
			}
			cell, src, _ := f.Source(in.Line)
			text := f.Command(in.Line)
			pos := checks.Pos{Path: t.Path, Line: in.Line, Col: src.Col + len(src.Text) - len(strings.TrimLeft(src.Text, " \t"))}
			p.Reportf(pos, "%q in cell %d is a %s; %s", text, cell, prob.What, prob.Fix)
		}
	}
}

// filePins returns what the command's own -r and -c files pin, read
// relative to dir; ok is false when they cannot be read (the command is
// then not judged).
func filePins(p *checks.Pass, dir string, in shellcmd.Install) (func(string) bool, bool) {
	files := append(append([]string(nil), in.Files...), in.Constraints...)
	if len(files) == 0 {
		return nil, true
	}
	if strings.Contains(dir, shellcmd.Unknown) {
		return nil, false
	}
	pins, ok := pip.FilePins(p.Tree, dir)(files)
	return func(name string) bool { return pins[name] }, ok
}

func runNotebookKernel(p *checks.Pass) {
	notebookTargets(p, func(nb *pyfile.Notebook) {
		md := nb.Doc.Metadata
		var missing []string
		if (md.Kernelspec == nil || md.Kernelspec.Language == "") && (md.LanguageInfo == nil || md.LanguageInfo.Name == "") {
			missing = append(missing, "the kernel language (metadata.kernelspec.language / language_info.name)")
		}
		if md.LanguageInfo == nil || md.LanguageInfo.Version == "" {
			missing = append(missing, "the language version (metadata.language_info.version)")
		}
		if len(missing) == 0 {
			return
		}
		p.Reportf(nb.PosOf("metadata"), "notebook metadata does not record %s; save it from a running kernel so Jupyter writes them", strings.Join(missing, " or "))
	})
}

func runNotebookInvalid(p *checks.Pass) {
	for _, t := range p.Targets {
		if !pyfile.IsNotebook(t.Path) || t.LFS != nil {
			continue
		}
		nb := pyfile.LoadNotebook(p, t.Path)
		if nb == nil || nb.Err == nil {
			continue
		}
		line := nb.ErrLine
		if line == 0 {
			line = 1
		}
		p.Reportf(checks.Pos{Path: t.Path, Line: line}, "notebook cannot be read: %s; repair the JSON (look for a merge conflict) and make it nbformat 4", strings.ToLower(nb.Err.Error()[:1])+nb.Err.Error()[1:])
	}
}
