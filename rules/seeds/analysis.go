package seeds

import (
	"fmt"
	"strings"
	"sync"

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

// perFileChecks are the call-level checks that need no entry point.
func perFileChecks(f *pyfile.File, report func(string, checks.Diag)) {
	m := f.Mod
	funcs := pyfile.Funcs(m)
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
			// the fix names the generator as the code calls it
			switch fix := c.Callee + "(seed)"; {
			case rootKeys[resolved]:
				if v, fixed := seedArg(c); !fixed {
					add("REPRO-SEED-003", checks.Diag{Pos: pos, Hint: "pass a fixed seed, e.g. " + fix + " with seed from the config or the command line",
						Message: fmt.Sprintf("%q builds the root key %s; pass a fixed seed from the config or the command line", c.Callee, seedWhy(v))})
				}
			case generators[resolved]:
				if v, fixed := seedArg(c); !fixed && !reseeded(m, fn, c) {
					hint := "pass a fixed seed, e.g. " + fix + " with seed from the config or the command line"
					if resolved != "numpy.random.default_rng" {
						hint += ", or reseed it with .seed(seed) before its first draw"
					}
					add("REPRO-SEED-003", checks.Diag{Pos: pos, Hint: hint,
						Message: fmt.Sprintf("%q creates a generator %s; pass a fixed seed, e.g. %s", c.Callee, seedWhy(v), fix)})
				}
			default:
				if _, ok := seedHelpers[resolved]; ok {
					if v, fixed := seedArg(c); !fixed {
						add("REPRO-SEED-003", checks.Diag{Pos: pos, Hint: fmt.Sprintf("pass a fixed seed, e.g. %s(seed) with seed from the config or the command line", c.Callee),
							Message: fmt.Sprintf("%q is called %s, so it does not make runs repeatable; pass a fixed seed", c.Callee, seedWhy(v))})
					}
				}
			}
			if tfdsShufflesFiles(m, resolved, c) {
				add("REPRO-SEED-003", checks.Diag{Pos: pos, Hint: "pass read_config=tfds.ReadConfig(shuffle_seed=seed) with seed from the config or the command line, or shuffle_files=False",
					Message: fmt.Sprintf("%q reads the files in a shuffled order (shuffle_files=True) without a seed: TFDS then also interleaves them non-deterministically, so the examples come in a different order on every run, whatever tf.random.set_seed says; pass read_config=tfds.ReadConfig(shuffle_seed=seed)", c.Callee)})
			}
			if strings.HasSuffix(c.Callee, ".manual_seed") && strings.HasPrefix(resolved, "<local>.") && len(c.Args) > 0 && !fixedSeed(c.Args[0]) {
				add("REPRO-SEED-003", checks.Diag{Pos: pos, Hint: "pass a fixed seed, e.g. torch.Generator().manual_seed(seed) with seed from the config or the command line",
					Message: fmt.Sprintf("%q is called %s; pass a fixed seed", c.Callee, seedWhy(c.Args[0]))})
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
// unseeded sources, its seeds that are not fixed and missing determinism
// settings.
func checkProgram(p *checks.Pass, f *pyfile.File, add func(string, checks.Diag)) {
	t := traceProgram(p, f)
	for _, r := range t.risks {
		d := riskDiag(r)
		add("REPRO-SEED-003", d)
	}
	// A display-only demo in a module others import, on made-up inputs:
	// its draws change what it prints, not a result. Whether others import
	// the module is asked only when there is a draw to report, since it
	// may list the repository (never on a hook's usual path).
	demo := sync.OnceValue(func() bool {
		return !t.trains && !t.persists && !t.reads && libraryModule(p, f)
	})
	// when each use draws: a dropout layer draws its masks when training
	// starts (the first sign of training after it is built, in the same
	// process), the others where they are
	when := make([]int, len(t.evs))
	nextTrain := map[int]int{}
	for i := len(t.evs) - 1; i >= 0; i-- {
		when[i] = i
		switch e := t.evs[i]; {
		case e.kind == evTrain:
			nextTrain[e.proc] = i
		case e.kind == evUse && e.draw == drawTrain:
			if n, ok := nextTrain[e.proc]; ok && n > i {
				when[i] = n
			}
		}
	}
	// each process has its own sources: the program's, and each function
	// a runner starts in fresh processes (t.procs)
	firstSeed := map[procSource]int{}
	first := map[procSource]int{} // source -> index of its first use
	for i, e := range t.evs {
		switch e.kind {
		case evSeed:
			for _, s := range e.sources {
				if _, ok := firstSeed[procSource{e.proc, s}]; !ok {
					firstSeed[procSource{e.proc, s}] = i
				}
			}
		case evUse:
			ps := procSource{e.proc, e.sources[0]}
			if k, ok := first[ps]; !ok || when[i] < when[k] {
				first[ps] = i
			}
		}
	}
	for _, ps := range procSourceKeys(first) {
		s := ps.src
		i := first[ps]
		e := t.evs[i]
		src := sourceInfo(s)
		// Report where the program can be fixed: at the draw when it is in
		// the program's file, else at the program's call that leads to it.
		where, at, ref := "", e.file.At(e.pos), e.file.CellRef(e.pos)
		if e.file != f {
			where = fmt.Sprintf(" (at %s:%d, reached from this call)", at.Path, at.Line)
			at, ref = f.At(e.via), f.CellRef(e.via)
		}
		if strings.HasSuffix(e.callee, ".from_pretrained") {
			where = " to initialise the new task head" + where
		}
		where = drawNote(e) + where
		k, ok := firstSeed[ps]
		if (!ok || k > when[i]) && demo() {
			return
		}
		// a function run in fresh processes is seeded inside it
		in, there, first := "", "", "before the first use"
		if ps.proc != 0 {
			pi := t.procs[ps.proc]
			in = fmt.Sprintf(" in %q, which %s,", pi.fn, pi.how)
			there = " there (seeds set outside it do not reach those processes)"
			first = fmt.Sprintf("at the start of %q", pi.fn)
		}
		if !ok {
			fix := fmt.Sprintf("call %s %s (directly or in a seeding helper called first)", src.fix, first)
			if strings.HasPrefix(e.lib, "fastai.") {
				fix = fmt.Sprintf("call set_seed(SEED, reproducible=True) %s (fastai's helper seeds random, numpy and torch)", first)
			}
			if alt := ownSeedFix(e); alt != "" {
				fix = alt + ", or " + fix
			}
			never := "never seeded on the way from the entry point"
			if ps.proc != 0 {
				never = "never seeded" + there
			}
			add("REPRO-SEED-001", checks.Diag{Pos: at, Key: "seed:" + s + ":" + e.callee, Message: ref + fmt.Sprintf("%s is used by %q%s%s but %s; %s", src.desc, e.callee, where, in, never, fix)})
			continue
		}
		if k > when[i] {
			seed := t.evs[k]
			sp := seed.file.At(seed.pos)
			add("REPRO-SEED-002", checks.Diag{Pos: at, Key: "seed:" + s + ":" + e.callee, Message: ref + fmt.Sprintf("%s is used by %q%s%s before it is seeded (%q at %s:%d runs later); seed it %s%s", src.desc, e.callee, where, in, seed.callee, sp.Path, sp.Line, first, headFix(e))})
		}
	}
	if t.trains {
		checkDeterminism(f, t, add)
	}
}

// headFix is the other fix for a draw before the seed: a task head built
// before the Trainer seeds is built in model_init=, which the Trainer
// calls after seeding; a call that takes its own seed is given one.
func headFix(e traceEv) string {
	if strings.HasSuffix(e.callee, ".from_pretrained") {
		return ", or pass the Trainer model_init= (a function that builds the model) instead of model="
	}
	if alt := ownSeedFix(e); alt != "" {
		return ", or " + alt
	}
	return ""
}

// ownSeedFix is the fix for a draw from a global source by a call that
// takes its own seed (pandas' sample, scipy's rvs): pass it random_state;
// an SB3 algorithm's draws: give the algorithm seed=.
func ownSeedFix(e traceEv) string {
	if pandasSamples[e.lib] || strings.HasPrefix(e.lib, "scipy.stats.") {
		return "pass it random_state=SEED"
	}
	return sb3Fix(e)
}

// drawNote says why a call that takes its own seed draws from a global
// source.
func drawNote(e traceEv) string {
	switch {
	case pandasSamples[e.lib]:
		return " (pandas' sample draws from it when given no random_state)"
	case strings.HasPrefix(e.lib, "scipy.stats."):
		return " (scipy.stats' rvs draws from it when given no random_state)"
	case isSB3(e.lib):
		return sb3Note(e)
	case strings.HasPrefix(e.lib, "fastai."):
		switch {
		case e.sources[0] == "random":
			return " (the training loader draws its shuffling seed from it)"
		case e.draw == drawInit:
			return " (the initial weights of the new model or head)"
		case fastaiDataLoaders[lastPart(strings.TrimSuffix(e.lib, "."+lastPart(e.lib)))]:
			return " (the random validation split: seed= fixes it)"
		}
	}
	return ""
}

// checkDeterminism reports a training program that runs torch on CUDA
// without cuDNN determinism, or that turns cuDNN benchmarking on.
func checkDeterminism(f *pyfile.File, t *progTrace, add func(string, checks.Diag)) {
	var cuda, bench *traceEv
	determ := false
	for i := range t.evs {
		switch e := &t.evs[i]; e.kind {
		case evCUDA:
			if cuda == nil {
				cuda = e
			}
		case evBenchmark:
			bench = e
		case evDeterm:
			determ = true
			if e.callee == "torch.backends.cudnn.benchmark" {
				bench = nil // set back to False later
			}
		}
	}
	// where: the event's own line in the program's file, else the
	// program's call that leads there (naming the line)
	where := func(e *traceEv) (checks.Pos, string, string) {
		at := e.file.At(e.pos)
		if e.file == f {
			return at, f.CellRef(e.pos), ""
		}
		return f.At(e.via), f.CellRef(e.via), fmt.Sprintf(" at %s:%d", at.Path, at.Line)
	}
	switch {
	case bench != nil:
		at, ref, in := where(bench)
		add("REPRO-SEED-005", checks.Diag{Pos: at, Message: ref + fmt.Sprintf("torch.backends.cudnn.benchmark = True%s makes cuDNN time several convolution algorithms on each run and keep the fastest, so the algorithm, and the trained weights, can change between runs; set it to False (with torch.backends.cudnn.deterministic = True) for repeatable training", in)})
	case cuda != nil && !determ:
		at, ref, in := where(cuda)
		add("REPRO-SEED-005", checks.Diag{Pos: at, Message: ref + fmt.Sprintf("the program trains with torch on CUDA (%q%s) but sets neither torch.backends.cudnn.deterministic = True with benchmark = False nor torch.use_deterministic_algorithms(True); set them where the seeds are set", cuda.callee, in)})
	}
}

// riskDiag is the finding for a seed that is not fixed.
func riskDiag(r seedRisk) checks.Diag {
	v := r.v
	given := "is given " + quoteCode(r.at.arg)
	if r.at.arg == "" {
		given = "is called without a seed"
	}
	fix := "seed it with a fixed value from the config or the command line"
	if v.fromDefault {
		fix = "give the seed a fixed default (e.g. 0) or require one"
	}
	var msg string
	switch v.kind {
	case vNone:
		when := "here"
		if v.why != "" {
			when = "by default (" + v.why + ")"
		}
		how := "it seeds from OS entropy"
		if r.none == noneSkips {
			how = "the algorithm seeds nothing (not random, numpy, torch or its environment)"
		}
		msg = fmt.Sprintf("%q %s, which is None %s, so %s and no two runs draw the same numbers; %s", r.at.callee, given, when, how, fix)
	default:
		when := ""
		if v.why != "" {
			when = " with the defaults (" + v.why + ")"
		}
		src := quoteCode(v.src)
		if v.srcAt.file != nil {
			p := v.srcAt.file.At(v.srcAt.pos)
			src += fmt.Sprintf(" at %s:%d", p.Path, p.Line)
		}
		msg = fmt.Sprintf("%q %s, which%s is a random number (%s), so no two runs draw the same numbers; %s", r.at.callee, given, when, src, fix)
	}
	// one finding per call (a helper's several seeders share its caller's
	// call); the key, like a line's content, survives lines moving
	return checks.Diag{Pos: r.at.file.At(r.at.pos), Key: "seedvalue:" + r.at.callee + "(" + r.at.arg + ")",
		Message: r.at.file.CellRef(r.at.pos) + msg, Hint: fix}
}

// reseeded reports whether a generator created without a seed is always
// reseeded before its first draw: rng = random.Random() followed by
// rng.seed(seed) before any other use in the function, or self.rng =
// random.Random() never drawn from in the method that creates it, with
// self.rng.seed(seed) (or self.rng = random.Random(seed)) in a method of
// the class.
func reseeded(m *python.Module, fn *python.Func, c *python.Call) bool {
	target := c.Target
	if target == "" || strings.Contains(target, ",") {
		return false
	}
	isReseed := func(e python.Event) bool {
		x := e.Call
		if x == nil {
			return false
		}
		if x.Callee == target+".seed" {
			_, fixed := seedArg(x)
			return fixed
		}
		if generators[libName(m, x.Callee)] && x.Target == target && x != c {
			_, fixed := seedArg(x)
			return fixed
		}
		return false
	}
	uses := func(e python.Event) bool {
		x := e.Call
		if x == nil || x == c {
			return false
		}
		if strings.HasPrefix(x.Callee, target+".") {
			return true
		}
		for _, a := range x.Args {
			if a == target {
				return true
			}
		}
		return false
	}
	after := false
	for _, e := range fn.Events {
		if e.Call == c {
			after = true
			continue
		}
		if !after {
			continue
		}
		if isReseed(e) {
			return true
		}
		if uses(e) {
			return false
		}
	}
	if !strings.HasPrefix(target, "self.") || fn.Class == "" {
		return false
	}
	for _, g := range m.Funcs {
		if g.Class != fn.Class || g == fn {
			continue
		}
		for _, e := range g.Events {
			if isReseed(e) {
				return true
			}
		}
	}
	return false
}

// quoteCode quotes a Python expression for a message: %q, or single
// quotes when it holds double quotes (cfg["SEED"]) that %q would escape.
func quoteCode(s string) string {
	if strings.Contains(s, `"`) && !strings.ContainsAny(s, "'\\") {
		return "'" + s + "'"
	}
	return fmt.Sprintf("%q", s)
}

// procSource is one process's global source.
type procSource struct {
	proc int
	src  string
}

// procSourceKeys lists the keys of m by process, then in the order of
// seedSources.
func procSourceKeys(m map[procSource]int) []procSource {
	procs := 0
	for k := range m {
		procs = max(procs, k.proc+1)
	}
	var out []procSource
	for p := range procs {
		for _, s := range seedSources {
			if _, ok := m[procSource{p, s.name}]; ok {
				out = append(out, procSource{p, s.name})
			}
		}
	}
	return out
}
