package templates

import (
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/rulestest"
	"github.com/git-repro/git-repro/rules"
	"github.com/git-repro/git-repro/snapshot"
)

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
	for _, f := range rulestest.Run(t, familyRules("modelcard"), tree, nil) {
		if f.Path == "models/bert/MODEL_CARD.md" && f.Rule != "REPRO-CARD-003" && f.Rule != "REPRO-CARD-004" {
			t.Errorf("skeleton: unexpected %s", f)
		}
	}

	b, err = ModelCardTemplate(tree, "models/clf.pkl")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"library_name: scikit-learn", "16 bytes", "of the committed file", "**Format:** pickle\n", "**Framework:** scikit-learn (imported in `src/sk.py`)"} {
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

// familyRules returns the rules of the named family of the registry.
func familyRules(name string) []*checks.Rule {
	for _, f := range rules.Families() {
		if f.Name == name {
			return f.Rules
		}
	}
	return nil
}
