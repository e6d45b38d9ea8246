package modelcard

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestParseSections(t *testing.T) {
	src := `---
license: mit
---
# Model Card for tiny

Some intro.

## Model Details
<!-- Provide a longer summary. -->
A logistic regression.

## Uses

### Direct Use
Sorting tickets.

### Out-of-Scope Use
[More Information Needed]

Evaluation
----------

` + "```python\n# not a heading\nprint(1)\n```" + `

Results
=======
accuracy 0.91
`
	d := Parse([]byte(src))
	if d.FrontMatter == nil || d.FrontMatter.Err != nil || d.FrontMatter.End != 3 {
		t.Fatalf("front matter: %+v", d.FrontMatter)
	}
	var got []string
	for _, s := range d.Sections {
		got = append(got, strings.Repeat("#", s.Level)+" "+s.Text+"@"+fmt.Sprint(s.Line)+"-"+fmt.Sprint(s.End))
	}
	want := []string{
		"# Model Card for tiny@4-27", "## Model Details@8-11", "## Uses@12-19",
		"### Direct Use@14-16", "### Out-of-Scope Use@17-19", "## Evaluation@20-27", "# Results@28-30",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("sections:\n got %q\nwant %q", got, want)
	}
	if d.Sections[1].Body != "\nA logistic regression.\n\n" {
		t.Errorf("comment not stripped from body: %q", d.Sections[1].Body)
	}
	if strings.Contains(d.Sections[2].Body, "Direct Use") {
		t.Errorf("subsection headings must not be body text: %q", d.Sections[2].Body)
	}
	if len(d.Placeholders) != 1 || d.Placeholders[0].Line != 18 || d.Placeholders[0].Col != 1 {
		t.Errorf("placeholders: %+v", d.Placeholders)
	}
	if IsEmptyText(d.Sections[4].Body) != true {
		t.Errorf("placeholder-only section should be empty: %q", d.Sections[4].Body)
	}
	if !HasNumber(d.Sections[6].Body) || HasNumber(d.Sections[5].Body[:0]+"F1 and top-k") {
		t.Errorf("HasNumber wrong")
	}
}

func itoa(n int) string { return fmt.Sprintf("%02d", n) }

func TestHasNumber(t *testing.T) {
	for s, want := range map[string]bool{
		"accuracy 0.91":             true,
		"F1 of 87%":                 true,
		"| acc | 0.8 |":             true,
		"F1 and bert2 are good":     false,
		"see the results below":     false,
		"error rate 3e-4":           true,
		"[More Information Needed]": false,
	} {
		if got := HasNumber(s); got != want {
			t.Errorf("HasNumber(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestClassify(t *testing.T) {
	for h, want := range map[string][]Topic{
		"Model Details":                     {Details},
		"Bias, Risks, and Limitations":      {Limitations, Ethics},
		"Training and evaluation data":      {TrainingData, Evaluation},
		"3.2 Training Data":                 {TrainingData},
		"Training procedure":                nil,
		"Out-of-Scope Use":                  {OutOfScope},
		"Intended uses & limitations":       {IntendedUse, Limitations},
		"Ethical Considerations":            {Ethics},
		"Caveats and Recommendations":       {Limitations},
		"Quantitative Analyses":             {Evaluation},
		"Installation":                      nil,
		"Uses":                              {IntendedUse},
		"How to Get Started with the Model": nil,
	} {
		if got := Classify(h); !reflect.DeepEqual(got, want) {
			t.Errorf("Classify(%q) = %v, want %v", h, got, want)
		}
	}
}

func TestLooksLikeCard(t *testing.T) {
	for src, want := range map[string]bool{
		"# Project\n## Installation\n## Training\n## Evaluation\n": false,
		"# Project\n## Intended use\nx\n## Limitations\ny\n":       true,
		"---\npipeline_tag: text-classification\n---\n# Hi\n":      true,
		"# Model card\n": true,
		"---\ntitle: blog\n---\n# Hi\n## Limitations\n": false,
	} {
		if got := Parse([]byte(src)).LooksLikeCard(); got != want {
			t.Errorf("LooksLikeCard(%q) = %v, want %v", src, got, want)
		}
	}
}

func TestFrontMatterErrors(t *testing.T) {
	for src, wantLine := range map[string]int{
		"---\nlicense: mit\nfoo: [1, 2\n---\n":    3,
		"---\nlicense: mit\n  bad: indent\n---\n": 3,
		"---\nlicense: mit\n":                     1,
		"---\n- a\n- b\n---\n":                    2,
		"---\na: 1\na: 2\n---\n":                  3,
	} {
		d := Parse([]byte(src))
		if d.FrontMatter == nil || d.FrontMatter.Err == nil {
			t.Errorf("%q: no error", src)
			continue
		}
		if d.FrontMatter.Err.Line != wantLine {
			t.Errorf("%q: error at line %d, want %d (%s)", src, d.FrontMatter.Err.Line, wantLine, d.FrontMatter.Err.Msg)
		}
	}
	if d := Parse([]byte("---\n---\n# x\n")); d.FrontMatter == nil || d.FrontMatter.Err != nil || d.FrontMatter.Root != nil {
		t.Errorf("empty front matter: %+v", d.FrontMatter)
	}
	if d := Parse([]byte("# x\n---\n")); d.FrontMatter != nil {
		t.Errorf("front matter must be at the top")
	}
}

func TestValidateMetadata(t *testing.T) {
	src := `---
license: Apache-2.0
library_name: 3
pipeline_tag: [a]
datasets: imdb
metrics:
  - accuracy
  - {x: 1}
base_model: [bert-base-uncased]
model-index:
- name: m
  results:
  - task:
      name: cls
    dataset:
      type: imdb
    metrics:
    - type: accuracy
    - value: 0.9
---
`
	d := Parse([]byte(src))
	if d.FrontMatter.Err != nil {
		t.Fatal(d.FrontMatter.Err)
	}
	var got []string
	for _, p := range ValidateMetadata(d.FrontMatter.Root) {
		got = append(got, itoa(p.Line)+" "+p.Field)
	}
	want := []string{
		"02 license", "03 library_name", "04 pipeline_tag", "08 metrics[1]",
		"13 model-index[0].results[0].task.type", "15 model-index[0].results[0].dataset.name",
		"18 model-index[0].results[0].metrics[0].value", "19 model-index[0].results[0].metrics[1].type",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("problems:\n got %q\nwant %q", got, want)
	}

	other := Parse([]byte("---\nlicense: other\nlicense_name: acme\n---\n"))
	ps := ValidateMetadata(other.FrontMatter.Root)
	if len(ps) != 1 || ps[0].Field != "license_link" || ps[0].Kind != LicenseProblem {
		t.Errorf("other without link: %+v", ps)
	}
	good := Parse([]byte("---\nlicense: other\nlicense_name: acme\nlicense_link: LICENSE\ndatasets: [imdb]\n---\n"))
	if ps := ValidateMetadata(good.FrontMatter.Root); len(ps) != 0 {
		t.Errorf("valid metadata flagged: %+v", ps)
	}
	if ps := ValidateMetadata(Parse([]byte("---\nlicense: foo-1.0\n---\n")).FrontMatter.Root); len(ps) != 1 || !strings.Contains(ps[0].Msg, `"other"`) {
		t.Errorf("unknown license: %+v", ps)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("---\nlicense: mit\n---\n# T\n## Uses\n[More Information Needed]\n"))
	f.Add([]byte("Title\n=====\n<!-- c\n# no -->\n```\n# no\n```\n"))
	f.Add([]byte("---\na: &a [*a]\n---\n"))
	f.Add([]byte("---\nmodel-index:\n- results:\n  - metrics: [{type: a}]\n---\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		d := Parse(b)
		for _, s := range d.Sections {
			if s.Line < 1 || s.End < s.Line || s.End > len(d.Lines)+1 {
				t.Fatalf("bad section lines %+v (doc has %d lines)", s.Heading, len(d.Lines))
			}
		}
		if fm := d.FrontMatter; fm != nil {
			if fm.Err != nil && (fm.Err.Line < 1 || fm.Err.Line > len(d.Lines)+1) {
				t.Fatalf("error line %d outside 1..%d", fm.Err.Line, len(d.Lines))
			}
			for _, p := range ValidateMetadata(fm.Root) {
				if p.Line < 1 || p.Line > len(d.Lines) {
					t.Fatalf("problem line %d outside 1..%d: %+v", p.Line, len(d.Lines), p)
				}
			}
		}
		_ = d.LooksLikeCard()
		_ = d.DescribesModelInLead()
		_ = MentionsOutOfScope(string(b))
		_ = HasMetricValue(string(b))
		_ = d.TopicSections()
	})
}

func FuzzFrontMatter(f *testing.F) {
	f.Add("license: other\nlicense_name: x\n")
	f.Add("model-index:\n- name: m\n  results:\n  - task: {type: t}\n    dataset: {type: d, name: n}\n    metrics: [{type: acc, value: 1}]\n")
	f.Add("a: [")
	f.Add("x: &x\n  y: *x\n")
	f.Fuzz(func(t *testing.T, src string) {
		root, err := ParseFrontMatter(src, 1)
		if err != nil {
			if err.Line < 2 {
				t.Fatalf("error line %d before the YAML starts", err.Line)
			}
			return
		}
		_ = ValidateMetadata(root)
		_ = ModelIndexValues(root)
	})
}

// BenchmarkParse parses a large filled-in card with front matter and
// validates its metadata, as one model-card run does per card.
func BenchmarkParse(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("---\nlicense: apache-2.0\nlibrary_name: transformers\nmodel-index:\n- name: m\n  results:\n")
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&sb, "  - task: {type: text-classification}\n    dataset: {type: d%d, name: D%d}\n    metrics: [{type: accuracy, value: 0.%d}]\n", i, i, i)
	}
	sb.WriteString("---\n")
	for i := 0; i < 100; i++ {
		fmt.Fprintf(&sb, "## Section %d\n\n<!-- comment -->\nSome text with a number %d.\n\n```\ncode\n```\n\n", i, i)
	}
	src := []byte(sb.String())
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for b.Loop() {
		d := Parse(src)
		_ = ValidateMetadata(d.FrontMatter.Root)
		_ = d.TopicSections()
	}
}

// Out-of-scope statements written as a sentence of the intended-use or
// limitations text, as careful cards often do, count as the section.
func TestMentionsOutOfScope(t *testing.T) {
	yes := []string{
		"On-device keyword detection. Not for speaker identification.",
		"The model should not be relied upon for credit decisions.",
		"It is not appropriate for medical diagnosis.",
		"Not meant for languages other than English.",
		"For research use only.",
		"Do not deploy it where children interact with it.",
		"Out of scope: surveillance.",
		"Unsuitable for real-time control.",
	}
	for _, s := range yes {
		if !MentionsOutOfScope(s) {
			t.Errorf("MentionsOutOfScope(%q) = false, want true", s)
		}
	}
	no := []string{
		"Ranking subscribers by churn risk for retention outreach.",
		"Accuracy drops at low SNR.",
		"Notably fast on CPUs; a note for users: batch inputs.",
	}
	for _, s := range no {
		if MentionsOutOfScope(s) {
			t.Errorf("MentionsOutOfScope(%q) = true, want false", s)
		}
	}
}

// The lead paragraph of a card written by the transformers Trainer or TRL
// describes the model; a title alone, a badge or a placeholder does not.
func TestDescribesModelInLead(t *testing.T) {
	for card, want := range map[string]bool{
		"---\nlicense: mit\n---\n\n# support-bot\n\nThis model is a fine-tuned version of [x](https://example.invalid) on UltraChat 200k and internal conversations.\n\n## Uses\n\nx\n": true,
		"Support bot\n===========\n\nA LoRA fine-tuned Llama 3.1 8B model for drafting support replies to customers.\n\n## Uses\n":                                                      true,
		"# support-bot\n\n[![badge](https://example.invalid/b.svg)](https://example.invalid)\n\n## Uses\n\nThis model is fine-tuned for drafting support replies to customers.\n":       false,
		"# support-bot\n\n<!-- Provide a quick summary of what the model is/does. -->\n\n## Uses\n":                                                                                     false,
		"# support-bot\n\nThis model is [More Information Needed] and was trained on data.\n\n## Uses\n":                                                                                false,
	} {
		if got := Parse([]byte(card)).DescribesModelInLead(); got != want {
			t.Errorf("DescribesModelInLead(%q) = %v, want %v", card, got, want)
		}
	}
}

func TestHasMetricValue(t *testing.T) {
	for text, want := range map[string]bool{
		"Top-1 accuracy 87.3% on the test set.":                              true,
		"accuracy: 0.912, macro F1: 0.874":                                   true,
		"BLEU 27 on newstest2014":                                            true,
		"The F1 score is 88 on the held-out split.":                          true,
		"| metric | value |\n|---|---|\n| accuracy | 0.91 |\n":               true,
		"| model | top-1 | params |\n|---|---:|---:|\n| ours | 87 | 86M |\n": true,
		"WER of 12 on LibriSpeech test-clean":                                true,
		"mAP@0.5:0.95 = 41":                                                  true,
		"We report top-1 accuracy and macro F1 on the 25,250 test images.":   false,
		"Evaluated for 5 epochs on 4x A10G; the checkpoint is 343.2 MB.":     false,
		"Measured with Python 3.10 and torch 2.1.0 on 1,000 images.":         false,
		"accuracy on 2,000 samples, F1 on 300 samples":                       false,
		"| split | images |\n|---|---|\n| test | 25250 |\n":                  false,
		"Accuracy and F1 were computed in 2023 on the validation split.":     false,
		"See the paper for accuracy figures.":                                false,
		"F1 and bert2 beat the baseline.":                                    false,
		"COCO-style metrics: MaP, MaP@0.5 and recall@100 are reported.":      false,
		"pass@1 and mAP@50% are computed by evaluate.py":                     false,
		"mAP@0.5: 0.612, recall@100: 0.71":                                   true,
	} {
		if got := HasMetricValue(text); got != want {
			t.Errorf("HasMetricValue(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestModelIndexValues(t *testing.T) {
	for src, want := range map[string]bool{
		"model-index:\n- name: x\n  results:\n  - metrics:\n    - type: accuracy\n      value: 0.9\n": true,
		"model-index:\n- name: x\n  results:\n  - metrics:\n    - type: accuracy\n    - value: 0.9\n": false,
		"license: mit\n": false,
	} {
		d := Parse([]byte("---\n" + src + "---\n# x\n"))
		if d.FrontMatter == nil || d.FrontMatter.Root == nil {
			t.Fatalf("%q: no front matter", src)
		}
		if got := ModelIndexValues(d.FrontMatter.Root); got != want {
			t.Errorf("%q: got %v, want %v", src, got, want)
		}
	}
}
