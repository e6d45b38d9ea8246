package deps

import (
	"fmt"
	"path"
	"sort"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/rules/internal/share"
	"github.com/git-repro/git-repro/rules/pip"
)

// Family is the deps family: Python dependency manifests other than
// requirements files (those are the pip family's): conda environment files
// (conda.go), pyproject.toml and Pipfile (pyproject.go), lock drift
// (lock.go) and the declared Python version (python.go). It reads the
// deps: section of .repro.yaml, which it shares with the pip family.
var Family = checks.Family{Name: "deps", Rules: rules, Settings: pip.Settings}

// One analysis per run (analysis, Memo "deps:analysis") reads each file
// once; every rule reports its share.

const (
	parseID        = "REPRO-DEP-100"
	condaID        = "REPRO-DEP-101"
	condaFuzzyID   = "REPRO-DEP-102"
	condaPipID     = "REPRO-DEP-103"
	channelsID     = "REPRO-DEP-104"
	appUnpinnedID  = "REPRO-DEP-110"
	libNoLockID    = "REPRO-DEP-111"
	staleLockID    = "REPRO-DEP-120"
	pinsDisagreeID = "REPRO-DEP-121"
	noPythonID     = "REPRO-DEP-130"
	pythonDiffID   = "REPRO-DEP-131"
	// pythonElsewhereID: the version is stated, but only where no tool
	// reads it (a README, a base image's tag that implies it).
	pythonElsewhereID = "REPRO-DEP-132"
	noManifestID      = "REPRO-DEP-140"
	maxFileSize       = 8 << 20
)

var rules = []*checks.Rule{
	{
		ID: parseID, Category: checks.CatDeps, Severity: checks.Error,
		Title: "dependency manifest or lock file does not parse",
		Doc: "An environment.yml, pyproject.toml, Pipfile or lock file that its tool cannot read " +
			"breaks every install from it. The finding names the parser's line.",
		Remediation: "fix the syntax at the reported line (YAML for environment.yml, TOML for pyproject.toml, Pipfile, poetry.lock and uv.lock, JSON for Pipfile.lock)",
		Run:         run,
	},
	{
		ID: condaID, Category: checks.CatDeps, Severity: checks.Error,
		Title: "unpinned conda dependency",
		Doc: "A conda match spec without a version (`numpy`) or with a range (`numpy>=1.24`, " +
			"`numpy 1.24|1.25`) lets the solver pick a different build every time the environment is " +
			"created. Pin one version: `numpy==1.26.4`, or `numpy=1.26.4=<build>` with its build " +
			"string, or a full `numpy=1.26.4` (what `conda env export --no-builds` writes). " +
			"`python=3.10` declares the Python version and is not reported here; neither is `pip`. " +
			"When a `conda-lock.yml` or an `@EXPLICIT` spec (`conda list --explicit`, " +
			"`conda-<platform>.lock`) sits beside the environment file, the lock pins the packages " +
			"and the environment file may stay loose. Environment files are `environment*.yml` and " +
			"`conda.yml` by name, and any `env*`, `conda*` or `*environment` `.yml`/`.yaml` " +
			"(`conda_environment.yaml`, `conda-env.yml`) whose content is one: only the keys conda " +
			"knows at the top, a `dependencies:` list, and `channels:`, a `pip:` section, python or " +
			"pip, or a versioned spec among the dependencies.",
		Remediation: "pin exact versions (conda env export --no-builds shows the installed ones), or commit a lock: conda-lock -f environment.yml",
		Run:         run,
	},
	{
		ID: condaFuzzyID, Category: checks.CatDeps, Severity: checks.Warning,
		Title: "fuzzy conda pin",
		Doc: "In a conda match spec a single `=` is a prefix match: `numpy=1.24` means `1.24.*`, " +
			"so any 1.24 patch release (and any build) satisfies it. That is closer than no pin, but " +
			"two solves months apart can still differ. `numpy==1.24.3` pins one version.",
		Remediation: "pin the full version: numpy==1.24.3 (or numpy=1.24.3=<build>)",
		Run:         run,
	},
	{
		ID: condaPipID, Category: checks.CatDeps, Severity: checks.Error,
		Title: "unpinned pip requirement in a conda environment",
		Doc: "The `pip:` section of an environment file is a requirements file in disguise: conda " +
			"hands it to pip. It follows the pip rules (REPRO-DEP-001): every requirement pinned " +
			"with `==`, a VCS URL at a full commit, a hashed URL or a local path; `-r` includes are " +
			"resolved relative to the environment file and checked too (requirements files the pip " +
			"family checks itself are left to it). A `conda-lock.yml` locks pip packages as well; an " +
			"`@EXPLICIT` spec does not.",
		Remediation: "pin each pip requirement with ==X.Y.Z (pip freeze in the environment shows the versions)",
		Run:         run,
	},
	{
		ID: channelsID, Category: checks.CatDeps, Severity: checks.Warning,
		Title: "conda channels missing or mixed",
		Doc: "Without `channels:` the packages come from whatever channels the user's `.condarc` " +
			"lists, which differs between machines. Mixing `defaults` with `conda-forge` makes the " +
			"solver combine builds made against different ABIs and toolchains; conda-forge " +
			"recommends using it alone (with `nodefaults`).",
		Remediation: "list channels explicitly, e.g. channels: [conda-forge, nodefaults]",
		Run:         run,
	},
	{
		ID: appUnpinnedID, Category: checks.CatDeps, Severity: checks.Error,
		Title: "unpinned dependency and no lock file",
		Doc: "An application (a project that does not build a distribution: no `[build-system]`, " +
			"`package-mode = false`, `tool.uv.package = false`, or a Pipfile; or one whose " +
			"`[build-system]` or `setup.py` only makes its own code importable, as the repository " +
			"shows with entry scripts such as `train.py`, a `configs/` directory or a Dockerfile, " +
			"and no classifiers or publishing workflow) is installed as is, " +
			"so it needs either exact pins (`==X.Y.Z`, Poetry `X.Y.Z`) or a committed lock file " +
			"(`poetry.lock`, `uv.lock`, `pdm.lock`, `Pipfile.lock`, `pylock.toml`, `pixi.lock`, rye's `requirements.lock`). Every " +
			"dependency group counts: dev and test tools change results too. Local path " +
			"dependencies are versioned with the repository. `setup.py` and `setup.cfg` " +
			"(`install_requires`, `extras_require`, read statically) count like pyproject.toml.\n\n" +
			"A library whose CI installs it from pyproject.toml (`pip install -e .`, `poetry install`, " +
			"`uv sync`, `pdm install` in a workflow step) is held to the same rule: CI then tests " +
			"whatever the ranges resolve to on the day.",
		Remediation: "commit a lock file (poetry lock, uv lock, pdm lock, pipenv lock) or pin each dependency exactly",
		Run:         run,
	},
	{
		ID: libNoLockID, Category: checks.CatDeps, Severity: checks.Warning,
		Title: "library without a lock file",
		Doc: "A library (it builds a distribution: `[build-system]` or a setup script, and a name) " +
			"should declare ranges so that users can combine it with other packages, but its own " +
			"development and CI environment still needs to be reproducible: commit a lock file beside " +
			"pyproject.toml (or a requirements file compiled from setup.py with `pip-compile` or " +
			"`uv pip compile`) and install from it in CI. When the repository does not show whether " +
			"the project is published (classifiers, a publishing workflow) or run from the " +
			"repository (entry scripts, configs), the finding calls it a project.",
		Remediation: "commit a lock file for the dev/CI environment: poetry lock, uv lock or pdm lock",
		Run:         run,
	},
	{
		ID: staleLockID, Category: checks.CatDeps, Severity: checks.Error,
		Title: "lock file out of date with its manifest",
		Doc: "A lock file records the manifest it was made from. When the manifest changes and the " +
			"lock is not refreshed, installs from the lock silently ignore the change (or the tool " +
			"refuses to install). git-repro checks this offline, as the tools do:\n\n" +
			"- `poetry.lock`: `[metadata] content-hash` is recomputed exactly as Poetry computes it " +
			"(sha256 of the relevant pyproject.toml content as Python's `json.dumps` writes it), for " +
			"the Poetry generation named in the lock's first line (1.x, 2.0-2.2, 2.3+ with " +
			"`[dependency-groups]`).\n" +
			"- `Pipfile.lock`: `_meta.hash.sha256` is recomputed from the Pipfile as pipenv does; " +
			"both the raw and the canonicalised-name forms are accepted.\n" +
			"- `uv.lock`: the root package's `requires-dist` and `requires-dev` are compared with " +
			"pyproject.toml's dependencies, optional dependencies and groups.",
		Remediation: "refresh the lock with its tool (poetry lock, pipenv lock, uv lock) and commit it",
		Run:         run,
	},
	{
		ID: pinsDisagreeID, Category: checks.CatDeps, Severity: checks.Error,
		Title: "manifests pin a dependency differently",
		Doc: "When two manifests of one project pin the same dependency differently (a VCS dependency " +
			"at one commit in pyproject.toml and another in requirements.txt, `torch==2.1.0` in " +
			"requirements.txt but `2.0.1` in environment.yml's `pip:` section), which version a user " +
			"gets depends on how they install, and installing from both fails. The package metadata " +
			"(pyproject.toml, setup.cfg, setup.py), Pipfile, requirements files and conda environments " +
			"of one directory (requirements/ included) are compared: two exact pins of different " +
			"versions, two VCS pins at different commits, or an exact pin that another manifest's " +
			"range excludes. The finding is at the later manifest (package metadata first, then " +
			"requirements files, then conda environments) and names the earlier one. Two requirements " +
			"files are not compared with each other (cpu and gpu variants, one per Python version), " +
			"nor are requirements with an environment marker.",
		Remediation: "pin the same version in every manifest, or generate one from the other (uv pip compile pyproject.toml -o requirements.txt)",
		Run:         run,
	},
	{
		ID: noPythonID, Category: checks.CatDeps, Severity: checks.Warning,
		Title: "no declared python version",
		Doc: "Packages resolve differently on different Python versions, and code behaves " +
			"differently. Declare the version the project is run with in at least one place: " +
			"`.python-version`, pyproject.toml `requires-python`, `environment.yml` (`python=3.11`), " +
			"`runtime.txt` (`python-3.11.9`), `.tool-versions` (`python 3.11.9`), Poetry's `python` " +
			"dependency, Pipfile `[requires] python_version`, or `python_requires` in setup.cfg / " +
			"setup.py. A declaration in the project's " +
			"directory or any parent counts. A Dockerfile of the project (in its directory, " +
			"`docker/` or `.devcontainer/`) whose final image names the Python " +
			"(`FROM python:3.11-slim`, `uv:python3.12-bookworm-slim`) declares it for what runs " +
			"there, and REPRO-DEP-131 holds the other declarations to it: no finding. When only " +
			"the README states it, or only a base image's tag implies it " +
			"(`nvcr.io/nvidia/pytorch:23.10-py3`), REPRO-DEP-132 (info) says so instead.",
		Remediation: "declare the python version, e.g. echo 3.11 > .python-version, or requires-python = \">=3.11,<3.12\" in pyproject.toml",
		Run:         run,
	},
	{
		ID: pythonDiffID, Category: checks.CatDeps, Severity: checks.Error,
		Title: "python version declarations disagree",
		Doc: "Two declarations of the Python version that cannot both hold (`.python-version` says " +
			"3.11 while `requires-python = \"<3.11\"`, or `runtime.txt` says 3.10 and environment.yml " +
			"`python=3.12`) mean that different tools build different environments from the same " +
			"repository.\n\n" +
			"The Python a project actually runs on is compared with its declarations too: a " +
			"Dockerfile whose base image names a Python (`FROM python:3.9-slim`, " +
			"`uv:python3.12-bookworm`) that a declaration excludes, and a GitHub workflow job that " +
			"installs or tests the project (`pip install -r`, `pip install -e .`, `uv sync`, " +
			"`pytest`, ...) on a `python-version` (or a container) that `requires-python` excludes, " +
			"each at its line; and CI where no job of any workflow runs the release `.python-version` " +
			"(or runtime.txt, Pipfile, environment.yml) names. A matrix that includes the declared " +
			"version is fine; lint and docs jobs that install only their tools are not compared.",
		Remediation: "make the python version declarations agree, and build and test on a declared version",
		Run:         run,
	},
	{
		ID: pythonElsewhereID, Category: checks.CatDeps, Severity: checks.Info,
		Title: "python version stated only where no tool reads it",
		Doc: "The README says \"Python 3.10\" (in prose, in `conda create -n x python=3.10`, in " +
			"`python3.10 -m venv`), or the Dockerfile builds on an image whose tag fixes the Python " +
			"without naming it (`nvcr.io/nvidia/pytorch:23.10-py3`, " +
			"`pytorch/pytorch:2.1.2-cuda12.1-cudnn8-runtime`), and no file declares the version. A " +
			"reader learns it; pyenv, uv, `actions/setup-python`'s `python-version-file`, pip's " +
			"`requires-python` check and git-repro's own REPRO-DEP-131 do not. This is REPRO-DEP-130 " +
			"with the version known, so it is advice: the README already did the human part. " +
			"Reported at the manifest REPRO-DEP-130 would name, naming the README line or the image.",
		Remediation: "write the version the README names into .python-version (or requires-python in pyproject.toml)",
		Run:         run,
	},
	{
		ID: noManifestID, Category: checks.CatDeps, Severity: checks.Warning,
		Title: "python code imports third-party packages but there is no dependency manifest",
		Doc: "A repository whose Python files import packages that are not in the standard library, " +
			"and that has no requirements file, pyproject.toml, setup.py, setup.cfg, Pipfile or conda " +
			"environment anywhere (nor a Dockerfile that builds a Python environment), leaves every user to guess what to install and which versions " +
			"(a README line such as `pip install torch transformers` says neither). The finding is at " +
			"the root's `requirements.txt`, where the manifest should be, and names the imports with " +
			"the file and line of the first use.\n\n" +
			"Third party is what is neither the standard library (every module of CPython 3.8 to 3.13) " +
			"nor a module of the repository itself: a module or package beside the importing file, in " +
			"one of its parent directories or under `src/`, a namespace package (a directory of Python " +
			"files), or a package (a directory with `__init__.py`) anywhere. Relative imports, imports " +
			"inside `try: ... except ImportError:` (optional dependencies and their fallbacks) and " +
			"under `if TYPE_CHECKING:` do not count, nor do pip, setuptools and wheel. Hidden, " +
			"vendored (`third_party/`, `vendor/`), virtualenv, documentation and test-fixture " +
			"(`testdata/`, `fixtures/`) directories and the paths `.repro.yaml` ignores are not " +
			"scanned. Import names that differ from the package's name are translated (cv2 is " +
			"opencv-python, PIL pillow, sklearn scikit-learn, yaml pyyaml).",
		Remediation: "add requirements.txt (pip freeze in a working environment shows the versions) or a pyproject.toml that lists the imported packages with pinned versions",
		Run:         run,
	},
}

// run is the Run function of every deps rule: the family analyses the
// run once and each rule reports its share.
var run = share.Run("deps:analysis", func(p *checks.Pass) *share.Findings { return &analyze(p).Findings })

type analysis struct {
	p *checks.Pass
	share.Findings
	files map[string]*fileData
}

type fileData struct {
	data []byte
	err  error
}

// read returns a file's content once per run; a missing file is (nil, err).
func (a *analysis) read(name string) ([]byte, error) {
	if f, ok := a.files[name]; ok {
		return f.data, f.err
	}
	f := &fileData{}
	if fi, err := a.p.Tree.Stat(name); err != nil {
		f.err = err
	} else if fi.LFS != nil || fi.Size > maxFileSize {
		f.err = fmt.Errorf("%q is not a text file of at most %d MiB", name, maxFileSize>>20)
	} else {
		f.data, f.err = a.p.Tree.ReadFile(name)
	}
	a.files[name] = f
	return f.data, f.err
}

// parsed reads a file and parses it once per run (Memo "kind:file"): the
// parser's value, or the error of reading or parsing it.
func (a *analysis) parsed(kind, file string, parse func([]byte) (any, error)) any {
	return a.p.Memo(kind+":"+file, func() any {
		data, err := a.read(file)
		if err != nil {
			return err
		}
		v, err := parse(data)
		if err != nil {
			return err
		}
		return v
	})
}

func (a *analysis) exists(name string) bool {
	_, err := a.p.Tree.Stat(name)
	return err == nil
}

func (a *analysis) parseError(file string, line int, msg string) {
	a.Add(parseID, checks.Diag{Pos: checks.Pos{Path: file, Line: line}, Message: fmt.Sprintf("%s does not parse: %s", path.Base(file), msg)})
}

// allowed reports whether a package is exempt from the pin rules.
func (a *analysis) allowed(name string) bool {
	return pip.Settings.Get(a.p.Config).AllowsUnpinned(name)
}

// joinDir joins a directory ("" or "." for the root) and a base name.
func joinDir(dir, base string) string {
	if dir == "" || dir == "." {
		return base
	}
	return dir + "/" + base
}

// dirsOf returns the sorted directories of the targets that match.
func dirsOf(p *checks.Pass, match func(string) bool) []string {
	set := map[string]bool{}
	for _, f := range p.Targets {
		if match(f.Path) {
			set[path.Dir(f.Path)] = true
		}
	}
	dirs := make([]string, 0, len(set))
	for d := range set {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	return dirs
}

func analyze(p *checks.Pass) *analysis {
	a := &analysis{p: p, files: map[string]*fileData{}}
	a.conda()
	a.manifests()
	a.manifestsAgree()
	a.pythonVersions()
	a.runtimes()
	a.noManifest()
	return a
}
