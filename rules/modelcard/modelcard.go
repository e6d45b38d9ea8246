package modelcard

import (
	"fmt"
	"path"
	"strings"

	"github.com/git-repro/git-repro/checks"
	card "github.com/git-repro/git-repro/parse/modelcard"
	"github.com/git-repro/git-repro/rules/artifact"
	"github.com/git-repro/git-repro/rules/internal/wording"
	"github.com/git-repro/git-repro/snapshot"
)

// Family is the model-card family: every model artifact needs a model
// card with the standard sections and valid Hugging Face metadata. The
// model-card: section of .repro.yaml configures it.
var Family = checks.Family{Name: "modelcard", Rules: rules, Settings: Settings}

// Settings is the model-card: section of .repro.yaml.
var Settings = checks.SectionOf[Config]("model-card")

// Config is the model-card: section of .repro.yaml.
type Config struct {
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

// Names returns the card names to look for: the configured ones, or
// DefaultCardNames.
func (c Config) Names() []string {
	if len(c.CardNames) > 0 {
		return c.CardNames
	}
	return DefaultCardNames
}

func isReadmeName(p string) bool {
	return strings.HasPrefix(strings.ToLower(path.Base(p)), "readme")
}

const cardSectionsHint = "sections: Model Details, Intended Use (and Out-of-Scope Use), Training Data, Evaluation (with numbers), Limitations, Ethical Considerations"

var rules = []*checks.Rule{
	{
		ID: "REPRO-CARD-001", Category: checks.CatModelCard, Severity: checks.Warning,
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
		ID: "REPRO-CARD-002", Category: checks.CatModelCard, Severity: checks.Warning,
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
		ID: "REPRO-CARD-003", Category: checks.CatModelCard, Severity: checks.Warning,
		Title:       "model card section empty",
		Doc:         `A heading with nothing under it (or only template comments and placeholders) tells the reader nothing.`,
		Remediation: "write the section's content, or remove the heading if the card covers it elsewhere",
		Run:         runCardChecks(cardEmptySections),
	},
	{
		ID: "REPRO-CARD-004", Category: checks.CatModelCard, Severity: checks.Warning,
		Title:       "model card placeholder not filled in",
		Doc:         `The Hugging Face template and the transformers Trainer write "[More Information Needed]" where the author has to fill in facts.`,
		Remediation: "replace the placeholder with the information, or delete the line if it does not apply",
		Run:         runCardChecks(cardPlaceholders),
	},
	{
		ID: "REPRO-CARD-005", Category: checks.CatModelCard, Severity: checks.Warning,
		Title: "model card metrics without numbers",
		Doc: `An evaluation section that names metrics but gives no values cannot be checked by anyone reproducing the model. ` +
			`A value is a percentage, a decimal that is no size or version, a number right after a metric's name ("BLEU 27", "F1 of 0.88") or a number in a table of metrics, or a value in the metadata's model-index; ` +
			`numbers that count or size things ("the 25,250 test images", "5 epochs", "343 MB") are not.`,
		Remediation: "report the measured values (e.g. `| accuracy | 0.91 |`) with the data they were measured on",
		Run:         runCardChecks(cardMetricsNumbers),
	},
	{
		ID: "REPRO-CARD-006", Category: checks.CatModelCard, Severity: checks.Error,
		Title:       "model card front matter is not valid yaml",
		Doc:         `The YAML block between "---" lines at the top of a card is its machine-readable metadata; the Hugging Face Hub rejects a push whose metadata does not parse, and tools that read it fail.`,
		Remediation: "fix the YAML at the reported line (indentation, unclosed brackets or quotes, duplicate keys)",
		Run:         runCardChecks(cardFrontMatterErrors),
	},
	{
		ID: "REPRO-CARD-007", Category: checks.CatModelCard, Severity: checks.Error,
		Title: "model card license not a known id",
		Doc: `The card's "license:" must be an id the Hugging Face Hub accepts (apache-2.0,
mit, cc-by-4.0, llama3.1, ...). A license that is not on the list is "other",
with "license_name" and "license_link" (a URL or a LICENSE file path).`,
		Remediation: "use a listed license id, or `license: other` with `license_name:` and `license_link:`",
		Run:         runCardChecks(cardMetadata(card.LicenseProblem)),
	},
	{
		ID: "REPRO-CARD-008", Category: checks.CatModelCard, Severity: checks.Error,
		Title: "model card metadata field has the wrong type",
		Doc: `Hugging Face metadata types: datasets, metrics, base_model, language and tags
are a string or a list of strings; library_name, pipeline_tag, license_name and
license_link are strings. The Hub validates these only when you push; this checks
them offline.`,
		Remediation: "write the field as the documented type, e.g. `datasets:\\n  - imdb`",
		Run:         runCardChecks(cardMetadata(card.TypeProblem)),
	},
	{
		ID: "REPRO-CARD-009", Category: checks.CatModelCard, Severity: checks.Error,
		Title: "model card model-index result incomplete",
		Doc: "Each `model-index[].results[]` entry needs `task.type`, `dataset.type` and\n" +
			"`dataset.name`, and `metrics[]` entries with `type` and `value`; the Hub rejects\n" +
			"a card without them and cannot show the evaluation results.",
		Remediation: "complete the entry, e.g. `task: {type: text-classification}`, `dataset: {type: imdb, name: IMDb}`, `metrics: [{type: accuracy, value: 0.91}]`",
		Run:         runCardChecks(cardMetadata(card.ModelIndexProblem)),
	},
}

// parsedCard returns the parsed card at p (memoised per run), nil when it
// cannot be read.
func parsedCard(p *checks.Pass, file string) *card.Doc {
	v := p.Memo("modelcard:"+file, func() any {
		b, err := p.Tree.ReadFile(file)
		if err != nil {
			return (*card.Doc)(nil)
		}
		return card.Parse(b)
	})
	return v.(*card.Doc)
}

// passMatcher is the artifact matcher of one run: the built-in formats
// and the model-card.artifacts globs.
func passMatcher(p *checks.Pass) *artifact.Matcher {
	return p.Memo("artifact-matcher", func() any { return artifact.NewMatcher(Settings.Get(p.Config).Artifacts) }).(*artifact.Matcher)
}

// Artifacts lists the snapshot's model artifacts as the model-card rules
// see them: by the built-in formats and cfg's model-card.artifacts globs
// (cfg nil: defaults). The report's checklist counts the same ones.
func Artifacts(tree snapshot.Tree, files []snapshot.FileInfo, cfg *checks.Config) []artifact.Artifact {
	return artifact.ModelArtifacts(tree, files, Settings.Get(cfg).Artifacts)
}

// findCard looks for the card of something in dir: the configured names in
// dir and each parent up to the root. A README counts only if it has
// model-card sections.
func findCard(p *checks.Pass, dir string) (string, bool) {
	names := Settings.Get(p.Config).Names()
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

func runCardMissing(p *checks.Pass) {
	arts := artifact.Find(p.Targets, passMatcher(p), artifact.PassDVC(p))
	// Artifacts committed in one directory (a checkpoint's weights,
	// optimizer and scheduler state) share one card: one finding per
	// directory, on its first artifact. DVC outputs are reported at the
	// line that declares each.
	type group struct {
		first artifact.Artifact
		n     int
	}
	groups := map[string]*group{}
	var order []string
	for _, a := range arts {
		dir := path.Dir(a.Path)
		if artifact.InTestDir(a.Path) {
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
			more = fmt.Sprintf(" and %s in %q have", wording.Plural(g.n-1, "other artifact"), dir)
		}
		want := path.Join(dir, "MODEL_CARD.md")
		p.Report(checks.Diag{
			Pos:     a.Pos(),
			Message: fmt.Sprintf("%s %q%s%s no model card: add %q or a README.md with model-card sections in its directory or a parent", what, a.Path, fw, more, want),
			Hint:    fmt.Sprintf("run `git repro init --model-card %s` to write %s, then fill in %s", a.Path, want, cardSectionsHint),
			Key:     "no-card:" + key,
		})
	}
}

// cardTargets returns the cards among the targets: files with a card name
// (other than README) and READMEs that are model cards (Hugging Face
// metadata, a "Model Card" heading, or card sections next to a model).
func cardTargets(p *checks.Pass) []string {
	return p.Memo("modelcard-targets", func() any {
		names := Settings.Get(p.Config).Names()
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
			arts := artifact.Find(files, passMatcher(p), artifact.PassDVC(p))
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

func explicitCard(doc *card.Doc) bool {
	for _, h := range doc.Headings() {
		if strings.Contains(card.Normalize(h.Text), "model card") {
			return true
		}
	}
	return false
}

// runCardChecks runs check on each model card among the targets.
func runCardChecks(check func(p *checks.Pass, file string, doc *card.Doc)) func(*checks.Pass) {
	return func(p *checks.Pass) {
		for _, f := range cardTargets(p) {
			if doc := parsedCard(p, f); doc != nil {
				check(p, f, doc)
			}
		}
	}
}

func cardMissingSections(p *checks.Pass, file string, doc *card.Doc) {
	topics := doc.TopicSections()
	for _, t := range card.RequiredTopics {
		if len(topics[t]) > 0 {
			continue
		}
		if t == card.Details && doc.DescribesModelInLead() {
			continue
		}
		if t == card.OutOfScope {
			if len(topics[card.IntendedUse]) == 0 {
				continue // reported with intended use
			}
			// Cards often state the excluded uses in the intended-use
			// text ("Not for speaker identification") or among the
			// limitations rather than under a heading of their own.
			mentioned, useEmpty := false, true
			for _, s := range append(topics[card.IntendedUse], topics[card.Limitations]...) {
				if card.MentionsOutOfScope(s.Body) {
					mentioned = true
				}
			}
			for _, s := range topics[card.IntendedUse] {
				if !card.IsEmptyText(s.Body) {
					useEmpty = false
				}
			}
			if mentioned || useEmpty {
				continue // an empty intended-use section is REPRO-CARD-003's finding
			}
			use := topics[card.IntendedUse][0]
			p.ReportHintf(checks.Pos{Path: file, Line: use.Line}, "add `### Out-of-Scope Use` under the intended-use section (or a sentence such as \"Not intended for ...\"): what the model must not be used for and where it fails",
				"model card section %q does not say which uses are out of scope: add an %q subsection", use.Text, t.Name())
			continue
		}
		extra := ""
		if t == card.IntendedUse {
			extra = " with out-of-scope uses"
		}
		p.ReportHintf(checks.Pos{Path: file}, fmt.Sprintf("add `## %s` (also accepted: %s)%s", t.Name(), t.Synonyms(), extra),
			"model card has no %q section", t.Name())
	}
}

func cardEmptySections(p *checks.Pass, file string, doc *card.Doc) {
	topics := doc.TopicSections()
	reported := map[int]bool{}
	for _, t := range card.RequiredTopics {
		secs := topics[t]
		if len(secs) == 0 {
			continue
		}
		empty := true
		for _, s := range secs {
			if !card.IsEmptyText(s.Body) {
				empty = false
			}
		}
		if !empty || reported[secs[0].Line] {
			continue
		}
		reported[secs[0].Line] = true
		what := ""
		if card.Normalize(secs[0].Text) != card.Normalize(t.Name()) {
			what = " (" + strings.ToLower(t.Name()) + ")"
		}
		p.Reportf(checks.Pos{Path: file, Line: secs[0].Line}, "model card section %q%s is empty", secs[0].Text, what)
	}
}

func cardPlaceholders(p *checks.Pass, file string, doc *card.Doc) {
	for _, ph := range doc.Placeholders {
		where := ""
		if s := sectionAt(doc, ph.Line); s != "" {
			where = fmt.Sprintf(" in %q", s)
		}
		p.Reportf(checks.Pos{Path: file, Line: ph.Line, Col: ph.Col}, "model card placeholder %q%s is not filled in", ph.Text, where)
	}
}

// sectionAt names the innermost section containing line.
func sectionAt(doc *card.Doc, line int) string {
	name := ""
	for _, s := range doc.Sections {
		if s.Line < line && line <= s.End {
			name = s.Text
		}
	}
	return name
}

func cardMetricsNumbers(p *checks.Pass, file string, doc *card.Doc) {
	secs := doc.TopicSections()[card.Evaluation]
	if len(secs) == 0 {
		return
	}
	for _, s := range secs {
		if card.IsEmptyText(s.Body) {
			continue
		}
		if card.HasMetricValue(s.Body) {
			return
		}
	}
	if fm := doc.FrontMatter; fm != nil && fm.Root != nil && card.ModelIndexValues(fm.Root) {
		return // the values are in the metadata's model-index
	}
	for _, s := range secs {
		if !card.IsEmptyText(s.Body) {
			if card.NamesMetric(s.Body) {
				p.Reportf(checks.Pos{Path: file, Line: s.Line}, "model card section %q names metrics but gives none of their values (counts and sizes are not results): give the measured value of each, e.g. \"accuracy: 0.91\"", s.Text)
			} else {
				p.Reportf(checks.Pos{Path: file, Line: s.Line}, "model card section %q reports no metric values: give the measured metric values", s.Text)
			}
			return
		}
	}
}

func cardFrontMatterErrors(p *checks.Pass, file string, doc *card.Doc) {
	if fm := doc.FrontMatter; fm != nil && fm.Err != nil {
		p.Reportf(checks.Pos{Path: file, Line: fm.Err.Line}, "model card %s", fm.Err.Msg)
	}
}

func cardMetadata(kind card.ProblemKind) func(p *checks.Pass, file string, doc *card.Doc) {
	return func(p *checks.Pass, file string, doc *card.Doc) {
		if doc.FrontMatter == nil || doc.FrontMatter.Root == nil {
			return
		}
		probs := p.Memo("modelcard-meta:"+file, func() any { return card.ValidateMetadata(doc.FrontMatter.Root) }).([]card.Problem)
		for _, pr := range probs {
			if pr.Kind == kind {
				p.Reportf(checks.Pos{Path: file, Line: pr.Line}, "%s", pr.Msg)
			}
		}
	}
}
