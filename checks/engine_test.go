package checks

import (
	"strings"
	"testing"

	"github.com/git-repro/git-repro/snapshot"
)

// todoRule reports every line of every target that contains "TODO".
var todoRule = &Rule{ID: "FAKE-TODO", Category: CatDocs, Severity: Warning, Title: "todo", Remediation: "do it",
	Run: func(p *Pass) {
		for _, f := range p.Targets {
			b, _ := p.Tree.ReadFile(f.Path)
			for i, l := range strings.Split(string(b), "\n") {
				if strings.Contains(l, "TODO") {
					p.Reportf(Pos{Path: f.Path, Line: i + 1, Col: 1}, "todo left")
				}
			}
		}
	}}

var panicRule = &Rule{ID: "FAKE-PANIC", Category: CatDocs, Severity: Error, Title: "panics",
	Run: func(p *Pass) { panic("boom") }}

func runFake(t *testing.T, content map[string]string, cfg *Config, rules ...*Rule) Result {
	t.Helper()
	tree := &snapshot.MapTree{Content: content}
	files, _ := tree.Files()
	return Run(Options{Tree: tree, Targets: files, Full: true, Config: cfg, Rules: rules})
}

// TestRun: the engine runs the rules it is given, suppresses inline,
// applies the configuration, fingerprints by content and survives panics.
func TestRun(t *testing.T) {
	content := map[string]string{
		"a.py":        "x = 1  # TODO\n# repro:ignore[FAKE-TODO] later\nTODO\nTODO # repro:ignore\nTODO\n",
		"vendor/b.py": "TODO\n",
	}
	res := runFake(t, content, nil, todoRule)
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.String())
	}
	want := "a.py:1:1: todo left [FAKE-TODO]|a.py:5:1: todo left [FAKE-TODO]|vendor/b.py:1:1: todo left [FAKE-TODO]"
	if strings.Join(got, "|") != want {
		t.Errorf("findings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.ReplaceAll(want, "|", "\n"))
	}
	if res.Findings[0].Hint != "do it" || res.Findings[0].Severity != Warning {
		t.Errorf("hint and severity come from the rule: %+v", res.Findings[0])
	}
	// Lines 1 and 5 hold different text; the same text gets a distinct
	// fingerprint for each repeat, and none depends on the line number.
	if res.Findings[0].Fingerprint == res.Findings[1].Fingerprint {
		t.Error("two findings share a fingerprint")
	}
	moved := runFake(t, map[string]string{"a.py": "\n\n" + content["a.py"], "vendor/b.py": "TODO\n"}, nil, todoRule)
	if moved.Findings[0].Line != 3 || moved.Findings[0].Fingerprint != res.Findings[0].Fingerprint {
		t.Errorf("a line shift changed the fingerprint: %+v vs %+v", moved.Findings[0], res.Findings[0])
	}

	cfg, err := ParseConfig(ConfigFile, []byte("ignore: [\"vendor/**\"]\nrules:\n  FAKE-TODO: {severity: error, ignore: [\"a.py\"]}\n"),
		[]Family{{Name: "fake", Rules: []*Rule{todoRule}}})
	if err != nil {
		t.Fatal(err)
	}
	if res := runFake(t, content, cfg, todoRule); len(res.Findings) != 0 || res.Files != 1 {
		t.Errorf("ignore globs: %d findings, %d files checked", len(res.Findings), res.Files)
	}
	cfg, _ = ParseConfig(ConfigFile, []byte("rules:\n  FAKE-TODO: error\n"), []Family{{Name: "fake", Rules: []*Rule{todoRule}}})
	if res := runFake(t, content, cfg, todoRule); res.Findings[0].Severity != Error {
		t.Errorf("re-graded severity: %v", res.Findings[0].Severity)
	}
	cfg, _ = ParseConfig(ConfigFile, []byte("rules:\n  FAKE-TODO: off\n"), []Family{{Name: "fake", Rules: []*Rule{todoRule}}})
	if res := runFake(t, content, cfg, todoRule); len(res.Findings) != 0 {
		t.Errorf("rule off: %v", res.Findings)
	}

	res = runFake(t, content, nil, panicRule, todoRule)
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), "FAKE-PANIC panicked: boom") || len(res.Findings) != 3 {
		t.Errorf("a panicking rule is an error and the others still run: %v, %d findings", res.Errors, len(res.Findings))
	}
	if res := Run(Options{Tree: &snapshot.MapTree{Content: content}, Targets: nil}); len(res.Findings) != 0 {
		t.Errorf("no rules given, none run: %v", res.Findings)
	}
}
