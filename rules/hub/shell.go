package hub

import (
	"fmt"
	"path"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/dockerfile"
	"github.com/git-repro/git-repro/parse/shellcmd"
	"github.com/git-repro/git-repro/rules/internal/pyfile"
	"github.com/git-repro/git-repro/rules/internal/shell"
)

// Hub ids given on a command line: a shell script runs
//
//	accelerate launch train.py --pretrained_model_name_or_path=$MODEL_NAME
//
// and train.py passes the option (a required one, or one whose default is
// None) to from_pretrained. The file alone does not say what it loads; the
// script does, so a script that gives the id and no revision is reported at
// the script's line. The commands are read with parse/shellcmd (through
// rules/internal/shell, once per run for every family): shell scripts, the
// recipes of Makefiles and the "!" lines and %%bash cells of notebooks,
// each word with the value the text's own variables give it where that is
// known before the run.

// cmdOption is an option a command line gives a Python program.
type cmdOption struct {
	dest, flag, value string
	known             bool // value is known before the run
	def               bool // value is a default the script gives (${MODEL:-org/name})
	line, col         int  // where the option is written (col 0: not known)
}

// pythonCommand finds the Python program a command runs (a .py path, or a
// module after -m) and the options after it, keyed by argparse dest.
func pythonCommand(cmd shellcmd.Command) (script string, module bool, opts map[string]cmdOption) {
	ws := cmd.Words
	start := -1
	for i, w := range ws {
		if !w.Known {
			continue
		}
		if strings.HasSuffix(w.Value, ".py") && !strings.HasPrefix(w.Value, "-") {
			script, start = w.Value, i
			break
		}
		if w.Value == "-m" && i > 0 && ws[i-1].Known && strings.HasPrefix(path.Base(ws[i-1].Value), "python") && i+1 < len(ws) && ws[i+1].Known {
			script, module, start = ws[i+1].Value, true, i+1
			break
		}
	}
	if start < 0 {
		return "", false, nil
	}
	opts = map[string]cmdOption{}
	for i := start + 1; i < len(ws); i++ {
		w := ws[i].Value // the source text when not known
		if !strings.HasPrefix(w, "--") || len(w) < 3 {
			continue
		}
		name, value, ok := strings.Cut(w, "=")
		if dockerfile.Dynamic(name) {
			continue
		}
		known, def := ws[i].Known, ws[i].Default
		if !ok && i+1 < len(ws) && !strings.HasPrefix(ws[i+1].Value, "-") {
			value, known, def = ws[i+1].Value, ws[i+1].Known, ws[i+1].Default
		}
		dest := strings.ReplaceAll(strings.TrimLeft(name, "-"), "-", "_")
		opts[dest] = cmdOption{dest: dest, flag: name, value: value, known: known, def: def, line: ws[i].Line, col: ws[i].Col}
	}
	return script, module, opts
}

// checkShell reports the Hub ids that the command lines of a file that
// holds shell give Python programs of the repository without a pinned
// revision.
func checkShell(p *checks.Pass, fp string, kind shell.Kind) []finding {
	f := shell.Load(p, fp, kind)
	if f == nil {
		return nil
	}
	var out []finding
	var lines []string
	for _, cmd := range f.Commands {
		script, module, opts := pythonCommand(cmd)
		if script == "" || len(opts) == 0 {
			continue
		}
		g := programOf(p, fp, cmd.Dir, script, module)
		if g == nil || g.Mod == nil {
			continue
		}
		fd, ok := commandFinding(p, fp, g, opts)
		if !ok {
			continue
		}
		o := opts[fd.opt]
		switch _, src, nb := f.Source(o.line); {
		case nb:
			// the column in the .ipynb file, and the cell
			fd.diag.Pos.Col = src.Col + max(strings.Index(src.Text, o.flag), 0)
			fd.diag.Message = f.CellRef(o.line) + fd.diag.Message
		case o.col > 0:
			fd.diag.Pos.Col = o.col
		default:
			// a line make rewrote: the flag as written on it
			if lines == nil {
				b, _ := p.Tree.ReadFile(fp)
				lines = strings.Split(string(b), "\n")
			}
			if l := o.line; l >= 1 && l <= len(lines) {
				fd.diag.Pos.Col = strings.Index(lines[l-1], o.flag) + 1
			}
		}
		out = append(out, fd)
	}
	return out
}

// programOf finds the Python file a command runs in directory dir
// (relative to where the file's first command ran): a path relative to
// dir, the root or the file's directory, or a module name.
func programOf(p *checks.Pass, from, dir, script string, module bool) *pyfile.File {
	if module {
		if fp := pyfile.FindModule(p, from, script); fp != "" {
			return pyfile.Load(p, fp)
		}
		return nil
	}
	script = strings.TrimPrefix(script, "./")
	var cands []string
	if dir != "." && dir != shellcmd.Unknown && !path.IsAbs(dir) && !path.IsAbs(script) {
		cands = append(cands, path.Join(dir, script), path.Join(path.Dir(from), dir, script))
	}
	cands = append(cands, path.Clean(script), path.Clean(path.Join(path.Dir(from), script)))
	for _, cand := range cands {
		if !strings.HasPrefix(cand, "../") && !strings.HasPrefix(cand, "/") && pyfile.Exists(p, cand) {
			return pyfile.Load(p, cand)
		}
	}
	return nil
}

// commandFinding judges the loads of program g when it runs with opts:
// each load whose id is an option the command gives a Hub id, and whose
// revision the command leaves unpinned.
func commandFinding(p *checks.Pass, shellPath string, g *pyfile.File, opts map[string]cmdOption) (finding, bool) {
	c := &checker{p: p, f: g, r: resolver{p: p}}
	c.saved = savedPaths(g)
	type hit struct {
		kind    kind
		callee  string
		line    int
		revFlag string // the option that would pin it, "" if none
	}
	var hits []hit
	var idOpt cmdOption
	for _, fn := range pyfile.Funcs(g.Mod) {
		for k, e := range fn.Events {
			if e.Call == nil || e.Call.StarStar {
				continue
			}
			l, ok := hubLoad(g.Mod, e.Call)
			if !ok || !revisionKind(l.kind) {
				continue
			}
			id := c.r.resolve(g, fn, k, l.id)
			o, given := opts[id.opt]
			if id.opt == "" || !given || !o.known || !c.hubID(o.value, l.kind) {
				continue
			}
			if l.kind == kindFile && isTarget(p, g.Path) {
				if _, reported := c.unknownFile(fn, k, l); reported {
					continue // reported at the download itself, which no command can pin
				}
			}
			if v, ok := e.Call.Keyword("local_files_only"); ok && v == "True" {
				continue
			}
			revFlag := ""
			if revExpr, ok := e.Call.Keyword("revision"); ok {
				rev := c.r.resolve(g, fn, k, revExpr)
				if ro, ok := opts[rev.opt]; rev.opt != "" && ok {
					// one known only when it runs is taken to be pinned there
					rev = strValue{s: ro.value, ok: ro.known}
				}
				if pin, _ := classify(rev, true, false); pin == pinned {
					continue
				}
				if rev.opt != "" {
					revFlag = flagOf(g, rev.opt)
				}
			}
			if len(hits) == 0 {
				idOpt = o
			} else if o.value != idOpt.value {
				continue // one finding per id
			}
			hits = append(hits, hit{kind: l.kind, callee: e.Call.Callee, line: g.At(e.Call.Pos).Line, revFlag: revFlag})
		}
	}
	if len(hits) == 0 {
		return finding{}, false
	}
	what := fmt.Sprintf("%q at %s:%d", hits[0].callee, g.Path, hits[0].line)
	if len(hits) > 1 {
		what += fmt.Sprintf(" and %d more loads", len(hits)-1)
	}
	revFlag := ""
	for _, h := range hits {
		if h.revFlag != "" {
			revFlag = h.revFlag
			break
		}
	}
	fix := fmt.Sprintf("pass %s=<commit id> (40 hex characters) on this command", revFlag)
	if revFlag == "" {
		fix = fmt.Sprintf("%s has no option for the revision: add one, pass it to from_pretrained and give it here as a commit id (40 hex characters)", g.Path)
	}
	repo := "model"
	if hits[0].kind == kindDataset {
		repo = "dataset"
	}
	given := idOpt.value
	if idOpt.def {
		given += " (the script's default)"
	}
	return finding{rule: "REPRO-DEP-144", opt: idOpt.dest, diag: checks.Diag{
		Pos: checks.Pos{Path: shellPath, Line: idOpt.line},
		Message: fmt.Sprintf("%s=%s gives the Hub %s %q to %s without a pinned revision, so it gets whatever the repository holds on the day it runs; %s",
			idOpt.flag, given, repo, idOpt.value, what, fix),
	}}, true
}

// flagOf returns the flag of the argparse option stored in dest, as
// written (--revision), or --dest.
func flagOf(g *pyfile.File, dest string) string {
	for _, fn := range pyfile.Funcs(g.Mod) {
		for _, e := range fn.Events {
			if e.Call != nil && strings.HasSuffix(e.Call.Callee, "add_argument") {
				if d, flag := pyfile.ArgDest(e.Call); d == dest {
					return flag
				}
			}
		}
	}
	return "--" + dest
}

// isTarget reports whether fp is checked in this run, so that its own
// findings are reported.
func isTarget(p *checks.Pass, fp string) bool {
	return p.Memo("hub:targets", func() any {
		set := map[string]bool{}
		for _, t := range p.Targets {
			set[t.Path] = true
		}
		return set
	}).(map[string]bool)[fp]
}
