package seeds

import (
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/python"
	"github.com/git-repro/git-repro/rules/internal/pyfile"
)

// Reachability: a program is followed from its entry point (its top level
// and __main__ block) through the functions it calls, across the
// repository's modules, recording in order where it seeds, draws, uses
// CUDA, sets determinism and builds DataLoaders; and, for the whole
// program, whether it trains, loads weights and writes results.
//
// Objects are followed too: a name (or self.attribute) assigned a class
// instance (fabric = L.Fabric(...), policy = Policy()) gives its method
// calls to that class, and each object built through a call (model =
// Net(...), self.head = nn.Linear(...)) is a group of the draws made
// while building it, so that model.load_state_dict(...) or
// head.weight.data.copy_(...) later marks its initial weights as
// overwritten.

// traceEv is one event on a program's path from its entry point.
type traceEv struct {
	kind    int // evSeed, evUse, evCUDA, evDeterm, evBenchmark, evLoader, evTrain
	sources []string
	file    *pyfile.File
	pos     python.Pos
	callee  string
	lib     string // for evUse, the name the call resolves to
	// proc is the process the event happens in: 0 for the program's own,
	// else a function a runner starts in fresh processes (t.procs)
	proc int
	// via is the call in the program's own file that led here (the
	// event's own position when it is in the program's file).
	via python.Pos
	// draw and groups, for evUse: what the draw is for, and the objects
	// being built when it happened (innermost last).
	draw   drawKind
	groups []*group
}

const (
	evSeed = iota
	evUse
	evCUDA
	evDeterm
	evBenchmark // torch.backends.cudnn.benchmark = True
	evLoader    // a DataLoader is built (for REPRO-SEED-006)
	evTrain     // a sign of training: an optimizer, backward, fit, train()
)

// group is an object built by one call (model = Net(...), self.head =
// nn.Linear(...)): the draws made while building it are its initial
// weights.
type group struct {
	target   string // the name it was assigned to, "" for none
	children map[string]*group
	// ctor is the call that built it
	ctor *python.Call
	// overwritten: the weights were loaded over the initial ones; written
	// records parameters overwritten one by one ("weight", "bias")
	overwritten bool
	written     map[string]bool
}

func (g *group) write(param string) {
	if g.written == nil {
		g.written = map[string]bool{}
	}
	g.written[param] = true
	bias, ok := g.ctor.Keyword("bias")
	if g.written["weight"] && (g.written["bias"] || ok && bias == "False") {
		g.overwritten = true
	}
}

// frame is one function being walked.
type frame struct {
	f   *pyfile.File
	fn  *python.Func
	via python.Pos // the program's own call that led here
	// groups are the objects being built around this call (innermost
	// last); self is the object "self" stands for; locals are names bound
	// to objects (assignments and parameters).
	groups []*group
	self   *group
	locals map[string]*group
	// params are what the caller passed for the parameters, for the seed
	// values (values.go); types are the library classes of parameters
	// (from the caller's object, or the annotation: fabric: L.Fabric).
	params map[string]val
	types  map[string]string
	depth  int
	// caller, callIdx and args: the frame and event that called this one,
	// and the argument each parameter was given there, as written (for
	// what a value is: pandas.go)
	caller  *frame
	callIdx int
	args    map[string]string
}

// resolve returns a call's callee as rewritten for its object's class
// (typed) and the name it resolves to; a method of a parameter whose class
// is known resolves to that class's method, a qualified name.
func (t *tracer) resolve(fr *frame, idx int, c *python.Call) (callee, resolved string, qualified bool) {
	if obj, method, ok := cutLast(c.Callee); ok {
		if class, ok := fr.types[obj]; ok {
			return c.Callee, class + "." + method, true
		}
		if class := t.factoryClass(fr, idx, obj); class != "" {
			return c.Callee, class + "." + method, true // study.optimize
		}
	}
	callee = t.typed(fr, idx, c.Callee)
	resolved = libName(fr.f.Mod, callee)
	if strings.HasPrefix(resolved, "<local>.") || strings.HasPrefix(callee, ".") {
		if r := t.pandasReceiver(fr, idx, c); r != "" {
			return callee, r, false
		}
	}
	return callee, resolved, false
}

// qualifiedClass returns the qualified name (module.Class) of a class
// expression of module m, "" when it is not an imported class (a class of
// the module itself, a relative import, or not a class name).
func qualifiedClass(m *python.Module, class string) string {
	r := libName(m, class)
	if strings.HasPrefix(r, "<local>.") || strings.HasPrefix(r, ".") || !isClassName(lastPart(r)) {
		return ""
	}
	return r
}

// classIn returns the qualified class of the object an expression names
// in a frame: a parameter of known class, or a name built from an imported
// class; "" for an unknown object.
func (t *tracer) classIn(fr *frame, idx int, expr string) string {
	if class, ok := fr.types[expr]; ok {
		return class
	}
	if ctor := t.classOf(fr.f.Mod, fr.fn, idx, expr); ctor != "" {
		return qualifiedClass(fr.f.Mod, ctor)
	}
	return ""
}

// tracer follows a program from its entry point.
type tracer struct {
	p       *checks.Pass
	program *pyfile.File
	visited map[visit]bool
	// proc is the process the code being walked runs in (0: the
	// program's own; runners.go), procs what each one is
	proc  int
	procs []procInfo
	evs   []traceEv
	// whole-program facts
	trains, loads, persists, reads bool
	risks                          []seedRisk // seeds that are not fixed (values.go)
	defaults                       *configDefaults
	refMemo                        map[refMemoKey]val
	evalBudget                     int
	ctorIndex                      map[*python.Func]map[string][]ctorAt
	assignIndex                    map[*python.Func]map[string][]int
	exprs                          map[string]expr
	pdMemo                         map[pdKey]pdVal
}

func (t *tracer) walk(fr *frame) {
	fn := fr.fn
	if fn == nil || t.visited[visit{fn, t.proc}] || fr.depth > 40 {
		return
	}
	t.visited[visit{fn, t.proc}] = true
	f := fr.f
	skip := seedDrawSpans(f.Mod, fn)
	for idx, e := range fn.Events {
		if a := e.Assign; a != nil {
			t.assign(fr, a)
			continue
		}
		c := e.Call
		callee, resolved, qualified := t.resolve(fr, idx, c)
		via := t.via(f, c.Pos, fr.via)
		if srcs, ok := t.helper(resolved); ok {
			// a seed that is not fixed is REPRO-SEED-003's finding (per file,
			// or checkSeedValue's): the source counts as seeded, so that
			// REPRO-SEED-001 does not say it a second time
			t.checkSeedValue(fr, idx, c, resolved) // before the seed it makes
			t.add(traceEv{kind: evSeed, sources: srcs, file: f, pos: c.Pos, callee: c.Callee, via: via})
			if v, _ := c.Keyword("reproducible"); resolved == "fastai.torch_core.set_seed" && v == "True" {
				// set_seed(s, reproducible=True) also makes cuDNN deterministic
				t.add(traceEv{kind: evDeterm, file: f, pos: c.Pos, callee: resolved, via: via})
			}
			continue
		}
		if generators[resolved] || rootKeys[resolved] {
			t.checkSeedValue(fr, idx, c, resolved)
		}
		if seedingTrainers[resolved] {
			t.add(traceEv{kind: evSeed, sources: []string{"random", "numpy", "torch"}, file: f, pos: c.Pos, callee: c.Callee, via: via})
		}
		// PPO(..., seed=s) seeds random, numpy and torch before it builds
		// the policy; without a seed it draws the policy's weights (sb3.go)
		sb := sb3Effects(resolved, c)
		if len(sb.uses) > 0 && sb3KwargsModel(fr, idx, c) {
			sb.uses = nil // PPO(**hyperparams).learn(): the seed may be in them
		}
		if sb.seeds {
			t.checkSeedExpr(fr, idx, c, sb.arg, noneSkips)
			t.add(traceEv{kind: evSeed, sources: []string{"random", "numpy", "torch"}, file: f, pos: c.Pos, callee: c.Callee, via: via})
		}
		if arg, ok := envSeed(resolved, c); ok {
			t.checkSeedExpr(fr, idx, c, arg, noneEnv)
		}
		s, kind := useOf(f.Mod, resolved, c)
		if s == "" && tfDataShuffles(t.p, f)[c] {
			s, kind = "tensorflow", drawData
		}
		if s != "" && pureDraw(resolved) && discardedValue(t.p, f, c) {
			s = "" // df.sample(5) to look at: it changes what is shown
		}
		uses, seedsTorch := fastaiDraws(resolved, c)
		uses = append(uses, sb.uses...)
		if s != "" {
			uses = append([]drawUse{{s, kind}}, uses...)
		}
		if seedsTorch {
			// RandomSplitter(seed=42) calls torch.manual_seed(42) before it draws
			t.add(traceEv{kind: evSeed, sources: []string{"torch"}, file: f, pos: c.Pos, callee: c.Callee, via: via})
		}
		for _, u := range uses {
			if inSpans(skip, c.Off) {
				break
			}
			s, kind := u.source, u.kind
			name := c.Callee
			if strings.HasPrefix(name, ".") {
				name = "Dataset" + name // tfds.load(...).shuffle(...)
				if pandasSamples[resolved] {
					// pd.read_csv(p).sample(100): the receiver as written
					name = "DataFrame" + c.Callee
					if recv := receiverText(t.p, f, c); len(recv) <= 40 && !strings.Contains(recv, "\n") {
						name = recv + c.Callee
					}
				}
			}
			ev := traceEv{kind: evUse, sources: []string{s}, file: f, pos: c.Pos, callee: name, lib: resolved, via: via, draw: kind, groups: fr.groups}
			if c.Target != "" {
				// the layer is itself an object: head = nn.Linear(...)
				ev.groups = append(slices.Clip(fr.groups), t.newGroup(fr, c))
			}
			t.add(ev)
		}
		if trainsCall(resolved, c) || fastaiTrains[lastPart(resolved)] && (f.Mod.Imported("fastai") || f.Mod.Imported("fastbook")) ||
			sb3Trains(f.Mod, resolved, c) {
			t.trains = true
			t.add(traceEv{kind: evTrain, file: f, pos: c.Pos, callee: c.Callee, via: via})
		}
		// loading and overwriting weights are method calls on the model
		// object as written (model.load_state_dict), whatever its class
		written := libName(f.Mod, c.Callee)
		t.loads = t.loads || loadsWeights(written, c)
		t.persists = t.persists || persists(resolved, c)
		t.reads = t.reads || readsData(written, c)
		if target := loadTarget(c.Callee, written, c); target != "" {
			if g := fr.lookup(target); g != nil {
				g.overwritten = true
			} else if recv, ok := strings.CutSuffix(target, ".policy"); ok && sb3Model(fr, fr.lookup(recv)) {
				// model.policy.load_state_dict(...): the SB3 model's weights
				fr.lookup(recv).overwritten = true
			}
		}
		if ok, recv := sb3Loads(resolved, c); ok {
			// PPO.load(path), model.set_parameters(path)
			t.loads = true
			if g := fr.lookup(recv); recv != "" && g != nil {
				g.overwritten = true
			}
		}
		if recv, ok := strings.CutSuffix(c.Callee, ".load"); ok && fastaiLearner(fr, c) {
			// learn.load("stage-2"): a fastai Learner's saved weights
			t.loads = true
			fr.lookup(recv).overwritten = true
		}
		if layer, param := paramWrite(c.Callee, written, c); layer != "" {
			if g := fr.lookup(layer); g != nil {
				g.write(param)
			}
		}
		if mode, _ := c.Keyword("mode"); resolved == "torch.use_deterministic_algorithms" && (len(c.Args) > 0 && c.Args[0] == "True" || mode == "True") {
			t.add(traceEv{kind: evDeterm, file: f, pos: c.Pos, callee: resolved, via: via})
		}
		if usesCUDA(resolved, c) {
			t.add(traceEv{kind: evCUDA, file: f, pos: c.Pos, callee: c.Callee, via: via})
		}
		if isDataLoader(resolved) {
			t.add(traceEv{kind: evLoader, file: f, pos: c.Pos, callee: c.Callee, via: via})
		}
		if r, ok := runnerOf(resolved); ok {
			// app.run(main), mp.spawn(worker, ...), tune.Tuner(trainable),
			// study.optimize(objective): the library calls the function
			t.runCallback(fr, idx, c, r, via)
		}
		if knownLibrary(resolved) {
			continue
		}
		g, gfn := resolveRepoCall(t.p, f, fr.fn, callee, resolved)
		if qualified {
			g, gfn = qualifiedRepoCall(t.p, f, resolved)
		}
		if gfn != nil && !t.visited[visit{gfn, t.proc}] {
			t.walk(t.enter(fr, idx, c, callee, g, gfn))
		}
	}
}

// assign handles an assignment: cuDNN settings, and parameters of a layer
// set directly (head.weight = nn.Parameter(w)).
func (t *tracer) assign(fr *frame, a *python.Assign) {
	f := fr.f
	target := libName(f.Mod, a.Target)
	via := t.via(f, a.Pos, fr.via)
	switch {
	case target == "torch.backends.cudnn.deterministic" && a.Value == "True",
		target == "torch.backends.cudnn.benchmark" && a.Value == "False":
		t.add(traceEv{kind: evDeterm, file: f, pos: a.Pos, callee: target, via: via})
	case target == "torch.backends.cudnn.benchmark" && a.Value == "True":
		t.add(traceEv{kind: evBenchmark, file: f, pos: a.Pos, callee: target, via: via})
	}
	tgt := strings.TrimSuffix(a.Target, ".data")
	for _, p := range []string{"weight", "bias"} {
		if layer, ok := strings.CutSuffix(tgt, "."+p); ok {
			if g := fr.lookup(layer); g != nil {
				g.write(p)
			}
		}
	}
}

// newGroup makes the object a call builds and binds it to the call's
// target in the frame.
func (t *tracer) newGroup(fr *frame, c *python.Call) *group {
	g := &group{target: c.Target, ctor: c}
	if c.Target == "" || strings.Contains(c.Target, ",") {
		return g
	}
	if attr, ok := strings.CutPrefix(c.Target, "self."); ok && fr.self != nil && !strings.ContainsAny(attr, ".[") {
		if fr.self.children == nil {
			fr.self.children = map[string]*group{}
		}
		fr.self.children[attr] = g
	}
	if fr.locals == nil {
		fr.locals = map[string]*group{}
	}
	fr.locals[c.Target] = g
	return g
}

// lookup finds the object an expression names in the frame: a local
// name, self, or an attribute path below them (model.head).
func (fr *frame) lookup(expr string) *group {
	expr = strings.TrimSpace(expr)
	if g := fr.locals[expr]; g != nil {
		return g
	}
	parts := strings.Split(expr, ".")
	var g *group
	if parts[0] == "self" {
		g = fr.self
	} else {
		g = fr.locals[parts[0]]
	}
	for _, p := range parts[1:] {
		if g == nil {
			return nil
		}
		if c := g.children[p]; c != nil {
			g = c
		} else if p != "module" { // model.module: the model a DataParallel wraps
			return nil
		}
	}
	return g
}

// enter makes the frame for a repository function called from fr: a
// method called on an object has that object as self, a class call
// builds a new object, and parameters given a known object are bound to
// it.
func (t *tracer) enter(fr *frame, idx int, c *python.Call, callee string, g *pyfile.File, gfn *python.Func) *frame {
	nf := &frame{f: g, fn: gfn, via: t.via(fr.f, c.Pos, fr.via), groups: fr.groups, depth: fr.depth + 1}
	method := gfn.Class != "" && len(gfn.Params) > 0 && (gfn.Params[0].Name == "self" || gfn.Params[0].Name == "cls")
	switch {
	case strings.HasSuffix(gfn.Name, ".__init__"):
		// a class call: a new object, the call's target
		obj := t.newGroup(fr, c)
		nf.self = obj
		nf.groups = append(slices.Clip(fr.groups), obj)
	case method:
		// self.step(), or policy.reset() on an object built earlier
		if recv, _, ok := cutLast(c.Callee); ok {
			nf.self = fr.lookup(recv)
		}
		if c.Target != "" {
			nf.groups = append(slices.Clip(fr.groups), t.newGroup(fr, c))
		}
	default:
		if c.Target != "" {
			// model = build_model(cfg): what the function builds is the model
			nf.groups = append(slices.Clip(fr.groups), t.newGroup(fr, c))
		}
	}
	params := gfn.Params
	if method || strings.HasSuffix(gfn.Name, ".__init__") {
		if len(params) > 0 {
			params = params[1:]
		}
	}
	nf.params = t.bindParams(fr, idx, c, params)
	nf.caller, nf.callIdx = fr, idx
	for i, p := range params {
		if p.Star != "" {
			break
		}
		var arg string
		if i < len(c.Args) {
			arg = c.Args[i]
		} else if v, ok := c.Keyword(p.Name); ok {
			arg = v
		}
		if arg != "" {
			if nf.args == nil {
				nf.args = map[string]string{}
			}
			nf.args[p.Name] = arg
		}
		if obj := fr.lookup(arg); arg != "" && obj != nil {
			if nf.locals == nil {
				nf.locals = map[string]*group{}
			}
			nf.locals[p.Name] = obj
		}
		class := ""
		if arg != "" {
			class = t.classIn(fr, idx, arg)
		}
		if class == "" && p.Annotation != "" {
			class = qualifiedClass(g.Mod, p.Annotation)
		}
		if class != "" {
			if nf.types == nil {
				nf.types = map[string]string{}
			}
			nf.types[p.Name] = class
		}
	}
	return nf
}

// typed rewrites a call on an object whose class is known: with fabric =
// L.Fabric(...) earlier in the function (or at module level), or
// self.rng = random.Random() in a method of the class,
// "fabric.seed_everything" becomes "L.Fabric.seed_everything", which
// resolves through the imports like any other name. Only constructor calls
// (a class name: capitalised) give an object its class.
func (t *tracer) typed(fr *frame, idx int, callee string) string {
	obj, method, ok := cutLast(callee)
	if !ok || obj == "self" || obj == "cls" {
		return callee
	}
	if ctor := t.classOf(fr.f.Mod, fr.fn, idx, obj); ctor != "" {
		return ctor + "." + method
	}
	return callee
}

func cutLast(dotted string) (string, string, bool) {
	i := strings.LastIndexByte(dotted, '.')
	if i <= 0 {
		return "", "", false
	}
	return dotted[:i], dotted[i+1:], true
}

// ctorAt is a constructor call assigned to a name, at an event index.
type ctorAt struct {
	idx    int
	callee string
}

// ctors indexes the constructor calls of fn by their target, once.
func (t *tracer) ctors(fn *python.Func) map[string][]ctorAt {
	if m, ok := t.ctorIndex[fn]; ok {
		return m
	}
	m := map[string][]ctorAt{}
	for i, e := range fn.Events {
		if c := e.Call; c != nil && c.Target != "" && isClassName(lastPart(c.Callee)) {
			m[c.Target] = append(m[c.Target], ctorAt{i, c.Callee})
		}
	}
	if t.ctorIndex == nil {
		t.ctorIndex = map[*python.Func]map[string][]ctorAt{}
	}
	t.ctorIndex[fn] = m
	return m
}

// classOf returns the constructor call (as written) whose instance obj
// names at event idx of fn: the last assignment of a class instance to
// obj before it in fn, else at module level, else (self.attr) in any
// method of the class.
func (t *tracer) classOf(m *python.Module, fn *python.Func, idx int, obj string) string {
	last := ""
	for _, c := range t.ctors(fn)[obj] {
		if c.idx < idx {
			last = c.callee
		}
	}
	if last != "" {
		return last
	}
	if strings.HasPrefix(obj, "self.") && fn.Class != "" {
		for _, g := range pyfile.Funcs(m) {
			if g.Class == fn.Class {
				if cs := t.ctors(g)[obj]; len(cs) > 0 {
					return cs[len(cs)-1].callee
				}
			}
		}
		return ""
	}
	if fn != m.Top && !strings.Contains(obj, ".") {
		if cs := t.ctors(m.Top)[obj]; len(cs) > 0 {
			return cs[len(cs)-1].callee
		}
	}
	return ""
}

func isClassName(s string) bool {
	r := []rune(s)
	return len(r) > 0 && unicode.IsUpper(r[0])
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
	loaders map[loaderKey]bool
	// loaderProcs: the loaders built in a function a runner starts in
	// fresh processes, and which (t.procs)
	loaderProcs map[loaderKey]int
	seedsTorch  bool // the program seeds torch somewhere
	// trains: the program trains a model; loadsWeights: it loads stored
	// weights; persists: it writes results to files or a tracker; reads:
	// it reads data or weights from files
	trains, loadsWeights, persists, reads bool
	risks                                 []seedRisk
	// procs are the functions runners start in fresh processes, by the
	// events' proc (0: the program itself)
	procs []procInfo
}

type loaderKey struct {
	file *pyfile.File
	pos  python.Pos
}

// counts reports whether a draw can change the program's results: a
// dropout mask only when the program trains; initial weights only when
// they are not overwritten (by loading weights into the object, or,
// in a program that does not train, by loading weights at all).
func (pt *progTrace) counts(e traceEv) bool {
	switch e.draw {
	case drawTrain, drawOrder:
		return pt.trains
	case drawInit:
		for _, g := range e.groups {
			if g.overwritten {
				return false
			}
		}
		return pt.trains || !pt.loadsWeights
	}
	return true
}

// traceProgram follows program f once per run.
func traceProgram(p *checks.Pass, f *pyfile.File) *progTrace {
	return p.Memo("seeds:trace:"+f.Path, func() any {
		pt := &progTrace{loads: map[string]bool{}, loaders: map[loaderKey]bool{}}
		importClosure(p, f, pt.loads)
		t := &tracer{p: p, program: f, visited: map[visit]bool{}, evalBudget: evalBudget, procs: []procInfo{{}}}
		files := maps.Clone(pt.loads)
		for _, fp := range configFiles(p, pt.loads) {
			files[fp] = true
		}
		t.defaults = &configDefaults{p: p, files: files}
		top := &frame{f: f, fn: f.Mod.Top}
		t.walk(top)
		// the main block sees the module's objects
		t.walk(&frame{f: f, fn: f.Mod.Main, locals: top.locals})
		pt.trains, pt.loadsWeights, pt.persists, pt.reads, pt.risks = t.trains, t.loads, t.persists, t.reads, t.risks
		pt.procs = t.procs
		for _, e := range t.evs {
			if e.kind == evUse && !pt.counts(e) {
				continue
			}
			pt.evs = append(pt.evs, e)
		}
		// by process: a function run in fresh processes has its own seeds
		seeded := map[int]bool{}
		drawn := map[int]bool{}
		for _, e := range pt.evs {
			pt.loads[e.file.Path] = true
			k := loaderKey{e.file, e.pos}
			switch {
			case e.kind == evSeed && slices.Contains(e.sources, "torch"):
				pt.seedsTorch = true
				seeded[e.proc] = true
			case e.kind == evUse && e.sources[0] == "torch":
				if !drawn[e.proc] && !seeded[e.proc] {
					pt.loaders[k] = true // reported as the first use
				}
				drawn[e.proc] = true
			case e.kind == evLoader:
				if _, ok := pt.loaders[k]; !ok {
					pt.loaders[k] = seeded[e.proc]
					if e.proc != 0 {
						if pt.loaderProcs == nil {
							pt.loaderProcs = map[loaderKey]int{}
						}
						pt.loaderProcs[k] = e.proc
					}
				}
			}
		}
		return pt
	}).(*progTrace)
}
