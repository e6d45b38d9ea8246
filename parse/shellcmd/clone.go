package shellcmd

import (
	"path"
	"strings"

	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/dockerfile"
	"github.com/git-repro/git-repro/parse/pipreq"
)

// Clone is one "git clone".
type Clone struct {
	Line, Col int
	Text      string
	URL       string
	// Dir is where the clone lands, relative to where the file's first
	// command runs (Unknown when that is not known before run time).
	Dir string
	// Ref is what the clone ends up at: the --branch / --revision value,
	// or the ref a later "git checkout", "git -C dir checkout", "git
	// switch --detach" or "git reset --hard" in the same file moves it to
	// (CheckoutLine is then that command's line). "" means the default
	// branch's head.
	Ref          string
	RefKind      string // "commit", "tag", "branch", "dynamic" ($REF: known at run time) or "" (no ref)
	CheckoutLine int
	// Installs are the commands that install the clone's directory (pip
	// install -e dir, pip install ./dir, cd dir && pip install .,
	// python setup.py install in it), in file order.
	Installs []Place
	// Entered is the line of the first later command that runs inside
	// the clone (after "cd dir"), 0 when none does; Left is the line of
	// the first command after that which runs outside it again ("cd .."
	// and what follows), 0 when the file stays in it to the end. A
	// README's "clone this repository" step is entered and never left.
	Entered, Left int
}

// Pinned reports whether the clone is at a fixed revision: a commit
// (full or abbreviated hash) or a release tag.
func (c Clone) Pinned() bool { return c.RefKind == "commit" || c.RefKind == "tag" }

// Unpinned says why the clone is not pinned, "" when it is pinned or
// when its ref is known only at run time.
func (c Clone) Unpinned() string {
	switch c.RefKind {
	case "commit", "tag", "dynamic":
		return ""
	case "branch":
		return "branch " + c.Ref + " moves: check out a commit"
	}
	return "no commit is checked out after the clone: it gets whatever the default branch holds that day"
}

var (
	shortHexRe = lazyre.New(`^[0-9a-fA-F]{7,39}$`)
	tagRe      = lazyre.New(`^(?:refs/tags/|tags/)?(?:[A-Za-z][A-Za-z_-]*[-_]?)?v?[0-9]+(?:[._-][0-9A-Za-z]+)*$`)
)

// RefKind classifies a ref: a commit hash, a release tag (v1.2.3,
// 0.6, release-2.0) or anything else, taken as a branch.
func RefKind(ref string) string {
	switch {
	case ref == "":
		return ""
	case dockerfile.Dynamic(ref):
		return "dynamic"
	case pipreq.IsFullCommit("git", ref) || shortHexRe().MatchString(ref) && strings.ContainsAny(ref, "0123456789"):
		return "commit"
	case strings.HasPrefix(ref, "refs/tags/") || strings.HasPrefix(ref, "tags/") || tagRe().MatchString(ref):
		return "tag"
	}
	return "branch"
}

// gitGlobalValued are git's global options that take a value.
var gitGlobalValued = map[string]bool{"-C": true, "-c": true, "--git-dir": true, "--work-tree": true, "--namespace": true,
	"--exec-path": false, "--config-env": true}

// cloneValued are "git clone" options that take a value.
var cloneValued = map[string]bool{"-b": true, "--branch": true, "--depth": true, "-o": true, "--origin": true, "-c": true,
	"--config": true, "--reference": true, "--reference-if-able": true, "--separate-git-dir": true, "-j": true,
	"--jobs": true, "--filter": true, "--template": true, "-u": true, "--upload-pack": true, "--shallow-since": true,
	"--shallow-exclude": true, "--server-option": true, "--bundle-uri": true, "--revision": true}

// git handles "git [-C dir] clone|checkout|switch|reset".
func (a *analyzer) git(c dockerfile.Call, at pos, text string) {
	args := c.Args[1:]
	dir := a.cwd
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		name, val, attached := strings.Cut(args[0], "=")
		args = args[1:]
		if !gitGlobalValued[name] {
			continue
		}
		if !attached && len(args) > 0 {
			val, args = args[0], args[1:]
		}
		if name == "-C" {
			dir = joinPath(dir, val)
		}
	}
	if len(args) == 0 {
		return
	}
	sub, args := args[0], args[1:]
	switch sub {
	case "clone":
		a.clone(args, dir, at, text)
	case "checkout", "switch", "reset":
		if ref := checkoutRef(sub, args); ref != "" {
			a.checkouts = append(a.checkouts, checkout{seq: a.seq, line: at.line, dir: dir, ref: ref})
		}
	}
}

func (a *analyzer) clone(args []string, dir string, at pos, text string) {
	cl := Clone{Line: at.line, Col: at.col, Text: text}
	var pos []string
	for i := 0; i < len(args); i++ {
		w := args[i]
		if w == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(w, "-") || w == "-" {
			pos = append(pos, w)
			continue
		}
		name, val, attached := strings.Cut(w, "=")
		if !cloneValued[name] {
			continue
		}
		if !attached && i+1 < len(args) {
			i++
			val = args[i]
		}
		if name == "-b" || name == "--branch" || name == "--revision" {
			cl.Ref = val
		}
	}
	if len(pos) == 0 {
		return
	}
	cl.URL = pos[0]
	target := ""
	if len(pos) > 1 {
		target = pos[1]
	} else if !dockerfile.Dynamic(cl.URL) {
		target = strings.TrimSuffix(path.Base(strings.TrimRight(strings.TrimSuffix(cl.URL, "/"), "/")), ".git")
		if i := strings.LastIndex(target, ":"); i >= 0 { // git@host:repo
			target = target[i+1:]
		}
	}
	if target == "" {
		cl.Dir = Unknown
	} else {
		cl.Dir = joinPath(dir, target)
	}
	cl.RefKind = RefKind(cl.Ref)
	a.res.Clones = append(a.res.Clones, cl)
	a.cloneSeq = append(a.cloneSeq, a.seq)
}

// checkoutRef returns the ref that "git checkout|switch|reset" moves to,
// "" for commands that do not move HEAD to a given ref (checkout -b,
// checkout -- file, reset without --hard).
func checkoutRef(sub string, args []string) string {
	hard, detach := false, false
	var pos []string
	for i := 0; i < len(args); i++ {
		w := args[i]
		switch {
		case w == "--":
			if i+1 < len(args) {
				return "" // checkout <ref> -- <paths>: files, not HEAD
			}
			i = len(args)
		case w == "-b" || w == "-B" || w == "-c" || w == "-C" || w == "--orphan":
			return "" // a new branch at HEAD
		case w == "--hard":
			hard = true
		case w == "--detach" || w == "-d":
			detach = true
		case strings.HasPrefix(w, "-"):
		default:
			pos = append(pos, w)
		}
	}
	if len(pos) == 0 {
		return ""
	}
	switch sub {
	case "reset":
		if !hard {
			return ""
		}
	case "switch":
		if !detach {
			return pos[0] // a branch name
		}
	case "checkout":
		if len(pos) > 1 {
			return "" // checkout <ref> <paths>: files, not HEAD
		}
	}
	return pos[0]
}
