package docker

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/conda"
	"github.com/git-repro/git-repro/parse/dockerfile"
	"github.com/git-repro/git-repro/parse/pipreq"
	"github.com/git-repro/git-repro/parse/shellcmd"
	"github.com/git-repro/git-repro/rules/internal/shell"
	"github.com/git-repro/git-repro/rules/internal/wording"
)

// The pip and conda installs of RUN lines are read by parse/shellcmd, as
// for every family that reads commands (WORKDIR and cd followed, pip,
// setuptools and wheel exempt as the installer's own upgrade), and worded
// by rules/internal/shell. What only a Dockerfile knows stays here: which
// repository file a "-r" or "--file" reads through the stage's COPY lines
// and bind mounts (resolve), --require-hashes files, pip's cache in the
// layer, and the places of the words in the file.

// pipLoader returns the run's requirements loader (it caches files).
func (r *repo) pipLoader() *pipreq.Loader {
	if r.loader == nil {
		r.loader = &pipreq.Loader{Read: r.tree.ReadFile}
	}
	return r.loader
}

// resolve returns the repository file that a path a RUN call reads (a
// requirements, constraints or environment file) is in the image: through
// a bind mount of the build context, else through what the stage's COPY
// and ADD instructions put at that path (imageFS). Only when the image
// cannot be known statically (a WORKDIR or COPY from a variable) does it
// guess, from the build context and the Dockerfile's directory.
func (in runEnv) resolve(p string) (string, bool) {
	if p == "" || dockerfile.Dynamic(p) || isURL(p) {
		return "", false
	}
	r := in.r
	ctxs := r.contextsFor(in.df)
	file := func(c string) (string, bool) {
		if c != "" && r.isFile(c) {
			return c, true
		}
		return "", false
	}
	ip := imagePath(in.cwd, p)
	if ip == "" {
		return in.guess(ctxs, p)
	}
	// RUN --mount=type=bind,source=requirements.txt,target=/tmp/req.txt
	for _, b := range in.binds {
		t := imagePath(in.cwd, b.Target)
		if t == "" {
			continue
		}
		if rel, ok := strings.CutPrefix(ip, t); ok && (rel == "" || strings.HasPrefix(rel, "/") || t == "/") {
			for _, ctx := range ctxs {
				if got, ok := file(joinRel(joinRel(ctx, b.Source), rel)); ok {
					return got, true
				}
			}
			return "", false
		}
	}
	switch got, res := in.st.fs.lookup(r, ctxs, ip); res {
	case fromRepo:
		return got, true
	case notRepo:
		return "", false
	}
	if in.st.fs.uncertain {
		return in.guess(ctxs, p)
	}
	return "", false
}

// imagePath is p as an absolute image path for a command run in cwd ("":
// unknown).
func imagePath(cwd, p string) string {
	switch {
	case strings.HasPrefix(p, "/"):
		return path.Clean(p)
	case cwd == "":
		return ""
	}
	return path.Join(cwd, p)
}

// guess finds a file for a path whose place in the image is unknown: by
// the name of a bind mount's target, or the path relative to the build
// context or the Dockerfile's directory.
func (in runEnv) guess(ctxs []string, p string) (string, bool) {
	var cands []string
	for _, b := range in.binds {
		if path.Base(b.Target) == path.Base(p) {
			for _, ctx := range ctxs {
				cands = append(cands, joinRel(ctx, b.Source))
			}
		}
	}
	for _, ctx := range ctxs {
		cands = append(cands, joinRel(ctx, p))
	}
	cands = append(cands, joinRel(path.Dir(in.df), p))
	for _, c := range cands {
		if c != "" && in.r.isFile(c) {
			return c, true
		}
	}
	return "", false
}

// filePins returns what the command's -r and -c files pin, read where
// the image has them (resolve); ok is false when one of them is not a
// file of the repository (made in the image, fetched, named by a
// variable): then the packages named beside them are not judged, as the
// ci, notebooks and commands rules do.
func (in runEnv) filePins(inst shellcmd.Install) (func(string) bool, bool) {
	files := append(append([]string(nil), inst.Files...), inst.Constraints...)
	if len(files) == 0 {
		return nil, true
	}
	pins := map[string]bool{}
	for _, f := range files {
		p, ok := in.resolve(f)
		if !ok {
			return nil, false
		}
		set, err := in.r.pipLoader().Load(p, false)
		if err != nil {
			return nil, false
		}
		for name := range set.Pins() {
			pins[name] = true
		}
	}
	return func(name string) bool { return pins[name] }, true
}

// firstLoose is the first package of an install that pinned leaves
// unpinned, for the finding's place and the hint's example.
func firstLoose(inst shellcmd.Install, pinned func(string) bool) shellcmd.Package {
	for _, p := range inst.Unpinned() {
		key := p.Name
		if p.Pip != nil {
			key = p.Pip.CanonicalName()
		}
		if pinned == nil || !pinned(key) {
			return p
		}
	}
	return shellcmd.Package{}
}

// checkPipInstall reports an install that leaves packages unpinned, worded
// as the ci, notebooks and commands rules word it, the requirement files
// it reads with unpinned lines, and a missing --no-cache-dir. It returns
// whether the install brings in dependencies (rather than only the
// project's own local path or the installer's upgrade).
func checkPipInstall(a *analysis, in runEnv, pl placer, cacheMount bool) bool {
	inst := pl.inst
	deps := len(inst.Files) > 0
	for _, p := range inst.Packages {
		deps = deps || !p.Local && !p.Installer
	}
	if pinned, ok := in.filePins(inst); ok {
		if prob, ok := shell.Unpinned(inst, pinned); ok {
			first := firstLoose(inst, pinned)
			a.Add("REPRO-DOCKER-010", checks.Diag{Pos: pl.arg(first.Arg),
				Message: prob.What + "; " + prob.Fix,
				Hint:    fmt.Sprintf("pin it: %q, or install a pinned lock file with --require-hashes", pinExample(first)+"==<version>")})
		}
	}
	loader := in.r.pipLoader()
	var cpins map[string]bool // what the -c files pin
	for _, cf := range inst.Constraints {
		if p, ok := in.resolve(cf); ok {
			if set, err := loader.Load(p, true); err == nil {
				cpins = set.ConstraintPins()
			}
		}
	}
	// REPRO-DEP-001 reports the unpinned lines of the requirements files
	// it checks, unless .repro.yaml turns it off.
	pipReports := in.r.dep001
	for _, rf := range inst.Files {
		p, ok := in.resolve(rf)
		if !ok {
			continue
		}
		set, err := loader.Load(p, false)
		if err != nil {
			continue
		}
		if hm, _ := set.HashMode(); hm || inst.RequireHashes {
			continue
		}
		cp := set.ConstraintPins()
		var unpinned []string
		total := 0
		// Lines of files the pip rules check (requirements*.txt and the
		// like, not a pip-tools .in, which they leave loose when it is
		// compiled) are reported there, as REPRO-DEP-001 at their own
		// line, naming this RUN: not again here.
		checked := map[string][]string{}
		for _, file := range set.Files {
			if !set.Requirement[file.Path] {
				continue
			}
			for _, l := range file.Requirements() {
				total++
				if l.Req.Pinned() || cpins[l.Req.CanonicalName()] || cp[l.Req.CanonicalName()] {
					continue
				}
				if pipReports && pipChecks(file.Path) {
					checked[file.Path] = append(checked[file.Path], l.Req.CanonicalName())
					continue
				}
				unpinned = append(unpinned, l.Req.DisplayName())
			}
		}
		rpos := pl.file(rf)
		for f, names := range checked {
			a.recordInstalled(f, fmt.Sprintf("%s:%d", rpos.Path, rpos.Line), names)
		}
		if len(unpinned) == 0 {
			continue
		}
		what := fmt.Sprintf("%q", p)
		if !strings.HasSuffix("/"+p, "/"+cleanRel(rf)) {
			what = fmt.Sprintf("%q (%q in the repository)", rf, p)
		}
		a.Add("REPRO-DOCKER-010", checks.Diag{
			Pos: pl.file(rf),
			Message: fmt.Sprintf("%q reads %s, where %d of %d requirements are unpinned (%s): the image gets whatever versions are newest",
				inst.Tool, what, len(unpinned), total, wording.QuoteList(unpinned, 5)),
			Hint: fmt.Sprintf("pin every requirement in %q (its own findings list them), e.g. with \"pip-compile --generate-hashes\" or \"uv pip compile\"", p),
		})
	}
	if pipItself(inst) && !slices.Contains(inst.Args, "--no-cache-dir") && !cacheMount && !envSet(in.st.env, "PIP_NO_CACHE_DIR") {
		a.addf("REPRO-DOCKER-015", pl.arg("install"),
			"%q without --no-cache-dir keeps pip's download cache in the layer", inst.Tool)
	}
	return deps
}

// pipChecks reports whether the pip rules check a requirements file's
// lines themselves (REPRO-DEP-001): a requirements file by name, not a
// pip-tools input (.in), which they leave loose when a compiled file
// exists while this image installs the loose input.
func pipChecks(file string) bool {
	return pipreq.IsRequirementsName(file) && !strings.EqualFold(path.Ext(file), ".in")
}

// pipItself reports whether an install runs pip itself (whose download
// cache stays in the layer): pip and mim, which runs pip; not uv or conda.
func pipItself(inst shellcmd.Install) bool {
	return !inst.Conda() && !strings.HasPrefix(inst.Tool, "uv ")
}

// placer puts an install's findings on the words they are about, through
// the call of the RUN with the same words: parse/dockerfile maps each of
// its words to the Dockerfile (continuation lines, heredocs, "sh -c"
// strings and the exec form included). Without one (the two parses
// disagree) a finding goes to the command's start.
type placer struct {
	df   string
	inst shellcmd.Install
	call *dockerfile.Call
}

// word is where the first word after the program's name that match
// accepts is written.
func (pl placer) word(match func(string) bool) checks.Pos {
	if pl.call != nil {
		if i := argIndex(*pl.call, 0, match); i > 0 {
			return wordPos(pl.df, *pl.call, i)
		}
	}
	return checks.Pos{Path: pl.df, Line: pl.inst.Line, Col: pl.inst.Col}
}

// arg is where the word w is written.
func (pl placer) arg(w string) checks.Pos { return pl.word(func(s string) bool { return s == w }) }

// file is where a requirement, constraint or spec file is named: the
// option that takes it ("-r f", "--file f"), or the word that holds both
// ("--requirement=f", "-rf"), or the file alone ("uv pip sync f").
func (pl placer) file(f string) checks.Pos {
	if pl.call != nil {
		if i := fileArg(*pl.call, 0, f); i > 0 {
			return wordPos(pl.df, *pl.call, i)
		}
	}
	return checks.Pos{Path: pl.df, Line: pl.inst.Line, Col: pl.inst.Col}
}

// argIndex returns the index of the first word of call after index from
// that match accepts, or from when there is none.
func argIndex(call dockerfile.Call, from int, match func(string) bool) int {
	for i := from + 1; i < len(call.Args); i++ {
		if match(call.Args[i]) {
			return i
		}
	}
	return from
}

// fileArg returns the index of the word of call (after index from) that
// names file f (see placer.file).
func fileArg(call dockerfile.Call, from int, f string) int {
	i := argIndex(call, from, func(w string) bool {
		return w == f || strings.HasSuffix(w, "="+f) || len(w) == len(f)+2 && w[0] == '-' && w[2:] == f
	})
	if i > from+1 && call.Args[i] == f && strings.HasPrefix(call.Args[i-1], "-") {
		return i - 1
	}
	return i
}

// envSet reports whether an ENV variable is set to a non-empty value.
// pip reads any non-empty PIP_NO_CACHE_DIR, even "0" or "off", as "no
// cache" (a quirk of its option handling).
func envSet(env map[string]string, name string) bool {
	return strings.TrimSpace(env[name]) != ""
}

// pinExample is the name a hint pins: the package's name, or the
// argument as written when it has none (a URL).
func pinExample(p shellcmd.Package) string {
	if p.Name != "" {
		return p.Name
	}
	return p.Arg
}

// condaFileSpecs returns the specs of a file given to "conda install
// --file" / "micromamba install -f": a spec list, an explicit lock
// ("@EXPLICIT": every line a package URL), an environment.yml's
// dependencies, or a conda-lock lock file (pinned as a whole: nil).
func condaFileSpecs(p string, b []byte) []string {
	if strings.HasSuffix(p, ".yml") || strings.HasSuffix(p, ".yaml") {
		text := string(b)
		if strings.Contains(text, "\npackage:") && strings.Contains(text, "\nmetadata:") || strings.HasPrefix(text, "version:") && strings.Contains(text, "\npackage:") {
			return nil // conda-lock's unified lock file
		}
		env, err := conda.Parse(b)
		if err != nil {
			return nil // the deps rules report what does not parse
		}
		var out []string
		for _, d := range env.Deps {
			out = append(out, d.Value)
		}
		return out
	}
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "@EXPLICIT" {
			return nil
		}
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "@") {
			continue
		}
		out = append(out, line)
	}
	return out
}

// checkCondaInstall reports a conda, mamba or micromamba install or
// create that leaves packages unpinned, worded as the other rules word
// it, and the spec files its --file options read with loose specs
// ("conda env create -f" files are the deps rules').
func checkCondaInstall(a *analysis, in runEnv, pl placer) {
	inst := pl.inst
	if strings.Contains(inst.Tool, " env ") {
		return
	}
	for _, cf := range inst.Files {
		p, ok := in.resolve(cf)
		if !ok {
			continue
		}
		b, err := in.r.tree.ReadFile(p)
		if err != nil {
			continue
		}
		specs := condaFileSpecs(p, b)
		var unpinned []string
		for _, spec := range specs {
			if shellcmd.CondaSpec(spec).Loose() {
				unpinned = append(unpinned, spec)
			}
		}
		if len(unpinned) > 0 {
			a.Add("REPRO-DOCKER-011", checks.Diag{Pos: pl.file(cf),
				Message: fmt.Sprintf("%q reads %q, where %d of %d specs have no exact version (%s): each build can resolve to different packages",
					inst.Tool, p, len(unpinned), len(specs), wording.QuoteList(unpinned, 5)),
				Hint: fmt.Sprintf("pin every spec in %q to its full version (\"conda list\" shows them), or install an explicit lock (\"conda-lock\", \"conda list --explicit\")", p),
			})
		}
	}
	prob, ok := shell.Unpinned(inst, nil)
	if !ok {
		return
	}
	first := firstLoose(inst, nil)
	a.Add("REPRO-DOCKER-011", checks.Diag{
		Pos:     pl.arg(first.Arg),
		Message: prob.What + "; " + prob.Fix,
		Hint:    fmt.Sprintf("pin it: %q, or install from a lock file (conda-lock)", pinExample(first)+"==<version>"),
	})
}
