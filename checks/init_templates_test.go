package checks

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/snapshot"
)

// uncommentRe matches the template's commented settings ("# key: value",
// "#   - item", "#   REPRO-X-001: off"), not its prose (which starts with a
// capital letter or "# " inside a section).
var uncommentRe = regexp.MustCompile(`^# (\s*(?:[a-z][a-z0-9_-]*|REPRO-[A-Z]+-\d+):(?:\s.*)?|\s+- .*)$`)

func uncomment(tmpl string) string {
	var out []string
	for _, line := range strings.Split(tmpl, "\n") {
		if m := uncommentRe.FindStringSubmatch(line); m != nil {
			line = m[1]
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

func TestReproConfigTemplate(t *testing.T) {
	tmpl := string(ReproConfigTemplate(Families()))
	c, err := ParseConfig(ConfigFile, []byte(tmpl), Families())
	if err != nil {
		t.Fatalf("template as written: %v", err)
	}
	if !reflect.DeepEqual(largeFilesSettings.Get(c), largeFilesSettings.Get(DefaultConfig())) {
		t.Errorf("commented template must equal the defaults")
	}

	// Uncommenting every setting gives a valid file whose values are the
	// defaults for this family's keys.
	full := uncomment(tmpl)
	c, err = ParseConfig(ConfigFile, []byte(full), Families())
	if err != nil {
		t.Fatalf("uncommented template: %v\n%s", err, full)
	}
	if lf := largeFilesSettings.Get(c); lf.maxSize() != DefaultMaxSize || lf.maxDataSize() != DefaultMaxDataSize {
		t.Errorf("large-files defaults in the template differ: %+v", lf)
	}
	if mc := modelCardSettings.Get(c); !reflect.DeepEqual(mc.cardNames(), DefaultCardNames) {
		t.Errorf("card-names in the template differ: %v", mc.CardNames)
	}
	if !c.Rules["REPRO-DOCS-004"].Off {
		t.Errorf("rules example not parsed: %+v", c.Rules)
	}

	// Every top-level key, and every key of every family's section, is in
	// the template.
	for _, name := range []string{"version", "fail-on", "ignore", "rules"} {
		if !strings.Contains(tmpl, "# "+name+":") && !strings.Contains(tmpl, "\n"+name+":") {
			t.Errorf("template lacks top-level key %q", name)
		}
	}
	sections := templateSections(Families())
	for _, sec := range sections {
		if !strings.Contains(tmpl, "# "+sec.Key()+":") {
			t.Errorf("template lacks section %q", sec.Key())
		}
		for j := 0; j < sec.Type().NumField(); j++ {
			if k := yamlName(sec.Type().Field(j)); k != "" && !strings.Contains(tmpl, "#   "+k+":") {
				t.Errorf("template lacks %s.%s", sec.Key(), k)
			}
		}
	}
	// configDocs must not document keys that no longer exist.
	for key := range configDocs {
		sec, k, _ := strings.Cut(key, ".")
		found := false
		for _, s := range sections {
			if s.Key() != sec {
				continue
			}
			for j := 0; j < s.Type().NumField(); j++ {
				if yamlName(s.Type().Field(j)) == k {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("configDocs documents %q, which is not a config key", key)
		}
	}
}

func TestEnvExampleFromEnv(t *testing.T) {
	in := "# Local settings\n" +
		"OPENAI_API_KEY=sk-secret-1\n" +
		"export AWS_SECRET_ACCESS_KEY = \"secret 2\"\n" +
		"\n" +
		"# OLD_TOKEN=secret-3\n" +
		"# ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\n" +
		"PRIVATE_KEY=\"-----BEGIN\n" +
		"secret-4\n" +
		"-----END\"\n" +
		"DEBUG=true # secret-5\n" +
		"garbage secret-6\n"
	want := "# Local settings\n" +
		"OPENAI_API_KEY=\n" +
		"export AWS_SECRET_ACCESS_KEY=\n" +
		"\n" +
		"# OLD_TOKEN=\n" +
		"#\n" +
		"PRIVATE_KEY=\n" +
		"DEBUG=\n"
	got := string(EnvExampleFromEnv([]byte(in)))
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if strings.Contains(got, "secret") || strings.Contains(got, "ghp_") {
		t.Errorf("a value survived: %q", got)
	}
}

func FuzzEnvExampleFromEnv(f *testing.F) {
	f.Add([]byte("A=1\nexport B='x\ny'\n# C=3\n"))
	f.Add([]byte("K=\"unterminated\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		out := string(EnvExampleFromEnv(b))
		for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			// Every non-comment line is a bare assignment.
			if !strings.HasSuffix(line, "=") || strings.Count(line, "=") != 1 {
				t.Fatalf("line %q keeps more than a name", line)
			}
		}
	})
}

func TestModelCardTemplate(t *testing.T) {
	ptr := "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 438000000\n"
	tree := &snapshot.MapTree{Content: map[string]string{
		"models/bert/model.safetensors": ptr,
		"src/train.py":                  "import torch\nfrom transformers import AutoModel\n",
		"models/clf.pkl":                "raw pickle bytes",
		"src/sk.py":                     "from sklearn.linear_model import LogisticRegression\n",
		"models/ranker.onnx.dvc":        "outs:\n- md5: 0cc175b9c0f1b6a831c399e269772661\n  size: 77\n  path: ranker.onnx\n",
	}}
	b, err := ModelCardTemplate(tree, "models/bert/model.safetensors")
	if err != nil {
		t.Fatal(err)
	}
	card := string(b)
	for _, want := range []string{
		"# Model Card for bert", "library_name: transformers", "Hugging Face Transformers (imported in `src/train.py`)",
		"438000000 bytes", "`4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393` (from the Git LFS pointer)", "Git LFS",
	} {
		if !strings.Contains(card, want) {
			t.Errorf("card lacks %q:\n%s", want, card)
		}
	}

	// The skeleton has every required section and valid metadata: the
	// checks report only what is left to fill in.
	tree.Content["models/bert/MODEL_CARD.md"] = card
	for _, f := range runFamily(t, modelCardRules, tree, nil) {
		if f.Path == "models/bert/MODEL_CARD.md" && f.Rule != "REPRO-CARD-003" && f.Rule != "REPRO-CARD-004" {
			t.Errorf("skeleton: unexpected %s", f)
		}
	}

	b, err = ModelCardTemplate(tree, "models/clf.pkl")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"library_name: scikit-learn", "16 bytes", "of the committed file", "pickle (scikit-learn)"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("pickle card lacks %q:\n%s", want, b)
		}
	}
	b, err = ModelCardTemplate(tree, "models/ranker.onnx")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"DVC (models/ranker.onnx.dvc)", "0cc175b9c0f1b6a831c399e269772661", "77 bytes"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("DVC card lacks %q:\n%s", want, b)
		}
	}
	if _, err := ModelCardTemplate(tree, "models/missing.pt"); err == nil {
		t.Error("missing artifact: want an error")
	}
}

// For a dvc.yaml output the framework comes from the script of the stage
// that writes it, not from the first file that imports a candidate.
func TestModelCardTemplateDVCStage(t *testing.T) {
	tree := &snapshot.MapTree{Content: map[string]string{
		"dvc.yaml":       "stages:\n  prepare:\n    cmd: python src/prepare.py\n    outs:\n      - data/prepared\n  train:\n    cmd: python src/train.py data/prepared models/model.joblib\n    outs:\n      - models/model.joblib\n",
		"src/prepare.py": "from sklearn.model_selection import train_test_split\n",
		"src/train.py":   "import joblib\nimport xgboost as xgb\n",
	}}
	b, err := ModelCardTemplate(tree, "models/model.joblib")
	if err != nil {
		t.Fatal(err)
	}
	if want := "XGBoost (imported in `src/train.py`)"; !strings.Contains(string(b), want) {
		t.Errorf("card lacks %q:\n%s", want, b)
	}
}
