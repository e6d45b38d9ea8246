package checks

import (
	"strings"
	"testing"
)

// fakeSettings has a field of each kind the families' settings use.
type fakeSettings struct {
	Names []string          `yaml:"names"`
	Limit int               `yaml:"limit"`
	Size  Size              `yaml:"size"`
	Paths map[string]string `yaml:"paths"`
	On    bool              `yaml:"on"`
}

type otherSettings struct {
	On bool `yaml:"on"`
}

var (
	fakeSection  = SectionOf[fakeSettings]("fake")
	otherSection = SectionOf[otherSettings]("other")
	fakeRule     = &Rule{ID: "FAKE-001", Category: CatDocs, Severity: Info, Title: "fake"}
	// fakeFamilies stand in for the registry (which the engine never
	// imports): two share a section, one has none.
	fakeFamilies = []Family{
		{Name: "a", Rules: []*Rule{fakeRule}, Settings: fakeSection},
		{Name: "b", Settings: fakeSection},
		{Name: "c", Settings: otherSection},
		{Name: "d"},
	}
)

// TestSections: the engine decodes each family's section into its type,
// strictly, and hands it back through SectionOf.Get; families may share a
// section; a section's defaults are its zero value.
func TestSections(t *testing.T) {
	fams := fakeFamilies
	c, err := ParseConfig(ConfigFile, []byte("fake:\n  names: [x, y]\n  limit: 3\n  size: 1.5 KiB\nrules:\n  FAKE-001: off\n"), fams)
	if err != nil {
		t.Fatal(err)
	}
	if got := fakeSection.Get(c); strings.Join(got.Names, ",") != "x,y" || got.Limit != 3 || got.Size != 1536 {
		t.Errorf("fake: %+v", got)
	}
	if got := otherSection.Get(c); got.On {
		t.Errorf("absent section: %+v, want the zero value", got)
	}
	if c.Enabled("FAKE-001") {
		t.Error("rules: FAKE-001: off not applied")
	}
	if got := fakeSection.Get(DefaultConfig()); got.Limit != 0 || got.Names != nil {
		t.Errorf("default config: %+v", got)
	}
	if got := fakeSection.Get(nil); got == nil {
		t.Error("nil config: want the zero settings")
	}

	for _, c := range []struct{ in, want string }{
		{"fake:\n  nope: 1\n", `line 2: fake: unknown key "nope" (valid: names, limit, size, paths, on)`},
		{"other:\n  on: maybe\n", `line 2: other: on: "maybe" is not true or false`},
		{"fake:\n  limit: 1.5\n", `line 2: fake: limit: "1.5" is not a whole number`},
		{"fake:\n  names: {a: b}\n  paths: [x]\n", `line 2: fake: names: must be a list, not a mapping; line 3: fake: paths: must be a mapping, not a list`},
		{"fake:\n  size: lots\n", `line 2: fake: size: size "lots" is not a number of bytes with an optional unit: B, KB, MB, GB, TB (powers of 1000) or KiB, MiB, GiB, TiB (powers of 1024; K, M, G, T too)`},
		{"fake:\n  size: {a: 1}\n", `line 2: fake: size: a size must be a number or a string such as "5MiB"`},
		{"docker: {}\n", `line 1: unknown key "docker" (valid: version, fail-on, ignore, rules, fake, other)`}, // no family declares it
		{"rules:\n  REPRO-DEP-001: off\n", `line 2: rules: unknown rule "REPRO-DEP-001" (see "git repro rules")`},
		{"rules:\n  FAKE-001: {on: 1}\n", `line 2: rules: FAKE-001: unknown key "on" (valid: enabled, severity, ignore)`},
		{"rules:\n  REPRO-SKIP-001: {severity: none}\n", `line 2: rules: REPRO-SKIP-001: severity: "none" is not error, warning or info`}, // the engine's own rule
		{"- 1\n", `line 1: must be a mapping of settings (version, fail-on, ignore, rules, fake, other), not a list`},
	} {
		if _, err := ParseConfig(ConfigFile, []byte(c.in), fams); err == nil || err.Error() != ConfigFile+": "+c.want {
			t.Errorf("%q: got %v, want %s", c.in, err, c.want)
		}
	}

	// A key declared with two types, or one of the engine's own keys, is
	// a mistake of the registry.
	for want, bad := range map[string][]Family{
		"declared twice with different types": {{Name: "a", Settings: fakeSection}, {Name: "b", Settings: SectionOf[otherSettings]("fake")}},
		"one of the engine's own keys":        {{Name: "a", Settings: SectionOf[otherSettings]("rules")}},
	} {
		if _, err := ParseConfig(ConfigFile, nil, bad); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%v: got %v, want %q", bad, err, want)
		}
	}
}
