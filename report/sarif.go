package report

import (
	"encoding/json"
	"io"
	"net/url"
	"strings"
	"unicode"

	"github.com/git-repro/git-repro/checks"
)

// SARIF 2.1.0 identifiers.
const (
	SARIFVersion = "2.1.0"
	SARIFSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// FingerprintKey names git-repro's stable fingerprint in
	// partialFingerprints.
	FingerprintKey = "reproFingerprint/v1"
	srcRootID      = "%SRCROOT%"
	toolURI        = "https://github.com/git-repro/git-repro"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                        `json:"tool"`
	AutomationDetails  sarifAutomation                  `json:"automationDetails"`
	OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
	ColumnKind         string                           `json:"columnKind"`
	Results            []sarifResult                    `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifAutomation struct {
	ID string `json:"id"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifRule struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name"`
	ShortDescription     sarifText         `json:"shortDescription"`
	FullDescription      sarifText         `json:"fullDescription"`
	Help                 sarifHelp         `json:"help"`
	DefaultConfiguration sarifRuleConfig   `json:"defaultConfiguration"`
	Properties           sarifRuleProperty `json:"properties"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProperty struct {
	Category string   `json:"category"`
	Tags     []string `json:"tags"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

// SARIFLevel maps a severity to a SARIF level (info is "note").
func SARIFLevel(s checks.Severity) string {
	switch s {
	case checks.Error:
		return "error"
	case checks.Warning:
		return "warning"
	}
	return "note"
}

// SARIF writes a SARIF 2.1.0 log with one run: the rules (every rule of
// Options.Rules, plus a stub for any other rule a finding names) and one
// result per finding.
func SARIF(w io.Writer, findings []checks.Finding, o Options) error {
	category := o.SARIFCategory
	if category == "" {
		category = "git-repro"
	}
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name: "git-repro", Version: o.ToolVersion, InformationURI: toolURI, Rules: []sarifRule{},
		}},
		AutomationDetails: sarifAutomation{ID: strings.TrimSuffix(category, "/") + "/"},
		ColumnKind:        "unicodeCodePoints",
		Results:           []sarifResult{},
	}
	if o.SrcRoot != "" {
		root := o.SrcRoot
		if !strings.HasSuffix(root, "/") {
			root += "/"
		}
		run.OriginalURIBaseIDs = map[string]sarifArtifactLocation{srcRootID: {URI: root}}
	}
	index := map[string]int{}
	addRule := func(r sarifRule) {
		index[r.ID] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, r)
	}
	for _, r := range o.Rules {
		if _, dup := index[r.ID]; !dup {
			addRule(sarifRuleOf(r))
		}
	}
	for _, f := range findings {
		if _, ok := index[f.Rule]; !ok {
			addRule(sarifRuleOf(&checks.Rule{ID: f.Rule, Category: f.Category, Severity: f.Severity, Title: f.Rule}))
		}
		msg := f.Message
		if f.Hint != "" {
			msg += "\nhint: " + f.Hint
		}
		loc := sarifPhysical{ArtifactLocation: sarifArtifactLocation{URI: relURI(f.Path), URIBaseID: srcRootID}}
		if f.Line > 0 {
			loc.Region = &sarifRegion{StartLine: f.Line}
			if f.Column > 0 {
				loc.Region.StartColumn = f.Column
			}
		}
		run.Results = append(run.Results, sarifResult{
			RuleID:              f.Rule,
			RuleIndex:           index[f.Rule],
			Level:               SARIFLevel(f.Severity),
			Message:             sarifText{Text: msg},
			Locations:           []sarifLocation{{PhysicalLocation: loc}},
			PartialFingerprints: map[string]string{FingerprintKey: f.Fingerprint},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: SARIFSchema, Version: SARIFVersion, Runs: []sarifRun{run}})
}

func sarifRuleOf(r *checks.Rule) sarifRule {
	title := r.Title
	if title == "" {
		title = r.ID
	}
	doc := strings.TrimSpace(r.Doc)
	full := doc
	if i := strings.Index(full, "\n\n"); i >= 0 {
		full = full[:i]
	}
	if full == "" {
		full = title
	}
	helpText, helpMD := title, "**"+title+"**"
	if doc != "" {
		helpText, helpMD = doc, doc
	}
	if r.Remediation != "" {
		helpText += "\n\nHow to fix: " + r.Remediation
		helpMD += "\n\n**How to fix:** " + r.Remediation
	}
	helpText += "\n\nMore: git repro explain " + r.ID
	helpMD += "\n\nMore: `git repro explain " + r.ID + "`"
	tags := []string{}
	if r.Category != "" {
		tags = append(tags, r.Category)
	}
	return sarifRule{
		ID:                   r.ID,
		Name:                 pascal(title),
		ShortDescription:     sarifText{Text: title},
		FullDescription:      sarifText{Text: full},
		Help:                 sarifHelp{Text: helpText, Markdown: helpMD},
		DefaultConfiguration: sarifRuleConfig{Level: SARIFLevel(r.Severity)},
		Properties:           sarifRuleProperty{Category: r.Category, Tags: tags},
	}
}

// pascal turns "unpinned pip requirement" into "UnpinnedPipRequirement".
func pascal(s string) string {
	var b strings.Builder
	up := true
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
			up = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// relURI percent-encodes a repository-relative path as a relative URI
// reference ("a b/c#1.txt" -> "a%20b/c%231.txt").
func relURI(p string) string {
	u := (&url.URL{Path: p}).EscapedPath()
	// A first segment containing ":" would read as a scheme.
	if first, _, _ := strings.Cut(u, "/"); strings.Contains(first, ":") {
		u = "./" + u
	}
	return u
}
