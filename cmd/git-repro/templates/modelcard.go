package templates

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/git-repro/git-repro/internal/bytesize"
	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/dvc"
	"github.com/git-repro/git-repro/rules/artifact"
	"github.com/git-repro/git-repro/snapshot"
)

// frameworkImports maps Python import roots to a framework name and the
// Hugging Face library_name it implies ("" when none is standard).
var frameworkImports = []struct {
	module, name, library string
}{
	{"transformers", "Hugging Face Transformers", "transformers"},
	{"sentence_transformers", "Sentence Transformers", "sentence-transformers"},
	{"diffusers", "Diffusers", "diffusers"},
	{"peft", "PEFT", "peft"},
	{"timm", "timm", "timm"},
	{"lightning", "PyTorch Lightning", ""},
	{"pytorch_lightning", "PyTorch Lightning", ""},
	{"torch", "PyTorch", ""},
	{"keras", "Keras", "keras"},
	{"tensorflow", "TensorFlow", "keras"},
	{"jax", "JAX", ""},
	{"xgboost", "XGBoost", ""},
	{"lightgbm", "LightGBM", ""},
	{"catboost", "CatBoost", ""},
	{"sklearn", "scikit-learn", "scikit-learn"},
	{"onnx", "ONNX", ""},
	{"onnxruntime", "ONNX Runtime", ""},
}

// extFrameworks says which imports fit an artifact's extension, best first.
var extFrameworks = map[string][]string{
	".pkl": {"sklearn", "xgboost", "lightgbm", "catboost"}, ".pickle": {"sklearn", "xgboost", "lightgbm"},
	".joblib": {"sklearn", "xgboost", "lightgbm"},
	".pt":     {"lightning", "pytorch_lightning", "timm", "transformers", "torch"}, ".pth": {"timm", "torch"},
	".ckpt":        {"lightning", "pytorch_lightning", "torch", "tensorflow"},
	".safetensors": {"transformers", "sentence_transformers", "diffusers", "peft", "timm", "torch"},
	".bin":         {"transformers", "sentence_transformers", "peft", "torch"},
	".h5":          {"keras", "tensorflow"}, ".keras": {"keras", "tensorflow"}, ".pb": {"tensorflow"},
	".tflite": {"tensorflow"}, ".onnx": {"onnx", "onnxruntime", "torch", "sklearn"},
	".json": {"xgboost", "lightgbm"}, ".ubj": {"xgboost"}, ".cbm": {"catboost"},
}

var importRe = lazyre.New(`(?m)^\s*(?:import|from)\s+([A-Za-z_][A-Za-z0-9_]*)`)

// scanImports returns the import roots used by the repository's Python
// files, and for each the first file that imports it. It reads at most
// 500 files of at most 512 KiB.
func scanImports(tree snapshot.Tree) map[string]string {
	found := map[string]string{}
	files, err := tree.Files()
	if err != nil {
		return found
	}
	n := 0
	for _, f := range files {
		if !strings.HasSuffix(f.Path, ".py") || f.Size > 512<<10 || f.LFS != nil {
			continue
		}
		if n++; n > 500 {
			break
		}
		b, err := tree.ReadFile(f.Path)
		if err != nil {
			continue
		}
		for _, m := range importRe().FindAllSubmatch(b, -1) {
			if _, ok := found[string(m[1])]; !ok {
				found[string(m[1])] = f.Path
			}
		}
	}
	return found
}

// artifactFacts is what the repository reveals about an artifact.
type artifactFacts struct {
	format, framework, frameworkFrom, library string
	size                                      int64
	sha256, sha256From                        string
	md5                                       string
	storage                                   string
}

// ModelCardTemplate returns a MODEL_CARD.md skeleton for the artifact at
// artifactPath (a file in tree, or a DVC output), pre-filled with what the
// repository reveals: the format and framework (from the extension and the
// Python imports), the size, and the SHA-256 (from the LFS pointer, or
// computed from the committed file). Every section the model-card rules
// require is present, with "[More Information Needed]" where only a human
// can answer, so that the checks point at what is left to write.
func ModelCardTemplate(tree snapshot.Tree, artifactPath string) ([]byte, error) {
	p := path.Clean(strings.TrimPrefix(strings.ReplaceAll(artifactPath, "\\", "/"), "./"))
	facts := artifactFacts{}
	var stageScripts []string
	fi, err := tree.Stat(p)
	switch {
	case err == nil:
		facts.size = fi.Size
		facts.storage = "git"
		if fi.LFS != nil {
			facts.size = fi.LFS.Size
			facts.sha256, facts.sha256From = fi.LFS.OID, "from the Git LFS pointer"
			facts.storage = "Git LFS"
		} else if fi.Size <= 256<<20 {
			if b, err := tree.ReadFile(p); err == nil {
				sum := sha256.Sum256(b)
				facts.sha256, facts.sha256From = hex.EncodeToString(sum[:]), "of the committed file"
			}
		}
	case errors.Is(err, fs.ErrNotExist):
		dvcFile, ok := artifact.DVCTracked(tree, p)
		if !ok {
			return nil, fmt.Errorf("model card template: %q is neither in the repository nor tracked by DVC", p)
		}
		facts.storage = "DVC (" + dvcFile + ")"
		d := artifact.ParseDVC(tree, dvcFile)
		if d.File != nil {
			for _, o := range d.File.Outs {
				if rp, ok := dvc.Resolve(path.Dir(dvcFile), d.File.Wdir, o.Path); ok && rp == p {
					facts.size, facts.md5 = o.Size, o.MD5
				}
			}
		}
		if d.Pipeline != nil {
			stageScripts = producingScripts(tree, dvcFile, d.Pipeline, p)
		}
	default:
		return nil, fmt.Errorf("model card template: %v", err)
	}
	facts.format, _ = artifact.ModelFramework(p)
	// The script of the DVC stage that writes the artifact says best
	// which framework made it; otherwise any file of the repository.
	imports := map[string]string{}
	for _, sc := range stageScripts {
		if b, err := tree.ReadFile(sc); err == nil {
			for _, m := range importRe().FindAllSubmatch(b, -1) {
				if _, ok := imports[string(m[1])]; !ok {
					imports[string(m[1])] = sc
				}
			}
		}
	}
	if !hasAny(imports, extFrameworks[strings.ToLower(path.Ext(p))]) {
		imports = scanImports(tree)
	}
	for _, mod := range extFrameworks[strings.ToLower(path.Ext(p))] {
		if file, ok := imports[mod]; ok {
			for _, fw := range frameworkImports {
				if fw.module == mod {
					facts.framework, facts.frameworkFrom, facts.library = fw.name, file, fw.library
				}
			}
			break
		}
	}
	return renderModelCard(p, facts), nil
}

func hasAny(m map[string]string, keys []string) bool {
	for _, k := range keys {
		if _, ok := m[k]; ok {
			return true
		}
	}
	return false
}

// producingScripts returns the Python scripts named in the cmd of the
// dvc.yaml stages that output p (repository paths that exist).
func producingScripts(tree snapshot.Tree, dvcFile string, pl *dvc.Pipeline, p string) []string {
	var out []string
	for _, st := range pl.Stages {
		writes := false
		for _, o := range st.Outs {
			if rp, ok := dvc.Resolve(path.Dir(dvcFile), st.Wdir, o.Path); ok && (rp == p || strings.HasPrefix(p, rp+"/")) {
				writes = true
			}
		}
		if !writes {
			continue
		}
		for _, arg := range strings.Fields(st.Cmd) {
			if !strings.HasSuffix(arg, ".py") {
				continue
			}
			if rp, ok := dvc.Resolve(path.Dir(dvcFile), st.Wdir, arg); ok {
				if _, err := tree.Stat(rp); err == nil {
					out = append(out, rp)
				}
			}
		}
	}
	return out
}

const todo = "[More Information Needed]"

func renderModelCard(p string, f artifactFacts) []byte {
	var b strings.Builder
	name := strings.TrimSuffix(path.Base(p), path.Ext(p))
	if name == "model" || name == "saved_model" || name == "pytorch_model" {
		if d := path.Base(path.Dir(p)); d != "." {
			name = d
		}
	}
	b.WriteString("---\n")
	b.WriteString("# Hugging Face model card metadata, checked offline by git-repro.\n")
	b.WriteString("# license: a Hub license id (apache-2.0, mit, cc-by-4.0, ...), or \"other\" with\n")
	b.WriteString("# license_name and license_link.\n")
	b.WriteString("# license: apache-2.0\n")
	if f.library != "" {
		fmt.Fprintf(&b, "library_name: %s\n", f.library)
	} else {
		b.WriteString("# library_name: transformers\n")
	}
	b.WriteString("# datasets:\n#   - your-dataset-id\n# metrics:\n#   - accuracy\n")
	b.WriteString("---\n\n")
	fmt.Fprintf(&b, "# Model Card for %s\n\n", name)
	b.WriteString("<!-- Written by `git repro init`. Replace every \"" + todo + "\"; `git repro check` lists the ones left. -->\n\n")

	b.WriteString("## Model Details\n\n")
	fmt.Fprintf(&b, "- **Artifact:** `%s`\n", p)
	if f.format != "" {
		fmt.Fprintf(&b, "- **Format:** %s\n", f.format)
	}
	if f.framework != "" {
		fmt.Fprintf(&b, "- **Framework:** %s (imported in `%s`)\n", f.framework, f.frameworkFrom)
	} else {
		fmt.Fprintf(&b, "- **Framework:** %s\n", todo)
	}
	if f.size > 0 {
		fmt.Fprintf(&b, "- **Size:** %d bytes (%s)\n", f.size, bytesize.FormatWhole(f.size))
	}
	if f.sha256 != "" {
		fmt.Fprintf(&b, "- **SHA-256:** `%s` (%s)\n", f.sha256, f.sha256From)
	} else if f.md5 == "" {
		fmt.Fprintf(&b, "- **SHA-256:** %s (`sha256sum %s`)\n", todo, p)
	}
	if f.md5 != "" {
		fmt.Fprintf(&b, "- **DVC MD5:** `%s`\n", f.md5)
	}
	fmt.Fprintf(&b, "- **Stored in:** %s\n", f.storage)
	fmt.Fprintf(&b, "- **Model type / architecture:** %s\n", todo)
	fmt.Fprintf(&b, "- **Developed by, version and date:** %s\n", todo)
	fmt.Fprintf(&b, "- **License:** %s\n\n", todo)

	b.WriteString("## Intended Use\n\n<!-- Primary uses and users. -->\n\n" + todo + "\n\n")
	b.WriteString("### Out-of-Scope Use\n\n<!-- Uses the model is not intended or not suitable for. -->\n\n" + todo + "\n\n")
	b.WriteString("## Training Data\n\n<!-- Sources, versions (a DVC file, a dataset revision or DOI), size, preprocessing and splits. -->\n\n" + todo + "\n\n")
	b.WriteString("## Evaluation\n\n<!-- Metrics with measured values, and the data they were measured on, e.g.\n| metric | value |\n|---|---|\n| accuracy | 0.91 |\n-->\n\n" + todo + "\n\n")
	b.WriteString("## Limitations\n\n<!-- Known failure modes, biases and risks; where performance drops. -->\n\n" + todo + "\n\n")
	b.WriteString("## Ethical Considerations\n\n<!-- Sensitive data, affected groups, possible misuse and mitigations. -->\n\n" + todo + "\n\n")
	b.WriteString("## How to Reproduce\n\n<!-- The commands that train and evaluate this artifact, and the seed. -->\n\n" + todo + "\n")
	return []byte(b.String())
}
