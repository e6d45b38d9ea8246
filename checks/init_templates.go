package checks

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"strings"

	"github.com/git-repro/git-repro/parse/dvc"
	"github.com/git-repro/git-repro/snapshot"
)

// Templates written by "git repro init": .repro.yaml with every default
// commented, a MODEL_CARD.md skeleton pre-filled from the repository, and a
// .env.example made from a .env.

// configDoc documents one .repro.yaml key: its default written as YAML and
// a one-line explanation.
type configDoc struct {
	example string
	comment string
}

// configDocs documents family keys as "section.key". Keys of a family's
// config struct that are missing here are still written (from the struct,
// with their zero value), so the template always covers every key.
var configDocs = map[string]configDoc{
	"model-card.artifacts":      {"[]", `Extra globs of model artifacts beyond the built-in extensions, e.g. ["exports/*.bin"].`},
	"model-card.card-names":     {"[MODEL_CARD.md, model_card.md, README.md]", "Names accepted as a model card, in the artifact's directory or a parent (a README only with card sections)."},
	"large-files.max-size":      {"5MiB", "Any file above this committed as a git blob (not LFS, not DVC) is an error."},
	"large-files.max-data-size": {"1MiB", "Lower limit for model and data formats (.csv .parquet .npy .h5 .pkl weights, archives)."},
	"large-files.allow":         {"[]", `Globs of files allowed to be large, e.g. ["docs/images/**"].`},
	"secrets.allow":             {"[]", `Globs of files that may hold throwaway keys, e.g. ["tests/fixtures/**"].`},
	"docs.readme":               {`""`, "The README to check; default: README.md, README.rst, README.txt or README at the root."},
	"ci.allow-github-owned":     {"false", "Exempt actions/* and github/* from the commit-pin rule."},
	"ci.allow-actions":          {"[]", `Action patterns exempt from the commit-pin rule, e.g. ["myorg/*"].`},
	"docker.require-digest":     {"false", "Require FROM images pinned by @sha256 digest, not only by tag."},
	"docker.contexts":           {"{}", "Build context directory per Dockerfile, when it is not the Dockerfile's directory."},
	"docker.large-file":         {"", "Size above which a file in the build context is reported."},
	"docker.max-context":        {"", "Size above which the whole build context is reported."},
}

// sectionDocs introduces each family section, in the order the template
// writes them; sections of the registry not listed here follow, without
// an introduction.
var sectionDocs = []struct{ key, doc string }{
	{"deps", "Dependency pinning and lock files (REPRO-DEP-*)."},
	{"docker", "Dockerfiles, compose files and .dockerignore (REPRO-DOCKER-*)."},
	{"seeds", "Random seeds and determinism settings (REPRO-SEED-*)."},
	{"notebooks", "Jupyter notebooks (REPRO-NB-*)."},
	{"model-card", "Every model artifact needs a model card (REPRO-CARD-*)."},
	{"large-files", "Large files belong in Git LFS or DVC; DVC files must be complete (REPRO-LARGE-*)."},
	{"secrets", "Committed credentials (REPRO-SECRET-*); values are never printed."},
	{"ci", "GitHub Actions workflows (REPRO-CI-*)."},
	{"docs", "README checklist: setup, Python version, hardware, data, usage (REPRO-DOCS-*)."},
}

// templateSections returns the registry's sections in template order.
func templateSections(families []Family) []Section {
	byKey := map[string]Section{}
	var order []string
	for _, f := range families {
		if f.Settings == nil {
			continue
		}
		if _, ok := byKey[f.Settings.Key()]; !ok {
			byKey[f.Settings.Key()] = f.Settings
			order = append(order, f.Settings.Key())
		}
	}
	var out []Section
	for _, d := range sectionDocs {
		if s, ok := byKey[d.key]; ok {
			out = append(out, s)
			delete(byKey, d.key)
		}
	}
	for _, k := range order {
		if s, ok := byKey[k]; ok {
			out = append(out, s)
		}
	}
	return out
}

func sectionDoc(key string) string {
	for _, d := range sectionDocs {
		if d.key == key {
			return d.doc
		}
	}
	return ""
}

// ReproConfigTemplate returns the .repro.yaml "git repro init" writes:
// version 1 and every setting of the families' sections commented out at
// its default, with a line that says what it does. Uncommenting any
// setting yields a valid file.
func ReproConfigTemplate(families []Family) []byte {
	var b strings.Builder
	b.WriteString(`# git-repro configuration. Every setting is commented out at its default:
# uncomment and edit the ones you want to change. "git repro rules" lists the
# rules and "git repro explain RULE" says why each exists.
version: 1

# Exit 1 on findings at or above this severity: error, warning, info, none.
# fail-on: warning

# Paths never checked or reported (gitignore-style globs, "**" allowed).
# ignore:
#   - "third_party/**"

# Per-rule settings: off, a severity (error, warning, info), or a mapping.
# rules:
#   REPRO-DOCS-004: off
#   REPRO-LARGE-002: {severity: error, ignore: ["data/samples/**"]}
`)
	for _, sec := range templateSections(families) {
		name := sec.Key()
		b.WriteString("\n")
		if d := sectionDoc(name); d != "" {
			fmt.Fprintf(&b, "# %s\n", d)
		}
		fmt.Fprintf(&b, "# %s:\n", name)
		n := writeStructKeys(&b, name, sec.Type(), 1)
		if n == 0 {
			fmt.Fprintf(&b, "#   # (no settings yet)\n")
		}
	}
	return []byte(b.String())
}

// yamlName returns the yaml key of a struct field, "" when not serialised.
func yamlName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	tag := f.Tag.Get("yaml")
	name, _, _ := strings.Cut(tag, ",")
	if name == "-" || tag == "" {
		return ""
	}
	return name
}

// writeStructKeys writes the keys of a config struct, commented, at the
// given nesting depth, and returns how many it wrote.
func writeStructKeys(b *strings.Builder, section string, t reflect.Type, depth int) int {
	indent := strings.Repeat("  ", depth)
	n := 0
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if _, opts, _ := strings.Cut(f.Tag.Get("yaml"), ","); strings.Contains(opts, "inline") && f.Type.Kind() == reflect.Struct {
			n += writeStructKeys(b, section, f.Type, depth)
			continue
		}
		key := yamlName(f)
		if key == "" {
			continue
		}
		n++
		doc, ok := configDocs[section+"."+key]
		if ok && doc.comment != "" {
			fmt.Fprintf(b, "# %s# %s\n", indent, doc.comment)
		}
		if f.Type.Kind() == reflect.Struct && !ok {
			fmt.Fprintf(b, "# %s%s:\n", indent, key)
			if writeStructKeys(b, section+"."+key, f.Type, depth+1) == 0 {
				fmt.Fprintf(b, "# %s  # (no settings)\n", indent)
			}
			continue
		}
		example := doc.example
		if example == "" {
			example = zeroYAML(f.Type)
		}
		fmt.Fprintf(b, "# %s%s: %s\n", indent, key, example)
	}
	return n
}

// zeroYAML writes the zero value of a type as YAML.
func zeroYAML(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "0"
	case reflect.Slice, reflect.Array:
		return "[]"
	case reflect.Map, reflect.Struct:
		return "{}"
	}
	return `""`
}

// EnvExampleFromEnv turns .env content into a .env.example: every
// variable is kept with its value removed ("KEY="), as are comments and
// blank lines; commented-out assignments lose their values too, and
// multi-line quoted values are dropped entirely. No byte of a value
// survives.
func EnvExampleFromEnv(content []byte) []byte {
	var out bytes.Buffer
	lines := strings.Split(strings.ReplaceAll(string(content), "\r\n", "\n"), "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	var openQuote byte // inside a multi-line quoted value
	for _, line := range lines {
		if openQuote != 0 {
			if strings.IndexByte(line, openQuote) >= 0 {
				openQuote = 0
			}
			continue
		}
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			out.WriteString("\n")
		case strings.HasPrefix(t, "#"):
			body := strings.TrimSpace(strings.TrimLeft(t, "#"))
			if m := envAssignRe.FindStringSubmatch(body); m != nil {
				fmt.Fprintf(&out, "# %s=\n", envKey(body, m[1]))
			} else if looksLikeValue(body) {
				out.WriteString("#\n")
			} else {
				out.WriteString(t + "\n")
			}
		default:
			m := envAssignRe.FindStringSubmatch(t)
			if m == nil {
				continue // not an assignment: may be part of a value
			}
			fmt.Fprintf(&out, "%s=\n", envKey(t, m[1]))
			_, val, _ := strings.Cut(t, "=")
			val = strings.TrimSpace(val)
			if len(val) > 0 && (val[0] == '"' || val[0] == '\'') && strings.IndexByte(val[1:], val[0]) < 0 {
				openQuote = val[0]
			}
		}
	}
	return out.Bytes()
}

// envKey keeps an "export " prefix.
func envKey(line, key string) string {
	if strings.HasPrefix(strings.TrimSpace(line), "export") {
		return "export " + key
	}
	return key
}

var secretish = regexp.MustCompile(`[A-Za-z0-9+/_\-]{20,}`)

// looksLikeValue reports whether a comment might hold a credential (a long
// token), so that it is blanked rather than copied.
func looksLikeValue(s string) bool { return secretish.MatchString(s) }

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

var importRe = regexp.MustCompile(`(?m)^\s*(?:import|from)\s+([A-Za-z_][A-Za-z0-9_]*)`)

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
		for _, m := range importRe.FindAllSubmatch(b, -1) {
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
		dvcFile, ok := DVCTracked(tree, p)
		if !ok {
			return nil, fmt.Errorf("model card template: %q is neither in the repository nor tracked by DVC", p)
		}
		facts.storage = "DVC (" + dvcFile + ")"
		d := parseDVC(tree, dvcFile)
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
	facts.format, _ = ModelFramework(p)
	// The script of the DVC stage that writes the artifact says best
	// which framework made it; otherwise any file of the repository.
	imports := map[string]string{}
	for _, sc := range stageScripts {
		if b, err := tree.ReadFile(sc); err == nil {
			for _, m := range importRe.FindAllSubmatch(b, -1) {
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
		fmt.Fprintf(&b, "- **Size:** %d bytes (%s)\n", f.size, ByteSize(f.size))
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
