package docker

import (
	"fmt"
	"slices"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/rules/internal/share"
)

// The docker family: Dockerfiles (base images, RUN lines, ADD, COPY order,
// USER, secrets in ARG/ENV), the build context each Dockerfile really sends
// (computed with Docker's own .dockerignore semantics over the repository's
// files), and compose files. All rules share one analysis per run
// (analyze, memoised), which parses every relevant file once; each
// rule reports its share of the result. See docs/docker.md.

const pinHint = "pin the image by digest: \"FROM python:3.11-slim@sha256:<digest>\" (docker buildx imagetools inspect python:3.11-slim prints it)"

var rules = []*checks.Rule{
	{
		ID: "REPRO-DOCKER-001", Category: checks.CatDocker, Severity: checks.Error,
		Title: "unreadable dockerfile, .dockerignore or compose file",
		Doc: "The file could not be parsed (by the Docker project's own Dockerfile parser, " +
			"Docker's .dockerignore pattern rules, a shell parser for RUN lines, or a YAML parser " +
			"for compose files), so a build would fail or the other docker rules cannot check it. " +
			"A Dockerfile line that is not UTF-8 text (a Latin-1 file; comments aside) is reported " +
			"once per file: Docker passes its bytes on, but the rules read them as U+FFFD and cannot " +
			"check its words as written.",
		Remediation: "fix the syntax at the reported line; \"docker build --check .\" shows the parser's view",
		Run:         run,
	},
	{
		ID: "REPRO-DOCKER-002", Category: checks.CatDocker, Severity: checks.Error,
		Title: "image without a tag or with \"latest\"",
		Doc: "`FROM python` and `FROM python:latest` (and the same in a compose `image:`) build on " +
			"whatever the registry serves on the day of the build: a rebuild months later gets a " +
			"different Python, a different libc and different system libraries. Earlier build stages " +
			"and `scratch` are exempt.",
		Remediation: "name an explicit version tag and, better, its digest: \"FROM python:3.11-slim@sha256:<digest>\"",
		Run:         run,
	},
	{
		ID: "REPRO-DOCKER-003", Category: checks.CatDocker, Severity: checks.Warning,
		Title: "image pinned by tag only, without a digest",
		Doc: "A tag such as `python:3.10-slim` is mutable: it is re-pushed for every patch release and " +
			"security rebuild, so two builds of the same commit can get different images. Only a digest " +
			"(`@sha256:...`) names exactly one image. A tag that names an exact release " +
			"(`python:3.11.9-slim`, `pytorch:23.10-py3`) is REPRO-DOCKER-006 (info) instead. With `docker: {require-digest: true}` in " +
			".repro.yaml this rule is replaced by REPRO-DOCKER-004 (an error). An image the repository " +
			"builds itself (a compose service with `build:` and `image:`, `docker build -t NAME` in a " +
			"Makefile, a script or a workflow, a docker/build-push-action step's or a docker-bake target's " +
			"`tags`) is not a registry image: " +
			"`FROM NAME` is not reported, and the sibling Dockerfile's own FROM is checked instead.",
		Remediation: pinHint,
		Run:         run,
	},
	{
		ID: "REPRO-DOCKER-004", Category: checks.CatDocker, Severity: checks.Error,
		Title: "image digest required",
		Doc: "The repository's .repro.yaml sets `docker: {require-digest: true}`: every base image and " +
			"compose image must be pinned by digest (`@sha256:...`), as OpenSSF Scorecard's " +
			"Pinned-Dependencies check requires.",
		Remediation: pinHint,
		Run:         run,
	},
	{
		ID: "REPRO-DOCKER-005", Category: checks.CatDocker, Severity: checks.Warning,
		Title: "base image from a build arg without a default",
		Doc: "`FROM ${BASE}` where `ARG BASE` has no default: the image is only known from the " +
			"command line of whoever builds it, so the Dockerfile alone does not say what it builds on.",
		Remediation: "give the ARG a pinned default before the first FROM: \"ARG BASE=python:3.11-slim@sha256:<digest>\"",
		Run:         run,
	},
	{
		ID: "REPRO-DOCKER-006", Category: checks.CatDocker, Severity: checks.Info,
		Title: "image tag names an exact release, without a digest",
		Doc: "`python:3.11.9-slim`, `tensorflow/tensorflow:2.13.0-gpu`, " +
			"`nvcr.io/nvidia/pytorch:23.10-py3` or `ubuntu:jammy-20240227` name one release of the " +
			"software: a rebuild gets the same Python, TensorFlow or NGC release. The tag can still be " +
			"re-pushed (a security rebuild of the same release changes system libraries), so only a " +
			"digest makes the build byte-identical, but the difference is small enough to be advice. " +
			"A tag that follows a series (`python:3.10`, `3.11-slim`, `ubuntu:22.04`, `redis:7`) gets " +
			"whatever the newest release of the series is and stays REPRO-DOCKER-003 (warning). Exact: a " +
			"version of three or more parts, a monthly YY.MM release (NVIDIA's NGC containers; not " +
			"Ubuntu's YY.MM, which follows its point releases), or a build date in the tag. With " +
			"`docker: {require-digest: true}` both are REPRO-DOCKER-004.",
		Remediation: pinHint,
		Run:         run,
	},
	{
		ID: "REPRO-DOCKER-010", Category: checks.CatDocker, Severity: checks.Error,
		Title: "unpinned python package installed in a RUN line",
		Doc: "`pip install numpy` (also `python -m pip`, `uv pip install`, `mim install`) installs whatever version " +
			"is newest on the day of the build. Requirements are judged by the same rules as " +
			"requirements files (`==` without wildcards, `===`, a VCS URL at a full commit, a URL with " +
			"a hash, a local wheel or path; everything is pinned under `--require-hashes`), and `-r FILE` is followed " +
			"into the repository file the image has at that path (through the stage's COPY and ADD " +
			"lines, WORKDIR and `cd`, `--from` stages and bind mounts). When that file is a requirements " +
			"file the pip rules check (`requirements*.txt`, constraints), its unpinned lines are " +
			"REPRO-DEP-001 at their own line, which names this RUN: one finding for one problem, not two. " +
			"Files by other names, a pip-tools `.in` installed instead of its lock, and every file " +
			"while REPRO-DEP-001 is off are reported here. `mim install` is read as pip. Upgrading the installer itself " +
			"(`pip install -U pip setuptools wheel`) is not reported, as in REPRO-CI-004. RUN lines are read " +
			"with the parser of the README, script, notebook and CI rules and worded as theirs: one finding " +
			"per command naming each unpinned package once, packages that the command's own `-r`/`-c` files " +
			"pin left out, and an unquoted `>` or `<` (`pip install numpy>=1.24`) said to be the shell " +
			"redirect that drops the version.",
		Remediation: "pin every package (\"pip install numpy==1.26.4\") or install a pinned, hashed lock: \"pip install --require-hashes -r requirements.txt\"",
		Run:         run,
	},
	{
		ID: "REPRO-DOCKER-011", Category: checks.CatDocker, Severity: checks.Error,
		Title: "unpinned conda package installed in a RUN line",
		Doc: "`conda install numpy` (also mamba and micromamba) resolves to the newest build on the day " +
			"of the build. A conda spec is exact with `==1.26.4` or `=1.26.4=<build>`, or a full " +
			"three-part version `=1.26.4`; `numpy=1.26` is a fuzzy match (1.26.*), except for packages " +
			"versioned in two parts such as `pytorch-cuda=12.1` (the same verdict as the deps rules). " +
			"`python=3.11` (the interpreter's version) and `pip` are not reported; a bare `python` (the " +
			"newest interpreter) is. `--file` is read: a " +
			"spec list, an explicit lock (`@EXPLICIT`), a conda-lock file or an environment.yml.",
		Remediation: "pin every package with its full version (\"conda install numpy==1.26.4\"), or install from a lock file (conda-lock, \"conda create --file conda-linux-64.lock\")",
		Run:         run,
	},
	{
		ID: "REPRO-DOCKER-012", Category: checks.CatDocker, Severity: checks.Warning,
		Title: "os package installed without a version",
		Doc: "`apt-get install -y python3` (and `apk add`) takes whatever version the distribution's " +
			"index has at build time (hadolint DL3008/DL3018).",
		Remediation: "pin versions: \"apt-get install -y python3=3.11.2-1+b1\" (apt-cache policy python3 shows them)",
		Run:         run,
	},
	{
		ID: "REPRO-DOCKER-013", Category: checks.CatDocker, Severity: checks.Warning,
		Title: "apt-get install without apt-get update in the same RUN",
		Doc: "Docker caches each RUN as a layer. With `RUN apt-get update` and `RUN apt-get install` in " +
			"separate instructions, the update layer is reused from cache while the install line " +
			"changes, so packages come from a stale index (or fail to download). The official images " +
			"also ship without package lists, so an install without an update in the same layer fails.",
		Remediation: "run both in one RUN: \"RUN apt-get update && apt-get install -y --no-install-recommends pkg=ver && rm -rf /var/lib/apt/lists/*\"",
		Run:         run,
	},
	{
		ID: "REPRO-DOCKER-014", Category: checks.CatDocker, Severity: checks.Info,
		Title: "apt lists not removed in the same layer",
		Doc: "`apt-get update` writes tens of MB to /var/lib/apt/lists; unless the same RUN removes them " +
			"they stay in the image forever (hadolint DL3009). A cache mount on /var/lib/apt is fine.",
		Remediation: "end the RUN with \"&& rm -rf /var/lib/apt/lists/*\", or use \"RUN --mount=type=cache,target=/var/lib/apt/lists ...\"",
		Run:         run,
	},
	{
		ID: "REPRO-DOCKER-015", Category: checks.CatDocker, Severity: checks.Info,
		Title: "pip install without --no-cache-dir",
		Doc: "pip keeps downloaded wheels in ~/.cache/pip, which then stays in the layer (hadolint " +
			"DL3042); for ML images with torch wheels that is gigabytes. Exempt: `ENV " +
			"PIP_NO_CACHE_DIR=1`, or a cache mount (`RUN --mount=type=cache,target=/root/.cache/pip`).",
		Remediation: "add --no-cache-dir (\"pip install --no-cache-dir -r requirements.txt\") or set \"ENV PIP_NO_CACHE_DIR=1\"",
		Run:         run,
	},
	{
		ID: "REPRO-DOCKER-016", Category: checks.CatDocker, Severity: checks.Warning,
		Title: "downloaded script piped into a shell",
		Doc: "`curl URL | sh` (also wget, `sh -c \"$(curl ...)\"`, `bash <(curl ...)`, and piping into " +
			"python) runs whatever the server returns on the day of the build, unverified.",
		Remediation: "download to a file, check it, then run it: \"curl -fsSLo install.sh URL && echo '<sha256>  install.sh' | sha256sum -c - && sh install.sh\"",
		Run:         run,
	},
	{
		ID: "REPRO-DOCKER-017", Category: checks.CatDocker, Severity: checks.Warning,
		Title: "ADD of a URL without --checksum",
		Doc: "`ADD https://...` fetches the URL at build time; the content can change or be tampered " +
			"with. `ADD --checksum=sha256:...` (Dockerfile syntax 1.6+) makes the build fail instead.",
		Remediation: "add the expected digest: \"ADD --checksum=sha256:<hex> https://... /dest\"",
		Run:         run,
	},
	{
		ID: "REPRO-DOCKER-018", Category: checks.CatDocker, Severity: checks.Info,
		Title: "whole build context copied before the dependency install",
		Doc: "`COPY . .` before `RUN pip install -r requirements.txt` means every source change " +
			"invalidates the dependency layer, so each rebuild re-resolves (and, unpinned, re-versions) " +
			"every package and takes minutes instead of seconds.",
		Remediation: "copy the dependency files first: \"COPY requirements.txt .\" then \"RUN pip install ...\", then \"COPY . .\"",
		Run:         run,
	},
	{
		ID: "REPRO-DOCKER-019", Category: checks.CatDocker, Severity: checks.Info,
		Title:       "image runs as root",
		Doc:         "The final stage's last USER is root, so the container runs as root (hadolint DL3002).",
		Remediation: "create a user and switch to it at the end: \"RUN useradd -m app\" then \"USER app\"",
		Run:         run,
	},
	{
		ID: "REPRO-DOCKER-020", Category: checks.CatSecrets, Severity: checks.Warning,
		Title: "secret passed through ARG or ENV",
		Doc: "Build args and ENV values are stored in the image's metadata and history (`docker history`, " +
			"`docker inspect`): anyone with the image can read them (BuildKit's SecretsUsedInArgOrEnv). " +
			"Names are matched word by word like BuildKit (token, key, secret, password, passwd, auth, " +
			"credential(s), apikey), except words such as public, file, version, path, url, name and gpg. " +
			"A secret build arg that an ENV copies (`ARG HF_TOKEN` then `ENV HUGGING_FACE_HUB_TOKEN=${HF_TOKEN}`, " +
			"or a URL with `$DB_PASSWORD` in it) is one leak, reported once at the ENV, which names the ARG.",
		Remediation: "use a build secret: \"RUN --mount=type=secret,id=hf_token,env=HF_TOKEN ...\" with \"docker build --secret id=hf_token,env=HF_TOKEN\"",
		Run:         run,
	},
	{
		ID: "REPRO-DOCKER-030", Category: checks.CatDocker, Severity: checks.Warning,
		Title: "no .dockerignore for a build context",
		Doc: "Docker sends the whole build context directory to the builder, and `COPY . .` puts it into " +
			"the image: `.git`, `.env`, datasets, checkpoints and virtualenvs included. A Dockerfile whose " +
			"context holds the repository's `.git` (a context at the root), or more than a handful of small " +
			"files besides the secrets, data and caches REPRO-DOCKER-032 to 034 name, needs a `.dockerignore` " +
			"(or, for a named Dockerfile, `<name>.Dockerfile.dockerignore` beside it, which BuildKit prefers). " +
			"The finding gives the context's size and its biggest entries, and says when a copy of the whole " +
			"context (`COPY . .`) puts `.git` into the image; REPRO-DOCKER-031 does not repeat it.",
		Remediation: "write one: \"git repro init --dockerignore\"",
		Run:         run,
	},
	{
		ID: "REPRO-DOCKER-031", Category: checks.CatDocker, Severity: checks.Warning,
		Title: ".git in the build context",
		Doc: "The repository's history (`.git`) is in the build context unless `.dockerignore` excludes " +
			"it: the context upload grows with the history, `COPY . .` puts it into the image, and the " +
			"layer changes with every commit, so it never caches. Reported when a `.dockerignore` exists " +
			"and misses it (without one, REPRO-DOCKER-030 says it, once); the finding names the `COPY` of " +
			"the whole context that makes it a leak into the image.",
		Remediation: "add \".git\" to .dockerignore",
		Run:         run,
	},
	{
		ID: "REPRO-DOCKER-032", Category: checks.CatSecrets, Severity: checks.Error,
		Title: "secret file in the build context",
		Doc: "`.env` files, private keys, cloud credentials and similar files in the build context end " +
			"up in the image with `COPY . .`, and in every registry it is pushed to.",
		Remediation: "exclude it in .dockerignore (the finding names the pattern) and pass secrets at run time or with \"RUN --mount=type=secret\"",
		Run:         run,
	},
	{
		ID: "REPRO-DOCKER-033", Category: checks.CatDocker, Severity: checks.Warning,
		Title: "data, model weights or large files in the build context",
		Doc: "Data directories, model weights (what the model-card rules call a model: `*.pt`, `*.pth`, " +
			"`*.ckpt`, `*.safetensors`, `*.onnx`, `*.h5` ... anywhere, kept out by `**/*.pt`; a `.bin`, " +
			"`.pkl` or `.joblib` inside a model directory, kept out by `models/**/*.bin`, or named like " +
			"`model.pkl`; not an app's `label_encoder.pkl`), experiment logs (wandb, mlruns, lightning_logs) and large files in the " +
			"context make every build upload them and `COPY . .` bake them into the image. A folder named " +
			"`data/`, `datasets/` or `dataset/` is judged by what it holds: without code it is a data " +
			"directory (a README or `.gitkeep` included, since the data sits there in a working copy); a " +
			"folder of dataset scripts and configs (`datasets/prepare_coco.py`, a Python package) is code, " +
			"and only data files beside that code are reported, from 1 MiB on. Paths that a COPY or ADD " +
			"names explicitly are taken as intended and not reported.",
		Remediation: "exclude them in .dockerignore (the finding names the pattern); fetch data and weights at run time or COPY them explicitly",
		Run:         run,
	},
	{
		ID: "REPRO-DOCKER-034", Category: checks.CatDocker, Severity: checks.Info,
		Title: "virtualenv or cache directory in the build context",
		Doc: "Virtualenvs (`.venv`, a directory with `pyvenv.cfg`), `__pycache__`, `*.pyc`, " +
			"`.ipynb_checkpoints` and tool caches are machine-specific: copied into an image they shadow " +
			"what the image installed and make builds depend on the builder's machine.",
		Remediation: "exclude them in .dockerignore (the finding names the pattern)",
		Run:         run,
	},
	{
		ID: "REPRO-DOCKER-035", Category: checks.CatDocker, Severity: checks.Info,
		Title: "large build context",
		Doc: "Even with a .dockerignore the build context is larger than `docker: {max-context: ...}` " +
			"(default 200MiB). The finding lists its biggest entries.",
		Remediation: "exclude the biggest entries in .dockerignore, or build from a smaller directory",
		Run:         run,
	},
	{
		ID: "REPRO-DOCKER-036", Category: checks.CatDocker, Severity: checks.Warning,
		Title: "COPY or ADD of a path the .dockerignore excludes",
		Doc: "The source is excluded from the build context, so the build fails (\"not found\") or, for a " +
			"glob or directory, silently copies less than the Dockerfile says (BuildKit's " +
			"CopyIgnoredFile). Unlike BuildKit, git-repro evaluates `!` exceptions against the " +
			"repository's files, so it also checks .dockerignore files that use them.",
		Remediation: "remove the pattern from .dockerignore or add an exception for the source (\"!path\")",
		Run:         run,
	},
	{
		ID: "REPRO-DOCKER-037", Category: checks.CatDocker, Severity: checks.Error,
		Title: "compose build that cannot find its context, Dockerfile or COPY sources",
		Doc: "A compose service's `build:` is resolved as compose resolves it: `context` relative to the " +
			"compose file's directory, `dockerfile` relative to the context. The build fails when the " +
			"context directory does not exist, when the Dockerfile is not there, or when the Dockerfile " +
			"copies a file that the repository holds outside the context (`COPY requirements.txt .` with " +
			"`context: ./app` and requirements.txt at the root): a build context cannot reach above " +
			"itself. A URL or absolute context, a path outside the repository or in a git submodule, " +
			"and sources the repository holds nowhere or that git ignores inside the context (made " +
			"before the build) are not judged; nor is an override file's build that leaves out the " +
			"context or the dockerfile (the merge takes them from the base file).",
		Remediation: "point build.context at the directory that holds every COPY source and build.dockerfile at the Dockerfile relative to it, or move the files into the context",
		Run:         run,
	},
}

// Family is the docker family: Dockerfiles, the build context each one
// really sends, and compose files. The docker: section of .repro.yaml
// configures it.
var Family = checks.Family{Name: "docker", Rules: rules, Settings: settings}

// settings is the docker: section of .repro.yaml.
var settings = checks.SectionOf[Config]("docker")

// Config is the docker: section of .repro.yaml:
//
//	docker:
//	  require-digest: true          # tag-only images are errors (REPRO-DOCKER-004)
//	  contexts:                      # build context of a Dockerfile when it is not
//	    docker/train.Dockerfile: .   # its own directory (as in docker build -f ... .)
//	  large-file: 20MiB              # a file at least this big in a context is reported
//	  max-context: 200MiB            # REPRO-DOCKER-035 threshold
type Config struct {
	RequireDigest bool              `yaml:"require-digest"`
	Contexts      map[string]string `yaml:"contexts"`
	LargeFile     checks.Size       `yaml:"large-file"`
	MaxContext    checks.Size       `yaml:"max-context"`
}

// The defaults of the docker: sizes.
const (
	DefaultLargeFile  checks.Size = 20 << 20
	DefaultMaxContext checks.Size = 200 << 20
)

// LargeFileLimit is large-file, or DefaultLargeFile when unset.
func (c *Config) LargeFileLimit() int64 {
	if c.LargeFile > 0 {
		return int64(c.LargeFile)
	}
	return int64(DefaultLargeFile)
}

// MaxContextLimit is max-context, or DefaultMaxContext when unset.
func (c *Config) MaxContextLimit() int64 {
	if c.MaxContext > 0 {
		return int64(c.MaxContext)
	}
	return int64(DefaultMaxContext)
}

// run is the Run function of every docker rule: the family analyses the
// run once and each rule reports its share.
func run(p *checks.Pass) {
	for _, d := range analysisOf(p).Of(p.Rule.ID) {
		p.Report(d)
	}
}

// analysisOf is the family's analysis of the run, made once whichever rule
// (or family, see RequirementsInstalled) asks first.
func analysisOf(p *checks.Pass) *analysis {
	return p.Memo("docker:analysis", func() any { return analyze(p) }).(*analysis)
}

// analysis is every finding of the family for one run, by rule id.
type analysis struct {
	share.Findings
	// installed[file][canonical name] are the RUN lines ("Dockerfile:5")
	// that install requirement file, of the repository, a file the pip
	// rules check, with that package unpinned: REPRO-DEP-001 reports it
	// there and names them; REPRO-DOCKER-010 does not report it again.
	installed map[string]map[string][]string
}

// RequirementsInstalled returns, for the Dockerfiles this run checks, the
// places ("Dockerfile:5") whose pip install -r reads a requirements file
// of the repository that leaves the named package (canonical name)
// unpinned, by file. The pip family names them in its REPRO-DEP-001
// findings: the file's line is the root cause, reported once.
func RequirementsInstalled(p *checks.Pass) map[string]map[string][]string {
	return analysisOf(p).installed
}

// recordInstalled notes that the RUN at place installs file, which
// leaves names unpinned.
func (a *analysis) recordInstalled(file, place string, names []string) {
	if a.installed == nil {
		a.installed = map[string]map[string][]string{}
	}
	if a.installed[file] == nil {
		a.installed[file] = map[string][]string{}
	}
	for _, n := range names {
		if !slices.Contains(a.installed[file][n], place) {
			a.installed[file][n] = append(a.installed[file][n], place)
		}
	}
}

func (a *analysis) addf(rule string, pos checks.Pos, format string, args ...any) {
	a.Add(rule, checks.Diag{Pos: pos, Message: fmt.Sprintf(format, args...)})
}

// lowerBase returns the lower-cased base name of a slash path.
func lowerBase(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		p = p[i+1:]
	}
	return strings.ToLower(p)
}

// notDockerfileExts are suffixes of files named like Dockerfiles that
// are templates, docs or scripts rather than Dockerfiles.
var notDockerfileExts = []string{".dockerignore", ".md", ".txt", ".j2", ".jinja", ".jinja2", ".tmpl", ".tpl",
	".template", ".in", ".orig", ".bak", ".swp", ".sh", ".py", ".yml", ".yaml", ".json", ".lock",
	// Source files of tools that work with Dockerfiles (dockerfile.go,
	// dockerfile.rs, Dockerfile.test.js ...).
	".go", ".rs", ".js", ".ts", ".java", ".rb", ".c", ".h", ".cc", ".cpp", ".cs", ".kt", ".php", ".pl",
	".html", ".css", ".xml", ".toml", ".cfg", ".ini", ".rst", ".adoc", ".ps1", ".bat", ".patch", ".diff"}

// IsDockerfile reports whether path names a Dockerfile: Dockerfile,
// Containerfile, *.Dockerfile, Dockerfile.* (not templates or docs).
func IsDockerfile(path string) bool {
	b := lowerBase(path)
	switch {
	case b == "dockerfile" || b == "containerfile":
		return true
	case strings.HasSuffix(b, ".dockerfile") || strings.HasSuffix(b, ".containerfile") || strings.HasSuffix(b, "-dockerfile"):
	case strings.HasPrefix(b, "dockerfile.") || strings.HasPrefix(b, "containerfile."):
	default:
		return false
	}
	for _, e := range notDockerfileExts {
		if strings.HasSuffix(b, e) {
			return false
		}
	}
	return true
}

// IsComposeFile reports whether path names a Docker Compose file:
// docker-compose.y*ml, compose.y*ml, and their ".override"-style variants
// (docker-compose.prod.yml).
func IsComposeFile(path string) bool {
	return isComposeBase(lowerBase(path))
}

// isComposeBase is IsComposeFile for a lower-cased base name.
func isComposeBase(b string) bool {
	var rest string
	switch {
	case strings.HasPrefix(b, "docker-compose."):
		rest = b[len("docker-compose"):]
	case strings.HasPrefix(b, "compose."):
		rest = b[len("compose"):]
	default:
		return false
	}
	return strings.HasSuffix(rest, ".yml") || strings.HasSuffix(rest, ".yaml")
}

func isDockerignore(path string) bool {
	return strings.HasSuffix(lowerBase(path), ".dockerignore")
}
