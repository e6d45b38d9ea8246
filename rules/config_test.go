package rules_test

import (
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/rules"
)

// TestParseConfigMessages pins what users read when .repro.yaml is wrong:
// every problem names its line and the keys that lead to it ("docker:
// large-file", "rules: REPRO-DEP-001"), an unknown key the valid ones, a
// wrong type what is expected, and none says a Go type name ("int",
// "[]string", "docker.Config"), at the top level and inside a family's
// section, with the registry's sections and rules.
func TestParseConfigMessages(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"notebooks: {}\n", ""},
		{"notebooks:\n", ""},
		{"rules:\n  REPRO-DEP-001: {enabled: false, severity: info, ignore: [\"a/**\"]}\n", ""},
		{"bogus: 1\n", `line 1: unknown key "bogus" (valid: version, fail-on, ignore, rules, deps, ci, docker, seeds, notebooks, model-card, large-files, secrets, docs)`},
		{"version: 2\n", "version 2 is not supported (use 1)"},
		{"fail-on: loud\n", `fail-on: unknown severity "loud" (valid: error, warning, info, none)`},
		{"ignore: [\"[\"]\n", "ignore: syntax error in pattern"},
		{"ignore: vendor\n", `line 1: ignore: "vendor" is not a list; write ["vendor"]`},
		{"rules:\n  REPRO-NOPE-001: off\n", `line 2: rules: unknown rule "REPRO-NOPE-001" (see "git repro rules")`},
		{"rules:\n  REPRO-DEP-001: loud\n", `line 2: rules: REPRO-DEP-001: rule setting "loud" is not off, error, warning or info`},
		{"rules:\n  REPRO-DEP-001: {severity: loud}\n", `line 2: rules: REPRO-DEP-001: severity: "loud" is not error, warning or info`},
		{"rules:\n  REPRO-DEP-001:\n    bogus: 1\n", `line 3: rules: REPRO-DEP-001: unknown key "bogus" (valid: enabled, severity, ignore)`},
		{"rules:\n  REPRO-DEP-001:\n    enabled: maybe\n    ignore: legacy\n    severity: [x]\n", `line 3: rules: REPRO-DEP-001: enabled: "maybe" is not true or false; line 4: rules: REPRO-DEP-001: ignore: "legacy" is not a list of path globs; write ["legacy/**"]; line 5: rules: REPRO-DEP-001: severity: a list is not error, warning or info`},
		{"rules:\n  REPRO-DEP-001: [off]\n", "line 2: rules: REPRO-DEP-001: a rule setting is off, error, warning, info or a mapping of enabled, severity and ignore, not a list"},
		{"rules:\n  REPRO-DEP-001: {ignore: [\"[\"]}\n", "rules: REPRO-DEP-001: ignore: syntax error in pattern"},
		{"rules: [a]\n", "line 1: rules: must be a mapping, not a list"},
		{"docker:\n  unknown: 1\n", `line 2: docker: unknown key "unknown" (valid: require-digest, contexts, large-file, max-context)`},
		{"docker: 5\n", `line 1: docker: must be a mapping of settings (require-digest, contexts, large-file, max-context), not "5"`},
		{"docker:\n  contexts: [a]\n", "line 2: docker: contexts: must be a mapping, not a list"},
		{"docker:\n  contexts:\n    Dockerfile: [a]\n", "line 3: docker: contexts: Dockerfile: must be a string, not a list"},
		// Both families' sizes are checks.Size: one reading, one message.
		{"docker:\n  large-file: lots\n", `line 2: docker: large-file: size "lots" is not a number of bytes with an optional unit: B, KB, MB, GB, TB (powers of 1000) or KiB, MiB, GiB, TiB (powers of 1024; K, M, G, T too)`},
		{"large-files:\n  max-size: huge\n", `line 2: large-files: max-size: size "huge" is not a number of bytes with an optional unit: B, KB, MB, GB, TB (powers of 1000) or KiB, MiB, GiB, TiB (powers of 1024; K, M, G, T too)`},
		{"docker:\n  max-context: [1]\n", `line 2: docker: max-context: a size must be a number or a string such as "5MiB"`},
		{"notebooks:\n  x: 1\n", `line 2: notebooks: unknown key "x" (the section has no settings)`},
		{"version: abc\n", `line 1: version: "abc" is not a whole number`},
		{"- a\n", "line 1: must be a mapping of settings (version, fail-on, ignore, rules, deps, ci, docker, seeds, notebooks, model-card, large-files, secrets, docs), not a list"},
		{"bogus: 1\nversion: x\ndocker:\n  nope: 2\n", `line 1: unknown key "bogus" (valid: version, fail-on, ignore, rules, deps, ci, docker, seeds, notebooks, model-card, large-files, secrets, docs); line 2: version: "x" is not a whole number; line 4: docker: unknown key "nope" (valid: require-digest, contexts, large-file, max-context)`},
		{"deps:\n  allow-unpinned: x\n", `line 2: deps: allow-unpinned: "x" is not a list; write ["x"]`},
		{"deps:\n  allow-unpinned: [[x]]\n", "line 2: deps: allow-unpinned: must be a string, not a list"},
		{"version: 1\nversion: 1\n", `line 2: mapping key "version" already defined at line 1`},
		{"a: [\n", "line 2: did not find expected node content"}, // the end of the file, where "]" is missing
		{"ci:\n  allow-github-owned: maybe\n", `line 2: ci: allow-github-owned: "maybe" is not true or false`},
		{"seeds:\n  helpers: [a.b]\n  x: 1\nsecrets:\n  allow: 3\n", `line 3: seeds: unknown key "x" (valid: helpers); line 5: secrets: allow: "3" is not a list; write ["3"]`},
		{"docs:\n  readme: [a]\n", "line 2: docs: readme: must be a string, not a list"},
		{"model-card:\n  card-names: x\n  artifacts: {a: 1}\n", `line 2: model-card: card-names: "x" is not a list; write ["x"]; line 3: model-card: artifacts: must be a list, not a mapping`},
		{"base: &b {require-digest: true, nope: 1}\ndocker: *b\n", `line 1: unknown key "base" (valid: version, fail-on, ignore, rules, deps, ci, docker, seeds, notebooks, model-card, large-files, secrets, docs); line 1: docker: unknown key "nope" (valid: require-digest, contexts, large-file, max-context)`},
	} {
		_, err := checks.ParseConfig(checks.ConfigFile, []byte(c.in), rules.Families())
		got := ""
		if err != nil {
			got = err.Error()
			if _, ok := err.(*checks.ConfigError); !ok {
				t.Errorf("%q: error %T is not a *ConfigError", c.in, err)
			}
		}
		want := c.want
		if want != "" {
			want = checks.ConfigFile + ": " + want
		}
		if got != want {
			t.Errorf("%q:\n got %s\nwant %s", c.in, got, want)
		}
	}
}
