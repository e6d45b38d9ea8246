package hub_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/rulestest"
	"github.com/git-repro/git-repro/rules/hub"
	"github.com/git-repro/git-repro/snapshot"
)

func TestGolden(t *testing.T) { rulestest.Golden(t, hub.Family) }

// The section of docs/deps.md this family owns, and the markers of its
// examples. docs/deps.md is the deps family's page, whose test runs every
// "<!-- example: -->" block with the deps rules; the Hub section marks its
// examples "<!-- hub example: -->" and "<!-- hub findings -->" so that
// each test runs its own.
const (
	docPage      = "../../docs/deps.md"
	docSection   = "## Hugging Face Hub and torch.hub revisions"
	exampleMark  = "<!-- hub example: "
	findingsMark = "<!-- hub findings -->"
)

// TestDocsHubExamples runs the examples of the Hub section of
// docs/deps.md: each group of hub example blocks is a mini repository
// whose findings must equal the following hub findings block (-update
// rewrites them). It also checks that the section lists both rules with
// their severity and title.
func TestDocsHubExamples(t *testing.T) {
	b, err := os.ReadFile(docPage)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	start := strings.Index(page, docSection)
	if start < 0 {
		t.Fatalf("%s lacks the section %q", docPage, docSection)
	}
	end := len(page)
	if i := strings.Index(page[start+len(docSection):], "\n## "); i >= 0 {
		end = start + len(docSection) + i + 1
	}
	section := page[start:end]
	for _, r := range hub.Family.Rules {
		row := fmt.Sprintf("| `%s` | %s | %s |", r.ID, r.Severity, r.Title)
		if !strings.Contains(section, row) {
			t.Errorf("the Hub section of docs/deps.md lacks the row %s", row)
		}
	}
	// the section, with its markers made the ones rulestest reads, as a
	// page of its own
	tmp := filepath.Join(t.TempDir(), "hub.md")
	std := strings.NewReplacer(exampleMark, "<!-- example: ", findingsMark, "<!-- findings -->").Replace(section)
	if err := os.WriteFile(tmp, []byte(std), 0o644); err != nil {
		t.Fatal(err)
	}
	_, n := rulestest.CheckDocExamples(t, tmp, func(ex rulestest.DocExample) string {
		return rulestest.RunDocExample(t, ex, hub.Family.Rules)
	})
	if n < 2 {
		t.Errorf("found %d examples in the Hub section", n)
	}
	if *rulestest.Update {
		out, err := os.ReadFile(tmp)
		if err != nil {
			t.Fatal(err)
		}
		back := strings.NewReplacer("<!-- example: ", exampleMark, "<!-- findings -->", findingsMark).Replace(string(out))
		if !strings.HasSuffix(back, "\n") && strings.HasSuffix(section, "\n") {
			back += "\n"
		}
		if err := os.WriteFile(docPage, []byte(page[:start]+back+page[end:]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// FuzzHub: any Python source, as a module and as a notebook cell, never
// makes the family panic.
func FuzzHub(f *testing.F) {
	f.Add([]byte("from transformers import AutoModel\nM = 'org/x'\nAutoModel.from_pretrained(M, revision=None)\n"))
	f.Add([]byte("import torch\ntorch.hub.load('a/b:', 'm')\ntorch.hub.load(':', 'm')\n"))
	f.Add([]byte("import timm\ntimm.create_model('hf-hub:@')\nfrom datasets import load_dataset as l\nl(path=)\n"))
	f.Add([]byte("import argparse\np.add_argument('--m', default=M)\nM = p\nfrom transformers import pipeline\npipeline('x', args.m)\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		nb := `{"cells":[{"cell_type":"code","source":` + fmt.Sprintf("%q", string(src)) + `}],"nbformat":4}`
		tree := &snapshot.MapTree{Content: map[string]string{"load.py": string(src), "nb.ipynb": nb, "checkpoints/x": ""}}
		for _, full := range []bool{true, false} {
			files, _ := tree.Files()
			res := checks.Run(checks.Options{Tree: tree, Targets: files[:2], Full: full, Rules: hub.Family.Rules})
			for _, err := range res.Errors {
				t.Fatal(err)
			}
		}
	})
}
