package pyfile

import (
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/python"
)

// File is one Python module of the repository, or the code cells of a
// notebook, with its model.
type File struct {
	Path string
	Mod  *python.Module
	Err  *python.Error
	NB   *Notebook // set for a notebook
}

// At converts a model position into a finding position.
func (f *File) At(pos python.Pos) checks.Pos {
	if f.NB != nil {
		return f.NB.at(f.Path, pos)
	}
	return checks.Pos{Path: f.Path, Line: int(pos.Line), Col: int(pos.Col) + 1}
}

// CellRef prefixes a message about a notebook with the cell and line
// ("cell 3, line 2: "); "" for a .py file.
func (f *File) CellRef(pos python.Pos) string {
	if f.NB == nil {
		return ""
	}
	return f.NB.cellRef(pos)
}

// IsPython reports whether p names a Python source file.
func IsPython(p string) bool { return strings.HasSuffix(p, ".py") }

// MaxSize bounds the Python files the family reads: larger ones are
// generated code (protobuf stubs, vendored bundles), not programs, and
// their tokens would cost about ten times their size in memory.
const MaxSize = 8 << 20

// Load parses a .py file once per run; nil if it does not exist, is an
// LFS pointer, or is larger than MaxSize (then recorded with p.Skip, so a
// target that large is reported as not checked instead of passing).
func Load(p *checks.Pass, fp string) *File {
	v := p.Memo("python:"+fp, func() any {
		fi, err := p.Tree.Stat(fp)
		if err != nil || fi.LFS != nil {
			return (*File)(nil)
		}
		if fi.Size > MaxSize {
			p.Skip(fp, fi.Size, MaxSize)
			return (*File)(nil)
		}
		b, err := p.Tree.ReadFile(fp)
		if err != nil {
			return (*File)(nil)
		}
		f := &File{Path: fp}
		toks, terr := python.Tokenize(b)
		if terr != nil {
			f.Err = terr.(*python.Error)
			return f
		}
		f.Mod = python.Build(b, toks)
		return f
	})
	return v.(*File)
}

// LoadCode parses a module, or a notebook's code cells, once per run (see
// Load and LoadNotebook); nil when the file cannot be read.
func LoadCode(p *checks.Pass, fp string) *File {
	if IsNotebook(fp) {
		if nb := LoadNotebook(p, fp); nb != nil {
			return nb.Py
		}
		return nil
	}
	return Load(p, fp)
}

func Exists(p *checks.Pass, fp string) bool {
	return p.Memo("exists:"+fp, func() any {
		_, err := p.Tree.Stat(fp)
		return err == nil
	}).(bool)
}
