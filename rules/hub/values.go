package hub

import (
	"fmt"
	"strings"

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
}

// resolve evaluates expr, an argument of the call at event idx of fn:
// a string literal, None, a local variable or a module constant assigned a
// literal once (unconditionally), or args.X whose argparse option has a
// literal default (or none: None). Anything else is not resolved.
func resolve(f *pyfile.File, fn *python.Func, idx int, expr string) strValue {
	return resolveDepth(f, fn, idx, strings.TrimSpace(expr), 0)
}

func resolveDepth(f *pyfile.File, fn *python.Func, idx int, expr string, depth int) strValue {
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
			return named(f, fn, k, a, depth)
		}
		if top := f.Mod.Top; fn != top {
			if a, k := onlyAssign(top.Events, expr); a != nil {
				return named(f, top, k, a, depth)
			}
		}
		return strValue{}
	}
	if obj, attr, ok := strings.Cut(expr, "."); ok && isName(obj) && isName(attr) {
		return argDefault(f, attr)
	}
	return strValue{}
}

// named resolves the value of an assignment to a name.
func named(f *pyfile.File, fn *python.Func, k int, a *python.Assign, depth int) strValue {
	if a.Block != "" && a.Block != "with" && a.Block != "try" {
		return strValue{} // assigned under a condition
	}
	v := resolveDepth(f, fn, k, a.Value, depth+1)
	if v.from == "" && (v.ok || v.none) {
		p := f.At(a.Pos)
		v.from = fmt.Sprintf("%s at %s:%d", a.Target, p.Path, p.Line)
	}
	return v
}

// lastAssign returns the last assignment to name among events.
func lastAssign(events []python.Event, name string) (*python.Assign, int) {
	for k := len(events) - 1; k >= 0; k-- {
		if a := events[k].Assign; a != nil && a.Target == name {
			return a, k
		}
	}
	return nil, 0
}

// onlyAssign returns the assignment to name when there is exactly one.
func onlyAssign(events []python.Event, name string) (*python.Assign, int) {
	var found *python.Assign
	at := 0
	for k, e := range events {
		if a := e.Assign; a != nil && a.Target == name {
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
// agrees on a literal default.
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
				v = resolveDepth(f, f.Mod.Top, len(f.Mod.Top.Events), def, 5) // literals only
			} else if req, _ := c.Keyword("required"); req != "True" {
				v = strValue{none: true}
			}
			if !v.ok && !v.none {
				return strValue{}
			}
			p := f.At(c.Pos)
			v.from = fmt.Sprintf("the default of %s at %s:%d", flag, p.Path, p.Line)
			if found && (v.s != out.s || v.none != out.none) {
				return strValue{}
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
