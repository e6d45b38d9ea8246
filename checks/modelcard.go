package checks

import (
	"fmt"
	"path"
	"strings"

	"github.com/git-repro/git-repro/parse/modelcard"
	"github.com/git-repro/git-repro/snapshot"
)

// ModelCardSettings is the model-card: section of .repro.yaml.
var ModelCardSettings = SectionOf[ModelCardConfig]("model-card")

// ModelCardConfig holds this family's .repro.yaml settings.
type ModelCardConfig struct {
	// Artifacts are extra globs (gitignore-style, "**" allowed) of files
	// that are model artifacts, beyond the built-in extensions.
	Artifacts []string `yaml:"artifacts"`
	// CardNames are the file names accepted as a model card, looked up in
	// the artifact's directory and its parents. Default: MODEL_CARD.md,
	// model_card.md, README.md (a README only if it has model-card
	// sections).
	CardNames []string `yaml:"card-names"`
}

// DefaultCardNames are the model card file names looked for by default.
var DefaultCardNames = []string{"MODEL_CARD.md", "model_card.md", "README.md"}

func (c ModelCardConfig) Names() []string {
	if len(c.CardNames) > 0 {
		return c.CardNames
	}
	return DefaultCardNames
}

func isReadmeName(p string) bool {
	return strings.HasPrefix(strings.ToLower(path.Base(p)), "readme")
}

const cardSectionsHint = "sections: Model Details, Intended Use (and Out-of-Scope Use), Training Data, Evaluation (with numbers), Limitations, Ethical Considerations"

var modelCardRules = []*Rule{
	{
		ID: "REPRO-CARD-001", Category: CatModelCard, Severity: Warning,
		Title: "model artifact without a model card",
		Doc: `A trained model that nobody can describe cannot be reproduced or used
safely: which data trained it, what it is for, how well it did, where it fails.
Every model artifact (by extension: .pt .pth .ckpt .safetensors .onnx .h5 .keras
.pb .tflite .gguf .mlmodel; .bin, .pkl and .joblib inside a model directory;
paths listed under model-card.artifacts; as a raw file, an LFS pointer or a DVC
output) needs a model card: MODEL_CARD.md or model_card.md in its directory or a
parent directory up to the repository root, or a README.md there that has
model-card sections. Artifacts under test directories (tests/, test/, testdata/,
fixtures/) are test inputs and need no card.`,
		Remediation: "run `git repro init --model-card PATH` to write a MODEL_CARD.md skeleton beside the artifact, then fill in " + cardSectionsHint,
		Run:         runCardMissing,
	},
	{
		ID: "REPRO-CARD-002", Category: CatModelCard, Severity: Warning,
		Title: "model card section missing",
		Doc: `A model card needs the sections of Mitchell et al. (2019) and the Hugging
Face template: model details; intended use and out-of-scope use; training data;
evaluation (performance, metrics); limitations (bias, risks); ethical
considerations. Common synonyms are accepted ("Uses", "Bias, Risks, and
Limitations", "Results", "Training Details", ...).`,
		Remediation: "add the section as a Markdown heading with its content, e.g. `## Limitations`",
		Run:         runCardChecks(cardMissingSections),
	},
	{
		ID: "REPRO-CARD-003", Category: CatModelCard, Severity: Warning,
		Title:       "model card section empty",
		Doc:         `A heading with nothing under it (or only template comments and placeholders) tells the reader nothing.`,
		Remediation: "write the section's content, or remove the heading if the card covers it elsewhere",
		Run:         runCardChecks(cardEmptySections),
	},
	{
		ID: "REPRO-CARD-004", Category: CatModelCard, Severity: Warning,
		Title:       "model card placeholder not filled in",
		Doc:         `The Hugging Face template and the transformers Trainer write "[More Information Needed]" where the author has to fill in facts.`,
		Remediation: "replace the placeholder with the information, or delete the line if it does not apply",
		Run:         runCardChecks(cardPlaceholders),
	},
	{
		ID: "REPRO-CARD-005", Category: CatModelCard, Severity: Warning,
		Title:       "model card metrics without numbers",
		Doc:         `An evaluation section that names metrics but gives no values cannot be checked by anyone reproducing the model.`,
		Remediation: "report the measured values (e.g. `| accuracy | 0.91 |`) with the data they were measured on",
		Run:         runCardChecks(cardMetricsNumbers),
	},
	{
		ID: "REPRO-CARD-006", Category: CatModelCard, Severity: Error,
		Title:       "model card front matter is not valid yaml",
		Doc:         `The YAML block between "---" lines at the top of a card is its machine-readable metadata; the Hugging Face Hub rejects a push whose metadata does not parse, and tools that read it fail.`,
		Remediation: "fix the YAML at the reported line (indentation, unclosed brackets or quotes, duplicate keys)",
		Run:         runCardChecks(cardFrontMatterErrors),
	},
	{
		ID: "REPRO-CARD-007", Category: CatModelCard, Severity: Error,
		Title: "model card license not a known id",
		Doc: `The card's "license:" must be an id the Hugging Face Hub accepts (apache-2.0,
mit, cc-by-4.0, llama3.1, ...). A license that is not on the list is "other",
with "license_name" and "license_link" (a URL or a LICENSE file path).`,
		Remediation: "use a listed license id, or `license: other` with `license_name:` and `license_link:`",
		Run:         runCardChecks(cardMetadata(modelcard.LicenseProblem)),
	},
	{
		ID: "REPRO-CARD-008", Category: CatModelCard, Severity: Error,
		Title: "model card metadata field has the wrong type",
		Doc: `Hugging Face metadata types: datasets, metrics, base_model, language and tags
are a string or a list of strings; library_name, pipeline_tag, license_name and
license_link are strings. The Hub validates these only when you push; this checks
them offline.`,
		Remediation: "write the field as the documented type, e.g. `datasets:\\n  - imdb`",
		Run:         runCardChecks(cardMetadata(modelcard.TypeProblem)),
	},
	{
		ID: "REPRO-CARD-009", Category: CatModelCard, Severity: Error,
		Title: "model card model-index result incomplete",
		Doc: "Each `model-index[].results[]` entry needs `task.type`, `dataset.type` and\n" +
			"`dataset.name`, and `metrics[]` entries with `type` and `value`; the Hub rejects\n" +
			"a card without them and cannot show the evaluation results.",
		Remediation: "complete the entry, e.g. `task: {type: text-classification}`, `dataset: {type: imdb, name: IMDb}`, `metrics: [{type: accuracy, value: 0.91}]`",
		Run:         runCardChecks(cardMetadata(modelcard.ModelIndexProblem)),
	},
}

// parsedCard returns the parsed card at p (memoised per run), nil when it
// cannot be read.
func parsedCard(p *Pass, file string) *modelcard.Doc {
	v := p.Memo("modelcard:"+file, func() any {
		b, err := p.Tree.ReadFile(file)
		if err != nil {
			return (*modelcard.Doc)(nil)
		}
		return modelcard.Parse(b)
	})
	return v.(*modelcard.Doc)
}

func passDVC(p *Pass) func(string) DVCParsed {
	return func(f string) DVCParsed {
		return p.Memo("dvc:"+f, func() any { return ParseDVC(p.Tree, f) }).(DVCParsed)
	}
}

func passArtifactMatcher(p *Pass) *ArtifactMatcher {
	return p.Memo("artifact-matcher", func() any { return NewArtifactMatcher(p.Config) }).(*ArtifactMatcher)
}

// findCard looks for the card of something in dir: the configured names in
// dir and each parent up to the root. A README counts only if it has
// model-card sections.
func findCard(p *Pass, dir string) (string, bool) {
	names := ModelCardSettings.Get(p.Config).Names()
	for d := dir; ; d = path.Dir(d) {
		for _, n := range names {
			f := path.Join(d, n)
			if _, err := p.Tree.Stat(f); err != nil {
				continue
			}
			if isReadmeName(n) {
				if doc := parsedCard(p, f); doc == nil || !doc.LooksLikeCard() {
					continue
				}
			}
			return f, true
		}
		if d == "." || d == "/" || d == "" {
			return "", false
		}
	}
}

func runCardMissing(p *Pass) {
	arts := modelArtifacts(p.Targets, passArtifactMatcher(p), passDVC(p))
	// Artifacts committed in one directory (a checkpoint's weights,
	// optimizer and scheduler state) share one card: one finding per
	// directory, on its first artifact. DVC outputs are reported at the
	// line that declares each.
	type group struct {
		first Artifact
		n     int
	}
	groups := map[string]*group{}
	var order []string
	for _, a := range arts {
		dir := path.Dir(a.Path)
		if inTestDir(a.Path) {
			continue // a test fixture (tests/fixtures/tiny.pt), not a released model
		}
		if a.Dir {
			// A DVC directory output: its card may sit inside it (when
			// the card is committed there) or beside it.
			if _, ok := findCard(p, a.Path); ok {
				continue
			}
		}
		if _, ok := findCard(p, dir); ok {
			continue
		}
		key := "dir:" + dir
		if a.File == nil {
			key = "dvc:" + a.Path
		}
		if g := groups[key]; g != nil {
			g.n++
			continue
		}
		groups[key] = &group{first: a, n: 1}
		order = append(order, key)
	}
	for _, key := range order {
		g := groups[key]
		a := g.first
		dir := path.Dir(a.Path)
		what := "model artifact"
		switch {
		case a.DVCFile != "":
			what = "DVC-tracked model"
		case a.File != nil && a.File.LFS != nil:
			what = "model artifact (LFS)"
		}
		fw := ""
		if a.Framework != "" {
			fw = " (" + a.Framework + ")"
		}
		more := " has"
		if g.n > 1 {
			more = fmt.Sprintf(" and %s in %q have", plural(g.n-1, "other artifact"), dir)
		}
		want := path.Join(dir, "MODEL_CARD.md")
		p.Report(Diag{
			Pos:     a.Pos(),
			Message: fmt.Sprintf("%s %q%s%s no model card: add %q or a README.md with model-card sections in its directory or a parent", what, a.Path, fw, more, want),
			Hint:    fmt.Sprintf("run `git repro init --model-card %s` to write %s, then fill in %s", a.Path, want, cardSectionsHint),
			Key:     "no-card:" + key,
		})
	}
}

// testDirNames are directories that hold test inputs: a tiny checkpoint
// there exercises loading code and is not a model anyone releases.
var testDirNames = map[string]bool{
	"test": true, "tests": true, "testdata": true, "test_data": true, "test-data": true,
	"fixtures": true, "test_fixtures": true, "__fixtures__": true,
}

// inTestDir reports whether a directory of p is a test directory.
func inTestDir(p string) bool {
	for _, c := range strings.Split(strings.ToLower(path.Dir(p)), "/") {
		if testDirNames[c] {
			return true
		}
	}
	return false
}

// cardTargets returns the cards among the targets: files with a card name
// (other than README) and READMEs that are model cards (Hugging Face
// metadata, a "Model Card" heading, or card sections next to a model).
func cardTargets(p *Pass) []string {
	return p.Memo("modelcard-targets", func() any {
		names := ModelCardSettings.Get(p.Config).Names()
		var cards []string
		var maybe []string // READMEs with card sections but no explicit marker
		for _, f := range p.Targets {
			base := path.Base(f.Path)
			for _, n := range names {
				if base != n {
					continue
				}
				if !isReadmeName(n) {
					cards = append(cards, f.Path)
					break
				}
				doc := parsedCard(p, f.Path)
				if doc == nil || !doc.LooksLikeCard() {
					break
				}
				if doc.HasModelMetadata() || explicitCard(doc) {
					cards = append(cards, f.Path)
				} else {
					maybe = append(maybe, f.Path)
				}
				break
			}
		}
		if len(maybe) > 0 {
			// Does a model live under the README's directory? That needs
			// the repository's file list, asked for only here.
			var files []snapshot.FileInfo
			if p.Full {
				files = p.Targets
			} else if all, err := p.Tree.Files(); err == nil {
				files = all
			}
			arts := modelArtifacts(files, passArtifactMatcher(p), passDVC(p))
			for _, r := range maybe {
				dir := path.Dir(r)
				for _, a := range arts {
					if dir == "." || strings.HasPrefix(a.Path, dir+"/") {
						cards = append(cards, r)
						break
					}
				}
			}
		}
		return cards
	}).([]string)
}

func explicitCard(doc *modelcard.Doc) bool {
	for _, h := range doc.Headings() {
		if strings.Contains(modelcard.Normalize(h.Text), "model card") {
			return true
		}
	}
	return false
}

// runCardChecks runs check on each model card among the targets.
func runCardChecks(check func(p *Pass, file string, doc *modelcard.Doc)) func(*Pass) {
	return func(p *Pass) {
		for _, f := range cardTargets(p) {
			if doc := parsedCard(p, f); doc != nil {
				check(p, f, doc)
			}
		}
	}
}

func cardMissingSections(p *Pass, file string, doc *modelcard.Doc) {
	topics := doc.TopicSections()
	for _, t := range modelcard.RequiredTopics {
		if len(topics[t]) > 0 {
			continue
		}
		if t == modelcard.Details && doc.DescribesModelInLead() {
			continue
		}
		if t == modelcard.OutOfScope {
			if len(topics[modelcard.IntendedUse]) == 0 {
				continue // reported with intended use
			}
			// Cards often state the excluded uses in the intended-use
			// text ("Not for speaker identification") or among the
			// limitations rather than under a heading of their own.
			mentioned, useEmpty := false, true
			for _, s := range append(topics[modelcard.IntendedUse], topics[modelcard.Limitations]...) {
				if modelcard.MentionsOutOfScope(s.Body) {
					mentioned = true
				}
			}
			for _, s := range topics[modelcard.IntendedUse] {
				if !modelcard.IsEmptyText(s.Body) {
					useEmpty = false
				}
			}
			if mentioned || useEmpty {
				continue // an empty intended-use section is REPRO-CARD-003's finding
			}
			use := topics[modelcard.IntendedUse][0]
			p.ReportHintf(Pos{Path: file, Line: use.Line}, "add `### Out-of-Scope Use` under the intended-use section (or a sentence such as \"Not intended for ...\"): what the model must not be used for and where it fails",
				"model card section %q does not say which uses are out of scope: add an %q subsection", use.Text, t.Name())
			continue
		}
		extra := ""
		if t == modelcard.IntendedUse {
			extra = " with out-of-scope uses"
		}
		p.ReportHintf(Pos{Path: file}, fmt.Sprintf("add `## %s` (also accepted: %s)%s", t.Name(), t.Synonyms(), extra),
			"model card has no %q section", t.Name())
	}
}

func cardEmptySections(p *Pass, file string, doc *modelcard.Doc) {
	topics := doc.TopicSections()
	reported := map[int]bool{}
	for _, t := range modelcard.RequiredTopics {
		secs := topics[t]
		if len(secs) == 0 {
			continue
		}
		empty := true
		for _, s := range secs {
			if !modelcard.IsEmptyText(s.Body) {
				empty = false
			}
		}
		if !empty || reported[secs[0].Line] {
			continue
		}
		reported[secs[0].Line] = true
		what := ""
		if modelcard.Normalize(secs[0].Text) != modelcard.Normalize(t.Name()) {
			what = " (" + strings.ToLower(t.Name()) + ")"
		}
		p.Reportf(Pos{Path: file, Line: secs[0].Line}, "model card section %q%s is empty", secs[0].Text, what)
	}
}

func cardPlaceholders(p *Pass, file string, doc *modelcard.Doc) {
	for _, ph := range doc.Placeholders {
		where := ""
		if s := sectionAt(doc, ph.Line); s != "" {
			where = fmt.Sprintf(" in %q", s)
		}
		p.Reportf(Pos{Path: file, Line: ph.Line, Col: ph.Col}, "model card placeholder %q%s is not filled in", ph.Text, where)
	}
}

// sectionAt names the innermost section containing line.
func sectionAt(doc *modelcard.Doc, line int) string {
	name := ""
	for _, s := range doc.Sections {
		if s.Line < line && line <= s.End {
			name = s.Text
		}
	}
	return name
}

func cardMetricsNumbers(p *Pass, file string, doc *modelcard.Doc) {
	secs := doc.TopicSections()[modelcard.Evaluation]
	if len(secs) == 0 {
		return
	}
	for _, s := range secs {
		if modelcard.IsEmptyText(s.Body) {
			continue
		}
		if modelcard.HasNumber(s.Body) {
			return
		}
	}
	for _, s := range secs {
		if !modelcard.IsEmptyText(s.Body) {
			p.Reportf(Pos{Path: file, Line: s.Line}, "model card section %q reports no numbers: give the measured metric values", s.Text)
			return
		}
	}
}

func cardFrontMatterErrors(p *Pass, file string, doc *modelcard.Doc) {
	if fm := doc.FrontMatter; fm != nil && fm.Err != nil {
		p.Reportf(Pos{Path: file, Line: fm.Err.Line}, "model card %s", fm.Err.Msg)
	}
}

func cardMetadata(kind modelcard.ProblemKind) func(p *Pass, file string, doc *modelcard.Doc) {
	return func(p *Pass, file string, doc *modelcard.Doc) {
		if doc.FrontMatter == nil || doc.FrontMatter.Root == nil {
			return
		}
		probs := p.Memo("modelcard-meta:"+file, func() any { return modelcard.ValidateMetadata(doc.FrontMatter.Root) }).([]modelcard.Problem)
		for _, pr := range probs {
			if pr.Kind == kind {
				p.Reportf(Pos{Path: file, Line: pr.Line}, "%s", pr.Msg)
			}
		}
	}
}
