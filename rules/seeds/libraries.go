package seeds

import (
	"fmt"
	"strings"

	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/python"
)

// What the libraries do: which calls draw from which global random number
// source (random, numpy, torch, tensorflow), which calls seed them (and
// the helpers that seed several at once), which scikit-learn callables
// take random_state, and which seeds are not fixed.

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
	"ray.train.torch.enable_reproducibility":           {"random", "numpy", "torch"},
	"keras.utils.set_seed":                             {"random", "numpy", "tensorflow"},
	"stable_baselines3.common.utils.set_random_seed":   {"random", "numpy", "torch"},
	// Lightning Fabric's static method, also called on the object
	// (fabric = L.Fabric(...); fabric.seed_everything(seed))
	"lightning.Fabric.seed_everything":               {"random", "numpy", "torch"},
	"lightning.fabric.Fabric.seed_everything":        {"random", "numpy", "torch"},
	"lightning.fabric.fabric.Fabric.seed_everything": {"random", "numpy", "torch"},
	"lightning_fabric.Fabric.seed_everything":        {"random", "numpy", "torch"},
}

// seedingTrainers are classes whose constructor seeds random, numpy and
// torch from its own arguments (transformers' Trainer calls
// set_seed(args.seed), whose default is 42), so building one seeds.
var seedingTrainers = setOf("transformers.Trainer", "transformers.Seq2SeqTrainer", "transformers.trainer.Trainer",
	"trl.SFTTrainer", "trl.DPOTrainer", "trl.RewardTrainer", "trl.ORPOTrainer", "trl.KTOTrainer", "trl.GRPOTrainer",
	"setfit.Trainer", "setfit.SetFitTrainer")

// acceptsNone are the seeding functions and generators that take None
// and then seed from OS entropy (or, for seed_everything and
// seed_all_rng, from a seed they draw themselves) instead of failing.
var acceptsNone = setOf("random.seed", "numpy.random.seed", "random.Random", "numpy.random.RandomState",
	"numpy.random.default_rng", "tensorflow.random.set_seed", "detectron2.utils.env.seed_all_rng",
	"lightning.seed_everything", "lightning.pytorch.seed_everything", "lightning.fabric.seed_everything",
	"lightning_fabric.seed_everything", "lightning.fabric.utilities.seed.seed_everything",
	"pytorch_lightning.seed_everything", "pytorch_lightning.utilities.seed.seed_everything",
	"lightning.Fabric.seed_everything", "lightning.fabric.Fabric.seed_everything",
	"lightning.fabric.fabric.Fabric.seed_everything", "lightning_fabric.Fabric.seed_everything")

// generators are the constructors of generator objects that take a seed.
var generators = setOf("random.Random", "numpy.random.default_rng", "numpy.random.RandomState")

// rootKeys build JAX's root PRNG key from a seed: there is no global
// source, so the key's seed is the program's only seed.
var rootKeys = setOf("jax.random.PRNGKey", "jax.random.key")

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

// drawKind says what a draw from a global source is for, which decides
// whether it can change a program's results.
type drawKind int

const (
	// drawData is a draw whose value the program uses: noise, a split, a
	// shuffled order, a sampled index.
	drawData drawKind = iota
	// drawInit draws a layer's initial weights: it does not matter when the
	// weights are loaded or overwritten before they are used.
	drawInit
	// drawTrain is a dropout layer: it draws masks only in training mode.
	drawTrain
	// drawOrder draws, where it is, the order a training loader will
	// shuffle in: it matters only when the program trains.
	drawOrder
)

// inPlaceDraws are the torch.Tensor methods that fill a tensor from
// torch's global RNG unless given generator=.
var inPlaceDraws = setOf("normal_", "uniform_", "random_", "bernoulli_", "exponential_", "geometric_",
	"cauchy_", "log_normal_")

// useOf names the global source a call to resolved draws from ("" for
// none) and what the draw is for. m is the calling module.
func useOf(m *python.Module, resolved string, c *python.Call) (string, drawKind) {
	last := lastPart(resolved)
	switch {
	case strings.HasPrefix(resolved, "random.") && strings.Count(resolved, ".") == 1 && randomUses[last]:
		return "random", drawData
	case strings.HasPrefix(resolved, "numpy.random.") && strings.Count(resolved, ".") == 2 && !numpyNotUses[last]:
		return "numpy", drawData
	case strings.HasPrefix(resolved, "torch.") && hasGenerator(c):
		// every torch sampling function, random_split, DataLoader and
		// (torch 2.2+) nn.init take generator=: then the draw is from it
		return "", drawData
	case torchUses[resolved]:
		return "torch", drawData
	case strings.HasPrefix(resolved, "torch.nn.init.") && strings.HasSuffix(last, "_"):
		if deterministicInit[last] {
			return "", drawData
		}
		return "torch", drawInit
	case strings.HasPrefix(resolved, "torch.nn.") && strings.Count(resolved, ".") == 2 && torchLayers[last]:
		if strings.HasPrefix(last, "Dropout") || last == "AlphaDropout" {
			return "torch", drawTrain
		}
		return "torch", drawInit
	case isDataLoader(resolved):
		if v, ok := c.Keyword("shuffle"); ok && v == "True" {
			return "torch", drawData
		}
	case strings.HasPrefix(resolved, "tensorflow.random.") && strings.Count(resolved, ".") == 2 && tfUses[last]:
		if _, ok := c.Keyword("seed"); !ok {
			return "tensorflow", drawData
		}
	case (strings.HasPrefix(resolved, "tensorflow.keras.layers.") || strings.HasPrefix(resolved, "keras.layers.")) && kerasLayers[last]:
		if last == "Dropout" {
			return "tensorflow", drawTrain
		}
		return "tensorflow", drawInit
	case pandasSamples[resolved]:
		// DataFrame.sample(n) without random_state: numpy's global RNG
		if sampleDraws(c) {
			return "numpy", drawData
		}
	case scipyRVS(resolved, c):
		return "numpy", drawData
	case newHead(resolved, c):
		// AutoModelForTokenClassification.from_pretrained(base, num_labels=9):
		// the task head is new, its initial weights drawn from torch's RNG
		if strings.HasPrefix(lastPart(strings.TrimSuffix(resolved, ".from_pretrained")), "TF") {
			return "tensorflow", drawInit
		}
		return "torch", drawInit
	case strings.HasPrefix(resolved, "<local>.") && inPlaceDraws[last] && m.Imported("torch") && !hasGenerator(c):
		// weight.data.normal_(0, 0.02), noise.uniform_(-1, 1)
		if strings.Contains(c.Callee, "weight") || strings.Contains(c.Callee, "bias") {
			return "torch", drawInit
		}
		return "torch", drawData
	}
	return "", drawData
}

// headClassRe are the transformers classes that put a task head on a
// pretrained body (AutoModelForSequenceClassification,
// BertForTokenClassification, TFAutoModelForImageClassification).
var headClassRe = lazyre.New(`^(?:TF)?\w*For(?:SequenceClassification|TokenClassification|MultipleChoice|QuestionAnswering|ImageClassification|AudioClassification|AudioFrameClassification|VideoClassification|AudioXVector|SemanticSegmentation|ObjectDetection|UniversalSegmentation)$`)

// newHead reports a from_pretrained that initialises a new task head: a
// head class loaded with the task's own labels (num_labels=, id2label=,
// label2id=) or with ignore_mismatched_sizes=True, which the base
// checkpoint does not hold. The transformers docs say to seed before
// from_pretrained (or give the Trainer model_init=) for that reason.
// Without those arguments the checkpoint may already hold the head (a
// fine-tuned model loaded to evaluate): not a draw.
func newHead(resolved string, c *python.Call) bool {
	class, ok := strings.CutSuffix(resolved, ".from_pretrained")
	if !ok || !strings.HasPrefix(resolved, "transformers.") || !headClassRe().MatchString(lastPart(class)) {
		return false
	}
	if v, ok := c.Keyword("ignore_mismatched_sizes"); ok && v == "True" {
		return true
	}
	for _, k := range []string{"num_labels", "id2label", "label2id"} {
		if _, ok := c.Keyword(k); ok {
			return true
		}
	}
	return false
}

// pandasSamples are the sample methods of pandas objects (what a .sample
// on a pandas receiver resolves to: pandas.go).
var pandasSamples = setOf(pandasSample, "pandas.Series.sample", "geopandas.GeoDataFrame.sample", "geopandas.GeoSeries.sample")

// deterministicInit are the torch.nn.init functions that draw nothing.
var deterministicInit = setOf("zeros_", "ones_", "constant_", "eye_", "dirac_")

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

// knownLibrary reports names of third-party or standard modules the
// resolver must not look for in the repository.
func knownLibrary(resolved string) bool {
	head, _, _ := strings.Cut(resolved, ".")
	switch head {
	case "random", "numpy", "torch", "tensorflow", "keras", "jax", "sklearn", "pandas", "scipy", "os", "sys", "time", "math",
		"optuna", "ray", "multiprocessing", "concurrent", "threading", "functools", "fastai",
		"transformers", "lightning", "pytorch_lightning", "stable_baselines3", "sb3_contrib", "gymnasium", "gym", "print", "len", "range", "logging", "json", "re":
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

func sourceInfo(name string) seedSource {
	for _, s := range seedSources {
		if s.name == name {
			return s
		}
	}
	return seedSource{name, name, "a seed"}
}
