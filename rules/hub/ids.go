package hub

import (
	"maps"
	"path"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/python"
	"github.com/git-repro/git-repro/rules/internal/pyfile"
)

// Telling a Hub repository id from a local path, and a pinned revision
// from a moving one.

// idPart is one part of a Hub repository id: letters, digits, '-', '_',
// '.', not starting with '-' or '.'.
var idPart = lazyre.New(`^[A-Za-z0-9_][A-Za-z0-9_.-]{0,95}$`)

// commit is a full git commit id.
var commit = lazyre.New(`^[0-9a-f]{40}$`)

// shortCommit is an abbreviated one.
var shortCommit = lazyre.New(`^[0-9a-f]{7,39}$`)

// versionTag is a release tag: v1.2, 0.16.0, v2.0.0rc1, v1.0-beta.
var versionTag = lazyre.New(`^[vV]?\d+(\.\d+)+([-.]?(rc|a|b|alpha|beta|post|dev)\.?\d*)?$`)

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
		if !idPart().MatchString(p) || strings.Contains(p, "--") || strings.Contains(p, "..") {
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

// savePaths are the calls and keywords that write to a local path: the
// first argument of saveCalls, the second of saveObjCalls (torch.save(obj,
// path)), and saveKeywords anywhere.
var (
	saveCalls    = map[string]bool{"save_pretrained": true, "save_model": true, "save_to_disk": true, "makedirs": true, "mkdir": true, "save_state": true, "save_attn_procs": true, "save_lora_weights": true}
	saveObjCalls = map[string]bool{"torch.save": true, "safetensors.torch.save_file": true, "joblib.dump": true, "numpy.save": true}
	saveKeywords = []string{"output_dir", "local_dir", "save_directory", "save_dir", "cache_dir", "logging_dir"}
)

// savedPaths collects the strings a file uses as local output paths: what
// it saves to, and the directory a saved path is joined under
// (os.path.join(args.out, "unet") saves under the --out default).
func savedPaths(f *pyfile.File) map[string]bool {
	out := map[string]bool{}
	for _, fn := range pyfile.Funcs(f.Mod) {
		for k, e := range fn.Events {
			c := e.Call
			if c == nil {
				continue
			}
			add := func(expr string) {
				if v := resolve(f, fn, k, pathHead(expr)); v.ok {
					out[strings.TrimSuffix(strings.TrimPrefix(v.s, "./"), "/")] = true
				}
			}
			switch lib := pyfile.LibName(f.Mod, c.Callee); {
			case saveCalls[c.Callee[strings.LastIndexByte(c.Callee, '.')+1:]] && len(c.Args) > 0:
				add(c.Args[0])
			case saveObjCalls[lib] && len(c.Args) > 1:
				add(c.Args[1])
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

// pathHead is the directory a path expression starts from:
// os.path.join(A, ...) and Path(A) / ... start from A.
func pathHead(expr string) string {
	expr = strings.TrimSpace(expr)
	for _, pre := range []string{"os.path.join(", "path.join(", "Path(", "pathlib.Path("} {
		if rest, ok := strings.CutPrefix(expr, pre); ok {
			if items := python.SplitTopLevel(strings.TrimSuffix(pathCall(rest), ")")); len(items) > 0 {
				return items[0]
			}
		}
	}
	return expr
}

// pathCall returns the argument list of a call whose opening bracket has
// been cut off, up to its closing bracket.
func pathCall(rest string) string {
	depth := 1
	for i, r := range rest {
		switch r {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
			if depth == 0 {
				return rest[:i+1]
			}
		}
	}
	return rest
}

// programNames are the files a hook run reads, beside the loading file
// and at the root, for the paths other programs save to (it does not list
// the tree).
var programNames = []string{"train.py", "training.py", "finetune.py", "fine_tune.py", "pretrain.py", "main.py", "run.py", "export.py"}

// repoSaved is the set of local output paths the repository's programs
// write: every target on a full run; on a hook run the staged files and
// the usual programs beside the loading file and at the root.
func repoSaved(p *checks.Pass, from string) map[string]bool {
	key := "hub:saved"
	if !p.Full {
		key += ":" + path.Dir(from)
	}
	return p.Memo(key, func() any {
		out := map[string]bool{}
		var paths []string
		for _, t := range p.Targets {
			if t.LFS == nil && (pyfile.IsPython(t.Path) || pyfile.IsNotebook(t.Path)) {
				paths = append(paths, t.Path)
			}
		}
		if !p.Full {
			for _, dir := range []string{path.Dir(from), "."} {
				for _, n := range programNames {
					if fp := path.Join(dir, n); pyfile.Exists(p, fp) {
						paths = append(paths, fp)
					}
				}
			}
		}
		for _, fp := range paths {
			if f := pyfile.LoadCode(p, fp); f != nil && f.Mod != nil {
				maps.Copy(out, savedPaths(f))
			}
		}
		return out
	}).(map[string]bool)
}

// checker checks one file.
type checker struct {
	p     *checks.Pass
	f     *pyfile.File
	r     resolver
	saved map[string]bool
}

// finding is one diagnostic of a rule.
type finding struct {
	rule string
	diag checks.Diag
	opt  string // for a command line: the option that gives the id
}

// checkFile reports the Hub loads of one file that are not pinned, and
// the loads that leave out the revision= their siblings pass.
func checkFile(p *checks.Pass, f *pyfile.File) []finding {
	c := &checker{p: p, f: f, r: resolver{p: p}}
	var out []finding
	for _, fn := range pyfile.Funcs(f.Mod) {
		var loads []sibling
		for k, e := range fn.Events {
			if e.Call == nil {
				continue
			}
			l, ok := hubLoad(f.Mod, e.Call)
			if !ok || e.Call.StarStar {
				continue // **kwargs may hold revision=
			}
			if c.saved == nil {
				c.saved = map[string]bool{}
				maps.Copy(c.saved, savedPaths(f))
				maps.Copy(c.saved, repoSaved(p, f.Path))
			}
			fd, reported := c.check(fn, k, l)
			if reported {
				out = append(out, fd)
			}
			loads = append(loads, sibling{l: l, k: k, reported: reported})
		}
		out = append(out, c.siblings(fn, loads)...)
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
	case commit().MatchString(rev.s):
		return pinned, ""
	case torchHub && (shortCommit().MatchString(rev.s) || versionTag().MatchString(rev.s)):
		return pinned, ""
	case shortCommit().MatchString(rev.s):
		return movable, "an abbreviated commit id, which older library versions do not resolve"
	}
	return movable, "a branch or tag name, which can be moved to another commit"
}
