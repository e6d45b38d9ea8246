package seeds

import (
	"strings"

	"github.com/git-repro/git-repro/parse/python"
	"github.com/git-repro/git-repro/rules/internal/pyfile"
)

// Runners: library calls that run a function they are given by reference
// (app.run(main), tune.Tuner(train_fn), study.optimize(objective),
// pool.map(work, items)). The trace follows the function as the program
// runs it. Some runners start it in fresh processes (Ray Tune and Ray
// Train workers, torch.multiprocessing.spawn): Python, numpy and torch
// seed themselves there from OS entropy, so only seeds set inside the
// function count for its draws; the program's own seeds do not reach
// them. A fork (multiprocessing's pools on Linux) copies the caller's
// state, so its seeds count.

// runner is how a library call runs the function it is given.
type runner struct {
	arg     int    // the positional argument that holds the function, -1 for none
	keyword string // the keyword argument that may hold it instead
	// fresh: the function runs in new processes that the caller's seeds
	// do not reach; how says who runs it there, for the message
	fresh bool
	how   string
	// steps are the methods it calls on a class it is given, after
	// building it (Ray Tune's Trainable: setup, then step)
	steps []string
}

var (
	inProcess = func(arg int, kw string) runner { return runner{arg: arg, keyword: kw} }
	rayTune   = runner{arg: 0, keyword: "trainable", fresh: true, how: "Ray Tune runs in its own worker processes", steps: []string{"setup", "step"}}
	rayTrain  = runner{arg: 0, keyword: "train_loop_per_worker", fresh: true, how: "Ray Train runs in its own worker processes"}
	spawned   = runner{arg: 0, keyword: "fn", fresh: true, how: "torch.multiprocessing runs in new processes"}
)

// runners are the library calls that run a function, by resolved name.
var runners = map[string]runner{
	// a program's main run by a command-line library
	"absl.app.run":     inProcess(0, "main"),
	"fire.Fire":        inProcess(0, "component"),
	"typer.run":        inProcess(0, "function"),
	"tyro.cli":         inProcess(0, "f"),
	"jsonargparse.CLI": inProcess(0, "components"),
	// workers in new processes
	"torch.multiprocessing.spawn":           spawned,
	"torch.multiprocessing.start_processes": spawned, // unless start_method="fork"
	// Ray Tune trainables and Ray Train loops
	"ray.tune.Tuner":                                      rayTune,
	"ray.tune.tuner.Tuner":                                rayTune,
	"ray.tune.run":                                        {arg: 0, keyword: "run_or_experiment", fresh: true, how: rayTune.how, steps: rayTune.steps},
	"ray.tune.with_parameters":                            rayTune,
	"ray.tune.with_resources":                             rayTune,
	"ray.train.torch.TorchTrainer":                        rayTrain,
	"ray.train.tensorflow.TensorflowTrainer":              rayTrain,
	"ray.train.data_parallel_trainer.DataParallelTrainer": rayTrain,
	"ray.train.DataParallelTrainer":                       rayTrain,
	// in the caller's process, or a fork of it
	"accelerate.notebook_launcher":           inProcess(0, "function"),
	"accelerate.launchers.notebook_launcher": inProcess(0, "function"),
	"optuna.study.Study.optimize":            inProcess(0, "func"),
	"multiprocessing.Process":                inProcess(-1, "target"),
	"threading.Thread":                       inProcess(-1, "target"),
}

// poolClasses run a function over items with map-like methods.
var poolClasses = setOf("multiprocessing.Pool", "multiprocessing.pool.Pool", "multiprocessing.pool.ThreadPool",
	"multiprocessing.dummy.Pool", "torch.multiprocessing.Pool", "concurrent.futures.ProcessPoolExecutor",
	"concurrent.futures.ThreadPoolExecutor")

var poolMethods = setOf("map", "imap", "imap_unordered", "starmap", "map_async", "starmap_async", "apply",
	"apply_async", "submit")

// runnerOf returns how a call runs a function it is given.
func runnerOf(resolved string) (runner, bool) {
	if r, ok := runners[resolved]; ok {
		return r, true
	}
	if class, method, ok := cutLast(resolved); ok && poolClasses[class] && poolMethods[method] {
		return inProcess(0, "func"), true // pool.map(work, items), executor.submit(work, x)
	}
	return runner{}, false
}

// factories are library functions that return an object of a known class
// (study = optuna.create_study(...)), for its method calls.
var factories = map[string]string{
	"optuna.create_study":       "optuna.study.Study",
	"optuna.load_study":         "optuna.study.Study",
	"optuna.study.create_study": "optuna.study.Study",
	"optuna.study.load_study":   "optuna.study.Study",
}

// factoryClass returns the class of the object a name holds at event idx
// when a factory built it there, "" otherwise.
func (t *tracer) factoryClass(fr *frame, idx int, obj string) string {
	if strings.ContainsAny(obj, "([") {
		return ""
	}
	last := -1
	for _, k := range t.assignsTo(fr.fn, obj) {
		if k < idx {
			last = k
		}
	}
	if last < 0 {
		return ""
	}
	a := fr.fn.Events[last].Assign
	if a.Target != obj {
		return ""
	}
	name, _, ok := strings.Cut(a.Value, "(")
	if !ok {
		return ""
	}
	return factories[libName(fr.f.Mod, strings.TrimSpace(name))]
}

// procInfo is a function a runner starts in fresh processes.
type procInfo struct {
	fn  string // the function as the program names it
	how string // who runs it there
}

// visit is a function walked in one process.
type visit struct {
	fn   *python.Func
	proc int
}

// add records an event of the process being walked.
func (t *tracer) add(ev traceEv) {
	ev.proc = t.proc
	t.evs = append(t.evs, ev)
}

// runCallback follows the function a runner call is given: in the
// caller's process, or, for a runner that starts it in fresh processes,
// as a process of its own (whose seeds are its own).
func (t *tracer) runCallback(fr *frame, idx int, c *python.Call, r runner, via python.Pos) {
	arg := ""
	if r.arg >= 0 && r.arg < len(c.Args) {
		arg = c.Args[r.arg]
	} else if v, ok := c.Keyword(r.keyword); ok {
		arg = v
	}
	f := fr.f
	arg = t.unwrapCallable(fr, idx, arg)
	if arg == "" {
		return
	}
	fresh := r.fresh
	if v, _ := c.Keyword("start_method"); fresh && strings.Trim(v, `"'`) == "fork" {
		fresh = false
	}
	g, gfn := resolveRepoCall(t.p, f, fr.fn, arg, libName(f.Mod, arg))
	var fns []*python.Func
	switch {
	case gfn != nil && strings.HasSuffix(gfn.Name, ".__init__"):
		// a class: built, then (a Ray Tune Trainable) set up and stepped
		fns = classRun(g, gfn.Class, r.steps)
	case gfn != nil:
		fns = []*python.Func{gfn}
	case g != nil:
		fns = classRun(g, lastPart(arg), r.steps)
	}
	if len(fns) == 0 {
		return
	}
	saved := t.proc
	if fresh {
		t.procs = append(t.procs, procInfo{fn: arg, how: r.how})
		t.proc = len(t.procs) - 1
	}
	for _, fn := range fns {
		if !t.visited[visit{fn, t.proc}] {
			t.walk(&frame{f: g, fn: fn, via: via, groups: fr.groups, depth: fr.depth + 1})
		}
	}
	t.proc = saved
}

// classRun lists the methods a runner calls on a class it is given: its
// __init__, then the runner's steps.
func classRun(g *pyfile.File, class string, steps []string) []*python.Func {
	var out []*python.Func
	if g == nil || g.Mod == nil || !g.Mod.Classes[class] {
		return nil
	}
	for _, m := range append([]string{"__init__"}, steps...) {
		if fn := g.Mod.Funcs[class+"."+m]; fn != nil {
			out = append(out, fn)
		}
	}
	return out
}

// unwrapCallable returns the function a callable argument names:
// train_fn, self.run, or the function inside functools.partial(train_fn,
// ...) or tune.with_parameters(train_fn, ...), written there or assigned
// to the name given (trainable = partial(train_fn, data=d)); "" for
// anything else (a lambda, a call's result).
func (t *tracer) unwrapCallable(fr *frame, idx int, arg string) string {
	m := fr.f.Mod
	for range 4 {
		x := t.expr(arg).unparen()
		if isRef(x) && !strings.Contains(arg, "[") {
			name := refText(x)
			// a name bound to a wrapper in this function
			last := -1
			for _, k := range t.assignsTo(fr.fn, name) {
				if k < idx {
					last = k
				}
			}
			if last < 0 || fr.fn.Events[last].Assign.Target != name {
				return name
			}
			v := fr.fn.Events[last].Assign.Value
			if w := t.expr(v); len(w.toks) == 0 || !wrapper(m, w) {
				return name
			}
			arg, idx = v, last
			continue
		}
		if !wrapper(m, x) {
			return ""
		}
		j := 1
		for j+1 < len(x.toks) && x.is(j, ".") && x.toks[j+1].Kind == python.Name {
			j += 2
		}
		var c python.Call
		parseArgs(x.sub(j+1, len(x.toks)-1), &c)
		if len(c.Args) == 0 {
			return ""
		}
		arg = c.Args[0]
	}
	return ""
}

// wrapper reports a call, as the whole expression, of a function that
// wraps a callable without calling it: functools.partial,
// tune.with_parameters, tune.with_resources.
func wrapper(m *python.Module, x expr) bool {
	x = x.unparen()
	if len(x.toks) < 3 || x.toks[0].Kind != python.Name {
		return false
	}
	j := 1
	for j+1 < len(x.toks) && x.is(j, ".") && x.toks[j+1].Kind == python.Name {
		j += 2
	}
	if !x.is(j, "(") || closeAt(x, j) != len(x.toks)-1 {
		return false
	}
	switch libName(m, refText(x.sub(0, j))) {
	case "functools.partial", "ray.tune.with_parameters", "ray.tune.with_resources":
		return true
	}
	return false
}
