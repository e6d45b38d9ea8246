package seeds

import (
	"slices"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/python"
	"github.com/git-repro/git-repro/rules/internal/pyfile"
)

// Reachability: a program is followed from its entry point (its top level
// and __main__ block) through the functions it calls, across the
// repository's modules, recording in order where it seeds, draws, uses
// CUDA, sets determinism and builds DataLoaders.

// traceEv is one event on a program's path from its entry point.
type traceEv struct {
	kind    int // evSeed, evUse, evCUDA, evDeterm, evLoader
	sources []string
	file    *pyfile.File
	pos     python.Pos
	callee  string
	// via is the call in the program's own file that led here (the
	// event's own position when it is in the program's file).
	via python.Pos
}

const (
	evSeed = iota
	evUse
	evCUDA
	evDeterm
	evLoader // a DataLoader is built (for REPRO-SEED-006)
)

// tracer follows a program from its entry point.
type tracer struct {
	p       *checks.Pass
	program *pyfile.File
	visited map[*python.Func]bool
	evs     []traceEv
}

func (t *tracer) walk(f *pyfile.File, fn *python.Func, depth int, via python.Pos) {
	if fn == nil || t.visited[fn] || depth > 40 {
		return
	}
	t.visited[fn] = true
	for _, e := range fn.Events {
		if a := e.Assign; a != nil {
			target := libName(f.Mod, a.Target)
			if target == "torch.backends.cudnn.deterministic" && a.Value == "True" ||
				target == "torch.backends.cudnn.benchmark" && a.Value == "False" {
				t.evs = append(t.evs, traceEv{kind: evDeterm, file: f, pos: a.Pos, callee: target, via: t.via(f, a.Pos, via)})
			}
			continue
		}
		c := e.Call
		resolved := libName(f.Mod, c.Callee)
		if srcs, ok := t.helper(resolved); ok {
			if _, fixed := seedArg(c); fixed {
				t.evs = append(t.evs, traceEv{kind: evSeed, sources: srcs, file: f, pos: c.Pos, callee: c.Callee, via: t.via(f, c.Pos, via)})
			}
			continue
		}
		if s := useOf(resolved, c); s != "" {
			t.evs = append(t.evs, traceEv{kind: evUse, sources: []string{s}, file: f, pos: c.Pos, callee: c.Callee, via: t.via(f, c.Pos, via)})
		}
		if mode, _ := c.Keyword("mode"); resolved == "torch.use_deterministic_algorithms" && (len(c.Args) > 0 && c.Args[0] == "True" || mode == "True") {
			t.evs = append(t.evs, traceEv{kind: evDeterm, file: f, pos: c.Pos, callee: resolved, via: t.via(f, c.Pos, via)})
		}
		if usesCUDA(resolved, c) {
			t.evs = append(t.evs, traceEv{kind: evCUDA, file: f, pos: c.Pos, callee: c.Callee, via: t.via(f, c.Pos, via)})
		}
		if isDataLoader(resolved) {
			t.evs = append(t.evs, traceEv{kind: evLoader, file: f, pos: c.Pos, callee: c.Callee, via: t.via(f, c.Pos, via)})
		}
		if knownLibrary(resolved) {
			continue
		}
		if g, gfn := resolveRepoCall(t.p, f, fn, c.Callee, resolved); gfn != nil {
			t.walk(g, gfn, depth+1, t.via(f, c.Pos, via))
		}
	}
}

// libName resolves a dotted name through the module's imports. A name whose
// first part no import binds (a local variable called random, say) is not a
// library name: it resolves to "<local>." plus the name.
func libName(m *python.Module, dotted string) string {
	head, _, _ := strings.Cut(dotted, ".")
	if _, ok := m.Binding(head); !ok {
		return "<local>." + dotted
	}
	return m.Resolve(dotted)
}

// helper returns the sources a library seeding function seeds.
func (t *tracer) helper(resolved string) ([]string, bool) {
	if srcs, ok := seedHelpers[resolved]; ok {
		return srcs, true
	}
	for _, h := range settings.Get(t.p.Config).Helpers {
		if h == resolved {
			return []string{"random", "numpy", "torch", "tensorflow"}, true
		}
	}
	return nil, false
}

// via returns pos when f is the program's own file, else the inherited
// call site.
func (t *tracer) via(f *pyfile.File, pos, inherited python.Pos) python.Pos {
	if f == t.program {
		return pos
	}
	return inherited
}

// progTrace is one program followed from its entry point.
type progTrace struct {
	evs []traceEv
	// loads holds the repository files the program imports, directly or
	// through other modules, and the files the trace ran code in; the
	// program's own file is one of them.
	loads map[string]bool
	// loaders maps each DataLoader the trace builds to whether its order is
	// taken care of: torch seeded before it, or the loader is the
	// program's first draw from torch (REPRO-SEED-001/002 reports that).
	loaders    map[loaderKey]bool
	seedsTorch bool // the program seeds torch somewhere
}

type loaderKey struct {
	file *pyfile.File
	pos  python.Pos
}

// traceProgram follows program f once per run.
func traceProgram(p *checks.Pass, f *pyfile.File) *progTrace {
	return p.Memo("seeds:trace:"+f.Path, func() any {
		t := &tracer{p: p, program: f, visited: map[*python.Func]bool{}}
		t.walk(f, f.Mod.Top, 0, python.Pos{})
		t.walk(f, f.Mod.Main, 0, python.Pos{})
		pt := &progTrace{evs: t.evs, loads: map[string]bool{}, loaders: map[loaderKey]bool{}}
		importClosure(p, f, pt.loads)
		firstTorch := true
		for _, e := range t.evs {
			pt.loads[e.file.Path] = true
			k := loaderKey{e.file, e.pos}
			switch {
			case e.kind == evSeed && slices.Contains(e.sources, "torch"):
				pt.seedsTorch = true
			case e.kind == evUse && e.sources[0] == "torch":
				if firstTorch && !pt.seedsTorch {
					pt.loaders[k] = true // reported as the first use
				}
				firstTorch = false
			case e.kind == evLoader:
				if _, ok := pt.loaders[k]; !ok {
					pt.loaders[k] = pt.seedsTorch
				}
			}
		}
		return pt
	}).(*progTrace)
}
