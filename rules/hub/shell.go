package hub

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/rules/internal/pyfile"
)

// Hub ids given on a command line: a shell script runs
//
//	accelerate launch train.py --pretrained_model_name_or_path=$MODEL_NAME
//
// and train.py passes the option (a required one, or one whose default is
// None) to from_pretrained. The file alone does not say what it loads; the
// script does, so a script that gives the id and no revision is reported at
// the script's line. Only the script's own variables (NAME=value, export
// NAME=value) are expanded.

// isShell reports whether p names a shell script.
func isShell(p string) bool {
	return strings.HasSuffix(p, ".sh") || strings.HasSuffix(p, ".bash")
}

// maxScript bounds the shell scripts read.
const maxScript = 1 << 20

// shellWord is one word of a command, with the line it is on.
type shellWord struct {
	s    string
	line int
}

var (
	shellAssignRe = regexp.MustCompile(`^(?:export\s+|readonly\s+|declare\s+(?:-\w+\s+)?)?([A-Za-z_]\w*)=(.*)$`)
	shellVarRe    = regexp.MustCompile(`\$\{([A-Za-z_]\w*)(?::?[-=]([^}]*))?\}|\$([A-Za-z_]\w*)`)
)

// shellCommands splits a script into commands (continuation lines joined,
// comments dropped), words quoted as the shell quotes them, with the
// script's variables expanded where their value is known.
func shellCommands(src string) [][]shellWord {
	vars := map[string]string{}
	var out [][]shellWord
	var cur []shellWord
	lines := strings.Split(src, "\n")
	for i, raw := range lines {
		line := strings.TrimRight(raw, " \t\r")
		cont := strings.HasSuffix(line, "\\")
		line = strings.TrimSuffix(line, "\\")
		words := splitWords(line)
		for _, w := range words {
			cur = append(cur, shellWord{s: expand(w, vars), line: i + 1})
		}
		if cont {
			continue
		}
		for _, cmd := range splitCommands(cur) {
			if len(cmd) == 1 {
				if m := shellAssignRe.FindStringSubmatch(cmd[0].s); m != nil {
					vars[m[1]] = m[2]
					continue
				}
			}
			if len(cmd) == 2 && (cmd[0].s == "export" || cmd[0].s == "readonly") {
				if m := shellAssignRe.FindStringSubmatch(cmd[1].s); m != nil {
					vars[m[1]] = m[2]
					continue
				}
			}
			out = append(out, cmd)
		}
		cur = nil
	}
	return out
}

// splitCommands splits at ;, && and || between words.
func splitCommands(words []shellWord) [][]shellWord {
	var out [][]shellWord
	var cur []shellWord
	for _, w := range words {
		if w.s == ";" || w.s == "&&" || w.s == "||" {
			out = append(out, cur)
			cur = nil
			continue
		}
		cur = append(cur, w)
	}
	return append(out, cur)
}

// splitWords splits a line into words: quotes group and are removed, a #
// at the start of a word starts a comment.
func splitWords(line string) []string {
	var out []string
	var sb strings.Builder
	in := false
	var quote rune
	for _, r := range line {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				sb.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, in = r, true
		case r == ' ' || r == '\t':
			if in {
				out = append(out, sb.String())
				sb.Reset()
				in = false
			}
		case r == '#' && !in:
			return out
		default:
			sb.WriteRune(r)
			in = true
		}
	}
	if in {
		out = append(out, sb.String())
	}
	return out
}

// expand replaces $NAME and ${NAME} with known values (and ${NAME:-x}
// with x when NAME is unknown); others stay as written.
func expand(w string, vars map[string]string) string {
	return shellVarRe.ReplaceAllStringFunc(w, func(m string) string {
		sm := shellVarRe.FindStringSubmatch(m)
		name := sm[1] + sm[3]
		if v, ok := vars[name]; ok {
			return v
		}
		if sm[1] != "" && strings.Contains(m, "-") || strings.Contains(m, ":=") {
			return sm[2]
		}
		return m
	})
}

// cmdOption is an option a command line gives a Python program.
type cmdOption struct {
	dest, flag, value string
	line              int
}

// pythonCommand finds the Python program a command runs (a .py path, or a
// module after -m) and the options after it, keyed by argparse dest.
func pythonCommand(cmd []shellWord) (script string, module bool, opts map[string]cmdOption) {
	start := -1
	for i, w := range cmd {
		if strings.HasSuffix(w.s, ".py") && !strings.HasPrefix(w.s, "-") {
			script, start = w.s, i
			break
		}
		if w.s == "-m" && i > 0 && strings.HasPrefix(path.Base(cmd[i-1].s), "python") && i+1 < len(cmd) {
			script, module, start = cmd[i+1].s, true, i+1
			break
		}
	}
	if start < 0 {
		return "", false, nil
	}
	opts = map[string]cmdOption{}
	for i := start + 1; i < len(cmd); i++ {
		w := cmd[i].s
		if !strings.HasPrefix(w, "--") || len(w) < 3 {
			continue
		}
		name, value, ok := strings.Cut(w, "=")
		if !ok && i+1 < len(cmd) && !strings.HasPrefix(cmd[i+1].s, "-") {
			value = cmd[i+1].s
		}
		dest := strings.ReplaceAll(strings.TrimLeft(name, "-"), "-", "_")
		opts[dest] = cmdOption{dest: dest, flag: name, value: value, line: cmd[i].line}
	}
	return script, module, opts
}

// checkShell reports the Hub ids a shell script gives Python programs of
// the repository on their command lines without a pinned revision.
func checkShell(p *checks.Pass, fp string) []finding {
	fi, err := p.Tree.Stat(fp)
	if err != nil || fi.LFS != nil || fi.Size > maxScript {
		return nil
	}
	b, err := p.Tree.ReadFile(fp)
	if err != nil {
		return nil
	}
	var out []finding
	lines := strings.Split(string(b), "\n")
	for _, cmd := range shellCommands(string(b)) {
		script, module, opts := pythonCommand(cmd)
		if script == "" || len(opts) == 0 {
			continue
		}
		g := programOf(p, fp, script, module)
		if g == nil || g.Mod == nil {
			continue
		}
		if fd, ok := commandFinding(p, fp, g, opts); ok {
			if l := fd.diag.Pos.Line; l >= 1 && l <= len(lines) {
				fd.diag.Pos.Col = strings.Index(lines[l-1], opts[fd.opt].flag) + 1
			}
			out = append(out, fd)
		}
	}
	return out
}

// programOf finds the Python file a command runs: a path relative to the
// root or to the script's directory, or a module name.
func programOf(p *checks.Pass, from, script string, module bool) *pyfile.File {
	if module {
		if fp := pyfile.FindModule(p, from, script); fp != "" {
			return pyfile.Load(p, fp)
		}
		return nil
	}
	script = strings.TrimPrefix(script, "./")
	for _, cand := range []string{path.Clean(script), path.Clean(path.Join(path.Dir(from), script))} {
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
			if id.opt == "" || !given || !c.hubID(o.value, l.kind) {
				continue
			}
			if v, ok := e.Call.Keyword("local_files_only"); ok && v == "True" {
				continue
			}
			revFlag := ""
			if revExpr, ok := e.Call.Keyword("revision"); ok {
				rev := c.r.resolve(g, fn, k, revExpr)
				if ro, ok := opts[rev.opt]; rev.opt != "" && ok {
					rev = strValue{s: ro.value, ok: true}
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
	return finding{rule: "REPRO-DEP-144", opt: idOpt.dest, diag: checks.Diag{
		Pos: checks.Pos{Path: shellPath, Line: idOpt.line},
		Message: fmt.Sprintf("%s=%s gives the Hub %s %q to %s without a pinned revision, so it gets whatever the repository holds on the day it runs; %s",
			idOpt.flag, idOpt.value, repo, idOpt.value, what, fix),
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
