package commands

import (
	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/rules/docker"
	"github.com/git-repro/git-repro/rules/internal/pyfile"
	"github.com/git-repro/git-repro/rules/internal/share"
	"github.com/git-repro/git-repro/rules/internal/shell"
	"github.com/git-repro/git-repro/snapshot"
)

// Family is the commands family: install, clone and download commands
// written outside the dependency manifests (READMEs and other Markdown
// docs, shell scripts, Makefiles, Snakemake rules, Dockerfile RUN lines,
// notebooks) and
// downloads in Python code. Its rules are in the deps category: what they
// find is a dependency that no manifest pins.
var Family = checks.Family{Name: "commands", Rules: rules}

const (
	installID  = "REPRO-DEP-141"
	cloneID    = "REPRO-DEP-142"
	downloadID = "REPRO-DEP-143"
)

var rules = []*checks.Rule{
	{
		ID: installID, Category: checks.CatDeps, Severity: checks.Warning,
		Title: "unpinned install command in a readme, doc, script or makefile",
		Doc: "`pip install torch transformers` in a README, `conda install -c conda-forge faiss-gpu` in " +
			"docs/install.md, `uv pip install flash-attn` in a setup script or `pip install pre-commit` " +
			"in a Makefile recipe installs whatever version is newest on the day someone follows it: " +
			"the pinned requirements file next to it does not cover what these commands add. The " +
			"commands are read from Markdown code blocks (fenced, indented, console sessions with " +
			"prompts) and inline code, shell scripts, Makefile recipes and the shell: commands of " +
			"Snakemake rules (Snakefile, *.smk; \"{input}\", \"{params.x}\" are run-time values), as the shell reads them. " +
			"One finding per command names its unpinned packages. Fine: `-r requirements.txt`, " +
			"`-e .`, `.`, local paths and wheels, exact pins (`==`, conda `==` or `=X.Y.Z`), " +
			"`--require-hashes`, `conda env create -f`, `python=3.X` (a Python version, not a " +
			"package), and `pip`, `setuptools`, `wheel` themselves (and `openmim`: its `mim install` " +
			"commands, read with pip's arguments, are judged in their own right); a package named beside `-r`/`-c` " +
			"files that pin it. Dockerfiles (REPRO-DOCKER-010/011), notebooks (REPRO-NB-003) and CI " +
			"steps (REPRO-CI-004) have their own rules; the manifests are the pip and deps rules'.",
		Remediation: "pin each package (pkg==X.Y.Z) or install from a pinned requirements or environment file (pip install -r requirements.txt)",
		Run:         run,
	},
	{
		ID: cloneID, Category: checks.CatDeps, Severity: checks.Warning,
		Title: "git clone without a pinned commit",
		Doc: "`git clone https://github.com/NVIDIA/apex` gets whatever the default branch holds on the " +
			"day it runs, and `pip install -e apex` (or `cd apex && pip install .`, `python setup.py " +
			"install`) then makes that a dependency of the project, which no manifest records: two " +
			"builds a week apart run different code. Read in READMEs and Markdown docs, shell scripts, " +
			"Makefiles, Snakemake shell: commands, Dockerfile RUN lines (WORKDIR followed, the whole file one script) and notebook " +
			"`!` lines. Pinned: a later `git checkout <sha>`, `git -C dir checkout <sha>`, `git reset " +
			"--hard <sha>` or `git switch --detach <sha>` in the same file, `--revision=<sha>`, or a " +
			"release tag (`--branch v0.6`: a tag names a published release and moves only if someone " +
			"re-tags it; check out its commit to be exact). A branch (`-b main`) is not pinned. A ref " +
			"known only at run time (`$SHA`) is not judged. The finding is on the clone, once, and names " +
			"each install of it (the same problem, not a second one). A README's or notebook's clone of the project itself (\"git clone " +
			"<this repo> && cd it\") is how users get the code, not a dependency: it is told by the " +
			"repository's name (the pyproject or setup name, or the README's title) or, failing that, " +
			"by being the first clone, entered and never left, and installed only where the " +
			"repository has a pyproject.toml, setup.py or setup.cfg. In scripts and Dockerfiles a " +
			"clone of the project itself is reported: a build then runs the default branch instead of " +
			"the checked-out commit.",
		Remediation: "check out a commit after the clone: git clone URL DIR && git -C DIR checkout <40-hex sha> (or git clone --revision=<sha> URL with git 2.49+)",
		Run:         run,
	},
	{
		ID: downloadID, Category: checks.CatDeps, Severity: checks.Warning,
		Title: "download without a checksum check",
		Doc: "`wget URL -O checkpoints/model.pth`, `curl -L -o data.zip URL` or `wget get-pip.py && " +
			"python get-pip.py` trust whatever the address serves that day: a re-uploaded " +
			"checkpoint, a moved branch or a truncated file changes the results (or the code that " +
			"runs) without a trace. Read in scripts, Makefiles, Snakemake shell: commands (the whole " +
			"workflow one script, so a checksum rule counts for the downloads before it), READMEs and Markdown docs, notebooks " +
			"and Dockerfile RUN lines: a wget, curl or gdown (a Google Drive file by id or share " +
			"link, which its owner can replace) that writes a file, pipes into an " +
			"interpreter or into tar/unzip, and that no checksum check follows in the same file " +
			"(`sha256sum -c`, `echo \"<hash>  file\" | sha256sum -c -`, `shasum -a 256 -c`, " +
			"`md5sum -c`, a hash of the downloaded file, gpg/cosign/minisign verification). Not " +
			"reported: curl writing to standard output for a program other than an interpreter or an " +
			"extractor (an API call), local and reserved example hosts, placeholders, URLs that name " +
			"a commit (raw.githubusercontent.com, GitHub, GitLab, Bitbucket and Hugging Face at a " +
			"40-hex sha: the content cannot change); in Dockerfiles a download piped into a shell is " +
			"REPRO-DOCKER-016 and `ADD <url>` REPRO-DOCKER-017. In Python (.py files and notebook " +
			"cells), `requests.get`, `httpx.get`, `urllib.request.urlopen`/`urlretrieve`, " +
			"`torch.hub.download_url_to_file`/`load_state_dict_from_url`, torchvision's " +
			"`download_url`, keras' `get_file`, `pooch.retrieve` and `wget.download` of a URL at a " +
			"moving ref (a branch of raw.githubusercontent.com, GitHub, GitLab, Hugging Face; a " +
			"`latest` release) are reported unless the call checks a hash (`hash_prefix=`, " +
			"`check_hash=True`, `md5=`, `file_hash=`, `known_hash=`) or the same function hashes " +
			"the result afterwards (hashlib, a checksum or verify helper).",
		Remediation: "check the download against a known hash in the same script: echo \"<sha256>  FILE\" | sha256sum -c - (or pin the URL to a commit)",
		Run:         run,
	},
}

// run is the Run function of the three rules: each file that holds
// shell commands or Python code is analysed once per run and each rule
// reports its share.
var run = share.PerFile("commands", func(p *checks.Pass, f snapshot.FileInfo) bool {
	kind, python := kindOf(p.Tree, f)
	return kind != shell.None || python
}, analyzeFile)

// kindOf tells what a file holds: shell commands of some kind, or Python
// code.
func kindOf(tree snapshot.Tree, f snapshot.FileInfo) (shell.Kind, bool) {
	if f.LFS != nil {
		return shell.None, false
	}
	if docker.IsDockerfile(f.Path) && f.Size <= shell.MaxSize {
		return shell.Dockerfile, false
	}
	return shell.KindOf(tree, f), pyfile.IsPython(f.Path)
}

// analyzeFile finds the three rules' problems in one file.
func analyzeFile(p *checks.Pass, fi snapshot.FileInfo) *share.Findings {
	out := &share.Findings{}
	add := out.Add
	fp := fi.Path
	kind, python := kindOf(p.Tree, fi)
	if python {
		if f := pyfile.Load(p, fp); f != nil && f.Mod != nil {
			pythonDownloads(f, add)
		}
	}
	if kind == shell.None {
		return out
	}
	f := shell.Load(p, fp, kind)
	if f == nil {
		return out
	}
	// a Snakefile's placeholders, which the commands read as run-time
	// expansions, are quoted as the rule writes them
	add = func(rule string, d checks.Diag) {
		d.Message, d.Hint = f.AsWritten(d.Message), f.AsWritten(d.Hint)
		out.Add(rule, d)
	}
	own := ownClones(p, f)
	if kind == shell.Markdown || kind == shell.Script || kind == shell.Makefile || kind == shell.Snakefile {
		installs(p, f, own, add)
	}
	clones(f, own, add)
	downloads(f, own, add)
	if kind == shell.Notebook && f.NB.Py != nil && f.NB.Py.Mod != nil {
		pythonDownloads(f.NB.Py, add)
	}
	return out
}
