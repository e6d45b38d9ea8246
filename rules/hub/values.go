package hub

import (
	"fmt"
	"slices"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/python"
	"github.com/git-repro/git-repro/rules/internal/pyfile"
)

// strValue is what an argument resolves to.
type strValue struct {
	s    string
	ok   bool // a string
	none bool // None
	// from says where the value comes from when it is not written at the
	// call: `BASE at finetune.py:4`, `the default of --model at train.py:10`
	from string
	// opt is the argparse destination the value comes from (args.model ->
	// "model"), set whether or not it resolves: a command line of a shell
	// script may give it.
	opt string
}

// resolver evaluates arguments; p (nil in a test of one file) lets it
// follow a constant imported from another module of the repository.
type resolver struct {
	p *checks.Pass
}

// resolve evaluates expr, an argument of the call at event idx of fn:
// a string literal, None, a local variable or a module constant assigned a
// literal once (unconditionally, or one item of a tuple assignment), a
// constant imported from another module of the repository, or args.X
// whose argparse option has a literal default (or none: None). Anything
// else is not resolved.
func (r resolver) resolve(f *pyfile.File, fn *python.Func, idx int, expr string) strValue {
	return r.depth(f, fn, idx, strings.TrimSpace(expr), 0)
}

// resolve is the resolver without access to other modules.
func resolve(f *pyfile.File, fn *python.Func, idx int, expr string) strValue {
	return resolver{}.resolve(f, fn, idx, expr)
}

func (r resolver) depth(f *pyfile.File, fn *python.Func, idx int, expr string, depth int) strValue {
	if expr == "None" {
		return strValue{none: true}
	}
	if s, ok := python.StringValue(expr); ok {
		return strValue{s: s, ok: true}
	}
	if depth > 4 || expr == "" {
		return strValue{}
	}
	if isName(expr) {
		for _, p := range fn.Params {
			if p.Name == expr {
				return strValue{} // the caller's value
			}
		}
		if a, k := lastAssign(fn.Events[:min(idx, len(fn.Events))], expr); a != nil {
			return r.named(f, fn, k, a, expr, depth)
		}
		if top := f.Mod.Top; fn != top {
			if a, k := onlyAssign(top.Events, expr); a != nil {
				return r.named(f, top, k, a, expr, depth)
			}
		}
		return r.imported(f, expr, depth)
	}
	if obj, attr, ok := strings.Cut(expr, "."); ok && isName(obj) && isName(attr) {
		return argDefault(f, attr)
	}
	return strValue{}
}

// named resolves the value an assignment gives name (the whole value, or
// its item in a tuple assignment).
func (r resolver) named(f *pyfile.File, fn *python.Func, k int, a *python.Assign, name string, depth int) strValue {
	if a.Block != "" && a.Block != "with" && a.Block != "try" {
		return strValue{} // assigned under a condition
	}
	value := a.Value
	if names := a.Names(); len(names) > 1 {
		items := python.SplitTopLevel(a.Value)
		i := slices.Index(names, name)
		if len(items) != len(names) || i < 0 {
			return strValue{} // unpacked from a call or a sequence
		}
		value = items[i]
	}
	v := r.depth(f, fn, k, value, depth+1)
	if v.from == "" && (v.ok || v.none) {
		p := f.At(a.Pos)
		v.from = fmt.Sprintf("%s at %s:%d", name, p.Path, p.Line)
	}
	return v
}

// imported resolves a name bound by `from module import NAME` to the
// module-level constant of that module of the repository.
func (r resolver) imported(f *pyfile.File, name string, depth int) strValue {
	im, ok := f.Mod.Binding(name)
	if !ok || r.p == nil || im.Name == "" || im.Name == "*" {
		return strValue{}
	}
	g := pyfile.LoadModule(r.p, f, im.Module)
	if g == nil || g.Mod == nil || g.Path == f.Path {
		return strValue{}
	}
	a, k := onlyAssign(g.Mod.Top.Events, im.Name)
	if a == nil {
		return strValue{}
	}
	return r.named(g, g.Mod.Top, k, a, im.Name, depth)
}

// lastAssign returns the last assignment to name among events.
func lastAssign(events []python.Event, name string) (*python.Assign, int) {
	for k := len(events) - 1; k >= 0; k-- {
		if a := events[k].Assign; a != nil && assigns(a, name) {
			return a, k
		}
	}
	return nil, 0
}

// assigns reports whether a binds name, alone or in a tuple.
func assigns(a *python.Assign, name string) bool {
	return a.Target == name || strings.Contains(a.Target, ",") && slices.Contains(a.Names(), name)
}

// onlyAssign returns the assignment to name when there is exactly one.
func onlyAssign(events []python.Event, name string) (*python.Assign, int) {
	var found *python.Assign
	at := 0
	for k, e := range events {
		if a := e.Assign; a != nil && assigns(a, name) {
			if found != nil {
				return nil, 0
			}
			found, at = a, k
		}
	}
	return found, at
}

// argDefault resolves args.<dest> to the default of the argparse option
// stored in dest, when every add_argument of the file with that dest
// agrees on a literal default; otherwise the value is unresolved but
// names the option (opt), when the file has one.
func argDefault(f *pyfile.File, dest string) strValue {
	var out strValue
	found := false
	for _, fn := range pyfile.Funcs(f.Mod) {
		for _, e := range fn.Events {
			c := e.Call
			if c == nil || !strings.HasSuffix(c.Callee, "add_argument") {
				continue
			}
			d, flag := pyfile.ArgDest(c)
			if d != dest {
				continue
			}
			var v strValue
			if def, ok := c.Keyword("default"); ok {
				v = resolver{}.depth(f, f.Mod.Top, len(f.Mod.Top.Events), def, 5) // literals only
			} else if req, _ := c.Keyword("required"); req != "True" {
				v = strValue{none: true}
			}
			if !v.ok && !v.none {
				return strValue{opt: dest} // required, or a default we do not read
			}
			p := f.At(c.Pos)
			v.from, v.opt = fmt.Sprintf("the default of %s at %s:%d", flag, p.Path, p.Line), dest
			if found && (v.s != out.s || v.none != out.none) {
				return strValue{opt: dest}
			}
			out, found = v, true
		}
	}
	return out
}

func isName(s string) bool {
	if s == "" || s == "None" || s == "True" || s == "False" {
		return false
	}
	for i, r := range s {
		if !(r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || i > 0 && '0' <= r && r <= '9') {
			return false
		}
	}
	return true
}
