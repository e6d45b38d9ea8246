package checks

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/git-repro/git-repro/parse/python"
)

// seedsSettings is the seeds: section of .repro.yaml.
var seedsSettings = SectionOf[SeedsConfig]("seeds")

// SeedsConfig holds this family's .repro.yaml settings.
type SeedsConfig struct {
	// Helpers are dotted names of functions outside the repository that
	// seed every source (random, numpy, torch, tensorflow), e.g.
	// "mylab.utils.seed_all"; helpers inside the repository are found by
	// what they do and need no entry here.
	Helpers []string `yaml:"helpers"`
}

// The seeds family reads Python with the pure-Go tokenizer and module
// model of parse/python. Programs (entry-point modules and notebooks) are
// followed from their entry point through the functions they call, across
// modules of the same repository, so that a seeding helper defined in
// utils/seed.py and called from main() counts.

var seedRules = []*Rule{
	{
		ID: "REPRO-SEED-001", Category: CatSeeds, Severity: Warning,
		Title: "random number source used without a seed",
		Doc: `A program that draws random numbers from Python's random module, numpy's global
RNG, torch or tensorflow without seeding that source gets different numbers on
every run: different weight initialisation, data shuffling, dropout masks and
splits, so its results cannot be reproduced. Each source has its own seed: seeding
random does not seed numpy, and seeding numpy does not seed torch.

The check starts at each program's entry point (the "if __name__ == '__main__':"
block and the top-level code of a script or notebook) and follows the functions it
calls, also into other modules of the repository, so a seeding helper such as
set_seed() or seed_everything() counts wherever it is defined. Helpers are
recognised by what they do, and transformers.set_seed, lightning's
seed_everything, tf.keras.utils.set_random_seed, tf.random.set_seed and
torch.cuda.manual_seed_all are known. A seed read from a config file or the command
line counts. A library module that no entry point reaches is not checked on its own.`,
		Remediation: "seed every source before its first use, e.g. a set_seed(seed) helper that calls random.seed(seed), np.random.seed(seed) and torch.manual_seed(seed), called first thing in main()",
		Run:         seedRun("REPRO-SEED-001"),
	},
	{
		ID: "REPRO-SEED-002", Category: CatSeeds, Severity: Warning,
		Title: "random number source used before it is seeded",
		Doc: `The program seeds the source, but only after it has already drawn from it, so
the draws before the seed differ between runs (and shift every draw after it when
their number varies).`,
		Remediation: "move the seeding call (or the set_seed helper call) before the first use, at the start of the entry point",
		Run:         seedRun("REPRO-SEED-002"),
	},
	{
		ID: "REPRO-SEED-003", Category: CatSeeds, Severity: Warning,
		Title: "generator created or seeded without a fixed seed",
		Doc: `np.random.default_rng(), np.random.RandomState(), random.Random() and
torch.Generator().manual_seed() seed themselves from the operating system's entropy
when given no seed (or None), and random.seed() with no argument does the same, so
every run draws different numbers whatever global seeds the program sets. A seed
taken from the clock (time.time()) has the same effect. jax has no global RNG: a
PRNGKey built from such a value makes the whole computation irreproducible.`,
		Remediation: "pass a fixed seed, e.g. np.random.default_rng(seed) with seed from the config or the command line",
		Run:         seedRun("REPRO-SEED-003"),
	},
	{
		ID: "REPRO-SEED-004", Category: CatSeeds, Severity: Warning,
		Title: "scikit-learn call without random_state",
		Doc: `train_test_split, shuffling splitters (KFold(shuffle=True), ShuffleSplit, ...),
randomized estimators (random forests, gradient boosting, k-means, SGD, MLP, t-SNE,
...) and dataset generators take random_state. Without it they draw from numpy's
global RandomState. A global np.random.seed() makes that repeatable only while
every earlier draw from the global RNG stays exactly the same: adding a call
that draws, or reordering the code, changes the split. An explicit random_state
pins each call on its own.`,
		Remediation: "pass random_state=<int> (for example the program's seed) to the call",
		Run:         seedRun("REPRO-SEED-004"),
	},
	{
		ID: "REPRO-SEED-005", Category: CatSeeds, Severity: Info,
		Title: "torch on CUDA without deterministic settings",
		Doc: `Seeds alone do not make torch on a GPU repeatable: cuDNN picks its convolution
algorithms by benchmarking and several CUDA kernels use non-deterministic atomics.
PyTorch's reproducibility notes ask for torch.backends.cudnn.deterministic = True
and torch.backends.cudnn.benchmark = False, or torch.use_deterministic_algorithms(True)
(with CUBLAS_WORKSPACE_CONFIG=:4096:8 set before CUDA starts).`,
		Remediation: "set torch.backends.cudnn.deterministic = True and torch.backends.cudnn.benchmark = False (or call torch.use_deterministic_algorithms(True)) in the seeding helper",
		Run:         seedRun("REPRO-SEED-005"),
	},
	{
		ID: "REPRO-SEED-006", Category: CatSeeds, Severity: Info,
		Title: "DataLoader shuffles without a seeded generator",
		Doc: `A DataLoader with shuffle=True (or a RandomSampler, WeightedRandomSampler or
SubsetRandomSampler) draws its order from the generator= it is given, else from
torch's global RNG. The same draw gives the base seed from which each worker
process seeds random, numpy and torch (torch 1.9 and later). So the order and the
workers' seeds repeat when the loader has generator=torch.Generator().manual_seed(seed)
or when torch's global RNG is seeded before the loader is used: torch.manual_seed,
a seeding helper, or lightning's seed_everything (whose workers=True also makes the
Trainer add its own worker_init_fn).

The check follows each program: a loader it builds on the way from its entry point
needs torch seeded before it; a loader the program does not call itself (a
LightningDataModule's train_dataloader, called by the Trainer) is fine when a
program that imports its module seeds torch. A loader without shuffle=True and
without a random sampler (a validation or test loader) draws no order and is never
reported, whatever its num_workers. A worker_init_fn is only needed for other
random state (OpenCV, imgaug, a module-level random.Random()).`,
		Remediation: "pass generator=torch.Generator().manual_seed(seed) to the DataLoader (or to its sampler), or seed torch before the loader is used: torch.manual_seed(seed), or seed_everything(seed, workers=True) with Lightning",
		Run:         seedRun("REPRO-SEED-006"),
	},
	{
		ID: "REPRO-SEED-007", Category: CatSeeds, Severity: Warning,
		Title: "python source does not tokenize",
		Doc: `The seed checks could not read this Python file: it has an unterminated string,
bad indentation or a character that is not Python. Python itself would refuse to
run it, and the seed checks skip it.`,
		Remediation: "fix the syntax error at the reported position",
		Run:         seedRun("REPRO-SEED-007"),
	},
}

// seedRun returns a rule function that reports the seed analysis's
// findings for one rule id; the analysis runs once per run.
func seedRun(id string) func(*Pass) {
	return func(p *Pass) {
		for _, d := range seedAnalysis(p)[id] {
			p.Report(d)
		}
	}
}

// pyFile is one Python module of the repository, or the code cells of a
// notebook, with its model.
type pyFile struct {
	path string
	mod  *python.Module
	err  *python.Error
	nb   *notebook // set for a notebook
}

// at converts a model position into a finding position.
func (f *pyFile) at(pos python.Pos) Pos {
	if f.nb != nil {
		return f.nb.at(f.path, pos)
	}
	return Pos{Path: f.path, Line: int(pos.Line), Col: int(pos.Col) + 1}
}

// cellRef prefixes a message about a notebook with the cell and line
// ("cell 3, line 2: "); "" for a .py file.
func (f *pyFile) cellRef(pos python.Pos) string {
	if f.nb == nil {
		return ""
	}
	return f.nb.cellRef(pos)
}

func isPythonPath(p string) bool { return strings.HasSuffix(p, ".py") }

// maxPythonSize bounds the Python files the family reads: larger ones are
// generated code (protobuf stubs, vendored bundles), not programs, and
// their tokens would cost about ten times their size in memory.
const maxPythonSize = 8 << 20

// loadPython parses a .py file once per run; nil if it does not exist or
// is larger than maxPythonSize.
func loadPython(p *Pass, fp string) *pyFile {
	v := p.Memo("python:"+fp, func() any {
		if fi, err := p.Tree.Stat(fp); err != nil || fi.Size > maxPythonSize || fi.LFS != nil {
			return (*pyFile)(nil)
		}
		b, err := p.Tree.ReadFile(fp)
		if err != nil {
			return (*pyFile)(nil)
		}
		f := &pyFile{path: fp}
		toks, terr := python.Tokenize(b)
		if terr != nil {
			f.err = terr.(*python.Error)
			return f
		}
		f.mod = python.Build(b, toks)
		return f
	})
	return v.(*pyFile)
}

func fileExists(p *Pass, fp string) bool {
	return p.Memo("exists:"+fp, func() any {
		_, err := p.Tree.Stat(fp)
		return err == nil
	}).(bool)
}

// seedSource is a global random number source that needs a seed.
type seedSource struct {
	name, desc, fix string
}

var seedSources = []seedSource{
	{"random", "python's random module", "random.seed(SEED)"},
	{"numpy", "numpy's global RNG", "np.random.seed(SEED)"},
	{"torch", "torch's RNG", "torch.manual_seed(SEED)"},
	{"tensorflow", "tensorflow's global RNG", "tf.random.set_seed(SEED)"},
}

// seedHelpers are library functions that seed several sources at once.
var seedHelpers = map[string][]string{
	"random.seed":                                      {"random"},
	"numpy.random.seed":                                {"numpy"},
	"torch.manual_seed":                                {"torch"},
	"torch.random.manual_seed":                         {"torch"},
	"torch.cuda.manual_seed_all":                       {"torch"},
	"torch.cuda.manual_seed":                           {"torch"},
	"tensorflow.random.set_seed":                       {"tensorflow"},
	"tensorflow.set_random_seed":                       {"tensorflow"},
	"tensorflow.compat.v1.set_random_seed":             {"tensorflow"},
	"tensorflow.compat.v1.random.set_random_seed":      {"tensorflow"},
	"tensorflow.keras.utils.set_random_seed":           {"random", "numpy", "tensorflow"},
	"keras.utils.set_random_seed":                      {"random", "numpy", "tensorflow"},
	"transformers.set_seed":                            {"random", "numpy", "torch", "tensorflow"},
	"transformers.trainer_utils.set_seed":              {"random", "numpy", "torch", "tensorflow"},
	"transformers.enable_full_determinism":             {"random", "numpy", "torch", "tensorflow"},
	"lightning.seed_everything":                        {"random", "numpy", "torch"},
	"lightning.pytorch.seed_everything":                {"random", "numpy", "torch"},
	"lightning.fabric.seed_everything":                 {"random", "numpy", "torch"},
	"lightning_fabric.seed_everything":                 {"random", "numpy", "torch"},
	"lightning.fabric.utilities.seed.seed_everything":  {"random", "numpy", "torch"},
	"pytorch_lightning.seed_everything":                {"random", "numpy", "torch"},
	"pytorch_lightning.utilities.seed.seed_everything": {"random", "numpy", "torch"},
	"accelerate.utils.set_seed":                        {"random", "numpy", "torch"},
	"fastai.torch_core.set_seed":                       {"random", "numpy", "torch"},
	"mmengine.runner.set_random_seed":                  {"random", "numpy", "torch"},
	"detectron2.utils.env.seed_all_rng":                {"random", "numpy", "torch"},
	"keras.utils.set_seed":                             {"random", "numpy", "tensorflow"},
}

var randomUses = setOf("random", "randint", "randrange", "choice", "choices", "shuffle", "sample", "uniform",
	"gauss", "normalvariate", "lognormvariate", "expovariate", "vonmisesvariate", "gammavariate",
	"betavariate", "paretovariate", "weibullvariate", "triangular", "getrandbits", "randbytes", "binomialvariate")

// numpy.random names that are not draws from the global RNG.
var numpyNotUses = setOf("seed", "default_rng", "RandomState", "Generator", "SeedSequence", "get_state",
	"set_state", "PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64", "BitGenerator", "bit_generator")

var torchUses = setOf("torch.rand", "torch.randn", "torch.randint", "torch.randperm", "torch.rand_like",
	"torch.randn_like", "torch.randint_like", "torch.normal", "torch.bernoulli", "torch.multinomial",
	"torch.poisson", "torch.utils.data.random_split", "torch.nn.functional.dropout")

// torch.nn layers whose construction draws initial weights (or that draw
// dropout masks).
var torchLayers = setOf("Linear", "Bilinear", "LazyLinear", "Conv1d", "Conv2d", "Conv3d", "ConvTranspose1d",
	"ConvTranspose2d", "ConvTranspose3d", "Embedding", "EmbeddingBag", "LSTM", "GRU", "RNN", "LSTMCell",
	"GRUCell", "RNNCell", "MultiheadAttention", "Transformer", "TransformerEncoderLayer",
	"TransformerDecoderLayer", "Dropout", "Dropout1d", "Dropout2d", "Dropout3d", "AlphaDropout")

var tfUses = setOf("normal", "uniform", "truncated_normal", "shuffle", "categorical", "gamma", "poisson")

var kerasLayers = setOf("Dense", "Conv1D", "Conv2D", "Conv3D", "Embedding", "LSTM", "GRU", "SimpleRNN", "Dropout")

// sklearnRandom are the scikit-learn callables that take random_state and
// use randomness with their defaults.
var sklearnRandom = setOf("train_test_split", "ShuffleSplit", "StratifiedShuffleSplit", "GroupShuffleSplit",
	"RepeatedKFold", "RepeatedStratifiedKFold", "RandomForestClassifier", "RandomForestRegressor",
	"ExtraTreesClassifier", "ExtraTreesRegressor", "GradientBoostingClassifier", "GradientBoostingRegressor",
	"HistGradientBoostingClassifier", "HistGradientBoostingRegressor", "DecisionTreeClassifier",
	"DecisionTreeRegressor", "ExtraTreeClassifier", "ExtraTreeRegressor", "AdaBoostClassifier",
	"AdaBoostRegressor", "BaggingClassifier", "BaggingRegressor", "IsolationForest", "RandomTreesEmbedding",
	"SGDClassifier", "SGDRegressor", "SGDOneClassSVM", "Perceptron", "PassiveAggressiveClassifier",
	"PassiveAggressiveRegressor", "MLPClassifier", "MLPRegressor", "KMeans", "MiniBatchKMeans", "BisectingKMeans",
	"SpectralClustering", "GaussianMixture", "BayesianGaussianMixture", "TruncatedSVD", "TSNE",
	"LatentDirichletAllocation", "RandomizedSearchCV", "ParameterSampler", "permutation_importance",
	"make_classification", "make_regression", "make_blobs", "make_moons", "make_circles", "shuffle",
	"resample", "GaussianRandomProjection", "SparseRandomProjection", "RBFSampler", "Nystroem")

// sklearnShuffleOnly take random_state only to shuffle.
var sklearnShuffleOnly = setOf("KFold", "StratifiedKFold", "StratifiedGroupKFold")

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

func lastPart(dotted string) string {
	if i := strings.LastIndexByte(dotted, '.'); i >= 0 {
		return dotted[i+1:]
	}
	return dotted
}

// useOf names the global source a call to resolved draws from, or "".
func useOf(resolved string, c *python.Call) string {
	last := lastPart(resolved)
	switch {
	case strings.HasPrefix(resolved, "random.") && strings.Count(resolved, ".") == 1 && randomUses[last]:
		return "random"
	case strings.HasPrefix(resolved, "numpy.random.") && strings.Count(resolved, ".") == 2 && !numpyNotUses[last]:
		return "numpy"
	case resolved == "torch.utils.data.random_split" && hasGenerator(c):
		return ""
	case torchUses[resolved],
		strings.HasPrefix(resolved, "torch.nn.init.") && strings.HasSuffix(last, "_"),
		strings.HasPrefix(resolved, "torch.nn.") && strings.Count(resolved, ".") == 2 && torchLayers[last]:
		return "torch"
	case isDataLoader(resolved):
		// with generator= the order and the workers' base seed come from
		// that generator, not from torch's global RNG
		if v, ok := c.Keyword("shuffle"); ok && v == "True" && !hasGenerator(c) {
			return "torch"
		}
	case strings.HasPrefix(resolved, "tensorflow.random.") && strings.Count(resolved, ".") == 2 && tfUses[last]:
		if _, ok := c.Keyword("seed"); !ok {
			return "tensorflow"
		}
	case (strings.HasPrefix(resolved, "tensorflow.keras.layers.") || strings.HasPrefix(resolved, "keras.layers.")) && kerasLayers[last]:
		return "tensorflow"
	}
	return ""
}

func isDataLoader(resolved string) bool {
	return resolved == "torch.utils.data.DataLoader" || resolved == "torch.utils.data.dataloader.DataLoader"
}

// hasGenerator reports whether a call passes generator= (not None).
func hasGenerator(c *python.Call) bool {
	v, ok := c.Keyword("generator")
	return ok && v != "None"
}

// seedArg returns the seed expression of a seeding call ("" if none) and
// whether it is fixed (not absent, None, or taken from the clock or the OS).
func seedArg(c *python.Call) (string, bool) {
	v := ""
	if len(c.Args) > 0 {
		v = c.Args[0]
	} else {
		for _, k := range c.Keywords {
			if k.Name == "seed" || k.Name == "a" || k.Name == "x" {
				v = k.Value
				break
			}
		}
	}
	if v == "" && c.StarStar {
		return "**kwargs", true
	}
	return v, fixedSeed(v)
}

func fixedSeed(v string) bool {
	if v == "" || v == "None" {
		return false
	}
	for _, bad := range []string{"time.time", "time()", "time_ns", "perf_counter", "os.urandom", "secrets.", "datetime.", "uuid", "os.getpid", "SystemRandom"} {
		if strings.Contains(v, bad) {
			return false
		}
	}
	return true
}

// traceEv is one event on a program's path from its entry point.
type traceEv struct {
	kind    int // evSeed, evUse, evCUDA, evDeterm, evLoader
	sources []string
	file    *pyFile
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
	p       *Pass
	program *pyFile
	visited map[*python.Func]bool
	evs     []traceEv
}

func (t *tracer) walk(f *pyFile, fn *python.Func, depth int, via python.Pos) {
	if fn == nil || t.visited[fn] || depth > 40 {
		return
	}
	t.visited[fn] = true
	for _, e := range fn.Events {
		if a := e.Assign; a != nil {
			target := libName(f.mod, a.Target)
			if target == "torch.backends.cudnn.deterministic" && a.Value == "True" ||
				target == "torch.backends.cudnn.benchmark" && a.Value == "False" {
				t.evs = append(t.evs, traceEv{kind: evDeterm, file: f, pos: a.Pos, callee: target, via: t.via(f, a.Pos, via)})
			}
			continue
		}
		c := e.Call
		resolved := libName(f.mod, c.Callee)
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
	for _, h := range seedsSettings.Get(t.p.Config).Helpers {
		if h == resolved {
			return []string{"random", "numpy", "torch", "tensorflow"}, true
		}
	}
	return nil, false
}

// via returns pos when f is the program's own file, else the inherited
// call site.
func (t *tracer) via(f *pyFile, pos, inherited python.Pos) python.Pos {
	if f == t.program {
		return pos
	}
	return inherited
}

// knownLibrary reports names of third-party or standard modules the
// resolver must not look for in the repository.
func knownLibrary(resolved string) bool {
	head, _, _ := strings.Cut(resolved, ".")
	switch head {
	case "random", "numpy", "torch", "tensorflow", "keras", "jax", "sklearn", "os", "sys", "time", "math",
		"transformers", "lightning", "pytorch_lightning", "print", "len", "range", "logging", "json", "re":
		return true
	}
	return false
}

func usesCUDA(resolved string, c *python.Call) bool {
	if strings.HasPrefix(resolved, "torch.cuda.") || strings.HasSuffix(c.Callee, ".cuda") {
		return true
	}
	if resolved == "torch.device" || strings.HasSuffix(c.Callee, ".to") {
		for _, a := range c.Args {
			if strings.HasPrefix(strings.Trim(a, `"'`), "cuda") && (strings.HasPrefix(a, `"`) || strings.HasPrefix(a, `'`)) {
				return true
			}
		}
	}
	return false
}

// resolveRepoCall finds the repository function a call runs: a function
// or class of the same module, a method through self, or a function
// imported from another module of the repository.
func resolveRepoCall(p *Pass, f *pyFile, fn *python.Func, callee, resolved string) (*pyFile, *python.Func) {
	m := f.mod
	head, _, _ := strings.Cut(callee, ".")
	if _, bound := m.Binding(head); !bound && !strings.HasPrefix(callee, ".") {
		// not bound by an import
		if !strings.Contains(callee, ".") {
			if g := m.Funcs[fn.Name+"."+callee]; g != nil { // nested function
				return f, g
			}
			if g := m.Funcs[callee]; g != nil {
				return f, g
			}
			if m.Classes[callee] {
				return f, m.Funcs[callee+".__init__"]
			}
			// a star import from a repository module
			for _, im := range m.Imports {
				if im.Name != "*" {
					continue
				}
				if g := loadModule(p, f, im.Module); g != nil && g.mod != nil {
					if h := g.mod.Funcs[callee]; h != nil {
						return g, h
					}
				}
			}
			return nil, nil
		}
		_, rest, _ := strings.Cut(callee, ".")
		if (head == "self" || head == "cls") && fn.Class != "" && !strings.Contains(rest, ".") {
			return f, m.Funcs[fn.Class+"."+rest]
		}
		return nil, nil
	}
	if strings.HasPrefix(callee, ".") {
		return nil, nil
	}
	// resolved through an import: module path + function (or class)
	parts := strings.Split(resolved, ".")
	lead := 0
	for lead < len(parts) && parts[lead] == "" {
		lead++
	}
	for k := len(parts) - 1; k > lead; k-- {
		modName := strings.Join(parts[:k], ".")
		if lead > 0 {
			modName = strings.Repeat(".", lead) + strings.Join(parts[lead:k], ".")
		}
		g := loadModule(p, f, modName)
		if g == nil || g.mod == nil {
			continue
		}
		return lookupIn(p, g, strings.Join(parts[k:], "."), 0)
	}
	return nil, nil
}

// lookupIn finds function or class name in module g, following what g
// itself imports (a package's __init__.py that re-exports a helper).
func lookupIn(p *Pass, g *pyFile, name string, depth int) (*pyFile, *python.Func) {
	if g == nil || g.mod == nil || depth > 8 {
		return nil, nil
	}
	if h := g.mod.Funcs[name]; h != nil {
		return g, h
	}
	if g.mod.Classes[name] {
		return g, g.mod.Funcs[name+".__init__"]
	}
	if r := g.mod.Resolve(name); r != name && !knownLibrary(r) {
		parts := strings.Split(r, ".")
		lead := 0
		for lead < len(parts) && parts[lead] == "" {
			lead++
		}
		for k := len(parts) - 1; k > lead; k-- {
			modName := strings.Repeat(".", lead) + strings.Join(parts[lead:k], ".")
			if h := loadModule(p, g, modName); h != nil && h.mod != nil && h != g {
				return lookupIn(p, h, strings.Join(parts[k:], "."), depth+1)
			}
		}
	}
	if !strings.Contains(name, ".") {
		for _, im := range g.mod.Imports {
			if im.Name == "*" {
				if h := loadModule(p, g, im.Module); h != nil && h != g {
					if hf, fn := lookupIn(p, h, name, depth+1); fn != nil {
						return hf, fn
					}
				}
			}
		}
	}
	return nil, nil
}

// loadModule finds a module of the repository by its dotted name (leading
// dots: relative to from's package) and parses it.
func loadModule(p *Pass, from *pyFile, name string) *pyFile {
	dots := 0
	for dots < len(name) && name[dots] == '.' {
		dots++
	}
	rel := strings.ReplaceAll(name[dots:], ".", "/")
	var bases []string
	if dots > 0 {
		dir := path.Dir(from.path)
		for i := 1; i < dots; i++ {
			dir = path.Dir(dir)
		}
		bases = []string{dir}
	} else {
		bases = []string{".", path.Dir(from.path), "src"}
	}
	for _, base := range bases {
		for _, cand := range []string{rel + ".py", rel + "/__init__.py"} {
			if rel == "" {
				cand = "__init__.py"
			}
			fp := path.Clean(path.Join(base, cand))
			if strings.HasPrefix(fp, "../") || !fileExists(p, fp) {
				continue
			}
			return loadPython(p, fp)
		}
	}
	return nil
}

// isProgram reports whether a .py file is an entry point: it has a main
// guard, or it is a script (top-level calls, not inside a package, not a
// test or packaging file).
func isProgram(p *Pass, f *pyFile) bool {
	if f.nb != nil || f.mod.Main != nil {
		return true
	}
	base := path.Base(f.path)
	if base == "__init__.py" || base == "setup.py" || base == "conftest.py" || base == "conf.py" ||
		base == "noxfile.py" ||
		strings.HasPrefix(base, "test_") || strings.HasSuffix(base, "_test.py") {
		return false
	}
	for _, part := range strings.Split(path.Dir(f.path), "/") {
		if part == "tests" || part == "test" || part == "testing" {
			return false
		}
	}
	if fileExists(p, path.Join(path.Dir(f.path), "__init__.py")) && base != "__main__.py" {
		return false
	}
	for _, e := range f.mod.Top.Events {
		if e.Call != nil {
			return true
		}
	}
	return false
}

// seedAnalysis runs the whole family once and returns diagnostics by rule.
func seedAnalysis(p *Pass) map[string][]Diag {
	return p.Memo("seeds:analysis", func() any {
		out := map[string][]Diag{}
		seen := map[string]bool{}
		add := func(id string, d Diag) {
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
			var f *pyFile
			switch {
			case isPythonPath(t.Path) && t.LFS == nil:
				f = loadPython(p, t.Path)
			case isNotebookPath(t.Path) && t.LFS == nil:
				nb := loadNotebook(p, t.Path)
				if nb == nil || nb.py == nil {
					continue
				}
				f = nb.py
				for _, ce := range nb.cellErrs {
					add("REPRO-SEED-007", Diag{Pos: ce.pos, Message: fmt.Sprintf("code cell %d does not tokenize: %s; fix it (the seed checks skip that cell)", ce.cell, ce.msg)})
				}
			}
			if f == nil {
				continue
			}
			if f.err != nil {
				add("REPRO-SEED-007", Diag{Pos: Pos{Path: f.path, Line: f.err.Line, Col: f.err.Col + 1},
					Message: fmt.Sprintf("python source does not tokenize: %s; fix the syntax (the seed checks skip this file)", f.err.Msg)})
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
	}).(map[string][]Diag)
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
func perFileChecks(f *pyFile, report func(string, Diag)) {
	m := f.mod
	funcs := moduleFuncs(m)
	for _, fn := range funcs {
		for _, e := range fn.Events {
			c := e.Call
			if c == nil {
				continue
			}
			resolved := libName(m, c.Callee)
			last := lastPart(resolved)
			pos := f.at(c.Pos)
			ref := f.cellRef(c.Pos)
			add := func(id string, d Diag) {
				d.Message = ref + d.Message
				report(id, d)
			}
			// unseeded generators and nondeterministic seeds
			switch resolved {
			case "numpy.random.default_rng", "numpy.random.RandomState", "random.Random":
				if v, fixed := seedArg(c); !fixed {
					add("REPRO-SEED-003", Diag{Pos: pos, Message: fmt.Sprintf("%q creates a generator %s; pass a fixed seed, e.g. %s(seed)", c.Callee, seedWhy(v), c.Callee)})
				}
			case "jax.random.PRNGKey", "jax.random.key":
				if v, fixed := seedArg(c); !fixed {
					add("REPRO-SEED-003", Diag{Pos: pos, Message: fmt.Sprintf("%q builds the root key %s; pass a fixed seed from the config or the command line", c.Callee, seedWhy(v))})
				}
			default:
				if _, ok := seedHelpers[resolved]; ok {
					if v, fixed := seedArg(c); !fixed {
						add("REPRO-SEED-003", Diag{Pos: pos, Message: fmt.Sprintf("%q is called %s, so it does not make runs repeatable; pass a fixed seed", c.Callee, seedWhy(v))})
					}
				}
			}
			if strings.HasSuffix(c.Callee, ".manual_seed") && strings.HasPrefix(resolved, "<local>.") && len(c.Args) > 0 && !fixedSeed(c.Args[0]) {
				add("REPRO-SEED-003", Diag{Pos: pos, Message: fmt.Sprintf("%q is called %s; pass a fixed seed", c.Callee, seedWhy(c.Args[0]))})
			}
			// scikit-learn random_state
			if strings.HasPrefix(resolved, "sklearn.") && !c.StarStar {
				if _, ok := c.Keyword("random_state"); !ok {
					if sklearnNeedsState(last, c) {
						add("REPRO-SEED-004", Diag{Pos: pos, Message: fmt.Sprintf("%q is called without random_state, so its result changes between runs; pass random_state=<int> (a global np.random.seed only holds while every earlier draw from numpy's global RNG stays the same)", c.Callee)})
					}
				}
			}
		}
	}
}

// sklearnNeedsState reports whether a scikit-learn call of name draws
// random numbers with the arguments it is given.
func sklearnNeedsState(name string, c *python.Call) bool {
	shuffle, _ := c.Keyword("shuffle")
	switch {
	case sklearnShuffleOnly[name]:
		return shuffle == "True"
	case name == "train_test_split":
		return shuffle != "False"
	case name == "make_moons" || name == "make_circles":
		noise, _ := c.Keyword("noise")
		return shuffle != "False" || noise != "" && noise != "None"
	}
	return sklearnRandom[name]
}

func seedWhy(v string) string {
	switch v {
	case "":
		return "without a seed (it seeds itself from OS entropy)"
	case "None":
		return "with seed None (it seeds itself from OS entropy)"
	}
	return fmt.Sprintf("with the seed %q, which changes on every run", v)
}

// checkProgram follows one program from its entry point and reports its
// unseeded sources and missing determinism settings.
func checkProgram(p *Pass, f *pyFile, add func(string, Diag)) {
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
		where, at, ref := "", e.file.at(e.pos), e.file.cellRef(e.pos)
		if e.file != f {
			where = fmt.Sprintf(" (at %s:%d, reached from this call)", at.Path, at.Line)
			at, ref = f.at(e.via), f.cellRef(e.via)
		}
		seed, ok := seeded[s]
		if !ok {
			add("REPRO-SEED-001", Diag{Pos: at, Key: "seed:" + s + ":" + e.callee, Message: ref + fmt.Sprintf("%s is used by %q%s but never seeded on the way from the entry point; call %s before the first use (directly or in a seeding helper called first)", src.desc, e.callee, where, src.fix)})
			continue
		}
		before := false
		for _, prev := range t.evs[:i] {
			if prev.kind == evSeed && prev.pos == seed.pos && prev.file == seed.file {
				before = true
			}
		}
		if !before {
			sp := seed.file.at(seed.pos)
			add("REPRO-SEED-002", Diag{Pos: at, Key: "seed:" + s + ":" + e.callee, Message: ref + fmt.Sprintf("%s is used by %q%s before it is seeded (%q at %s:%d runs later); seed it before the first use", src.desc, e.callee, where, seed.callee, sp.Path, sp.Line)})
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
		at, where, ref := cuda.file.at(cuda.pos), "", cuda.file.cellRef(cuda.pos)
		if cuda.file != f {
			where = fmt.Sprintf(" at %s:%d", at.Path, at.Line)
			at, ref = f.at(cuda.via), f.cellRef(cuda.via)
		}
		add("REPRO-SEED-005", Diag{Pos: at, Message: ref + fmt.Sprintf("the program uses CUDA (%q%s) but sets neither torch.backends.cudnn.deterministic = True with benchmark = False nor torch.use_deterministic_algorithms(True); set them where the seeds are set", cuda.callee, where)})
	}
}

func sourceInfo(name string) seedSource {
	for _, s := range seedSources {
		if s.name == name {
			return s
		}
	}
	return seedSource{name, name, "a seed"}
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
	file *pyFile
	pos  python.Pos
}

// traceProgram follows program f once per run.
func traceProgram(p *Pass, f *pyFile) *progTrace {
	return p.Memo("seeds:trace:"+f.path, func() any {
		t := &tracer{p: p, program: f, visited: map[*python.Func]bool{}}
		t.walk(f, f.mod.Top, 0, python.Pos{})
		t.walk(f, f.mod.Main, 0, python.Pos{})
		pt := &progTrace{evs: t.evs, loads: map[string]bool{}, loaders: map[loaderKey]bool{}}
		importClosure(p, f, pt.loads)
		firstTorch := true
		for _, e := range t.evs {
			pt.loads[e.file.path] = true
			k := loaderKey{e.file, e.pos}
			switch {
			case e.kind == evSeed && containsStr(e.sources, "torch"):
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

// importClosure adds f and the repository modules it imports, transitively.
func importClosure(p *Pass, f *pyFile, seen map[string]bool) {
	if f == nil || f.mod == nil || seen[f.path] || len(seen) > 2000 {
		return
	}
	seen[f.path] = true
	for _, im := range f.mod.Imports {
		var cands []string
		switch {
		case im.Name == "" || im.Name == "*":
			cands = []string{im.Module}
		case strings.HasSuffix(im.Module, "."):
			cands = []string{im.Module + im.Name, im.Module}
		default:
			cands = []string{im.Module + "." + im.Name, im.Module}
		}
		for _, c := range cands {
			if knownLibrary(c) {
				break
			}
			if g := loadModule(p, f, c); g != nil {
				importClosure(p, g, seen)
				break
			}
		}
	}
}

// seedPrograms returns the programs that may import the modules of the
// loader sites: every program among the targets on a full run. A hook
// (a subset of files) must not read every file of a large repository, so
// there the candidates are found by path, from the tree's file list: the
// .py files and notebooks in each site's directory and its parents, those
// under scripts/, tools/, bin/, experiments/, notebooks/ or nbs/, and
// files named like entry points (train*.py, main*.py, run*.py, cli*.py,
// __main__.py ...).
func seedPrograms(p *Pass, sites []loaderSite) []*pyFile {
	var paths []string
	if p.Full {
		for _, t := range p.Targets {
			if t.LFS == nil {
				paths = append(paths, t.Path)
			}
		}
	} else if files, err := p.Tree.Files(); err == nil {
		near := map[string]bool{}
		for _, s := range sites {
			for d := path.Dir(s.f.path); ; d = path.Dir(d) {
				near[d] = true
				if d == "." || d == "/" {
					break
				}
			}
		}
		for _, fi := range files {
			if fi.LFS == nil && (isPythonPath(fi.Path) || isNotebookPath(fi.Path)) && (near[path.Dir(fi.Path)] || entryLike(fi.Path)) {
				paths = append(paths, fi.Path)
			}
		}
	}
	sort.Strings(paths)
	var out []*pyFile
	for _, fp := range paths {
		var f *pyFile
		switch {
		case isPythonPath(fp):
			f = loadPython(p, fp)
		case isNotebookPath(fp):
			if nb := loadNotebook(p, fp); nb != nil {
				f = nb.py
			}
		}
		if f != nil && f.mod != nil && isProgram(p, f) {
			out = append(out, f)
		}
	}
	return out
}

var entryDirs = setOf("scripts", "script", "tools", "bin", "experiments", "notebooks", "nbs")

var entryPrefixes = []string{"train", "main", "run", "cli", "fit", "finetune", "pretrain", "eval", "launch", "app"}

// entryLike reports whether a path looks like a program's by its place or
// name.
func entryLike(p string) bool {
	for _, c := range strings.Split(path.Dir(p), "/") {
		if entryDirs[strings.ToLower(c)] {
			return true
		}
	}
	base := strings.ToLower(path.Base(p))
	if base == "__main__.py" {
		return true
	}
	for _, pre := range entryPrefixes {
		if strings.HasPrefix(base, pre) {
			return true
		}
	}
	return false
}

// loaderSite is a DataLoader whose order is drawn from torch's global RNG:
// shuffle=True without generator=, or a random sampler without one.
type loaderSite struct {
	f       *pyFile
	c       *python.Call
	what    string // how it draws, for the message
	sampler bool   // the draw is the sampler's: generator= goes there
}

var randomSamplers = setOf("RandomSampler", "WeightedRandomSampler", "SubsetRandomSampler")

func isRandomSampler(resolved string) bool {
	return (strings.HasPrefix(resolved, "torch.utils.data.") && strings.Count(resolved, ".") == 3 ||
		strings.HasPrefix(resolved, "torch.utils.data.sampler.") && strings.Count(resolved, ".") == 4) &&
		randomSamplers[lastPart(resolved)]
}

// loaderSites finds the DataLoaders of f that draw their order from
// torch's global RNG. A loader without shuffle=True and without a random
// sampler (a validation or test loader) draws no order and is not one,
// whatever its num_workers: each worker seeds random, numpy and torch
// from a base seed that the loader draws from the same RNG.
func loaderSites(f *pyFile) []loaderSite {
	m := f.mod
	funcs := moduleFuncs(m)
	var out []loaderSite
	for _, fn := range funcs {
		for _, e := range fn.Events {
			c := e.Call
			if c == nil || c.StarStar || !isDataLoader(libName(m, c.Callee)) {
				continue
			}
			if v, _ := c.Keyword("shuffle"); v == "True" {
				if !hasGenerator(c) {
					out = append(out, loaderSite{f: f, c: c, what: "shuffles (shuffle=True) without generator=,"})
				}
				continue
			}
			for _, k := range []string{"sampler", "batch_sampler"} {
				if v, ok := c.Keyword(k); ok && samplerDraws(m, fn, v) {
					out = append(out, loaderSite{f: f, c: c, sampler: true,
						what: fmt.Sprintf("takes its order from %s=%s (a random sampler without generator=),", k, v)})
					break
				}
			}
		}
	}
	return out
}

// samplerDraws reports whether a sampler= value is a random sampler built
// without generator=: a call written in place, or a name where the same
// function builds one.
func samplerDraws(m *python.Module, fn *python.Func, v string) bool {
	if name, args, ok := strings.Cut(v, "("); ok {
		return isRandomSampler(libName(m, strings.TrimSpace(name))) && !strings.Contains(args, "generator=")
	}
	for _, e := range fn.Events {
		if c := e.Call; c != nil && isRandomSampler(libName(m, c.Callee)) && !hasGenerator(c) {
			return true
		}
	}
	return false
}

// checkLoaders reports REPRO-SEED-006 for the loaders whose order nobody
// seeds. A loader that a program builds on its path from the entry point
// is fine when the program seeds torch before it; one the program does not
// call itself (a LightningDataModule's train_dataloader, called by the
// Trainer) is fine when a program that imports its module seeds torch. A
// loader no program imports is library code, not reported on its own.
func checkLoaders(p *Pass, sites []loaderSite, add func(string, Diag)) {
	if len(sites) == 0 {
		return
	}
	progs := seedPrograms(p, sites)
	traces := make([]*progTrace, len(progs))
	reachedBy := map[loaderKey][]int{}
	loadsBy := map[string][]int{}
	for i, prog := range progs {
		traces[i] = traceProgram(p, prog)
		for k := range traces[i].loaders {
			reachedBy[k] = append(reachedBy[k], i)
		}
		for f := range traces[i].loads {
			loadsBy[f] = append(loadsBy[f], i)
		}
	}
	for _, s := range sites {
		var reachedBad, loadedBy []string
		reachedOK, loadedOK := false, false
		k := loaderKey{s.f, s.c.Pos}
		reached := map[int]bool{}
		for _, i := range reachedBy[k] {
			reached[i] = true
			if traces[i].loaders[k] {
				reachedOK = true
			} else {
				reachedBad = append(reachedBad, progs[i].path)
			}
		}
		for _, i := range loadsBy[s.f.path] {
			if !reached[i] {
				loadedBy = append(loadedBy, progs[i].path)
				loadedOK = loadedOK || traces[i].seedsTorch
			}
		}
		var why string
		switch {
		case len(reachedBad) > 0:
			why = fmt.Sprintf("torch's RNG is not seeded before it on the way from %q", reachedBad[0])
		case reachedOK || loadedOK || len(loadedBy) == 0:
			continue
		case len(loadedBy) == 1 && loadedBy[0] == s.f.path:
			why = "the program never seeds torch's RNG"
		default:
			why = fmt.Sprintf("no program that imports this module seeds torch's RNG (%s)", quoteList(loadedBy, 3))
		}
		workers := ""
		if v, ok := s.c.Keyword("num_workers"); ok && v != "0" {
			workers = fmt.Sprintf(" (and so do the seeds its num_workers=%s workers give random, numpy and torch)", v)
		}
		where := ""
		if s.sampler {
			where = " to the sampler"
		}
		add("REPRO-SEED-006", Diag{Pos: s.f.at(s.c.Pos), Message: s.f.cellRef(s.c.Pos) + fmt.Sprintf(
			"%q %s and %s, so its order changes between runs%s; pass generator=torch.Generator().manual_seed(seed)%s or seed torch before it (torch.manual_seed(seed), or seed_everything(seed, workers=True) with Lightning)",
			s.c.Callee, s.what, why, workers, where)})
	}
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// quoteList quotes up to n names, then says how many more there are.
func quoteList(names []string, n int) string {
	var q []string
	for i, s := range names {
		if i == n {
			q = append(q, fmt.Sprintf("and %d more", len(names)-n))
			break
		}
		q = append(q, fmt.Sprintf("%q", s))
	}
	return strings.Join(q, ", ")
}
