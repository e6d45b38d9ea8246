package rules_test

import (
	"errors"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/rules"
)

// TestParseConfigMessages pins what users read when .repro.yaml is wrong:
// every problem names its line, unknown keys and wrong types included, at
// the top level and inside a family's section, with the registry's
// sections and rules.
func TestParseConfigMessages(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"notebooks: {}\n", ""},
		{"notebooks:\n", ""},
		{"bogus: 1\n", "line 1: unknown key bogus"},
		{"version: 2\n", "version 2 is not supported (use 1)"},
		{"fail-on: loud\n", `fail-on: unknown severity "loud" (valid: error, warning, info, none)`},
		{"ignore: [\"[\"]\n", "ignore: syntax error in pattern"},
		{"rules:\n  REPRO-NOPE-001: off\n", `rules: unknown rule "REPRO-NOPE-001" (see "git repro rules")`},
		{"rules:\n  REPRO-DEP-001: loud\n", `line 2: rule setting "loud" is not off, error, warning or info`},
		{"rules:\n  REPRO-DEP-001: {severity: loud}\n", `line 2: severity "loud" is not error, warning or info`},
		{"rules:\n  REPRO-DEP-001: {ignore: [\"[\"]}\n", "rules: REPRO-DEP-001: ignore: syntax error in pattern"},
		{"rules: [a]\n", "line 1: cannot unmarshal !!seq into map[string]checks.RuleConfig"},
		{"docker:\n  unknown: 1\n", "line 2: unknown key unknown"},
		// Both families' sizes are checks.Size: one reading, one message.
		{"docker:\n  large-file: lots\n", `line 2: size "lots" is not a number of bytes with an optional unit: B, KB, MB, GB, TB (powers of 1000) or KiB, MiB, GiB, TiB (powers of 1024; K, M, G, T too)`},
		{"large-files:\n  max-size: huge\n", `line 2: size "huge" is not a number of bytes with an optional unit: B, KB, MB, GB, TB (powers of 1000) or KiB, MiB, GiB, TiB (powers of 1024; K, M, G, T too)`},
		{"docker:\n  max-context: [1]\n", `line 2: a size must be a number or a string such as "5MiB"`},
		{"notebooks:\n  x: 1\n", "line 2: unknown key x"},
		{"version: abc\n", "line 1: cannot unmarshal !!str `abc` into int"},
		{"- a\n", "line 1: cannot unmarshal !!seq into checks.Config"},
		{"bogus: 1\nversion: x\ndocker:\n  nope: 2\n", "line 1: unknown key bogus; line 2: cannot unmarshal !!str `x` into int; line 4: unknown key nope"},
		{"deps:\n  allow-unpinned: x\n", "line 2: cannot unmarshal !!str `x` into []string"},
		{"version: 1\nversion: 1\n", `line 2: mapping key "version" already defined at line 1`},
		{"a: [\n", "line 1: did not find expected node content"},
		{"ci:\n  allow-github-owned: maybe\n", "line 2: cannot unmarshal !!str `maybe` into bool"},
		{"seeds:\n  helpers: [a.b]\n  x: 1\nsecrets:\n  allow: 3\n", "line 3: unknown key x; line 5: cannot unmarshal !!int `3` into []string"},
		{"docs:\n  readme: [a]\n", "line 2: cannot unmarshal !!seq into string"},
		{"model-card:\n  card-names: x\n  artifacts: {a: 1}\n", "line 2: cannot unmarshal !!str `x` into []string; line 3: cannot unmarshal !!map into []string"},
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

// FuzzParseConfig: with the registry's sections, ParseConfig never panics;
// it returns either a usable config or a *checks.ConfigError, never both
// and never neither.
func FuzzParseConfig(f *testing.F) {
	for _, s := range []string{
		"version: 1\nfail-on: warning\n",
		"rules:\n  REPRO-DEP-001: {severity: info, ignore: [\"legacy/**\"], enabled: true}\n",
		"deps: {allow-unpinned: [torch]}\nlarge-files: {max-size: 5MiB, allow: [\"docs/**\"]}\n",
		"docker:\n  large-file: 20MiB\n  contexts: {Dockerfile: .}\nseeds: {helpers: [a.b]}\n",
		"model-card: {artifacts: [\"*.bin\"], card-names: [CARD.md]}\nci: {allow-github-owned: true}\n",
		"notebooks: {x: 1}\nsecrets: {allow: 3}\ndocs: {readme: [a]}\n",
	} {
		f.Add([]byte(s))
	}
	registry := rules.Families()
	all := rules.All()
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := checks.ParseConfig(checks.ConfigFile, data, registry)
		if err != nil {
			var ce *checks.ConfigError
			if !errors.As(err, &ce) || c != nil {
				t.Fatalf("error %T %v with config %v", err, err, c)
			}
			return
		}
		if c == nil || c.Version != 1 {
			t.Fatalf("config %+v without error", c)
		}
		_ = c.Ignored("a/b.txt")
		for _, r := range all {
			_ = c.Enabled(r.ID)
			_ = c.SeverityOf(r)
		}
	})
}
