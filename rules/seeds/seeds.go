package seeds

import (
	"github.com/git-repro/git-repro/checks"
)

// Family is the seeds family: programs that draw random numbers without
// seeding each source first, generators seeded from the clock,
// scikit-learn calls without random_state, CUDA without determinism
// settings, and DataLoaders whose order nobody seeds. The seeds: section
// of .repro.yaml names seeding helpers outside the repository.
var Family = checks.Family{Name: "seeds", Rules: rules, Settings: settings}

// settings is the seeds: section of .repro.yaml.
var settings = checks.SectionOf[Config]("seeds")

// Config is the seeds: section of .repro.yaml.
type Config struct {
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

var rules = []*checks.Rule{
	{
		ID: "REPRO-SEED-001", Category: checks.CatSeeds, Severity: checks.Warning,
		Title: "random number source used without a seed",
		Doc: `A program that draws random numbers from Python's random module, numpy's global
RNG, torch or tensorflow without seeding that source gets different numbers on
every run: different weight initialisation, data shuffling, dropout masks and
splits, so its results cannot be reproduced. Each source has its own seed: seeding
random does not seed numpy, and seeding numpy does not seed torch.

The check starts at each program's entry point (the "if __name__ == '__main__':"
block and the top-level code of a script or notebook) and follows the functions it
calls, also into other modules of the repository (a monorepo's sibling packages
that its pyproject.toml installs from paths included), so a seeding helper such as
set_seed() or seed_everything() counts wherever it is defined. Helpers are
recognised by what they do, and transformers.set_seed, lightning's
seed_everything (also Fabric's, on a Fabric object), tf.keras.utils.set_random_seed,
accelerate.utils.set_seed, fastai's set_seed, Stable-Baselines3's set_random_seed,
tf.random.set_seed and torch.cuda.manual_seed_all are known, by what the call
resolves to through the imports (a fastai, stable_baselines3 or sb3_contrib star
import included). A seed read from a config file or the
command line counts. A library module that no entry point reaches is not checked on
its own, and neither is a display-only __main__ demo of an imported module.

A function handed to a library that runs it is followed too: app.run(main),
study.optimize(objective), pool.map(f, ...), tune.Tuner(trainable),
TorchTrainer(train_loop_per_worker=f), torch.multiprocessing.spawn(f). Ray and
spawn run it in new processes that seed themselves from the OS, so only seeds set
inside the function count there.

pandas' DataFrame.sample and Series.sample (on a pandas object) and
scipy.stats' rvs draw from numpy's global RNG when given no random_state; a
sample only displayed does not count. fastai's DataLoaders seed their shuffling
from random, its random validation splits and new models draw from torch.
A Stable-Baselines3 algorithm (PPO, SAC, DQN, ..., sb3_contrib's RecurrentPPO,
QRDQN, ...) given seed= seeds random, numpy and torch before it builds its policy;
without it, it draws the policy's initial weights from torch, and learn() draws
its minibatches or replay samples from numpy and its actions from torch.
PPO.load and set_parameters load trained weights.

Only draws that can change a result count. A draw given its own generator= is not
from the global source. Initial weights do not matter when they are overwritten:
model.load_state_dict(...), load_checkpoint(model, ...) or weight.data.copy_(...)
over the object that drew them, or, in a program that does not train, loading
weights at all (an evaluation or inference script). Dropout masks are drawn only
while a program trains. tf.data's Dataset.shuffle(buffer) without seed= draws from
TensorFlow's global seed. A task head that from_pretrained adds to a pretrained body
(a ...For<Task> class given num_labels=, id2label= or ignore_mismatched_sizes=True)
draws its initial weights from torch's RNG; a transformers Trainer seeds only when it
is built, so build the model after seeding or give the Trainer model_init=.`,
		Remediation: "seed every source before its first use, e.g. a set_seed(seed) helper that calls random.seed(seed), np.random.seed(seed) and torch.manual_seed(seed), called first thing in main()",
		Run:         seedRun("REPRO-SEED-001"),
	},
	{
		ID: "REPRO-SEED-002", Category: checks.CatSeeds, Severity: checks.Warning,
		Title: "random number source used before it is seeded",
		Doc: `The program seeds the source, but only after it has already drawn from it, so
the draws before the seed differ between runs (and shift every draw after it when
their number varies).`,
		Remediation: "move the seeding call (or the set_seed helper call) before the first use, at the start of the entry point",
		Run:         seedRun("REPRO-SEED-002"),
	},
	{
		ID: "REPRO-SEED-003", Category: checks.CatSeeds, Severity: checks.Warning,
		Title: "generator created or seeded without a fixed seed",
		Doc: `np.random.default_rng(), np.random.RandomState() and random.Random() seed
themselves from the operating system's entropy when given no seed (or None), and
random.seed() with no argument does the same, so every run draws different numbers
whatever global seeds the program sets (unless the generator is reseeded with a
fixed seed before its first draw). A seed taken from the clock (time.time()) has
the same effect. jax has no global RNG: a PRNGKey built from such a value makes the
whole computation irreproducible.

A seed from the command line or a config is fixed only if its default is: "--seed"
without a default is None, and a default of -1 (or None) that a helper replaces
with os.urandom, the time or a random number ("seed_all_rng(None if seed < 0 else
seed)", "seed = args.seed or random.randint(...)") gives a different seed on every
run that does not set it. The check follows the value through the program to the
call that seeds, and reports it there; the defaults come from argparse, absl flags,
config constants and the ml_collections config file the program takes on its
command line. A Stable-Baselines3 algorithm given seed=None seeds nothing, and
the environment seeders (make_vec_env(seed=), Gymnasium's env.reset(seed=),
env.action_space.seed()) given None seed from OS entropy: a seed= of theirs that
is random, or None by default (for an environment seeder: the default of a
command-line option or a config key, not a helper's own seed=None), is reported.
tfds.load(..., shuffle_files=True) without read_config= shuffles the files from
no seed (and TFDS then interleaves them non-deterministically), so no global
seed fixes that order.`,
		Remediation: "pass a fixed seed to the generator or the seeding call (random.Random(seed), np.random.default_rng(seed), torch.Generator().manual_seed(seed)), and give a seed option a fixed default such as 0",
		Run:         seedRun("REPRO-SEED-003"),
	},
	{
		ID: "REPRO-SEED-004", Category: checks.CatSeeds, Severity: checks.Warning,
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
		ID: "REPRO-SEED-005", Category: checks.CatSeeds, Severity: checks.Info,
		Title: "torch on CUDA without deterministic settings",
		Doc: `Seeds alone do not make training with torch on a GPU repeatable: cuDNN picks its
convolution algorithms by benchmarking and several CUDA kernels use
non-deterministic atomics. PyTorch's reproducibility notes ask for
torch.backends.cudnn.deterministic = True and torch.backends.cudnn.benchmark =
False, or torch.use_deterministic_algorithms(True) (with
CUBLAS_WORKSPACE_CONFIG=:4096:8 set before CUDA starts). The rule asks a program
that trains (an optimizer, backward(), fit(), train()) on CUDA; one that only
evaluates, converts checkpoints or prints the environment is not asked. When the
program turns benchmarking on (torch.backends.cudnn.benchmark = True), the finding
is on that line.`,
		Remediation: "set torch.backends.cudnn.deterministic = True and torch.backends.cudnn.benchmark = False (or call torch.use_deterministic_algorithms(True)) in the seeding helper",
		Run:         seedRun("REPRO-SEED-005"),
	},
	{
		ID: "REPRO-SEED-006", Category: checks.CatSeeds, Severity: checks.Info,
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
		ID: "REPRO-SEED-007", Category: checks.CatSeeds, Severity: checks.Warning,
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
func seedRun(id string) func(*checks.Pass) {
	return func(p *checks.Pass) {
		for _, d := range seedAnalysis(p)[id] {
			p.Report(d)
		}
	}
}
