package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// testRules is fixed metadata, so the goldens do not change when the real
// catalogue grows.
var testRules = []*checks.Rule{
	{ID: "REPRO-DEP-001", Category: checks.CatDeps, Severity: checks.Error, Title: "unpinned pip requirement",
		Doc:         "A requirement without an exact pin installs whatever the index serves.\n\nSecond paragraph with `code`.",
		Remediation: "pin exact versions with \"pip-compile\""},
	{ID: "REPRO-DOCKER-001", Category: checks.CatDocker, Severity: checks.Warning, Title: "base image not pinned",
		Doc: "`FROM python:latest` moves.", Remediation: "pin a digest"},
	{ID: "REPRO-SEED-001", Category: checks.CatSeeds, Severity: checks.Warning, Title: "unseeded random source",
		Doc: "Randomness without a seed.", Remediation: "call random.seed(0)"},
}

// testFindings covers severities, categories, whole-file findings, an
// unknown rule and text that needs escaping in every format.
var testFindings = []checks.Finding{
	{Rule: "REPRO-DEP-001", Category: checks.CatDeps, Severity: checks.Error, Path: "requirements.txt", Line: 1, Column: 1,
		Message: `requirement "numpy" is not pinned (no version specifier); pin one version with "numpy==X.Y.Z"`,
		Hint:    `pin exact versions: compile them with "pip-compile"`, Fingerprint: "0f1e2d3c4b5a69788796a5b4c3d2e1f0"},
	{Rule: "REPRO-DEP-001", Category: checks.CatDeps, Severity: checks.Error, Path: "dir with space/req,1:2%.txt", Line: 12, Column: 0,
		Message:     "requirement \"a|b\" is not pinned (\">=1,<2\" allows 100% more); line1\r\nline2 <script>*x*</script> & `tick`",
		Fingerprint: "1111111111111111111111111111111"},
	{Rule: "REPRO-DOCKER-001", Category: checks.CatDocker, Severity: checks.Warning, Path: "Dockerfile", Line: 1, Column: 6,
		Message: `base image "python:latest" is not pinned`, Hint: "use python:3.11.7-slim@sha256:<digest>", Fingerprint: "2222"},
	{Rule: "REPRO-LARGE-009", Category: checks.CatLargeFiles, Severity: checks.Info, Path: "model.bin",
		Message: "model file is 1.2 GB: move it to git lfs", Fingerprint: "3333"},
	{Rule: "REPRO-SEED-001", Category: checks.CatSeeds, Severity: checks.Warning, Path: "train.py", Line: 40, Column: 9,
		Message: "np.random.rand is used before any seed", Hint: "call np.random.seed(0) first", Fingerprint: "4444"},
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run: go test ./report -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test ./report -update rewrites it)\n--- got:\n%s\n--- want:\n%s", name, got, want)
	}
}

func render(t *testing.T, format string, fs []checks.Finding, o Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, format, fs, o); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestGoldens(t *testing.T) {
	o := Options{Rules: testRules, Files: 7, ToolVersion: "v0.1.0-test"}
	cases := []struct {
		name   string
		format string
		fs     []checks.Finding
		o      Options
	}{
		{"text.golden", "text", testFindings, o},
		{"text-summary.golden", "text", testFindings, Options{Rules: testRules, Files: 7, Summary: true}},
		{"text-color.golden", "text", testFindings, Options{Rules: testRules, Color: true}},
		{"text-empty.golden", "text", nil, Options{Files: 3, Summary: true}},
		{"json.golden", "json", testFindings, o},
		{"json-empty.golden", "json", nil, Options{Files: 3}},
		{"sarif.golden", "sarif", testFindings, Options{Rules: testRules, ToolVersion: "v0.1.0-test", SARIFCategory: "git-repro/deps", SrcRoot: "file:///work/repo"}},
		{"sarif-empty.golden", "sarif", nil, Options{Rules: testRules[:1]}},
		{"markdown.golden", "markdown", testFindings, o},
		{"markdown-links.golden", "markdown", testFindings[:3], Options{Rules: testRules, Files: 2, LinkBase: "https://example.invalid/o/r/blob/abc123/"}},
		{"markdown-truncated.golden", "markdown", testFindings, Options{Rules: testRules, Files: 7, MaxBytes: 1200}},
		{"markdown-empty.golden", "markdown", nil, Options{Files: 3, Title: "Reproducibility report"}},
		{"github.golden", "github", testFindings, o},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			golden(t, c.name, render(t, c.format, c.fs, c.o))
		})
	}
}

func TestUnknownFormat(t *testing.T) {
	if err := Write(&bytes.Buffer{}, "xml", nil, Options{}); err == nil || !strings.Contains(err.Error(), "text, json, sarif, markdown, github") {
		t.Errorf("Write(xml) = %v", err)
	}
	for _, f := range Formats {
		if _, ok := Lookup(f); !ok {
			t.Errorf("Lookup(%q) failed", f)
		}
	}
}

// The JSON contract: exact keys, findings never null, severities as names.
func TestJSONContract(t *testing.T) {
	for _, fs := range [][]checks.Finding{nil, {}, testFindings} {
		var doc map[string]json.RawMessage
		if err := json.Unmarshal(render(t, "json", fs, Options{Files: 7}), &doc); err != nil {
			t.Fatal(err)
		}
		if len(doc) != 3 || string(doc["version"]) != "1" {
			t.Fatalf("top level = %v", doc)
		}
		var findings []map[string]any
		if err := json.Unmarshal(doc["findings"], &findings); err != nil || findings == nil {
			t.Fatalf("findings = %s (%v)", doc["findings"], err)
		}
		for _, f := range findings {
			for _, k := range []string{"rule", "category", "severity", "path", "line", "column", "message", "fingerprint"} {
				if _, ok := f[k]; !ok {
					t.Errorf("finding lacks %q: %v", k, f)
				}
			}
			if s := f["severity"]; s != "error" && s != "warning" && s != "info" {
				t.Errorf("severity %v", s)
			}
		}
		var sum Summary
		if err := json.Unmarshal(doc["summary"], &sum); err != nil || sum.Total != len(fs) || sum.Files != 7 {
			t.Errorf("summary = %s", doc["summary"])
		}
		if len(sum.ByCategory) != len(checks.Categories) || len(sum.BySeverity) != 3 {
			t.Errorf("summary maps = %+v", sum)
		}
	}
}

func TestGitHubEscaping(t *testing.T) {
	if got, want := EscapeData("100%\r\ndone: a,b"), "100%25%0D%0Adone: a,b"; got != want {
		t.Errorf("EscapeData = %q, want %q", got, want)
	}
	if got, want := EscapeProperty("a:b,c%\n"), "a%3Ab%2Cc%25%0A"; got != want {
		t.Errorf("EscapeProperty = %q, want %q", got, want)
	}
	out := string(render(t, "github", testFindings, Options{Rules: testRules}))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(testFindings) {
		t.Fatalf("%d lines for %d findings:\n%s", len(lines), len(testFindings), out)
	}
	for i, l := range lines {
		if !strings.HasPrefix(l, "::") || strings.Count(l, "::") < 2 {
			t.Errorf("line %d is not a workflow command: %q", i, l)
		}
	}
	if !strings.HasPrefix(lines[3], "::notice file=model.bin,title=") || strings.Contains(lines[3], "line=") {
		t.Errorf("info, whole-file finding: %q", lines[3])
	}
	if !strings.HasPrefix(lines[1], "::error file=dir with space/req%2C1%3A2%25.txt,line=12,title=") {
		t.Errorf("escaped properties: %q", lines[1])
	}
}

// TestSARIFStructure checks the properties SARIF 2.1.0 and GitHub code
// scanning require, on the generic JSON (not our own structs).
func TestSARIFStructure(t *testing.T) {
	out := render(t, "sarif", testFindings, Options{Rules: testRules, ToolVersion: "1.0"})
	var log map[string]any
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	obj := func(v any, what string) map[string]any {
		t.Helper()
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("%s is %T, want an object", what, v)
		}
		return m
	}
	arr := func(v any, what string) []any {
		t.Helper()
		a, ok := v.([]any)
		if !ok {
			t.Fatalf("%s is %T, want an array", what, v)
		}
		return a
	}
	str := func(v any, what string) string {
		t.Helper()
		s, ok := v.(string)
		if !ok || s == "" {
			t.Fatalf("%s = %v, want a non-empty string", what, v)
		}
		return s
	}
	if log["version"] != "2.1.0" || !strings.Contains(str(log["$schema"], "$schema"), "sarif-schema-2.1.0") {
		t.Errorf("version/schema = %v %v", log["version"], log["$schema"])
	}
	runs := arr(log["runs"], "runs")
	if len(runs) != 1 {
		t.Fatalf("%d runs", len(runs))
	}
	run := obj(runs[0], "run")
	driver := obj(obj(run["tool"], "tool")["driver"], "driver")
	str(driver["name"], "driver.name")
	if id := str(obj(run["automationDetails"], "automationDetails")["id"], "automationDetails.id"); !strings.HasSuffix(id, "/") {
		t.Errorf("automationDetails.id %q should end in / (a category)", id)
	}
	rules := arr(driver["rules"], "rules")
	levels := map[string]bool{"none": true, "note": true, "warning": true, "error": true}
	for i, r := range rules {
		rule := obj(r, "rule")
		str(rule["id"], "rule.id")
		str(rule["name"], "rule.name")
		str(obj(rule["shortDescription"], "shortDescription")["text"], "shortDescription.text")
		str(obj(rule["fullDescription"], "fullDescription")["text"], "fullDescription.text")
		help := obj(rule["help"], "help")
		str(help["text"], "help.text")
		str(help["markdown"], "help.markdown")
		if !levels[str(obj(rule["defaultConfiguration"], "defaultConfiguration")["level"], "level")] {
			t.Errorf("rule %d: bad level", i)
		}
		str(obj(rule["properties"], "properties")["category"], "properties.category")
	}
	results := arr(run["results"], "results")
	if len(results) != len(testFindings) {
		t.Fatalf("%d results for %d findings", len(results), len(testFindings))
	}
	for i, r := range results {
		res := obj(r, "result")
		id := str(res["ruleId"], "ruleId")
		idx, ok := res["ruleIndex"].(float64)
		if !ok || int(idx) < 0 || int(idx) >= len(rules) || obj(rules[int(idx)], "rule")["id"] != id {
			t.Errorf("result %d: ruleIndex %v does not point at %s", i, res["ruleIndex"], id)
		}
		if !levels[str(res["level"], "level")] {
			t.Errorf("result %d: level %v", i, res["level"])
		}
		str(obj(res["message"], "message")["text"], "message.text")
		if len(obj(res["partialFingerprints"], "partialFingerprints")) == 0 {
			t.Errorf("result %d: no partialFingerprints", i)
		}
		locs := arr(res["locations"], "locations")
		if len(locs) != 1 {
			t.Fatalf("result %d: %d locations", i, len(locs))
		}
		phys := obj(obj(locs[0], "location")["physicalLocation"], "physicalLocation")
		art := obj(phys["artifactLocation"], "artifactLocation")
		uri := str(art["uri"], "uri")
		if strings.HasPrefix(uri, "/") || strings.Contains(uri, "://") || strings.ContainsAny(uri, " \\") {
			t.Errorf("result %d: uri %q is not a relative URI reference", i, uri)
		}
		str(art["uriBaseId"], "uriBaseId")
		f := testFindings[i]
		region, hasRegion := phys["region"]
		if (f.Line > 0) != hasRegion {
			t.Errorf("result %d: region %v for line %d", i, region, f.Line)
		}
		if hasRegion {
			reg := obj(region, "region")
			if reg["startLine"] != float64(f.Line) {
				t.Errorf("result %d: startLine %v", i, reg["startLine"])
			}
			if _, has := reg["startColumn"]; has != (f.Column > 0) {
				t.Errorf("result %d: startColumn %v for column %d", i, reg["startColumn"], f.Column)
			}
		}
	}
}

func TestRelURI(t *testing.T) {
	for in, want := range map[string]string{
		"requirements.txt":     "requirements.txt",
		"a b/c#1.txt":          "a%20b/c%231.txt",
		"dir/x:y.txt":          "dir/x:y.txt",
		"c:odd/file":           "./c:odd/file",
		"ünï/cødé.py":          "%C3%BCn%C3%AF/c%C3%B8d%C3%A9.py",
		"100%/requirements.in": "100%25/requirements.in",
	} {
		if got := relURI(in); got != want {
			t.Errorf("relURI(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMarkdownMaxBytes(t *testing.T) {
	var many []checks.Finding
	for i := 0; i < 500; i++ {
		f := testFindings[0]
		f.Line = i + 1
		many = append(many, f)
	}
	for _, max := range []int{2000, 10000, 65536} {
		s := MarkdownString(many, Options{Rules: testRules, MaxBytes: max})
		if len(s) > max {
			t.Errorf("MaxBytes %d: got %d bytes", max, len(s))
		}
		if !strings.Contains(s, "more findings not shown") || !strings.HasPrefix(s, "## git-repro\n\n**Failed:** 500 findings") {
			t.Errorf("MaxBytes %d: status or note missing:\n%.300s", max, s)
		}
	}
	if s := MarkdownString(many, Options{Rules: testRules}); strings.Contains(s, "not shown") || strings.Count(s, "\n| error |") != 500 {
		t.Error("uncapped markdown dropped rows")
	}
}
