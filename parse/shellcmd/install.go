package shellcmd

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/conda"
	"github.com/git-repro/git-repro/parse/dockerfile"
	"github.com/git-repro/git-repro/parse/pipreq"
)

// Install is one package-installing command.
type Install struct {
	// Line and Col locate the command's first word in the file.
	Line, Col int
	// Text is the command's source line(s), "\" continuations included.
	Text string
	// Tool is "pip install", "python -m pip install", "uv pip install",
	// "uv pip sync", "mim install" (OpenMMLab's front end, which runs pip
	// with pip's arguments), "conda install", "mamba create", ... (the
	// program's name as written: "pip3 install", "python3.11 -m pip
	// install").
	Tool string
	// Packages are the packages named on the command line, in order.
	Packages []Package
	// Files are requirement files (-r, uv pip sync's arguments, conda's
	// --file) and Constraints pip's -c files, as written.
	Files       []string
	Constraints []string
	// RequireHashes is pip's --require-hashes: every package is pinned by
	// its hash.
	RequireHashes bool
	// Dir is the directory the command runs in, relative to where the
	// file's first command runs ("." there; Unknown after "cd $X").
	Dir string
	// Redirects are unquoted ">", ">>" or "<" that cut a requirement:
	// "pip install a>=2.0" installs a, unpinned, and writes a file "=2.0".
	Redirects []Redirect
	// Dynamic is set when an argument is expanded at run time ($VAR,
	// $(cmd)); such arguments are left out of Packages.
	Dynamic bool
	// Args are the command's words as the shell passes them (wrappers
	// such as sudo removed; a word expanded at run time as its source
	// text), options included.
	Args []string

	seq int
}

// Conda reports whether the install is conda's (conda, mamba,
// micromamba: match specs); every other Install reads pip's requirement
// grammar (pip, uv pip, mim).
func (in Install) Conda() bool {
	first, _, _ := strings.Cut(in.Tool, " ")
	return first == "conda" || first == "mamba" || first == "micromamba"
}

// Unpinned returns the packages that are not pinned (Package.Loose).
// With --require-hashes everything is pinned.
func (in Install) Unpinned() []Package {
	if in.RequireHashes {
		return nil
	}
	var out []Package
	for _, p := range in.Packages {
		if p.Loose() {
			out = append(out, p)
		}
	}
	return out
}

// Loose reports whether a package is installed without a pin, leaving out
// what is not a dependency pin: pip, setuptools and wheel themselves
// (Installer), conda's python=3.X (Python) and local paths (Local).
func (p Package) Loose() bool {
	return p.Unpinned != "" && !p.Installer && !p.Python && !p.Local
}

// CondaSpec reads one conda match spec, as the install commands' specs
// are read: "numpy==1.26.4" and "numpy=1.26.4=py311_0" are pinned,
// "numpy=1.26" is a fuzzy pin, a package file or its URL is one artifact.
// The conda rules of the Dockerfile family read "--file" spec lists with
// it.
func CondaSpec(spec string) Package { return condaPackage(strings.TrimSpace(spec), ".") }

// Loose names the packages of Unpinned() for a message, one entry per
// project (PEP 503 name): "black" and "black[jupyter]" are one
// "black[jupyter]", extras merged, the first version specifier kept; a
// URL or VCS requirement as written ("pkg @ git+https://...@main").
// Arguments that do not parse are left out, and so are the projects that
// pinned (given a canonical name) says are pinned elsewhere, e.g. by the
// command's own -r or -c files; pinned may be nil.
func (in Install) Loose(pinned func(canonical string) bool) []string {
	type entry struct {
		name, spec string
		extras     []string
	}
	var order []string
	byName := map[string]*entry{}
	for _, p := range in.Unpinned() {
		var e entry
		switch {
		case p.Pip != nil && (p.Pip.Kind == pipreq.KindURL || p.Pip.Kind == pipreq.KindVCS):
			e = entry{name: p.Arg} // the URL says what is unpinned ("@main")
		case p.Pip != nil:
			e = entry{name: p.Pip.DisplayName(), spec: p.Pip.Spec(), extras: p.Pip.Extras}
		case p.Conda != nil:
			e = entry{name: p.Arg}
		default:
			continue
		}
		key := pipreq.CanonicalName(e.name)
		if p.Pip != nil && p.Pip.Name == "" {
			key = e.name // a URL or path: as written
		}
		if pinned != nil && pinned(key) {
			continue
		}
		old, ok := byName[key]
		if !ok {
			byName[key] = &e
			order = append(order, key)
			continue
		}
		for _, x := range e.extras {
			if !slices.Contains(old.extras, x) {
				old.extras = append(old.extras, x)
			}
		}
		if old.spec == "" {
			old.spec = e.spec
		}
	}
	out := make([]string, 0, len(order))
	for _, k := range order {
		e := byName[k]
		s := e.name
		if len(e.extras) > 0 {
			s += "[" + strings.Join(e.extras, ",") + "]"
		}
		out = append(out, s+e.spec)
	}
	return out
}

// Package is one package argument.
type Package struct {
	// Arg is the word the shell passes ("numpy", "torch==2.2.1",
	// "pytorch-cuda=12.1").
	Arg string
	// Name is the package name ("" when Arg does not parse).
	Name string
	// Unpinned says what is unpinned ("no version specifier", "\">=2.0\"
	// allows more than one version", "a fuzzy pin (any 1.24.*)"), "" when
	// the package is pinned to one version.
	Unpinned string
	// Pip and Conda are the parsed forms (one of them is set when Arg
	// parses); Err is pip's error for an argument that does not.
	Pip   *pipreq.Requirement
	Conda *conda.MatchSpec
	Err   error
	// Installer marks pip, setuptools, wheel and openmim: installing them
	// unpinned upgrades the installer, which the ci rules do not report
	// either.
	Installer bool
	// Python marks conda's python=3.X: the interpreter version.
	Python bool
	// Local marks a path in the repository ("-e .", "./pkg"); Path is it
	// resolved against the command's directory.
	Local bool
	Path  string
}

// Redirect is a ">", ">>" or "<" that the shell took out of a requirement.
type Redirect struct {
	Op   string // ">", ">>", "<"
	Word string // the file name the shell uses: "=2.0"
	// Package is the argument the redirection was cut from ("a" of
	// "a>=2.0"); "" when it is not clear.
	Package string
}

func (r Redirect) String() string { return r.Op + r.Word }

// installerTools are exempt from pinning (see Package.Installer): pip,
// setuptools and wheel, and openmim, the package of OpenMMLab's "mim",
// whose own installs ("mim install mmcv") are judged as pip's are.
var installerTools = map[string]bool{"pip": true, "setuptools": true, "wheel": true, "openmim": true}

// uvValueOptions are uv options with a value that pip does not know; they
// are removed before pip's argument parser reads the rest.
var uvValueOptions = map[string]bool{"--python": true, "-p": true, "--index-strategy": true, "--resolution": true,
	"--prerelease": true, "--python-platform": true, "--exclude-newer": true, "--link-mode": true,
	"--keyring-provider": true, "--torch-backend": true, "--index": true, "--default-index": true,
	"--refresh-package": true, "--reinstall-package": true, "--no-build-package": true,
	"--no-binary-package": true, "--config-file": true, "--extra": true, "--group": true}

// condaValueOptions are conda/mamba options with a value.
var condaValueOptions = map[string]bool{"-c": true, "--channel": true, "-n": true, "--name": true, "-p": true,
	"--prefix": true, "--repodata-fn": true, "--solver": true, "--experimental-solver": true, "--subdir": true,
	"--platform": true, "--clone": true, "--rc-file": true, "-r": true, "--root-prefix": true, "--file": true,
	"--override-channels-file": true}

var (
	versionWordRe = lazyre.New(`^[=<>!~]*[0-9][0-9A-Za-z.*+!_-]*$`)
	pythonRe      = lazyre.New(`^python(?:[0-9](?:\.[0-9]+)?)?$`)
	pipRe         = lazyre.New(`^pip(?:[0-9](?:\.[0-9]+)?)?$`)
)

// pipInstallAt recognises "pip install ...", "pip3 install", "python -m
// pip install", "python3.11 -u -m pip install", "uv pip install", "mim
// install" (the words of a call, wrappers such as sudo already removed)
// and returns the index of the first argument after "install". A program
// named by a run-time value ("$PIP install") is not recognised.
func pipInstallAt(a []string) (int, bool) {
	if len(a) == 0 || dockerfile.Dynamic(a[0]) {
		return 0, false
	}
	i := 0
	switch cmd := path.Base(a[0]); {
	case pipRe().MatchString(cmd):
		i++
	case pythonRe().MatchString(cmd):
		i++
		for i < len(a) && strings.HasPrefix(a[i], "-") && a[i] != "-m" {
			i++
		}
		if i+1 >= len(a) || a[i] != "-m" || !pipRe().MatchString(a[i+1]) {
			return 0, false
		}
		i += 2
	case cmd == "uv":
		if len(a) < 2 || a[1] != "pip" {
			return 0, false
		}
		i += 2
	case cmd == "mim":
		i++
	default:
		return 0, false
	}
	// Global pip options may come before the subcommand.
	for i < len(a) && strings.HasPrefix(a[i], "-") {
		i++
	}
	if i >= len(a) || a[i] != "install" {
		return 0, false
	}
	return i + 1, true
}

// installOf recognises an install command.
func installOf(c dockerfile.Call, cwd string) (Install, bool) {
	in := Install{Dir: cwd}
	args := c.Args
	name := c.Name()
	switch {
	case name == "uv" && len(args) > 2 && args[1] == "pip" && args[2] == "sync":
		in.Tool = "uv pip sync"
		for _, w := range stripOptions(args[3:], uvValueOptions) {
			if !strings.HasPrefix(w, "-") {
				in.Files = append(in.Files, w)
			}
		}
		return in, true
	case name == "conda" || name == "mamba" || name == "micromamba":
		return condaInstall(c, in)
	}
	i, ok := pipInstallAt(args)
	if !ok {
		return in, false
	}
	var tool []string
	for _, w := range args[:i] {
		if !strings.HasPrefix(w, "-") || w == "-m" {
			tool = append(tool, w) // "pip --no-cache-dir install" is "pip install"
		}
	}
	in.Tool = strings.Join(tool, " ")
	rest := args[i:]
	if name == "uv" {
		rest = stripOptions(rest, uvValueOptions)
	}
	var words []string
	for _, w := range rest {
		if dockerfile.Dynamic(w) {
			in.Dynamic = true
			words = append(words, DynamicArg)
			continue
		}
		words = append(words, w)
	}
	ia := pipreq.ParseInstallArgs(words)
	in.Files = ia.Requirements
	in.Constraints = ia.Constraints
	in.RequireHashes = ia.RequireHashes
	for _, it := range ia.Items {
		if it.Arg == DynamicArg {
			continue
		}
		p := Package{Arg: it.Arg}
		if it.Err != nil {
			p.Err = it.Err
			p.Unpinned = "not a valid requirement: " + it.Err.Error()
		} else {
			req := it.Req
			p.Pip = &req
			p.Name = req.Name
			p.Unpinned = req.Unpinned()
			p.Installer = installerTools[req.CanonicalName()] && req.Kind == pipreq.KindName
			if req.Kind == pipreq.KindPath {
				p.Local = true
				p.Path = joinDir(cwd, req.Path)
			}
		}
		in.Packages = append(in.Packages, p)
	}
	in.Redirects = redirects(c)
	return in, true
}

// DynamicArg stands for a word expanded at run time ("-r $REQS"), so
// that option values stay aligned; it is what Files and Constraints hold
// for such a file, which no file name can be (it starts with a NUL byte).
const DynamicArg = "\x00dynamic"

// joinDir resolves a local path argument against the command's directory.
func joinDir(cwd, p string) string {
	if p == "" {
		p = "."
	}
	return joinPath(cwd, strings.TrimPrefix(p, "file:"))
}

// redirects finds the redirections that cut a requirement: a word that
// reads as a version ("=2.0", "1.2") right after ">", ">>" or "<".
func redirects(c dockerfile.Call) []Redirect {
	var out []Redirect
	for _, r := range c.Redirs {
		if (r.Op != ">" && r.Op != ">>" && r.Op != "<") || !versionWordRe().MatchString(r.Word) {
			continue
		}
		rd := Redirect{Op: r.Op, Word: r.Word}
		out = append(out, rd)
	}
	return out
}

// cutPackages names the argument each redirection was cut from: the
// argument that the text shows right before the operator.
func cutPackages(in *Install) {
	for i := range in.Redirects {
		rd := &in.Redirects[i]
		for _, p := range in.Packages {
			if strings.Contains(in.Text, p.Arg+rd.Op+rd.Word) {
				rd.Package = p.Arg
				break
			}
		}
	}
}

// stripOptions removes the given value-taking options and their values.
func stripOptions(args []string, valued map[string]bool) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		name, _, attached := strings.Cut(args[i], "=")
		if valued[name] {
			if !attached {
				i++
			}
			continue
		}
		out = append(out, args[i])
	}
	return out
}

// condaInstall reads "conda install|create" (and mamba, micromamba), and
// "conda env create|update -f FILE".
func condaInstall(c dockerfile.Call, in Install) (Install, bool) {
	args := c.Args[1:]
	env := false
	if len(args) > 0 && args[0] == "env" {
		env, args = true, args[1:]
	}
	sub := ""
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		args = args[1:] // global options before the subcommand
	}
	if len(args) > 0 {
		sub, args = args[0], args[1:]
	}
	switch {
	case env && (sub == "create" || sub == "update"):
		in.Tool = c.Name() + " env " + sub
	case !env && (sub == "install" || sub == "create"):
		in.Tool = c.Name() + " " + sub
	default:
		return in, false
	}
	for i := 0; i < len(args); i++ {
		w := args[i]
		if strings.HasPrefix(w, "-") {
			name, val, attached := strings.Cut(w, "=")
			isFile := name == "--file" || (name == "-f" && (env || c.Name() == "micromamba"))
			if condaValueOptions[name] || isFile {
				if !attached && i+1 < len(args) {
					i++
					val = args[i]
				}
				if isFile {
					in.Files = append(in.Files, val)
				}
			}
			continue
		}
		if env {
			continue // "conda env create name" takes no specs
		}
		if dockerfile.Dynamic(w) {
			in.Dynamic = true
			continue
		}
		in.Packages = append(in.Packages, condaPackage(w, in.Dir))
	}
	return in, true
}

func condaPackage(w, cwd string) Package {
	p := Package{Arg: w}
	if u, _, _ := strings.Cut(w, "#"); strings.HasSuffix(u, ".conda") || strings.HasSuffix(u, ".tar.bz2") || strings.HasPrefix(w, "./") || strings.HasPrefix(w, "/") {
		// A package file or a local channel: one artifact.
		p.Local, p.Path = !strings.Contains(w, "://"), joinDir(cwd, w)
		return p
	}
	m, ok := conda.ParseMatchSpec(w)
	if !ok {
		p.Unpinned = "not a conda package spec"
		p.Err = fmt.Errorf("%q is not a conda package spec", w)
		return p
	}
	p.Conda, p.Name = &m, m.Name
	// python=3.11 declares the interpreter's version; a bare "python"
	// installs the newest one, an unpinned package like any other.
	p.Python = m.Name == "python" && m.Pin != conda.Unpinned
	p.Installer = m.Name == "pip"
	switch m.Pin {
	case conda.Unpinned:
		p.Unpinned = "no version"
	case conda.Range:
		p.Unpinned = fmt.Sprintf("%q allows more than one version", strings.TrimSpace(m.Version))
	case conda.Fuzzy:
		p.Unpinned = fmt.Sprintf("%q is a fuzzy pin that matches any release of a series", strings.TrimSpace(m.Version))
	}
	return p
}

// isPython reports whether name runs a Python interpreter.
func isPython(name string) bool {
	return name == "python" || strings.HasPrefix(name, "python") && strings.Trim(name[len("python"):], "0123456789.") == ""
}
