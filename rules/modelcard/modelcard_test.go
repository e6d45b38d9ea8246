package modelcard

import (
	"sort"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/rulestest"
	"github.com/git-repro/git-repro/snapshot"
)

func cardRules(fs []checks.Finding) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Path+" "+f.Rule)
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

// A README with card sections is the card of the models below it, and is
// checked as one even when it is the only staged file.
func TestReadmeAsCard(t *testing.T) {
	readme := "# Ranker\n\n## Intended use\nRanking search results; not intended for ads.\n\n## Limitations\nEnglish only.\n"
	tree := &snapshot.MapTree{Content: map[string]string{"models/README.md": readme, "models/ranker.pt": "w"}}
	full := rulestest.Run(t, rules, tree, nil)
	want := "models/README.md REPRO-CARD-002,models/README.md REPRO-CARD-002,models/README.md REPRO-CARD-002,models/README.md REPRO-CARD-002"
	if got := cardRules(full); got != want {
		t.Errorf("full run: got %s\nwant %s", got, want)
	}
	res := checks.Run(checks.Options{Tree: tree, Targets: []snapshot.FileInfo{{Path: "models/README.md"}}, Rules: rules})
	if got := cardRules(res.Findings); got != want {
		t.Errorf("README staged alone: got %s", got)
	}
	// Without a model below it, the same README is a project README.
	tree = &snapshot.MapTree{Content: map[string]string{"README.md": readme, "src/app.py": ""}}
	if fs := rulestest.Run(t, rules, tree, nil); len(fs) != 0 {
		t.Errorf("README without models: %v", fs)
	}
}

func TestOutOfScopeInIntendedUse(t *testing.T) {
	card := func(uses string) string {
		return "# Card\n## Model Details\nx\n## Intended Use\n" + uses + "\n## Training Data\nx\n## Evaluation\nacc 0.9\n## Limitations\nx\n## Ethical Considerations\nx\n"
	}
	for uses, wantFinding := range map[string]bool{
		"Routing tickets.": true,
		"Routing tickets. It must not be used for HR.": false,
		"Routing tickets. Out-of-scope: HR decisions.": false,
	} {
		tree := &snapshot.MapTree{Content: map[string]string{"MODEL_CARD.md": card(uses), "m.onnx": "x"}}
		fs := rulestest.Run(t, rules, tree, nil)
		if got := len(fs) == 1 && strings.Contains(fs[0].Message, "out of scope"); got != wantFinding {
			t.Errorf("uses %q: findings %v", uses, fs)
		}
	}
}

func TestCardSearchStopsAtRoot(t *testing.T) {
	good := "# C\n## Model Details\nx\n## Uses\nx; not intended for y\n## Training Data\nx\n## Results\n0.9\n## Bias, Risks, and Limitations\nx\n"
	tree := &snapshot.MapTree{Content: map[string]string{
		"MODEL_CARD.md":            good,
		"a/b/c/deep.safetensors":   "x",
		"other/model_card.md":      good,
		"other/nested/model.keras": "x",
	}}
	if fs := rulestest.Run(t, rules, tree, nil); len(fs) != 0 {
		t.Errorf("cards in parents: %v", fs)
	}
	cfg, err := checks.ParseConfig(checks.ConfigFile, []byte("model-card:\n  card-names: [CARD.md]\n"), []checks.Family{Family})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := tree.Files()
	res := checks.Run(checks.Options{Tree: tree, Targets: files, Full: true, Rules: rules, Config: cfg})
	if got := cardRules(res.Findings); got != "a/b/c/deep.safetensors REPRO-CARD-001,other/nested/model.keras REPRO-CARD-001" {
		t.Errorf("custom card-names: %s", got)
	}
}

func TestMissingCardOncePerDirectory(t *testing.T) {
	tree := &snapshot.MapTree{Content: map[string]string{
		"out/checkpoint-500/model.safetensors": "w", "out/checkpoint-500/optimizer.pt": "o",
		"out/checkpoint-500/rng_state.pth": "r", "out/final.onnx": "f",
	}}
	fs := rulestest.Run(t, rules, tree, nil)
	if got := cardRules(fs); got != "out/checkpoint-500/model.safetensors REPRO-CARD-001,out/final.onnx REPRO-CARD-001" {
		t.Fatalf("got %s", got)
	}
	if !strings.Contains(fs[0].Message, `and 2 other artifacts in "out/checkpoint-500" have no model card`) {
		t.Errorf("message: %s", fs[0].Message)
	}
}

func TestGolden(t *testing.T) { rulestest.Golden(t, Family) }
