package shell

import (
	"fmt"
	"path"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/dockerfile"
	"github.com/git-repro/git-repro/parse/shellcmd"
	"github.com/git-repro/git-repro/parse/snakefile"
	"github.com/git-repro/git-repro/rules/internal/pyfile"
	"github.com/git-repro/git-repro/rules/internal/wording"
	"github.com/git-repro/git-repro/snapshot"
)

// Kind is the kind of a file that holds shell commands.
type Kind int

// Kinds of file.
const (
	None       Kind = iota
	Markdown        // README.md, docs/*.md: code blocks, console sessions, inline code
	Script          // *.sh, *.bash, an executable with a shell "#!" line
	Makefile        // Makefile, GNUmakefile, *.mk: recipe lines
	Dockerfile      // RUN instructions (the caller tells a Dockerfile by its name)
	Notebook        // *.ipynb: "!cmd", "%pip", "%cd", %%bash cells
	Snakefile       // Snakefile, *.smk: the rules' shell: commands
)

// MaxSize bounds the files read for commands: a larger Markdown file or
// script is generated or vendored, not instructions.
const MaxSize = 2 << 20

// notDocs are Markdown files that are not instructions to run: release
// notes quote old commands, templates ask for them.
var notDocs = []string{"changelog*", "changes*", "history*", "news*", "release*", "code_of_conduct*", "security*", "license*", "authors*"}

// KindOf tells the kind of a file by its path and mode; an extensionless
// executable is a script only if its "#!" line names a shell, which
// needs its content (read through tree).
func KindOf(tree snapshot.Tree, f snapshot.FileInfo) Kind {
	if f.LFS != nil || f.Size > MaxSize {
		return None
	}
	p := f.Path
	base := strings.ToLower(path.Base(p))
	ext := path.Ext(base)
	switch {
	case ext == ".md" || ext == ".markdown":
		if strings.HasPrefix(p, ".github/") || checks.BaseMatch(p, notDocs...) {
			return None
		}
		return Markdown
	case ext == ".sh" || ext == ".bash" || ext == ".zsh" || ext == ".ksh":
		return Script
	case base == "makefile" || base == "gnumakefile" || ext == ".mk":
		return Makefile
	case ext == ".ipynb":
		return Notebook
	case snakefile.IsFile(p):
		return Snakefile
	case ext == "" && f.Mode&0o111 != 0 && shebangShell(tree, p):
		return Script
	}
	return None
}

// shebangShell reports whether the file starts with a "#!" line that
// runs a POSIX-style shell ("#!/bin/bash", "#!/usr/bin/env sh").
func shebangShell(tree snapshot.Tree, p string) bool {
	b, err := tree.ReadFile(p)
	if err != nil || !strings.HasPrefix(string(b), "#!") {
		return false
	}
	line, _, _ := strings.Cut(string(b[2:min(len(b), 256)]), "\n")
	fs := strings.Fields(line)
	if len(fs) == 0 {
		return false
	}
	interp := path.Base(fs[0])
	if interp == "env" && len(fs) > 1 {
		interp = path.Base(fs[len(fs)-1])
	}
	return dockerfile.IsShell(interp)
}

// File is the commands of one file.
type File struct {
	Path string
	Kind Kind
	*shellcmd.Result
	// NB is the notebook, for a Notebook.
	NB *pyfile.Notebook
}

// Load reads the commands of a file of the given kind once per run; nil
// when it cannot be read.
func Load(p *checks.Pass, fp string, kind Kind) *File {
	return p.Memo("shell:"+fp, func() any {
		f := &File{Path: fp, Kind: kind}
		if kind == Notebook {
			nb := pyfile.LoadNotebook(p, fp)
			if nb == nil || nb.Err != nil {
				return (*File)(nil)
			}
			f.NB = nb
			cells := make([][]shellcmd.Line, len(nb.Code))
			for i, c := range nb.Code {
				for _, l := range c.Lines {
					cells[i] = append(cells[i], shellcmd.Line{N: l.Line, Text: l.Text})
				}
			}
			f.Result = shellcmd.Notebook(cells)
			return f
		}
		if fi, err := p.Tree.Stat(fp); err != nil || fi.LFS != nil || fi.Size > MaxSize {
			return (*File)(nil)
		}
		b, err := p.Tree.ReadFile(fp)
		if err != nil {
			return (*File)(nil)
		}
		switch kind {
		case Markdown:
			f.Result = shellcmd.Markdown(string(b))
		case Script:
			f.Result = shellcmd.Script(string(b))
		case Makefile:
			f.Result = shellcmd.Makefile(string(b))
		case Snakefile:
			f.Result = shellcmd.Snakefile(string(b))
		case Dockerfile:
			f.Result = shellcmd.Dockerfile(dockerfile.Parse(b))
		default:
			return (*File)(nil)
		}
		return f
	}).(*File)
}

// Source returns, for a notebook, the code cell (1-based) and the source
// line at a line of the .ipynb file.
func (f *File) Source(line int) (cell int, src pyfile.SourceLine, ok bool) {
	cell, _, src, ok = f.locate(line)
	return cell, src, ok
}

// CellRef names, for a notebook, the cell and the line within it of a
// line of the .ipynb file, as the Python rules do: "cell 3, line 2: ";
// "" for another file.
func (f *File) CellRef(line int) string {
	cell, n, _, ok := f.locate(line)
	if !ok {
		return ""
	}
	return fmt.Sprintf("cell %d, line %d: ", cell, n)
}

// locate finds a line of the .ipynb file among the code cells' lines:
// the cell and the line within it (1-based).
func (f *File) locate(line int) (cell, n int, src pyfile.SourceLine, ok bool) {
	if f.NB == nil {
		return 0, 0, src, false
	}
	for _, c := range f.NB.Code {
		for i, l := range c.Lines {
			if l.Line == line {
				return c.Index + 1, i + 1, l, true
			}
		}
	}
	return 0, 0, src, false
}

// Command is a notebook command as written in its cell: the source line
// at line and the lines that continue it ("\\" at the end), joined.
func (f *File) Command(line int) string {
	var parts []string
	found := false
	for _, c := range f.NB.Code {
		for _, l := range c.Lines {
			if l.Line == line && !found {
				found = true
			} else if !found {
				continue
			}
			t := strings.TrimSpace(l.Text)
			cont := strings.HasSuffix(t, `\`)
			parts = append(parts, strings.TrimSpace(strings.TrimSuffix(t, `\`)))
			if !cont {
				return strings.Join(parts, " ")
			}
		}
		if found {
			break
		}
	}
	return strings.Join(parts, " ")
}

// Problem is what an install command leaves unpinned, worded once for
// every rule that reports such commands (README and script installs,
// notebook installs, workflow steps), so that they say the same of the
// same command.
type Problem struct {
	// What names the tool and the unpinned packages, and the shell
	// redirections that cut a requirement: `pip install of unpinned
	// packages "a", "b"`.
	What string
	// Fix says how to fix it.
	Fix string
}

// Unpinned words what in leaves unpinned (see shellcmd.Install.Loose for
// pinned); ok is false when it pins everything.
func Unpinned(in shellcmd.Install, pinned func(canonical string) bool) (Problem, bool) {
	loose := in.Loose(pinned)
	if len(loose) == 0 {
		return Problem{}, false
	}
	what := fmt.Sprintf("%s of unpinned %s %s", in.Tool, wording.Noun(len(loose), "package", "packages"), wording.QuoteList(loose, 8))
	fix := "pin exact versions or install from a pinned requirements file"
	if in.Conda() {
		fix = "pin exact versions or install from a pinned environment file"
	}
	var cut []string
	for _, rd := range in.Redirects {
		if rd.Package == "" {
			continue
		}
		req := rd.Package + rd.String()
		effect := fmt.Sprintf("the output goes to a file %q", rd.Word)
		if rd.Op == "<" {
			effect = fmt.Sprintf("the shell reads a file %q as its input (the command fails when there is none)", rd.Word)
		}
		what += fmt.Sprintf("; the unquoted %q in %q is a shell redirect: %q is installed without a version and %s", rd.Op, req, rd.Package, effect)
		cut = append(cut, "'"+req+"'")
	}
	if len(cut) > 0 {
		fix = fmt.Sprintf("quote requirements with < or > (%s), then %s", strings.Join(cut, " "), fix)
	}
	return Problem{What: what, Fix: fix}, true
}
