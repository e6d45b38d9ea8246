package docker

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/git-repro/git-repro/rules/internal/wording"

	"github.com/git-repro/git-repro/checks"

	"github.com/git-repro/git-repro/parse/dockerfile"
	"github.com/git-repro/git-repro/parse/pipreq"
)

// pipInstall is a pip-compatible install found in a RUN line.
type pipInstall struct {
	tool string   // "pip install", "python -m pip install", "uv pip install", "uv pip sync"
	args []string // the words after "install" (or "sync")
	// files are requirement files given as positional arguments
	// ("uv pip sync requirements.txt").
	files []string
	pip   bool // pip itself (its download cache matters)
}

var (
	pipNameRe    = regexp.MustCompile(`^pip[0-9.]*$`)
	pythonNameRe = regexp.MustCompile(`^python[0-9.]*$`)
)

// uvValueOptions are uv options that take a value and that pip does not
// know; they are removed before pip's argument parser reads the rest.
var uvValueOptions = []string{"--python", "-p", "--index-strategy", "--resolution", "--prerelease", "--python-platform",
	"--exclude-newer", "--link-mode", "--keyring-provider", "--torch-backend", "--index", "--default-index",
	"--refresh-package", "--reinstall-package", "--no-build-package", "--no-binary-package", "--config-file"}

// pipInstallOf recognises pip, "python -m pip", "uv pip install" and "uv
// pip sync".
func pipInstallOf(c dockerfile.Call) (pipInstall, bool) {
	args := c.Args
	name := c.Name()
	switch {
	case pipNameRe.MatchString(name):
		if sub, rest := firstWord(args[1:]); sub == "install" {
			return pipInstall{tool: "pip install", args: rest, pip: true}, true
		}
	case pythonNameRe.MatchString(name):
		for i := 1; i+1 < len(args); i++ {
			if args[i] == "-m" && args[i+1] == "pip" {
				if sub, rest := firstWord(args[i+2:]); sub == "install" {
					return pipInstall{tool: name + " -m pip install", args: rest, pip: true}, true
				}
				return pipInstall{}, false
			}
			if !strings.HasPrefix(args[i], "-") {
				return pipInstall{}, false // python script.py
			}
		}
	case name == "uv" && len(args) > 2 && args[1] == "pip" && (args[2] == "install" || args[2] == "sync"):
		rest := stripOptions(args[3:], uvValueOptions)
		if args[2] == "sync" {
			var files, opts []string
			for _, w := range rest {
				if strings.HasPrefix(w, "-") {
					opts = append(opts, w)
				} else {
					files = append(files, w)
				}
			}
			return pipInstall{tool: "uv pip sync", args: opts, files: files}, true
		}
		return pipInstall{tool: "uv pip install", args: rest}, true
	}
	return pipInstall{}, false
}

// firstWord returns the first non-option word and the words after it.
func firstWord(args []string) (string, []string) {
	for i, a := range args {
		if !strings.HasPrefix(a, "-") {
			return a, args[i+1:]
		}
	}
	return "", nil
}

// stripOptions removes the given value-taking options (and their values).
func stripOptions(args, valued []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		name, _, attached := strings.Cut(args[i], "=")
		if slices.Contains(valued, name) {
			if !attached {
				i++
			}
			continue
		}
		out = append(out, args[i])
	}
	return out
}

// pipLoader returns the run's requirements loader (it caches files).
func (r *repo) pipLoader() *pipreq.Loader {
	if r.loader == nil {
		r.loader = &pipreq.Loader{Read: r.tree.ReadFile}
	}
	return r.loader
}

// resolveInImage finds the repository file that a path used inside the
// image (a requirements file, an environment file) most likely is: the
// path relative to the build context or the Dockerfile's directory, else
// a file a COPY of the stage brought in under the same name.
func (r *repo) resolveInImage(df string, st *dockerfile.Stage, binds []dockerfile.BindMount, p string) (string, bool) {
	if dockerfile.Dynamic(p) || isURL(p) {
		return "", false
	}
	var cands []string
	// RUN --mount=type=bind,source=requirements.txt,target=/tmp/req.txt
	for _, b := range binds {
		t := cleanRel(b.Target)
		if t == cleanRel(p) || path.Base(t) == path.Base(p) {
			for _, ctx := range r.contextsFor(df) {
				cands = append(cands, joinRel(ctx, b.Source))
			}
		} else if rel, ok := strings.CutPrefix(cleanRel(p), t+"/"); ok && t != "" {
			for _, ctx := range r.contextsFor(df) {
				cands = append(cands, joinRel(joinRel(ctx, b.Source), rel))
			}
		}
	}
	for _, ctx := range r.contextsFor(df) {
		cands = append(cands, joinRel(ctx, p))
	}
	cands = append(cands, joinRel(path.Dir(df), p), cleanRel(p))
	base := path.Base(p)
	for _, c := range st.Commands {
		srcs, _ := copySources(c)
		for _, s := range srcs {
			if dockerfile.Dynamic(s) || hasGlob(s) || isURL(s) {
				continue
			}
			for _, ctx := range r.contextsFor(df) {
				sp := joinRel(ctx, s)
				if path.Base(sp) == base {
					cands = append(cands, sp)
				} else {
					cands = append(cands, joinRel(sp, base))
				}
			}
		}
	}
	for _, c := range cands {
		if c == "" {
			continue
		}
		if fi, err := r.tree.Stat(c); err == nil && fi.Mode.IsRegular() {
			return c, true
		}
	}
	return "", false
}

// checkPipInstall reports unpinned requirements and a missing
// --no-cache-dir for one install. It returns whether the install brings
// in dependencies (rather than only the project's own local path).
func checkPipInstall(a *analysis, r *repo, df string, f *dockerfile.File, st *dockerfile.Stage, s *stageState,
	c *dockerfile.Command, call dockerfile.Call, inst pipInstall, cacheMount bool, binds []dockerfile.BindMount) bool {
	ia := pipreq.ParseInstallArgs(inst.args)
	files := append(append([]string{}, ia.Requirements...), inst.files...)
	deps := len(files) > 0
	loader := r.pipLoader()
	pins := map[string]bool{}
	for _, cf := range ia.Constraints {
		if p, ok := r.resolveInImage(df, st, binds, cf); ok {
			if set, err := loader.Load(p, true); err == nil {
				for k := range set.ConstraintPins() {
					pins[k] = true
				}
			}
		}
	}
	var bad []pipreq.InstallItem
	for _, it := range ia.Items {
		if it.Err != nil || dockerfile.Dynamic(it.Arg) {
			continue
		}
		if it.Req.Kind != pipreq.KindPath {
			deps = true
		}
		if ia.RequireHashes || it.Req.Pinned() || pins[it.Req.CanonicalName()] {
			continue
		}
		bad = append(bad, it)
	}
	if len(bad) > 0 {
		var names []string
		for _, it := range bad {
			names = append(names, it.Arg)
		}
		msg := fmt.Sprintf("%q installs %s unpinned", inst.tool, wording.QuoteList(names, 5))
		if len(bad) == 1 {
			msg += " (" + bad[0].Req.Unpinned() + ")"
		}
		msg += ": each build can get a different version"
		for _, rd := range call.Redirs {
			if (rd.Op == ">" || rd.Op == "<") && rd.Word != "" {
				msg += fmt.Sprintf("; the shell reads the unquoted %q as a redirection, so quote the requirement", rd.Op+rd.Word)
				break
			}
		}
		hint := fmt.Sprintf("pin it: %q, or install a pinned lock file with --require-hashes", pinExample(bad[0]))
		a.add("REPRO-DOCKER-010", checks.Diag{Pos: checks.Pos{Path: df, Line: f.FindLine(c.Line, c.EndLine, bad[0].Arg)}, Message: msg, Hint: hint})
	}
	for _, rf := range files {
		p, ok := r.resolveInImage(df, st, binds, rf)
		if !ok {
			continue
		}
		set, err := loader.Load(p, false)
		if err != nil {
			continue
		}
		if hm, _ := set.HashMode(); hm || ia.RequireHashes {
			continue
		}
		cp := set.ConstraintPins()
		var unpinned []string
		total := 0
		for _, file := range set.Files {
			if !set.Requirement[file.Path] {
				continue
			}
			for _, l := range file.Requirements() {
				total++
				if l.Req.Pinned() || pins[l.Req.CanonicalName()] || cp[l.Req.CanonicalName()] {
					continue
				}
				unpinned = append(unpinned, l.Req.DisplayName())
			}
		}
		if len(unpinned) == 0 {
			continue
		}
		a.add("REPRO-DOCKER-010", checks.Diag{
			Pos: checks.Pos{Path: df, Line: findAny(f, c, "-r "+rf, "--requirement "+rf, "--requirement="+rf, rf)},
			Message: fmt.Sprintf("%q reads %q, where %d of %d requirements are unpinned (%s): the image gets whatever versions are newest",
				inst.tool, p, len(unpinned), total, wording.QuoteList(unpinned, 5)),
			Hint: fmt.Sprintf("pin every requirement in %q (its own findings list them), e.g. with \"pip-compile --generate-hashes\" or \"uv pip compile\"", p),
		})
	}
	if inst.pip && !ia.Has("--no-cache-dir") && !cacheMount && !envSet(s.env, "PIP_NO_CACHE_DIR") {
		a.addf("REPRO-DOCKER-015", checks.Pos{Path: df, Line: f.FindLine(c.Line, c.EndLine, "install")},
			"%q without --no-cache-dir keeps pip's download cache in the layer", inst.tool)
	}
	return deps
}

// envSet reports whether an ENV variable is set to a non-empty value.
// pip reads any non-empty PIP_NO_CACHE_DIR, even "0" or "off", as "no
// cache" (a quirk of its option handling).
func envSet(env map[string]string, name string) bool {
	return strings.TrimSpace(env[name]) != ""
}

func pinExample(it pipreq.InstallItem) string {
	name := it.Req.Name
	if name == "" {
		name = it.Arg
	}
	return name + "==<version>"
}

// condaInstall is a conda/mamba/micromamba install or create.
type condaInstall struct {
	tool  string
	specs []string
	files []string
}

var condaValued = []string{"-n", "--name", "-p", "--prefix", "-c", "--channel", "--solver", "--repodata-fn",
	"--experimental-solver", "--subdir", "--platform", "-r", "--root-prefix", "--rc-file", "--clone"}

// condaInstallOf recognises "conda install", "conda create", and the same
// for mamba and micromamba.
func condaInstallOf(c dockerfile.Call) (condaInstall, bool) {
	name := c.Name()
	if name != "conda" && name != "mamba" && name != "micromamba" {
		return condaInstall{}, false
	}
	sub, rest := firstWord(c.Args[1:])
	if sub != "install" && sub != "create" {
		return condaInstall{}, false
	}
	out := condaInstall{tool: name + " " + sub}
	for i := 0; i < len(rest); i++ {
		w := rest[i]
		if w == "--file" || w == "-f" {
			if i+1 < len(rest) {
				out.files = append(out.files, rest[i+1])
				i++
			}
			continue
		}
		if v, ok := strings.CutPrefix(w, "--file="); ok {
			out.files = append(out.files, v)
			continue
		}
		if strings.HasPrefix(w, "-") {
			n, _, attached := strings.Cut(w, "=")
			if slices.Contains(condaValued, n) && !attached {
				i++
			}
			continue
		}
		out.specs = append(out.specs, w)
	}
	return out, true
}

// condaPinned reports whether a conda match spec names one version:
// "pkg==1.2.3", "pkg=1.2.3=build", a full three-part "pkg=1.2.3" or
// "pkg 1.2.3". "pkg=1.2" is fuzzy (1.2.*), ranges and wildcards are not
// pins.
func condaPinned(spec string) bool {
	s := strings.TrimSpace(spec)
	if i := strings.LastIndex(s, "::"); i >= 0 {
		s = s[i+2:]
	}
	if strings.HasSuffix(s, ".tar.bz2") || strings.HasSuffix(s, ".conda") {
		return true // a package file
	}
	if strings.Contains(s, "[") {
		s = s[:strings.Index(s, "[")] // bracket options; version in them is rare
	}
	i := strings.IndexAny(s, "=<>!~ ")
	if i < 0 {
		return false
	}
	ver := strings.TrimSpace(s[i:])
	if strings.ContainsAny(ver, "<>!~*|,") {
		return false
	}
	if v, ok := strings.CutPrefix(ver, "=="); ok {
		return v != ""
	}
	ver = strings.TrimPrefix(ver, "=")
	v, build, hasBuild := strings.Cut(strings.ReplaceAll(ver, " ", "="), "=")
	if v == "" {
		return false
	}
	if hasBuild && build != "" {
		return true
	}
	return strings.Count(v, ".") >= 2
}

func checkCondaInstall(a *analysis, r *repo, df string, f *dockerfile.File, st *dockerfile.Stage, c *dockerfile.Command, inst condaInstall, binds []dockerfile.BindMount) {
	for _, cf := range inst.files {
		p, ok := r.resolveInImage(df, st, binds, cf)
		if !ok {
			continue
		}
		b, err := r.tree.ReadFile(p)
		if err != nil {
			continue
		}
		var unpinned []string
		total := 0
		for _, line := range strings.Split(string(b), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "@") {
				continue
			}
			total++
			if !condaPinned(line) {
				unpinned = append(unpinned, line)
			}
		}
		if len(unpinned) > 0 {
			a.addf("REPRO-DOCKER-011", checks.Pos{Path: df, Line: f.FindLine(c.Line, c.EndLine, cf)},
				"%q reads %q, where %d of %d specs have no exact version (%s)", inst.tool, p, len(unpinned), total, wording.QuoteList(unpinned, 5))
		}
	}
	var bad []string
	for _, spec := range inst.specs {
		if dockerfile.Dynamic(spec) || condaPinned(spec) {
			continue
		}
		bad = append(bad, spec)
	}
	if len(bad) == 0 {
		return
	}
	name := bad[0]
	if i := strings.IndexAny(name, "=<>!~ "); i > 0 {
		name = name[:i]
	}
	a.add("REPRO-DOCKER-011", checks.Diag{
		Pos:     checks.Pos{Path: df, Line: f.FindLine(c.Line, c.EndLine, bad[0])},
		Message: fmt.Sprintf("%q installs %s without an exact version: each build can resolve to different packages", inst.tool, wording.QuoteList(bad, 5)),
		Hint:    fmt.Sprintf("pin it: %q, or install from a lock file (conda-lock)", name+"==<version>"),
	})
}

// findAny returns the line of the instruction holding the first of the
// tokens found, or the instruction's first line.
func findAny(f *dockerfile.File, c *dockerfile.Command, tokens ...string) int {
	for _, t := range tokens {
		if l := f.FindLine(c.Line, c.EndLine, t); l != c.Line || strings.Contains(f.Lines[min(c.Line, len(f.Lines))-1], t) {
			return l
		}
	}
	return c.Line
}
