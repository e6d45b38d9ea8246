package artifact

import (
	"path"
	"sort"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/dvc"
	"github.com/git-repro/git-repro/snapshot"
)

// modelExts maps always-a-model extensions to the framework they imply.
var modelExts = map[string]string{
	".pt":          "PyTorch",
	".pth":         "PyTorch",
	".ckpt":        "PyTorch Lightning / TensorFlow checkpoint",
	".safetensors": "safetensors",
	".onnx":        "ONNX",
	".h5":          "Keras (HDF5)",
	".hdf5":        "Keras (HDF5)",
	".keras":       "Keras",
	".pb":          "TensorFlow",
	".tflite":      "TensorFlow Lite",
	".gguf":        "GGUF (llama.cpp)",
	".ggml":        "GGML (llama.cpp)",
	".mlmodel":     "Core ML",
	".mlpackage":   "Core ML",
	".pmml":        "PMML",
	".caffemodel":  "Caffe",
}

// dirModelExts are model formats only inside a model directory (or with
// "model" in the file name): ".bin" and pickles are generic otherwise.
var dirModelExts = map[string]string{
	".bin":     "binary weights", // PyTorch only as pytorch_model*.bin: see ModelFramework
	".pkl":     "pickle",
	".pickle":  "pickle",
	".joblib":  "joblib (scikit-learn)",
	".model":   "model file",
	".cbm":     "CatBoost",
	".ubj":     "XGBoost",
	".weights": "Darknet",
	".params":  "MXNet",
	".msgpack": "Flax (msgpack)",
}

// ModelExtensions are the extensions that always mean a model ("*.pt",
// "*.safetensors", ...), sorted: a pattern such as "**/*.pt" keeps them
// all out of a build context. Others (".bin", ".pkl", ".msgpack" ...) are
// models only inside a model directory or with "model" in the name (see
// ModelFramework).
func ModelExtensions() []string {
	out := make([]string, 0, len(modelExts))
	for e := range modelExts {
		out = append(out, e)
	}
	sort.Strings(out)
	return out
}

// ModelDir returns the outermost model directory that holds p
// ("models/bert/pytorch_model.bin" gives "models"), and whether there is
// one.
func ModelDir(p string) (string, bool) {
	parts := strings.Split(path.Dir(p), "/")
	if path.Dir(p) == "." {
		return "", false
	}
	for i, c := range parts {
		if isModelDirName(c) {
			return strings.Join(parts[:i+1], "/"), true
		}
	}
	return "", false
}

// modelDirNames are directory names that hold models.
var modelDirNames = map[string]bool{
	"model": true, "models": true, "checkpoint": true, "checkpoints": true, "ckpt": true,
	"ckpts": true, "weights": true, "saved_model": true, "saved_models": true,
	"pretrained": true, "pretrained_models": true, "trained_models": true, "model_weights": true,
}

// dataDirNames are directories whose HDF5 files are data, not Keras models.
var dataDirNames = map[string]bool{"data": true, "dataset": true, "datasets": true, "raw": true, "processed": true}

// dataExts are model and data formats that belong in LFS or DVC above the
// lower size threshold: git cannot delta them usefully and each version
// stays in every clone forever.
var dataExts = map[string]bool{
	".csv": true, ".tsv": true, ".parquet": true, ".feather": true, ".arrow": true, ".npy": true,
	".npz": true, ".h5": true, ".hdf5": true, ".hdf": true, ".tfrecord": true, ".tfrecords": true,
	".avro": true, ".orc": true, ".jsonl": true, ".ndjson": true, ".xlsx": true, ".xls": true,
	".sqlite": true, ".sqlite3": true, ".db": true, ".duckdb": true, ".mat": true, ".nc": true,
	".pkl": true, ".pickle": true, ".joblib": true, ".lmdb": true, ".zip": true, ".tar": true,
	".gz": true, ".tgz": true, ".bz2": true, ".xz": true, ".zst": true, ".7z": true, ".rar": true,
	".wav": true, ".flac": true, ".mp3": true, ".mp4": true, ".avi": true, ".mov": true, ".mkv": true,
}

// InModelDir reports whether a directory of p is a model directory
// ("models/", "checkpoints/", "bert_model/", ...).
func InModelDir(p string) bool {
	_, ok := ModelDir(p)
	return ok
}

func isModelDirName(c string) bool {
	c = strings.ToLower(c)
	if modelDirNames[c] {
		return true
	}
	for _, s := range []string{"_model", "-model", "_models", "-models", "_weights", "-weights", "_checkpoints", "-checkpoints"} {
		if strings.HasSuffix(c, s) {
			return true
		}
	}
	return strings.HasPrefix(c, "model_") || strings.HasPrefix(c, "model-") || strings.HasPrefix(c, "models_")
}

// ModelFramework returns the framework a model artifact's name implies
// ("PyTorch", "ONNX", ...) and whether p is a model artifact by name alone
// (extension, model directory). Configured artifact globs are handled by
// Matcher.
func ModelFramework(p string) (string, bool) {
	base := strings.ToLower(path.Base(p))
	ext := path.Ext(base)
	if base == "saved_model.pb" || base == "saved_model.pbtxt" {
		return "TensorFlow SavedModel", true
	}
	if fw, ok := modelExts[ext]; ok {
		if (ext == ".h5" || ext == ".hdf5") && inDataDir(p) && !InModelDir(p) {
			return "", false
		}
		return fw, true
	}
	if fw, ok := dirModelExts[ext]; ok {
		if InModelDir(p) || strings.Contains(strings.TrimSuffix(base, ext), "model") {
			// A .bin is PyTorch when transformers named it so; KenLM,
			// fastText, word2vec and others write .bin files too.
			if ext == ".bin" && strings.HasPrefix(base, "pytorch_model") {
				fw = "PyTorch (Hugging Face .bin)"
			}
			return fw, true
		}
	}
	return "", false
}

func inDataDir(p string) bool {
	for _, c := range strings.Split(strings.ToLower(path.Dir(p)), "/") {
		if dataDirNames[c] {
			return true
		}
	}
	return false
}

// IsDataFormat reports whether p has a model or data file extension that
// belongs in LFS or DVC above the lower large-file threshold.
func IsDataFormat(p string) bool {
	if _, ok := ModelFramework(p); ok {
		return true
	}
	return dataExts[strings.ToLower(path.Ext(p))]
}

// Matcher says which paths are model artifacts: by name (ModelFramework)
// and by extra globs (the model-card family's "artifacts" setting).
type Matcher struct {
	extra checks.Globs
}

// NewMatcher builds a matcher with extra artifact globs (gitignore-style).
func NewMatcher(globs []string) *Matcher {
	m := &Matcher{}
	if len(globs) > 0 {
		// An invalid glob matches nothing.
		m.extra, _ = checks.NewGlobs(globs)
	}
	return m
}

// Match reports whether p is a model artifact and the framework it implies
// ("" when only configuration says so).
func (m *Matcher) Match(p string) (string, bool) {
	if fw, ok := ModelFramework(p); ok {
		return fw, true
	}
	if m != nil && m.extra.Match(p) {
		return "", true
	}
	return "", false
}

// Artifact is a model artifact found in a snapshot.
type Artifact struct {
	Path      string // the artifact (for a DVC output, the output path)
	Framework string
	// File is the stored file when the artifact is in git (raw or as an
	// LFS pointer); nil for DVC outputs.
	File *snapshot.FileInfo
	// DVCFile is the .dvc file or dvc.yaml that declares a DVC output,
	// and DVCLine the line of its path there.
	DVCFile string
	DVCLine int
	// Dir is set when the artifact is a directory (a DVC directory output).
	Dir bool
}

// Pos is where findings about the artifact go: the file, or the line of
// the DVC file that declares it.
func (a Artifact) Pos() checks.Pos {
	if a.File == nil && a.DVCFile != "" {
		return checks.Pos{Path: a.DVCFile, Line: a.DVCLine}
	}
	return checks.Pos{Path: a.Path}
}

// IsDVCFile reports whether p is a DVC file: "<name>.dvc" or dvc.yaml.
func IsDVCFile(p string) bool {
	b := path.Base(p)
	return (strings.HasSuffix(b, ".dvc") && b != ".dvc") || b == "dvc.yaml" || b == "dvc.yml"
}

// Output is one output a DVC file declares, resolved to a repository
// path, with whether it is a model by DVC's own artifacts section.
type Output struct {
	Path      string
	Line      int
	Dir       bool // recorded as a directory, or no extension
	Model     bool // listed under artifacts: with type: model
	NoCache   bool // cache: false (git tracks it)
	IsMetrics bool
}

// ParsedDVC is a parsed .dvc file (File) or dvc.yaml (Pipeline).
type ParsedDVC struct {
	File     *dvc.File
	Pipeline *dvc.Pipeline
	Err      error
}

// ParseDVC parses a .dvc file or dvc.yaml.
func ParseDVC(tree snapshot.Tree, p string) ParsedDVC {
	b, err := tree.ReadFile(p)
	if err != nil {
		return ParsedDVC{}
	}
	if strings.HasSuffix(p, ".dvc") {
		f, err := dvc.ParseFile(b)
		return ParsedDVC{File: f, Err: err}
	}
	pl, err := dvc.ParsePipeline(b)
	return ParsedDVC{Pipeline: pl, Err: err}
}

// Outputs resolves the outputs of the parsed DVC file at p.
func Outputs(p string, d ParsedDVC) []Output {
	dir := path.Dir(p)
	var outs []Output
	if d.File != nil {
		for _, o := range d.File.Outs {
			if rp, ok := dvc.Resolve(dir, d.File.Wdir, o.Path); ok {
				outs = append(outs, Output{Path: rp, Line: o.Line, Dir: o.IsDir() || path.Ext(rp) == "", NoCache: o.NoCache})
			}
		}
	}
	if d.Pipeline != nil {
		for _, st := range d.Pipeline.Stages {
			for _, o := range st.Outs {
				if rp, ok := dvc.Resolve(dir, st.Wdir, o.Path); ok {
					outs = append(outs, Output{Path: rp, Line: o.Line, Dir: path.Ext(rp) == "", NoCache: o.NoCache})
				}
			}
		}
		for _, o := range d.Pipeline.Outs {
			if rp, ok := dvc.Resolve(dir, "", o.Path); ok {
				outs = append(outs, Output{Path: rp, Line: o.Line, IsMetrics: true})
			}
		}
		for _, a := range d.Pipeline.Artifacts {
			if a.Type != "model" {
				continue
			}
			if rp, ok := dvc.Resolve(dir, "", a.Path); ok {
				outs = append(outs, Output{Path: rp, Line: a.Line, Dir: path.Ext(rp) == "", Model: true})
			}
		}
	}
	return outs
}

// DVCTracked reports whether DVC tracks p (p or one of its directories is
// an output of a .dvc file or of a dvc.yaml stage in p's directories) and
// names the DVC file. It reads only the candidate DVC files, never the
// whole tree. Outputs with "cache: false" are tracked by git, not DVC.
func DVCTracked(tree snapshot.Tree, p string) (string, bool) {
	return TrackedBy(tree, p, func(f string) ParsedDVC { return ParseDVC(tree, f) })
}

// TrackedBy is DVCTracked with the caller's DVC parser.
func TrackedBy(tree snapshot.Tree, p string, parse func(string) ParsedDVC) (string, bool) {
	// Candidate .dvc files: "<p>.dvc" and "<dir>.dvc" for each directory.
	for a := p; a != "." && a != "/" && a != ""; a = path.Dir(a) {
		if _, err := tree.Stat(a + ".dvc"); err == nil {
			for _, o := range Outputs(a+".dvc", parse(a+".dvc")) {
				if !o.NoCache && (o.Path == p || strings.HasPrefix(p, o.Path+"/")) {
					return a + ".dvc", true
				}
			}
		}
	}
	// dvc.yaml in p's directories (a pipeline can write anywhere below or,
	// through ../, beside itself; the root one covers most repositories).
	for d := path.Dir(p); ; d = path.Dir(d) {
		for _, name := range []string{"dvc.yaml", "dvc.yml"} {
			f := path.Join(d, name)
			if _, err := tree.Stat(f); err != nil {
				continue
			}
			for _, o := range Outputs(f, parse(f)) {
				if !o.NoCache && !o.Model && (o.Path == p || strings.HasPrefix(p, o.Path+"/")) {
					return f, true
				}
			}
		}
		if d == "." || d == "/" {
			break
		}
	}
	return "", false
}

// ModelArtifacts lists every model artifact of the snapshot: files that
// are models by name or by the extra globs (raw or LFS pointers) and DVC
// outputs that are models (by name, a model directory, or DVC's own
// "artifacts: type: model"). files is the snapshot's file list
// (tree.Files()).
func ModelArtifacts(tree snapshot.Tree, files []snapshot.FileInfo, globs []string) []Artifact {
	return Find(files, NewMatcher(globs), func(f string) ParsedDVC { return ParseDVC(tree, f) })
}

// Find is ModelArtifacts with a matcher and a DVC parser of the caller's
// (the rules memoise both per run).
func Find(files []snapshot.FileInfo, m *Matcher, parse func(string) ParsedDVC) []Artifact {
	seen := map[string]bool{}
	var out []Artifact
	for i := range files {
		f := &files[i]
		if fw, ok := m.Match(f.Path); ok {
			seen[f.Path] = true
			out = append(out, Artifact{Path: f.Path, Framework: fw, File: f})
		}
	}
	for _, f := range files {
		if !IsDVCFile(f.Path) {
			continue
		}
		for _, o := range Outputs(f.Path, parse(f.Path)) {
			if seen[o.Path] || o.IsMetrics {
				continue
			}
			fw, ok := m.Match(o.Path)
			if !ok && o.Dir && (isModelDirName(path.Base(o.Path)) || InModelDir(o.Path)) {
				ok = true
			}
			if !ok && o.Model {
				ok = true
			}
			if !ok {
				continue
			}
			seen[o.Path] = true
			out = append(out, Artifact{Path: o.Path, Framework: fw, DVCFile: f.Path, DVCLine: o.Line, Dir: o.Dir})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// PassDVC returns a DVC file parser for one run of the rules: each file is
// parsed once, whichever rule or family asks first.
func PassDVC(p *checks.Pass) func(string) ParsedDVC {
	return func(f string) ParsedDVC {
		return p.Memo("dvc:"+f, func() any { return ParseDVC(p.Tree, f) }).(ParsedDVC)
	}
}

// testDirNames are directories that hold test inputs: a tiny checkpoint
// there exercises loading code and is not a model anyone releases.
var testDirNames = map[string]bool{
	"test": true, "tests": true, "testdata": true, "test_data": true, "test-data": true,
	"fixtures": true, "test_fixtures": true, "__fixtures__": true,
}

// InTestDir reports whether a directory of p is a test directory: an
// artifact there is a test fixture (tests/fixtures/tiny.pt), not a model
// anyone releases.
func InTestDir(p string) bool {
	for _, c := range strings.Split(strings.ToLower(path.Dir(p)), "/") {
		if testDirNames[c] {
			return true
		}
	}
	return false
}
