package hub

import (
	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/rules/internal/pyfile"
	"github.com/git-repro/git-repro/rules/internal/shell"
)

// Family is the Hub revisions family.
var Family = checks.Family{Name: "hub", Rules: rules}

var rules = []*checks.Rule{
	{
		ID: "REPRO-DEP-144", Category: checks.CatDeps, Severity: checks.Warning,
		Title: "hub model, dataset or repository loaded without a pinned revision",
		Doc: `A Hugging Face Hub repository is a git repository, and its main branch moves:
from_pretrained("org/name"), pipeline(model="org/name"), load_dataset("org/name"),
hf_hub_download(repo_id=...) and snapshot_download(...) without revision= load
whatever the repository holds on the day the program runs. Weights, tokenizer files,
configs and data change under the same name (and with trust_remote_code=True, the
code that runs changes too), so the same program gives different results. A
canonical single-name id such as "bert-base-uncased" is a Hub repository too.
torch.hub.load("org/repo", ...) without ":ref" runs hubconf.py from the default
branch of a GitHub repository; torch.hub keeps the first copy it downloads, so two
machines can run different code.

Local paths are not reported: "./ckpt", absolute paths, paths with two or more
directories, a model or dataset directory of the repository (with its
config.json, ...), a path ignored by .gitignore or starting with a conventional
name (checkpoints/, outputs/, models/, ...), or a path a program of the repository
saves to (save_pretrained, torch.save, output_dir=, and the directory such a path
is joined under). The id and the revision are resolved through string constants,
local variables, constants imported from the repository's modules and argparse
defaults; a revision the code takes from somewhere else (a config, an argument
without a default) is assumed to be pinned there. An id the code does not spell
out (read from a JSON or YAML config, a required argument, a parameter) is not
guessed at, except by hf_hub_download and snapshot_download: they take only Hub
repository ids, so one of them without revision= is reported whatever its id. A
load that leaves out the revision= that the other loads of the same id in its
function pass is reported, and so is a command line (of a shell script, a Makefile recipe or a notebook's
"!" line) that gives a program's option a Hub id that feeds from_pretrained or
load_dataset without a pinned revision (at the option). The script's own
variables are expanded where their value is known before the run; an id or a
revision that the run decides (a branch, a loop, the caller's environment) is
not guessed.

spaCy training configs (.cfg) are read too. spacy-transformers' TransformerModel
and Tok2VecTransformer load their name from the Hub when training starts and
have no setting that pins the weights: download the model at a commit into the
project and name that directory, or use spacy-curated-transformers, whose
HFTransformerEncoderLoader and HFPieceEncoderLoader take revision = (default
"main"), which is judged like revision=. A name that is a directory of the
spaCy project (project.yml's directories and assets, assets/, training/, ...)
and the config of a trained pipeline (beside its meta.json) are not reported.`,
		Remediation: `pin the revision to a commit id (40 hex characters): from_pretrained(id, revision="<commit>"), load_dataset(id, revision="<commit>"), hf_hub_download(id, file, revision="<commit>"); the commit is on the repository's "Files and versions" page, or HfApi().model_info(id).sha; for torch.hub use "org/repo:<release tag>"`,
		Run:         run("REPRO-DEP-144"),
	},
	{
		ID: "REPRO-DEP-145", Category: checks.CatDeps, Severity: checks.Info,
		Title: "hub revision is a branch or tag name, not a commit",
		Doc: `revision="v1.0" or revision="fp16" names a branch or a tag. Both can be moved to
another commit by the repository's owners (a Hub tag can be deleted and created
again), so the pin holds only as long as they leave it. A commit id cannot move.
For torch.hub, a release tag (":v0.16.0") is accepted: it is the pin torch.hub
documents, and torch.hub only checks out a commit that is the head of a branch or a
tag unless skip_validation=True; another name there is reported here.`,
		Remediation: `replace the branch or tag name with the commit id it points to (40 hex characters), e.g. revision="<commit>"`,
		Run:         run("REPRO-DEP-145"),
	},
}

// run returns a rule function that reports the family's findings for one
// rule id; the files are read once per run.
func run(id string) func(*checks.Pass) {
	return func(p *checks.Pass) {
		for _, d := range analysis(p)[id] {
			p.Report(d)
		}
	}
}

// analysis checks every target .py file and notebook once per run.
func analysis(p *checks.Pass) map[string][]checks.Diag {
	return p.Memo("hub:analysis", func() any {
		out := map[string][]checks.Diag{}
		for _, t := range p.Targets {
			if t.LFS != nil {
				continue
			}
			switch k := shell.KindOf(p.Tree, t); k {
			case shell.Script, shell.Makefile, shell.Notebook, shell.Snakefile:
				for _, fd := range checkShell(p, t.Path, k) {
					out[fd.rule] = append(out[fd.rule], fd.diag)
				}
			}
			if isSpacyConfig(t.Path) {
				for _, fd := range checkSpacyConfig(p, t.Path) {
					out[fd.rule] = append(out[fd.rule], fd.diag)
				}
				continue
			}
			if !pyfile.IsPython(t.Path) && !pyfile.IsNotebook(t.Path) {
				continue
			}
			f := pyfile.LoadCode(p, t.Path)
			if f == nil || f.Mod == nil {
				continue
			}
			for _, fd := range checkFile(p, f) {
				out[fd.rule] = append(out[fd.rule], fd.diag)
			}
		}
		return out
	}).(map[string][]checks.Diag)
}
