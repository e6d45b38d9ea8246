package checks

import (
	"errors"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/internal/lazyre"
)

var (
	quotedRe = lazyre.New(`"(?:[^"\\]|\\.)*"`)
	// goTypeNames are what yaml.v3's messages say of the types settings
	// decode into.
	goTypeNames = []string{"checks.", "Settings", "map[", "[]string", "*bool", "struct {", " into int", " into bool", " into string", "not found in type"}
)

// FuzzParseConfig: ParseConfig never panics; it returns either a usable
// config or a *ConfigError, never both and never neither. The families are
// the stand-ins of section_test.go, whose settings have a field of each
// kind the real families use.
func FuzzParseConfig(f *testing.F) {
	seeds := []string{
		"",
		"version: 1\n",
		"version: 2\n",
		"fail-on: warning\nignore: [\"vendor/**\", \"!vendor/keep\"]\n",
		"rules:\n  FAKE-001: off\n",
		"rules:\n  FAKE-001: {severity: info, ignore: [\"legacy/**\"], enabled: true}\n",
		"rules:\n  NOPE-1: off\n",
		"unknown: 1\n",
		"fake: {names: [a], limit: 2, size: 5MiB, paths: {Dockerfile: .}, on: true}\nother: {}\n",
		"fake: {size: [1], paths: [a], on: maybe}\n",
		"rules: [1, 2]\n",
		"rules:\n  FAKE-001: {severity: bogus}\n",
		"ignore: ['[']\n",
		"&a [*a]\n",
		"version: !!binary AAAA\n",
		"- a\n- b\n",
		"fail-on: none\n---\nversion: 3\n",
		"fake: {names: {a: 1}, limit: x, on: [1]}\nrules: {FAKE-001: {bogus: 1, ignore: x}}\n",
		"- 1\n", "a: &a {b: *a}\nfake: *a\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseConfig(ConfigFile, data, fakeFamilies)
		if err != nil {
			var ce *ConfigError
			if !errors.As(err, &ce) || c != nil {
				t.Fatalf("error %T %v with config %v", err, err, c)
			}
			// Users read the message: no Go type names (outside the
			// quoted values it repeats).
			msg := quotedRe().ReplaceAllString(err.Error(), `""`)
			for _, goType := range goTypeNames {
				if strings.Contains(msg, goType) {
					t.Fatalf("%q: message %q names a Go type (%s)", data, err, goType)
				}
			}
			return
		}
		if c == nil || c.Version != 1 {
			t.Fatalf("config %+v without error", c)
		}
		// A parsed config is usable.
		_ = c.Ignored("a/b.txt")
		_ = c.Enabled(fakeRule.ID)
		_ = c.SeverityOf(fakeRule)
		_ = c.ignoredFor(fakeRule.ID, "x/y")
		_ = fakeSection.Get(c)
	})
}
