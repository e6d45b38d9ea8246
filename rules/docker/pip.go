package docker

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/conda"
	"github.com/git-repro/git-repro/parse/dockerfile"
	"github.com/git-repro/git-repro/parse/pipreq"
	"github.com/git-repro/git-repro/rules/internal/wording"
)

// pipInstall is a pip-compatible install found in a RUN line.
type pipInstall struct {
	tool string   // "pip install", "python -m pip install", "uv pip install", "uv pip sync"
	args []string // the words after "install" (or "sync")
	// files are requirement files given as positional arguments
	// ("uv pip sync requirements.txt").
	files []string
	pip   bool // pip itself (its download cache matters)
	at    int  // the index of the "install" (or "sync") word in the call
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
		if i, sub := firstWord(args, 1); sub == "install" {
			return pipInstall{tool: "pip install", args: args[i+1:], pip: true, at: i}, true
		}
	case pythonNameRe.MatchString(name):
		for i := 1; i+1 < len(args); i++ {
			if args[i] == "-m" && args[i+1] == "pip" {
				if j, sub := firstWord(args, i+2); sub == "install" {
					return pipInstall{tool: name + " -m pip install", args: args[j+1:], pip: true, at: j}, true
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
			return pipInstall{tool: "uv pip sync", args: opts, files: files, at: 2}, true
		}
		return pipInstall{tool: "uv pip install", args: rest, at: 2}, true
	}
	return pipInstall{}, false
}

// firstWord returns the index of the first non-option word of args from
// index from on, and the word ("" and len(args) when there is none).
func firstWord(args []string, from int) (int, string) {
	for i := from; i < len(args); i++ {
		if !strings.HasPrefix(args[i], "-") {
			return i, args[i]
		}
	}
	return len(args), ""
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

// installerTools are not reported when installed unpinned: upgrading
// pip, setuptools or wheel is the installer's own upgrade, not a project
// dependency. The ci rules (REPRO-CI-004) and the shell-command parser
// exempt the same three names.
var installerTools = map[string]bool{"pip": true, "setuptools": true, "wheel": true}

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

// checkPipInstall reports unpinned requirements and a missing
// --no-cache-dir for one install. It returns whether the install brings
// in dependencies (rather than only the project's own local path).
func checkPipInstall(a *analysis, in runEnv, call dockerfile.Call, inst pipInstall, cacheMount bool) bool {
	df := in.df
	ia := pipreq.ParseInstallArgs(inst.args)
	files := append(append([]string{}, ia.Requirements...), inst.files...)
	deps := len(files) > 0
	loader := in.r.pipLoader()
	pins := map[string]bool{}
	for _, cf := range ia.Constraints {
		if p, ok := in.resolve(cf); ok {
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
		installer := installerTools[it.Req.CanonicalName()] && it.Req.Kind == pipreq.KindName
		if it.Req.Kind != pipreq.KindPath && !installer {
			deps = true
		}
		if ia.RequireHashes || it.Req.Pinned() || pins[it.Req.CanonicalName()] || installer {
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
		at := argIndex(call, inst.at, func(w string) bool { return w == bad[0].Arg })
		a.Add("REPRO-DOCKER-010", checks.Diag{Pos: wordPos(df, call, at), Message: msg, Hint: hint})
	}
	for _, rf := range files {
		p, ok := in.resolve(rf)
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
		what := fmt.Sprintf("%q", p)
		if !strings.HasSuffix("/"+p, "/"+cleanRel(rf)) {
			what = fmt.Sprintf("%q (%q in the repository)", rf, p)
		}
		a.Add("REPRO-DOCKER-010", checks.Diag{
			Pos: wordPos(df, call, fileArg(call, inst.at, rf)),
			Message: fmt.Sprintf("%q reads %s, where %d of %d requirements are unpinned (%s): the image gets whatever versions are newest",
				inst.tool, what, len(unpinned), total, wording.QuoteList(unpinned, 5)),
			Hint: fmt.Sprintf("pin every requirement in %q (its own findings list them), e.g. with \"pip-compile --generate-hashes\" or \"uv pip compile\"", p),
		})
	}
	if inst.pip && !ia.Has("--no-cache-dir") && !cacheMount && !envSet(in.st.env, "PIP_NO_CACHE_DIR") {
		a.addf("REPRO-DOCKER-015", wordPos(df, call, inst.at),
			"%q without --no-cache-dir keeps pip's download cache in the layer", inst.tool)
	}
	return deps
}

// fileArg returns the index of the word of call (after index from) that
// names file f: the option that takes it ("-r f", "--file f"), or the
// word that holds both ("--requirement=f", "-rf"), or f alone ("uv pip
// sync f").
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
	at    int // the index of "install" or "create" in the call
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
	i, sub := firstWord(c.Args, 1)
	if sub != "install" && sub != "create" {
		return condaInstall{}, false
	}
	rest := c.Args[i+1:]
	out := condaInstall{tool: name + " " + sub, at: i}
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

// condaPinned reports whether a conda spec installs one version, by the
// match-spec verdict the deps rules use (parse/conda): "pkg==1.2.3",
// "pkg=1.2.3=build", a full "pkg=1.2.3", "pytorch-cuda=12.1" (a
// two-part-versioned package); a package file or its URL. As in the deps
// rules and the shell-command parser, python with any version is the
// interpreter's version declaration and pip is the installer.
func condaPinned(spec string) bool {
	s := strings.TrimSpace(spec)
	if u, _, _ := strings.Cut(s, "#"); strings.HasSuffix(u, ".tar.bz2") || strings.HasSuffix(u, ".conda") {
		return true // a package file or its URL (an explicit lock's line)
	}
	m, ok := conda.ParseMatchSpec(s)
	if !ok {
		return false
	}
	switch strings.ToLower(m.Name) {
	case "python":
		return m.Pin != conda.Unpinned
	case "pip":
		return true
	}
	return m.Pin == conda.Exact
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

func checkCondaInstall(a *analysis, in runEnv, call dockerfile.Call, inst condaInstall) {
	df := in.df
	for _, cf := range inst.files {
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
			if !condaPinned(spec) {
				unpinned = append(unpinned, spec)
			}
		}
		if len(unpinned) > 0 {
			a.Add("REPRO-DOCKER-011", checks.Diag{Pos: wordPos(df, call, fileArg(call, inst.at, cf)),
				Message: fmt.Sprintf("%q reads %q, where %d of %d specs have no exact version (%s): each build can resolve to different packages",
					inst.tool, p, len(unpinned), len(specs), wording.QuoteList(unpinned, 5)),
				Hint: fmt.Sprintf("pin every spec in %q to its full version (\"conda list\" shows them), or install an explicit lock (\"conda-lock\", \"conda list --explicit\")", p),
			})
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
	at := argIndex(call, inst.at, func(w string) bool { return w == bad[0] })
	a.Add("REPRO-DOCKER-011", checks.Diag{
		Pos:     wordPos(df, call, at),
		Message: fmt.Sprintf("%q installs %s without an exact version: each build can resolve to different packages", inst.tool, wording.QuoteList(bad, 5)),
		Hint:    fmt.Sprintf("pin it: %q, or install from a lock file (conda-lock)", name+"==<version>"),
	})
}
