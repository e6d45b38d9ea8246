package seeds

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/python"
	"github.com/git-repro/git-repro/rules/internal/pyfile"
)

// Configuration defaults: the value a key such as "seed" has when the
// program runs without options, from the modules the program imports:
// argparse arguments (--seed, with default= or without one, which is
// None) and set_defaults, dict displays ({"SEED": -1}), keyword arguments
// of config constructors (SimpleNamespace(SEED=-1), TrainingArguments(seed=
// 42), field(default=None)), and assignments of constants (_C.SEED = -1,
// SEED = 0, a dataclass field seed: int = -1).

// configDefaults reads the defaults of one program's modules, lazily.
type configDefaults struct {
	p     *checks.Pass
	files map[string]bool
	paths []string // files, sorted
}

// defaultVal is one literal default of a key.
type defaultVal struct {
	v    val
	desc string // `--seed has default=None`, `"SEED" is -1`
	at   checks.Pos
}

// lookup returns the default of key: None or a number when every literal
// default the program's modules give it agrees on "no fixed seed" (None or
// negative), a fixed value when one of them is fixed, unknown when none
// is found.
func (d *configDefaults) lookup(key string) val {
	if d == nil {
		return val{}
	}
	if d.paths == nil {
		for fp := range d.files {
			d.paths = append(d.paths, fp)
		}
		sort.Strings(d.paths)
	}
	var ds []defaultVal
	for _, fp := range d.paths {
		ds = append(ds, fileDefaults(d.p, fp)[key]...)
	}
	if len(ds) == 0 {
		return val{}
	}
	for _, dv := range ds {
		if dv.v.kind == vFixed && (!dv.v.hasNum || dv.v.num >= 0) {
			return val{kind: vFixed}
		}
	}
	v := ds[0].v
	v.fromDefault = true
	v.why = fmt.Sprintf("%s at %s:%d", ds[0].desc, ds[0].at.Path, ds[0].at.Line)
	return v
}

// fileDefaults reads the defaults one module gives, by key, once per run.
func fileDefaults(p *checks.Pass, fp string) map[string][]defaultVal {
	return p.Memo("seeds:defaults:"+fp, func() any {
		d := defaultsReader{byKey: map[string][]defaultVal{}}
		f := pyfile.LoadCode(p, fp)
		if f == nil || f.Mod == nil {
			return d.byKey
		}
		for _, fn := range pyfile.Funcs(f.Mod) {
			for _, e := range fn.Events {
				if e.Call != nil {
					d.fromCall(f, e.Call)
				} else if a := e.Assign; a != nil {
					d.fromAssign(f, fn, a)
				}
			}
		}
		return d.byKey
	}).(map[string][]defaultVal)
}

// abslDefines define absl command-line flags (name, default, help).
var abslDefines = setOf("DEFINE_integer", "DEFINE_float", "DEFINE_string", "DEFINE_bool", "DEFINE_boolean", "DEFINE_enum")

// configFileDefiners take the path of a config file on the command line
// (ml_collections: --config configs/vit.py, whose get_config() builds the
// ConfigDict the program reads).
var configFileDefiners = setOf("ml_collections.config_flags.DEFINE_config_file",
	"ml_collections.config_flags.config_flags.DEFINE_config_file")

// usualConfigFiles are looked up (not listed) on a hook run when a program
// takes its config file on the command line without a default.
var usualConfigFiles = []string{"configs/default.py", "configs/config.py", "configs/base.py", "config.py", "configs/__init__.py"}

// configFiles returns the config files the programs among files take on
// their command line: the default path of DEFINE_config_file, else, on a
// full run, every module of the repository that imports ml_collections and
// defines get_config() (on a hook run the usual paths, looked up). Their
// assignments (config.seed = -1) are defaults of the keys they set.
func configFiles(p *checks.Pass, files map[string]bool) []string {
	var out []string
	wanted := false
	for fp := range files {
		f := pyfile.Load(p, fp)
		if f == nil || f.Mod == nil {
			continue
		}
		for _, fn := range pyfile.Funcs(f.Mod) {
			for _, e := range fn.Events {
				c := e.Call
				if c == nil || !configFileDefiners[libName(f.Mod, c.Callee)] {
					continue
				}
				wanted = true
				def, ok := c.Keyword("default")
				if !ok && len(c.Args) > 1 {
					def, ok = c.Args[1], true
				}
				if s, lit := python.StringValue(def); ok && lit {
					s, _, _ = strings.Cut(s, ":") // configs/vit.py:variant
					if pyfile.Exists(p, s) {
						out = append(out, s)
					}
				}
			}
		}
	}
	if !wanted || len(out) > 0 {
		return out
	}
	return p.Memo("seeds:configfiles", func() any {
		var found []string
		if !p.Full {
			for _, fp := range usualConfigFiles {
				if pyfile.Exists(p, fp) {
					found = append(found, fp)
				}
			}
			return found
		}
		for _, t := range p.Targets {
			if t.LFS != nil || !pyfile.IsPython(t.Path) {
				continue
			}
			if f := pyfile.Load(p, t.Path); f != nil && f.Mod != nil && f.Mod.Imported("ml_collections") && f.Mod.Funcs["get_config"] != nil {
				found = append(found, t.Path)
			}
		}
		return found
	}).([]string)
}

// defaultsReader collects the defaults of one module.
type defaultsReader struct {
	byKey map[string][]defaultVal
}

func (d *defaultsReader) add(key string, v val, desc string, at checks.Pos) {
	if key == "" || v.kind == vUnknown {
		return
	}
	d.byKey[key] = append(d.byKey[key], defaultVal{v: v, desc: desc, at: at})
}

func (d *defaultsReader) fromCall(f *pyfile.File, c *python.Call) {
	last := lastPart(c.Callee)
	at := f.At(c.Pos)
	switch {
	case last == "add_argument":
		dest, flag := pyfile.ArgDest(c)
		if dest == "" {
			return
		}
		if v, ok := c.Keyword("required"); ok && v == "True" {
			return
		}
		if action, ok := c.Keyword("action"); ok {
			if s, _ := python.StringValue(action); s != "store" {
				return
			}
		}
		def, ok := c.Keyword("default")
		if !ok {
			d.add(dest, val{kind: vNone}, fmt.Sprintf("%s has no default (None)", flag), at)
			return
		}
		d.add(dest, literal(def), fmt.Sprintf("%s has default=%s", flag, def), at)
	case abslDefines[last] && len(c.Args) > 0:
		// absl: flags.DEFINE_integer("seed", -1, "help")
		name, ok := python.StringValue(c.Args[0])
		if !ok {
			return
		}
		def, ok := c.Keyword("default")
		if !ok && len(c.Args) > 1 {
			def, ok = c.Args[1], true
		}
		if !ok {
			return
		}
		d.add(name, literal(def), fmt.Sprintf("the flag --%s defaults to %s", name, def), at)
	case last == "set_defaults":
		for _, k := range c.Keywords {
			d.add(k.Name, literal(k.Value), fmt.Sprintf("set_defaults(%s=%s)", k.Name, k.Value), at)
		}
	case c.Target != "" && (last == "field" || last == "Field"):
		// seed: int = field(default=-1)
		if v, ok := c.Keyword("default"); ok {
			key := lastPart(c.Target)
			d.add(key, literal(v), fmt.Sprintf("%s defaults to %s", key, v), at)
		}
	case c.Target != "" && (isClassName(last) || last == "dict" || last == "edict"):
		// _C = SimpleNamespace(SEED=-1), cfg = dict(seed=None)
		for _, k := range c.Keywords {
			d.add(k.Name, literal(k.Value), fmt.Sprintf("%s=%s", k.Name, k.Value), at)
		}
	}
}

func (d *defaultsReader) fromAssign(f *pyfile.File, fn *python.Func, a *python.Assign) {
	if strings.Contains(a.Target, ",") {
		return
	}
	at := f.At(a.Pos)
	if strings.HasPrefix(a.Value, "{") {
		d.fromDict(f, a)
	}
	key := lastPart(a.Target)
	if strings.HasSuffix(a.Target, "]") {
		return
	}
	// constants: _C.SEED = -1 anywhere, SEED = -1 at module or class level
	if strings.Contains(a.Target, ".") || fn == f.Mod.Top && a.Block == "" {
		d.add(key, literal(a.Value), fmt.Sprintf("%s = %s", a.Target, a.Value), at)
	}
}

// fromDict reads the string keys of a dict display: {"SEED": -1, ...}.
func (d *defaultsReader) fromDict(f *pyfile.File, a *python.Assign) {
	x := expr{a.Value, tokens(a.Value)}
	var stack []string
	for i := 0; i < len(x.toks); i++ {
		tok := x.src[x.toks[i].Off:x.toks[i].EndOff]
		switch tok {
		case "(", "[", "{":
			stack = append(stack, tok)
			continue
		case ")", "]", "}":
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			continue
		}
		if len(stack) == 0 || stack[len(stack)-1] != "{" || x.toks[i].Kind != python.String || !x.is(i+1, ":") {
			continue
		}
		if x.is(i-1, "{") || x.is(i-1, ",") {
			key, ok := python.StringValue(tok)
			if !ok {
				continue
			}
			// the value runs to the next ',' or '}' at this depth
			j, depth := i+2, 0
			for ; j < len(x.toks); j++ {
				if x.is(j, "(") || x.is(j, "[") || x.is(j, "{") {
					depth++
				} else if x.is(j, ")") || x.is(j, "]") || x.is(j, "}") {
					if depth == 0 {
						break
					}
					depth--
				} else if x.is(j, ",") && depth == 0 {
					break
				}
			}
			value := x.sub(i+2, j).text()
			d.add(key, literal(value), fmt.Sprintf("%q is %s", key, value), f.At(posIn(f.Mod.Src, a.ValueOff, x.toks[i].Start)))
		}
	}
}

// posIn converts a position within a text that starts at byte off of src
// into a position in src.
func posIn(src []byte, off int, p python.Pos) python.Pos {
	off = min(off, len(src))
	before := src[:off]
	line := int32(bytes.Count(before, []byte{'\n'}))
	if p.Line > 1 {
		return python.Pos{Line: line + p.Line, Col: p.Col}
	}
	col := int32(utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]))
	return python.Pos{Line: line + 1, Col: col + p.Col}
}
