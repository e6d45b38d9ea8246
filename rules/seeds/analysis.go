package seeds

import (
	"fmt"
	"sort"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/python"
	"github.com/git-repro/git-repro/rules/internal/pyfile"
)

// The analysis, once per run: each target .py file or notebook (its code
// cells as one module) gets the per-call checks; each program is traced
// from its entry point for unseeded and late-seeded sources and CUDA
// determinism; then the DataLoaders are judged.

// seedAnalysis runs the whole family once and returns diagnostics by rule.
func seedAnalysis(p *checks.Pass) map[string][]checks.Diag {
	return p.Memo("seeds:analysis", func() any {
		out := map[string][]checks.Diag{}
		seen := map[string]bool{}
		add := func(id string, d checks.Diag) {
			// one finding per place: a draw in a library module reached from
			// several programs is reported once (for the first program)
			k := fmt.Sprintf("%s|%s|%d|%d|%s", id, d.Path, d.Line, d.Col, d.Key)
			if d.Key == "" {
				k += "|" + d.Message
			}
			if !seen[k] {
				seen[k] = true
				out[id] = append(out[id], d)
			}
		}
		var sites []loaderSite
		for _, t := range p.Targets {
			var f *pyfile.File
			switch {
			case pyfile.IsPython(t.Path) && t.LFS == nil:
				f = pyfile.Load(p, t.Path)
			case pyfile.IsNotebook(t.Path) && t.LFS == nil:
				nb := pyfile.LoadNotebook(p, t.Path)
				if nb == nil || nb.Py == nil {
					continue
				}
				f = nb.Py
				for _, ce := range nb.CellErrs {
					add("REPRO-SEED-007", checks.Diag{Pos: ce.Pos, Message: fmt.Sprintf("code cell %d does not tokenize: %s; fix it (the seed checks skip that cell)", ce.Cell, ce.Msg)})
				}
			}
			if f == nil {
				continue
			}
			if f.Err != nil {
				add("REPRO-SEED-007", checks.Diag{Pos: checks.Pos{Path: f.Path, Line: f.Err.Line, Col: f.Err.Col + 1},
					Message: fmt.Sprintf("python source does not tokenize: %s; fix the syntax (the seed checks skip this file)", f.Err.Msg)})
				continue
			}
			perFileChecks(f, add)
			if isProgram(p, f) {
				checkProgram(p, f, add)
			}
			sites = append(sites, loaderSites(f)...)
		}
		checkLoaders(p, sites, add)
		return out
	}).(map[string][]checks.Diag)
}

// moduleFuncs lists a module's code in a stable order: its top level, its
// __main__ block, then its functions by name.
func moduleFuncs(m *python.Module) []*python.Func {
	funcs := []*python.Func{m.Top}
	if m.Main != nil {
		funcs = append(funcs, m.Main)
	}
	names := make([]string, 0, len(m.Funcs))
	for n := range m.Funcs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		funcs = append(funcs, m.Funcs[n])
	}
	return funcs
}

// perFileChecks are the call-level checks that need no entry point.
func perFileChecks(f *pyfile.File, report func(string, checks.Diag)) {
	m := f.Mod
	funcs := moduleFuncs(m)
	for _, fn := range funcs {
		for _, e := range fn.Events {
			c := e.Call
			if c == nil {
				continue
			}
			resolved := libName(m, c.Callee)
			last := lastPart(resolved)
			pos := f.At(c.Pos)
			ref := f.CellRef(c.Pos)
			add := func(id string, d checks.Diag) {
				d.Message = ref + d.Message
				report(id, d)
			}
			// unseeded generators and nondeterministic seeds
			switch resolved {
			case "numpy.random.default_rng", "numpy.random.RandomState", "random.Random":
				if v, fixed := seedArg(c); !fixed {
					add("REPRO-SEED-003", checks.Diag{Pos: pos, Message: fmt.Sprintf("%q creates a generator %s; pass a fixed seed, e.g. %s(seed)", c.Callee, seedWhy(v), c.Callee)})
				}
			case "jax.random.PRNGKey", "jax.random.key":
				if v, fixed := seedArg(c); !fixed {
					add("REPRO-SEED-003", checks.Diag{Pos: pos, Message: fmt.Sprintf("%q builds the root key %s; pass a fixed seed from the config or the command line", c.Callee, seedWhy(v))})
				}
			default:
				if _, ok := seedHelpers[resolved]; ok {
					if v, fixed := seedArg(c); !fixed {
						add("REPRO-SEED-003", checks.Diag{Pos: pos, Message: fmt.Sprintf("%q is called %s, so it does not make runs repeatable; pass a fixed seed", c.Callee, seedWhy(v))})
					}
				}
			}
			if strings.HasSuffix(c.Callee, ".manual_seed") && strings.HasPrefix(resolved, "<local>.") && len(c.Args) > 0 && !fixedSeed(c.Args[0]) {
				add("REPRO-SEED-003", checks.Diag{Pos: pos, Message: fmt.Sprintf("%q is called %s; pass a fixed seed", c.Callee, seedWhy(c.Args[0]))})
			}
			// scikit-learn random_state
			if strings.HasPrefix(resolved, "sklearn.") && !c.StarStar {
				if _, ok := c.Keyword("random_state"); !ok {
					if sklearnNeedsState(last, c) {
						add("REPRO-SEED-004", checks.Diag{Pos: pos, Message: fmt.Sprintf("%q is called without random_state, so its result changes between runs; pass random_state=<int> (a global np.random.seed only holds while every earlier draw from numpy's global RNG stays the same)", c.Callee)})
					}
				}
			}
		}
	}
}

// checkProgram follows one program from its entry point and reports its
// unseeded sources and missing determinism settings.
func checkProgram(p *checks.Pass, f *pyfile.File, add func(string, checks.Diag)) {
	t := traceProgram(p, f)
	seeded := map[string]traceEv{}
	firstUse := map[string]traceEv{}
	for _, e := range t.evs {
		switch e.kind {
		case evSeed:
			for _, s := range e.sources {
				if _, ok := seeded[s]; !ok {
					seeded[s] = e
				}
			}
		case evUse:
			s := e.sources[0]
			if _, ok := firstUse[s]; !ok {
				firstUse[s] = e
			}
		}
	}
	for i, e := range t.evs {
		if e.kind != evUse {
			continue
		}
		s := e.sources[0]
		if firstUse[s].pos != e.pos || firstUse[s].file != e.file {
			continue
		}
		src := sourceInfo(s)
		// Report where the program can be fixed: at the draw when it is in
		// the program's file, else at the program's call that leads to it.
		where, at, ref := "", e.file.At(e.pos), e.file.CellRef(e.pos)
		if e.file != f {
			where = fmt.Sprintf(" (at %s:%d, reached from this call)", at.Path, at.Line)
			at, ref = f.At(e.via), f.CellRef(e.via)
		}
		seed, ok := seeded[s]
		if !ok {
			add("REPRO-SEED-001", checks.Diag{Pos: at, Key: "seed:" + s + ":" + e.callee, Message: ref + fmt.Sprintf("%s is used by %q%s but never seeded on the way from the entry point; call %s before the first use (directly or in a seeding helper called first)", src.desc, e.callee, where, src.fix)})
			continue
		}
		before := false
		for _, prev := range t.evs[:i] {
			if prev.kind == evSeed && prev.pos == seed.pos && prev.file == seed.file {
				before = true
			}
		}
		if !before {
			sp := seed.file.At(seed.pos)
			add("REPRO-SEED-002", checks.Diag{Pos: at, Key: "seed:" + s + ":" + e.callee, Message: ref + fmt.Sprintf("%s is used by %q%s before it is seeded (%q at %s:%d runs later); seed it before the first use", src.desc, e.callee, where, seed.callee, sp.Path, sp.Line)})
		}
	}
	// torch on CUDA without determinism
	var cuda *traceEv
	determ := false
	for i := range t.evs {
		switch t.evs[i].kind {
		case evCUDA:
			if cuda == nil {
				cuda = &t.evs[i]
			}
		case evDeterm:
			determ = true
		}
	}
	if cuda != nil && !determ {
		at, where, ref := cuda.file.At(cuda.pos), "", cuda.file.CellRef(cuda.pos)
		if cuda.file != f {
			where = fmt.Sprintf(" at %s:%d", at.Path, at.Line)
			at, ref = f.At(cuda.via), f.CellRef(cuda.via)
		}
		add("REPRO-SEED-005", checks.Diag{Pos: at, Message: ref + fmt.Sprintf("the program uses CUDA (%q%s) but sets neither torch.backends.cudnn.deterministic = True with benchmark = False nor torch.use_deterministic_algorithms(True); set them where the seeds are set", cuda.callee, where)})
	}
}
