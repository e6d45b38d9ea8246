package commands

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/pyproject"
	"github.com/git-repro/git-repro/parse/shellcmd"
	"github.com/git-repro/git-repro/rules/internal/shell"
)

// clones reports the clones of a file that are not pinned to a commit
// (REPRO-DEP-142), once each, at the clone, naming the commands that
// install it: the clone is the cause, and an install is not a second
// problem.
func clones(f *shell.File, own []shellcmd.Clone, add func(string, checks.Diag)) {
	for _, c := range f.Clones {
		why := c.Unpinned()
		if why == "" || isOwn(c, own) {
			continue
		}
		moves := "gets whatever the default branch holds on the day it runs"
		if c.RefKind == "branch" {
			moves = fmt.Sprintf("follows branch %q, which moves", c.Ref)
		}
		fix := fmt.Sprintf("check out a commit after the clone: git -C %s checkout <40-hex sha>", dirOf(c, own))
		installed := ""
		if len(c.Installs) > 0 {
			var where []string
			for _, in := range c.Installs {
				if w := place(f, in.Line); !slices.Contains(where, w) {
					where = append(where, w)
				}
			}
			installed = fmt.Sprintf(", and %s installs it, so that becomes a dependency no manifest records", strings.Join(where, ", "))
		}
		add(cloneID, checks.Diag{Pos: checks.Pos{Path: f.Path, Line: c.Line, Col: c.Col},
			Message: fmt.Sprintf("%sgit clone of %q %s%s; %s", cellRef(f, c.Line), c.URL, moves, installed, fix)})
	}
}

// dirOf is the clone's directory for a hint, relative to the project's
// own clone when a README works inside it.
func dirOf(c shellcmd.Clone, own []shellcmd.Clone) string {
	if c.Dir == shellcmd.Unknown || c.Dir == "" {
		return "<dir>"
	}
	return rootRelative(c.Dir, own)
}

// rootRelative is a path of a README's session relative to the root of
// the project's own clone, when it is inside it ("myproj/apex" is "apex"
// to a reader who has cloned myproj and cd'ed into it).
func rootRelative(p string, own []shellcmd.Clone) string {
	for _, o := range own {
		if rel, ok := within(p, o.Dir); ok {
			return rel
		}
	}
	return p
}

// place names a line of the file for a message: "line 8", or in a
// notebook "cell 2"; placeAt with its preposition ("at line 8", "in cell
// 2").
func place(f *shell.File, line int) string {
	if cell, _, ok := f.Source(line); ok {
		return fmt.Sprintf("cell %d", cell)
	}
	return fmt.Sprintf("line %d", line)
}

func placeAt(f *shell.File, line int) string {
	if _, _, ok := f.Source(line); ok {
		return "in " + place(f, line)
	}
	return "at " + place(f, line)
}

// cellRef starts a message about a notebook line: "cell 2: ".
func cellRef(f *shell.File, line int) string {
	if cell, _, ok := f.Source(line); ok {
		return fmt.Sprintf("cell %d: ", cell)
	}
	return ""
}

func isOwn(c shellcmd.Clone, own []shellcmd.Clone) bool {
	for _, o := range own {
		if o.Line == c.Line && o.URL == c.URL {
			return true
		}
	}
	return false
}

// ownClones returns the clones of a README, a Markdown doc or a notebook
// that fetch the project itself ("git clone <this repo> && cd <it>"):
// how users get the code, not a dependency. Scripts and Dockerfiles have
// none: a build that clones the project runs its default branch instead
// of the checked-out commit.
//
// A clone is the project's own when its repository (or target directory)
// has the project's name: the name in pyproject.toml, setup.cfg or
// setup.py, or the README's title. Without a name to go by, it is the
// first clone of the file, the commands after it enter its directory and
// never leave it, and it is installed only if the repository has a
// Python project to install (NVIDIA Apex cloned and installed with "cd
// apex && pip install ./ && cd .." is a dependency).
func ownClones(p *checks.Pass, f *shell.File) []shellcmd.Clone {
	if (f.Kind != shell.Markdown && f.Kind != shell.Notebook) || len(f.Clones) == 0 {
		return nil
	}
	names := ownNames(p)
	var own []shellcmd.Clone
	for i, c := range f.Clones {
		if names[canonical(repoName(c.URL))] || c.Dir != shellcmd.Unknown && names[canonical(path.Base(c.Dir))] {
			own = append(own, c)
			continue
		}
		if i == 0 && c.Entered > 0 && c.Left == 0 && (len(c.Installs) == 0 || hasProject(p)) {
			own = append(own, c)
		}
	}
	return own
}

// repoName is the repository a clone or VCS URL names
// ("https://github.com/o/segment-anything.git@main#egg=x" is
// "segment-anything"), or a package name as it is.
func repoName(u string) string {
	u, _, _ = strings.Cut(u, "#")
	if i := strings.LastIndex(u, "@"); i > strings.LastIndex(u, "/") && strings.Contains(u, "/") {
		u = u[:i] // a VCS URL's @ref
	}
	return strings.TrimSuffix(path.Base(strings.TrimRight(u, "/")), ".git")
}

// canonical folds a repository or project name for comparison: lower
// case letters and digits only ("SAM 2" and "sam2", "Segment Anything"
// and "segment-anything" are one name).
func canonical(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return -1
	}, s)
}

var (
	setupNameRe = lazyre.New(`\bname\s*=\s*['"]([A-Za-z0-9][A-Za-z0-9._-]*)['"]`)
	cfgNameRe   = lazyre.New(`(?m)^\s*name\s*[=:]\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*$`)
	htmlTagRe   = lazyre.New(`<[^>]*>|!\[[^\]]*\]\([^)]*\)|\[|\]\([^)]*\)`)
	titleCutRe  = lazyre.New(`\s*(?::|\s-\s|\s—\s|\s–\s|\|)`)
)

// ownNames are the names the project goes by, canonical: its
// distribution name (pyproject.toml, setup.cfg, setup.py at the root) and
// its README's title (whole, and before a ":" or " - " subtitle).
func ownNames(p *checks.Pass) map[string]bool {
	return p.Memo("commands:own-names", func() any {
		names := map[string]bool{}
		addName := func(s string) {
			if c := canonical(s); c != "" {
				names[c] = true
			}
		}
		if b, err := p.Tree.ReadFile("pyproject.toml"); err == nil {
			if proj, err := pyproject.Parse(b); err == nil {
				addName(proj.Name)
			}
		}
		if b, err := p.Tree.ReadFile("setup.cfg"); err == nil {
			if _, meta, ok := strings.Cut(string(b), "[metadata]"); ok {
				meta, _, _ = strings.Cut(meta, "\n[")
				if m := cfgNameRe().FindStringSubmatch(meta); m != nil {
					addName(m[1])
				}
			}
		}
		if b, err := p.Tree.ReadFile("setup.py"); err == nil {
			if m := setupNameRe().FindSubmatch(b); m != nil {
				addName(string(m[1]))
			}
		}
		for _, readme := range []string{"README.md", "README.markdown", "readme.md", "Readme.md", "README.rst", "README"} {
			b, err := p.Tree.ReadFile(readme)
			if err != nil {
				continue
			}
			if t := title(string(b)); t != "" {
				addName(t)
				if head := titleCutRe().Split(t, 2)[0]; head != t {
					addName(head)
				}
			}
			break
		}
		return names
	}).(map[string]bool)
}

// title is a README's first heading ("# Name" or a setext or RST
// underlined line), without markup.
func title(doc string) string {
	lines := strings.Split(doc, "\n")
	for i, l := range lines {
		t := strings.TrimSpace(l)
		var text string
		switch {
		case strings.HasPrefix(t, "# "):
			text = t[2:]
		case i+1 < len(lines) && t != "" && underline(lines[i+1]):
			text = t
		default:
			continue
		}
		text = strings.TrimSpace(htmlTagRe().ReplaceAllString(text, ""))
		text = strings.Trim(text, "*_` ")
		if text != "" {
			return text
		}
	}
	return ""
}

// underline reports a setext or reStructuredText title underline.
func underline(l string) bool {
	t := strings.TrimSpace(l)
	return len(t) >= 3 && (strings.Trim(t, "=") == "" || strings.Trim(t, "-") == "")
}

// hasProject reports whether the repository root holds a Python project
// that "pip install ." installs.
func hasProject(p *checks.Pass) bool {
	return p.Memo("commands:has-project", func() any {
		for _, f := range []string{"pyproject.toml", "setup.py", "setup.cfg"} {
			if _, err := p.Tree.Stat(f); err == nil {
				return true
			}
		}
		return false
	}).(bool)
}
