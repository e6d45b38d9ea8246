package hub

import (
	"path"
	"regexp"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/rules/internal/pyfile"
)

// Telling a Hub repository id from a local path, and a pinned revision
// from a moving one.

// idPart is one part of a Hub repository id: letters, digits, '-', '_',
// '.', not starting with '-' or '.'.
var idPart = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]{0,95}$`)

// commit is a full git commit id.
var commit = regexp.MustCompile(`^[0-9a-f]{40}$`)

// shortCommit is an abbreviated one.
var shortCommit = regexp.MustCompile(`^[0-9a-f]{7,39}$`)

// versionTag is a release tag: v1.2, 0.16.0, v2.0.0rc1, v1.0-beta.
var versionTag = regexp.MustCompile(`^[vV]?\d+(\.\d+)+([-.]?(rc|a|b|alpha|beta|post|dev)\.?\d*)?$`)

// localDirs are directory names that hold local checkpoints, outputs and
// data by convention; a path starting with one is not a Hub id.
var localDirs = map[string]bool{"checkpoints": true, "checkpoint": true, "ckpt": true, "ckpts": true, "output": true,
	"outputs": true, "out": true, "runs": true, "results": true, "weights": true, "pretrained": true,
	"pretrained_models": true, "saved_models": true, "saved": true, "models": true, "model": true, "exp": true,
	"exps": true, "experiments": true, "work_dirs": true, "logs": true, "data": true, "datasets": true,
	"cache": true, "configs": true, "config": true, "artifacts": true, "tmp": true, "local": true}

// fileExts end a path to a file, which is never a Hub id.
var fileExts = []string{".bin", ".pt", ".pth", ".safetensors", ".ckpt", ".json", ".yaml", ".yml", ".gguf", ".onnx",
	".h5", ".pkl", ".zip", ".gz", ".py", ".csv", ".tsv", ".parquet", ".txt", ".arrow", ".jsonl", ".npz", ".npy", ".msgpack"}

// builtinBuilders are the dataset builders the datasets library ships
// (load_dataset("csv", data_files=...)): not Hub repositories.
var builtinBuilders = map[string]bool{"csv": true, "json": true, "parquet": true, "text": true, "arrow": true,
	"pandas": true, "sql": true, "generator": true, "imagefolder": true, "audiofolder": true, "videofolder": true,
	"webdataset": true, "xml": true, "spark": true, "cache": true, "folder_based_builder": true, "hdf5": true,
	"pdffolder": true, "niftifolder": true, "eval": true, "lance": true}

// hubID reports whether s names a Hub repository rather than a local path
// (or a builtin dataset builder). A one-part id ("gpt2",
// "bert-base-uncased") is a canonical Hub repository when it has a digit
// or a '-' (a plain word such as "finetuned" is more likely a local
// directory); a dataset name ("imdb") always is.
func (c *checker) hubID(s string, k kind) bool {
	if s == "" || strings.Contains(s, "://") || strings.ContainsAny(s, `\~: `) || strings.HasPrefix(s, ".") || strings.HasPrefix(s, "/") {
		return false
	}
	lower := strings.ToLower(s)
	for _, ext := range fileExts {
		if strings.HasSuffix(lower, ext) {
			return false
		}
	}
	parts := strings.Split(s, "/")
	if len(parts) > 2 {
		return false
	}
	for _, p := range parts {
		if !idPart.MatchString(p) || strings.Contains(p, "--") || strings.Contains(p, "..") {
			return false
		}
	}
	if len(parts) == 1 {
		switch {
		case k == kindDataset && builtinBuilders[s]:
			return false
		case k != kindDataset && !strings.ContainsAny(s, "-0123456789"):
			return false
		}
	}
	return !c.localPath(s)
}

// localPath reports whether a one- or two-part name is a local
// directory: its first part is a conventional local directory, it is
// ignored by .gitignore, the same file saves to it, or the repository
// holds a model or dataset directory there (a config.json, ...).
func (c *checker) localPath(s string) bool {
	first, _, _ := strings.Cut(s, "/")
	if localDirs[strings.ToLower(first)] || c.saved[s] {
		return true
	}
	if c.p.Tree.Ignored(s) || c.p.Tree.Ignored(first+"/") {
		return true
	}
	// relative to where the program runs: the repository root, or (a
	// script run from its own directory) the file's directory
	return c.repoDir(s) || c.repoDir(path.Join(path.Dir(c.f.Path), s))
}

// markers are files a local model or dataset directory holds: the ones
// from_pretrained, load_dataset and load_from_disk read first.
var markers = []string{"config.json", "model_index.json", "adapter_config.json", "tokenizer_config.json",
	"preprocessor_config.json", "modules.json", "dataset_info.json", "dataset_dict.json", "state.json",
	"README.md", "train.csv", "train.json", "train.jsonl", "train.parquet", "train.txt"}

// repoDir reports whether the repository holds a model or dataset
// directory at dir: a few index lookups, no listing of the tree.
func (c *checker) repoDir(dir string) bool {
	for _, m := range markers {
		if pyfile.Exists(c.p, path.Join(dir, m)) {
			return true
		}
	}
	return false
}

// savePaths are the calls and keywords that write to a local path.
var (
	saveCalls    = map[string]bool{"save_pretrained": true, "save_model": true, "save_to_disk": true, "makedirs": true, "mkdir": true, "save_state": true}
	saveKeywords = []string{"output_dir", "local_dir", "save_directory", "save_dir", "cache_dir", "logging_dir"}
)

// savedPaths collects the strings a file uses as local output paths.
func savedPaths(f *pyfile.File) map[string]bool {
	out := map[string]bool{}
	for _, fn := range pyfile.Funcs(f.Mod) {
		for k, e := range fn.Events {
			c := e.Call
			if c == nil {
				continue
			}
			add := func(expr string) {
				if v := resolve(f, fn, k, expr); v.ok {
					out[strings.TrimSuffix(strings.TrimPrefix(v.s, "./"), "/")] = true
				}
			}
			if saveCalls[c.Callee[strings.LastIndexByte(c.Callee, '.')+1:]] && len(c.Args) > 0 {
				add(c.Args[0])
			}
			for _, kw := range saveKeywords {
				if v, ok := c.Keyword(kw); ok {
					add(v)
				}
			}
		}
	}
	return out
}

// checker checks one file.
type checker struct {
	p     *checks.Pass
	f     *pyfile.File
	saved map[string]bool
}

// finding is one diagnostic of a rule.
type finding struct {
	rule string
	diag checks.Diag
}

// checkFile reports the Hub loads of one file that are not pinned.
func checkFile(p *checks.Pass, f *pyfile.File) []finding {
	c := &checker{p: p, f: f}
	var out []finding
	for _, fn := range pyfile.Funcs(f.Mod) {
		for k, e := range fn.Events {
			if e.Call == nil {
				continue
			}
			l, ok := hubLoad(f.Mod, e.Call)
			if !ok || e.Call.StarStar {
				continue // **kwargs may hold revision=
			}
			if c.saved == nil {
				c.saved = savedPaths(f)
			}
			if fd, ok := c.check(fn, k, l); ok {
				out = append(out, fd)
			}
		}
	}
	return out
}

// pin is how a load is pinned.
type pin int

const (
	pinned pin = iota
	unpinned
	movable // a branch or tag name
)

// classify judges a revision: a commit is pinned, no revision (or
// None, or the default branch) is not, any other name can move. For
// torch.hub a release tag counts as pinned.
func classify(rev strValue, given, torchHub bool) (pin, string) {
	switch {
	case !given || rev.none:
		return unpinned, ""
	case !rev.ok:
		return pinned, "" // taken from somewhere we do not read: assume it is pinned there
	case rev.s == "main" || rev.s == "master":
		return unpinned, "the default branch"
	case commit.MatchString(rev.s):
		return pinned, ""
	case torchHub && (shortCommit.MatchString(rev.s) || versionTag.MatchString(rev.s)):
		return pinned, ""
	case shortCommit.MatchString(rev.s):
		return movable, "an abbreviated commit id, which older library versions do not resolve"
	}
	return movable, "a branch or tag name, which can be moved to another commit"
}
