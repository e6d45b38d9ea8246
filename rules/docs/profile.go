package docs

import (
	"path"
	"sort"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/python"
	"github.com/git-repro/git-repro/rules/internal/pyfile"
)

// What the repository is: the data and usage items of the checklist
// (REPRO-DOCS-005, REPRO-DOCS-006) are about training and evaluating a
// model, and a repository that does neither (a library, a command-line
// tool, a demo or a server of a model trained elsewhere, a data-preparation
// pipeline) has nothing of the kind to document. The profile is read from
// the code: a repository without any code, or one the profile cannot read
// to the end, keeps every item.

// repoProfile says what the repository's code does.
type repoProfile struct {
	hasCode bool     // Python modules or notebooks outside the tests
	trains  string   // a file that trains or evaluates a model ("" if none)
	pkg     string   // the package manifest of a buildable library ("" if none)
	serves  string   // a program that serves or demos a model (a web framework's import)
	code    []string // the code files read for the profile, programs first
}

// usageApplies reports whether the README must show how to train and
// evaluate: when something is trained or evaluated, or when the code does
// not say (no code at all).
func (r *repoProfile) usageApplies() bool { return !r.hasCode || r.trains != "" }

// dataApplies reports whether the README must say where the data comes
// from: not for a library, a tool, a demo or a server that trains and
// evaluates nothing; a data-preparation repository keeps the item.
func (r *repoProfile) dataApplies() bool {
	return !r.hasCode || r.trains != "" || (r.pkg == "" && r.serves == "")
}

// maxProfileFiles bounds the code files read for the profile; past it the
// repository counts as one that trains (every item applies).
const maxProfileFiles = 400

// trainNamePrefixes name the files of training and evaluation: scripts,
// notebooks and launchers.
var trainNamePrefixes = []string{"train", "finetune", "fine_tune", "fine-tune", "pretrain", "pre_train", "eval", "evaluate", "evaluation"}

// trainNameExts are the kinds of file whose name counts (data splits such
// as train.csv do not).
var trainNameExts = map[string]bool{".py": true, ".ipynb": true, ".sh": true, ".bash": true, ".slurm": true, ".sbatch": true}

// testDirs hold tests; exampleDirs hold a library's examples and docs,
// which demonstrate it rather than train anything of the repository's.
var (
	testDirs    = map[string]bool{"tests": true, "test": true, "testing": true, "unittests": true}
	exampleDirs = map[string]bool{"examples": true, "example": true, "docs": true, "doc": true, "tutorials": true}
)

// strongTrainTails and strongTrainPrefixes train wherever they are
// called, in a package module as much as in a program (the last part of
// the callee, or its resolved prefix); building a trainer (Trainer,
// SFTTrainer, Lightning's Trainer) counts too.
var (
	strongTrainTails    = map[string]bool{"backward": true, "apply_gradients": true, "train_on_batch": true, "fit_generator": true, "start_simulation": true}
	strongTrainPrefixes = []string{"torch.optim.", "optax.", "jax.grad", "jax.value_and_grad", "tensorflow.GradientTape", "tensorflow.keras.optimizers.", "keras.optimizers.", "lightgbm.train", "xgboost.train", "catboost.", "flwr.simulation."}
	// programTrainTails train or evaluate when a program or notebook
	// calls them (a library's own fit methods call fit too).
	programTrainTails    = map[string]bool{"fit": true, "train": true, "learn": true, "evaluate": true, "minimize": true, "cross_val_score": true, "cross_validate": true, "simple_evaluate": true}
	programTrainPrefixes = []string{"sklearn.metrics.", "sklearn.model_selection.cross_val", "sklearn.model_selection.GridSearchCV", "sklearn.model_selection.RandomizedSearchCV", "torchmetrics.", "evaluate.load", "lm_eval."}
	// serveModules serve or demo a model.
	serveModules = []string{"fastapi", "flask", "streamlit", "gradio", "uvicorn", "bentoml", "ray.serve", "litserve", "chainlit", "dash", "panel", "ts.torch_handler", "tritonclient", "django", "aiohttp.web", "sanic"}
	// rlEnvModules are reinforcement-learning environments: the agent's
	// data is what the simulator returns.
	rlEnvModules = []string{"gym", "gymnasium", "dm_control", "dm_env", "mujoco", "pybullet", "pybullet_envs", "procgen", "minigrid", "ale_py", "pettingzoo", "isaacgym", "mani_skill", "metaworld", "robosuite", "highway_env", "vizdoom", "retro", "brax", "envpool", "mlagents_envs"}
)

// profile reads the repository's code once per run.
func profile(p *checks.Pass) *repoProfile {
	return p.Memo("docs-profile", func() any {
		if !p.Full {
			return hookProfile(p)
		}
		r := &repoProfile{pkg: packageManifest(p)}
		var code []string
		for _, fi := range p.Targets {
			if fi.LFS != nil || p.Config != nil && p.Config.Ignored(fi.Path) {
				continue
			}
			fp := fi.Path
			if underDir(fp, testDirs) || testFile(fp) {
				continue
			}
			isCode := pyfile.IsPython(fp) || pyfile.IsNotebook(fp)
			if isCode && !packagingFile(fp) {
				r.hasCode = true
			}
			if r.pkg != "" && underDir(fp, exampleDirs) {
				continue
			}
			if r.trains == "" && trainName(fp) {
				r.trains = fp
			}
			if isCode && fi.Size <= pyfile.MaxSize && !packagingFile(fp) {
				code = append(code, fp)
			}
		}
		// Programs first: they are where training is launched.
		sort.SliceStable(code, func(i, j int) bool { return entryRank(code[i]) < entryRank(code[j]) })
		r.code = code
		if r.trains != "" || !r.hasCode {
			return r
		}
		for i, fp := range code {
			if i == maxProfileFiles {
				r.trains = "?"
				break
			}
			f := pyfile.LoadCode(p, fp)
			if f == nil || f.Mod == nil {
				continue
			}
			program := f.NB != nil || f.Mod.Main != nil || !pyfile.Exists(p, path.Join(path.Dir(fp), "__init__.py"))
			if trainsIn(f.Mod, program) {
				r.trains = fp
				break
			}
			if r.serves == "" && importsAny(f.Mod, serveModules) {
				r.serves = fp
			}
		}
		return r
	}).(*repoProfile)
}

// rlEnvProgram returns a code file that imports a reinforcement-learning
// environment (Gymnasium, MuJoCo, Atari ...), or "": its agent's data is
// what the simulator returns.
func rlEnvProgram(p *checks.Pass) string {
	return p.Memo("docs-rl-env", func() any {
		for i, fp := range profile(p).code {
			if i == maxProfileFiles {
				break
			}
			if f := pyfile.LoadCode(p, fp); f != nil && f.Mod != nil && importsAny(f.Mod, rlEnvModules) {
				return fp
			}
		}
		return ""
	}).(string)
}

// hookProfile is the profile of a pre-commit run that stages the README
// (or a document it leans on): such a run never lists the repository, so
// only the root manifest and the usual places of training scripts are
// looked at. A package without any of them is taken for a library; any
// other repository keeps every item.
func hookProfile(p *checks.Pass) *repoProfile {
	r := &repoProfile{hasCode: true, pkg: packageManifest(p)}
	if r.pkg == "" {
		r.trains = "?"
		return r
	}
	dirs := []string{"", "scripts/", "tools/", "src/", "bin/", "experiments/", "train/", "training/"}
	if name := projectName(p); name != "" {
		dirs = append(dirs, name+"/", "src/"+name+"/")
	}
	for _, d := range dirs {
		for _, n := range hookTrainNames {
			if pyfile.Exists(p, d+n) {
				r.trains = d + n
				return r
			}
		}
	}
	return r
}

// hookTrainNames are the usual names of training and evaluation scripts.
var hookTrainNames = []string{"train.py", "training.py", "finetune.py", "fine_tune.py", "pretrain.py", "eval.py", "evaluate.py", "evaluation.py", "train.sh", "train.ipynb"}

// projectName is the import name of the package pyproject.toml or
// setup.cfg declares ("my-pkg" -> "my_pkg"), or "".
func projectName(p *checks.Pass) string {
	for _, f := range []string{"pyproject.toml", "setup.cfg"} {
		b, err := p.Tree.ReadFile(f)
		if err != nil {
			continue
		}
		if m := projectNameRe().FindSubmatch(b); m != nil {
			return strings.ToLower(strings.NewReplacer("-", "_", ".", "_").Replace(string(m[1])))
		}
	}
	return ""
}

var projectNameRe = lazyre.New(`(?m)^name\s*=\s*["']?([A-Za-z0-9][A-Za-z0-9._-]*)`)

// trainsIn reports whether a module trains or evaluates a model: a strong
// call anywhere, or, in a program or notebook, a fit/train/evaluate call
// or a metric.
func trainsIn(m *python.Module, program bool) bool {
	for _, fn := range pyfile.Funcs(m) {
		for _, e := range fn.Events {
			if e.Call == nil {
				continue
			}
			callee := e.Call.Callee
			tail := callee[strings.LastIndex(callee, ".")+1:]
			lib := pyfile.LibName(m, callee)
			if strongTrainTails[tail] || hasAnyPrefix(lib, strongTrainPrefixes) || strings.HasSuffix(tail, "Trainer") {
				return true
			}
			if program && (programTrainTails[tail] || hasAnyPrefix(lib, programTrainPrefixes)) {
				return true
			}
		}
	}
	return false
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// importsAny reports whether the module imports one of the modules (or a
// submodule of one).
func importsAny(m *python.Module, mods []string) bool {
	for _, im := range m.Imports {
		for _, mod := range mods {
			if im.Module == mod || strings.HasPrefix(im.Module, mod+".") {
				return true
			}
		}
	}
	return false
}

// packageManifest returns the root manifest that makes the repository a
// buildable package (pyproject.toml with a build system or a [project]
// table, setup.py, setup.cfg with metadata), or "".
func packageManifest(p *checks.Pass) string {
	if b, err := p.Tree.ReadFile("pyproject.toml"); err == nil {
		s := string(b)
		if strings.Contains(s, "[build-system]") || strings.Contains(s, "[project]") || strings.Contains(s, "[tool.poetry]") {
			return "pyproject.toml"
		}
	}
	if pyfile.Exists(p, "setup.py") {
		return "setup.py"
	}
	if b, err := p.Tree.ReadFile("setup.cfg"); err == nil && strings.Contains(string(b), "[metadata]") {
		return "setup.cfg"
	}
	return ""
}

// trainName reports a training or evaluation script, notebook or launcher
// by its name (train.py, finetune_lora.sh, evaluate.ipynb).
func trainName(fp string) bool {
	base := strings.ToLower(path.Base(fp))
	if !trainNameExts[path.Ext(base)] {
		return false
	}
	for _, pre := range trainNamePrefixes {
		if strings.HasPrefix(base, pre) {
			return true
		}
	}
	return false
}

func underDir(fp string, dirs map[string]bool) bool {
	for _, part := range strings.Split(path.Dir(fp), "/") {
		if dirs[strings.ToLower(part)] {
			return true
		}
	}
	return false
}

func testFile(fp string) bool {
	base := path.Base(fp)
	return strings.HasPrefix(base, "test_") || strings.HasSuffix(base, "_test.py") || base == "conftest.py"
}

// packagingFile is build and tooling code, never a program of the
// repository's.
func packagingFile(fp string) bool {
	switch path.Base(fp) {
	case "setup.py", "noxfile.py", "conf.py", "__init__.py":
		return true
	}
	return false
}

// entryRank orders code files so that programs come first: files at the
// root and in scripts/-like directories, then the rest.
func entryRank(fp string) int {
	switch dir := path.Dir(fp); {
	case dir == ".":
		return 0
	case underDir(fp, map[string]bool{"scripts": true, "script": true, "tools": true, "bin": true, "experiments": true, "notebooks": true, "nbs": true}):
		return 1
	}
	return 2
}
