package modelcard

import (
	"strings"

	"github.com/git-repro/git-repro/internal/lazyre"
)

// Topic is a section a model card must have, whatever its heading says.
type Topic int

// The required topics: the lecture's template, Mitchell et al. (2019) and
// the Hugging Face template agree on these.
const (
	Details Topic = iota + 1
	IntendedUse
	OutOfScope
	TrainingData
	Evaluation
	Limitations
	Ethics
)

// RequiredTopics are the topics every card needs a section for, in the
// order they are reported. OutOfScope may be a heading or a statement
// inside the intended-use section.
var RequiredTopics = []Topic{Details, IntendedUse, OutOfScope, TrainingData, Evaluation, Limitations, Ethics}

// Name is the heading a card should use for the topic.
func (t Topic) Name() string {
	switch t {
	case Details:
		return "Model Details"
	case IntendedUse:
		return "Intended Use"
	case OutOfScope:
		return "Out-of-Scope Use"
	case TrainingData:
		return "Training Data"
	case Evaluation:
		return "Evaluation"
	case Limitations:
		return "Limitations"
	case Ethics:
		return "Ethical Considerations"
	}
	return "unknown"
}

// Synonyms describes the headings accepted for the topic (for messages).
func (t Topic) Synonyms() string {
	switch t {
	case Details:
		return "model description, overview, summary"
	case IntendedUse:
		return "uses, direct use, use cases"
	case OutOfScope:
		return "misuse, not intended for"
	case TrainingData:
		return "training details, dataset, data"
	case Evaluation:
		return "performance, metrics, results"
	case Limitations:
		return "bias, risks, caveats"
	case Ethics:
		return "ethics, responsible AI, fairness"
	}
	return ""
}

type topicRule struct {
	topic Topic
	// exact headings (normalised) and phrases the heading may contain.
	exact, contains []string
}

var topicRules = []topicRule{
	{Details, []string{"details", "description", "overview", "summary", "about", "architecture", "model", "model card details"},
		[]string{"model details", "model description", "model overview", "model summary", "model information", "model info", "model architecture", "about the model", "model type"}},
	{IntendedUse, []string{"use", "uses", "usage scope", "applications"},
		[]string{"intended use", "intended uses", "intended usage", "use case", "use cases", "direct use", "downstream use", "primary use", "primary uses", "intended purpose", "intended users", "intended application"}},
	{OutOfScope, nil,
		[]string{"out of scope", "misuse", "mis use", "not intended", "prohibited use", "unintended use", "malicious use", "unsupported use"}},
	{TrainingData, []string{"training", "data", "dataset", "datasets", "data sources", "training details"},
		[]string{"training data", "training dataset", "training datasets", "training set", "training and evaluation data", "training corpus", "pretraining data", "pre training data", "fine tuning data", "finetuning data", "train data"}},
	{Evaluation, []string{"eval"},
		[]string{"evaluation", "evaluations", "performance", "metrics", "metric", "results", "benchmark", "benchmarks", "quantitative analyses", "quantitative analysis", "accuracy", "scores"}},
	{Limitations, nil,
		[]string{"limitation", "limitations", "risk", "risks", "bias", "biases", "caveat", "caveats", "known issues", "failure modes", "weaknesses", "shortcomings"}},
	// The Hugging Face template folds ethics into "Bias, Risks, and
	// Limitations", so a bias heading covers both.
	{Ethics, nil,
		[]string{"ethical", "ethics", "ethical considerations", "responsible ai", "societal impact", "social impact", "fairness", "bias", "biases"}},
}

var nonWord = lazyre.New(`[^\p{L}\p{N}+]+`)
var leadingNumber = lazyre.New(`^(?:\d+ )+`)

// Normalize lowercases a heading and reduces it to words: "3.1 Bias,
// Risks & Limitations" -> "bias risks and limitations".
func Normalize(heading string) string {
	s := strings.ToLower(heading)
	s = strings.ReplaceAll(s, "&", " and ")
	s = strings.ReplaceAll(s, "-", " ")
	s = strings.TrimSpace(nonWord().ReplaceAllString(s, " "))
	return leadingNumber().ReplaceAllString(s, "")
}

// Classify returns the topics a heading covers (a heading such as
// "Training and evaluation data" covers two).
func Classify(heading string) []Topic {
	h := Normalize(heading)
	if h == "" {
		return nil
	}
	padded := " " + h + " "
	var out []Topic
	for _, r := range topicRules {
		hit := false
		for _, e := range r.exact {
			if h == e {
				hit = true
			}
		}
		for _, c := range r.contains {
			if strings.Contains(padded, " "+c+" ") {
				hit = true
			}
		}
		if hit {
			out = append(out, r.topic)
		}
	}
	return out
}

// outOfScopeText finds an out-of-scope statement inside an intended-use
// or limitations section: "Out of scope: ...", "Not for ...", "should not
// be deployed ...", "not appropriate for ...", "for research use only".
var outOfScopeText = lazyre.New(`(?i)out[- ]of[- ]scope|\bnot (?:be )?(?:intended|meant|suitable|appropriate|recommended|validated|designed (?:to|for))\b|\b(?:should|must|may|can) ?not be (?:used|deployed|relied)|\bcannot be (?:used|relied)|\b(?:do not|don't|never) (?:use|deploy|rely)\b|\bnot for\b|\b(?:unsuitable|inappropriate) for\b|misuse|never be used|\b(?:research|academic|non-commercial|evaluation) (?:use|purposes) only\b|\bonly for (?:research|academic|non-commercial)\b`)

// MentionsOutOfScope reports whether text says what a model must not be
// used for.
func MentionsOutOfScope(text string) bool { return outOfScopeText().MatchString(text) }

// TopicSections maps each topic to the card's sections that cover it.
func (d *Doc) TopicSections() map[Topic][]Section {
	m := map[Topic][]Section{}
	for _, s := range d.Sections {
		for _, t := range Classify(s.Text) {
			m[t] = append(m[t], s)
		}
	}
	return m
}

// modelCardHeading matches a heading that names the document a model card.
var modelCardHeading = lazyre.New(`(?i)\bmodel[ -]?card\b`)

// LooksLikeCard reports whether a README has model-card sections: Hugging
// Face model metadata, a "Model Card" heading, or at least two of the
// card's topics including one that project READMEs do not usually have
// (intended use, limitations, ethics): a project README with "Training"
// and "Evaluation" sections is not a card.
func (d *Doc) LooksLikeCard() bool {
	if d.HasModelMetadata() {
		return true
	}
	found := map[Topic]bool{}
	for _, s := range d.Sections {
		if modelCardHeading().MatchString(s.Text) {
			return true
		}
		for _, t := range Classify(s.Text) {
			found[t] = true
		}
	}
	n := 0
	for _, t := range []Topic{IntendedUse, TrainingData, Evaluation, Limitations, Ethics} {
		if found[t] {
			n++
		}
	}
	special := found[IntendedUse] || found[Limitations] || found[Ethics]
	return n >= 2 && special
}

// leadDescription matches a lead paragraph that describes the model.
var leadDescription = lazyre.New(`(?i)\b(model|fine[- ]?tuned|trained|checkpoint|classifier|network|encoder|decoder|transformer|architecture)\b`)

// DescribesModelInLead reports whether the card's lead (the prose between
// the front matter or title and the first section heading) describes the
// model: "This model is a fine-tuned version of ... on ...". Cards written
// by transformers' Trainer, TRL and many authors put the model details
// there instead of under a "Model Details" heading.
func (d *Doc) DescribesModelInLead() bool {
	start := 0
	if d.FrontMatter != nil && d.FrontMatter.End > 0 {
		start = d.FrontMatter.End
	}
	end := len(d.Lines)
	for _, h := range d.Headings() {
		if h.Line <= start {
			continue
		}
		if h.Level >= 2 {
			end = h.Line - 1
			break
		}
	}
	titles := map[int]bool{}
	for _, h := range d.Headings() {
		titles[h.Line] = true
		if h.Line < len(d.Lines) && setextEqRe().MatchString(d.Lines[h.Line]) {
			titles[h.Line+1] = true // the "===" under a setext title
		}
	}
	var b strings.Builder
	inComment := false
	for i := start; i < end && i < len(d.Lines); i++ {
		l := strings.TrimSpace(d.Lines[i])
		if titles[i+1] {
			continue
		}
		if strings.HasPrefix(l, "<!--") {
			inComment = !strings.Contains(l, "-->")
			continue
		}
		if inComment {
			inComment = !strings.Contains(l, "-->")
			continue
		}
		if l == "" || strings.HasPrefix(l, "![") || strings.HasPrefix(l, "[![") || strings.HasPrefix(l, "<") {
			continue
		}
		b.WriteString(l)
		b.WriteByte(' ')
	}
	lead := b.String()
	return len(lead) >= 60 && leadDescription().MatchString(lead) && !placeholderRe().MatchString(lead)
}
