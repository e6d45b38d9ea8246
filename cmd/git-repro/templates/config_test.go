package templates

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/rules"
	"github.com/git-repro/git-repro/rules/largefiles"
	"github.com/git-repro/git-repro/rules/modelcard"
)

// uncommentRe matches the template's commented settings ("# key: value",
// "#   - item", "#   REPRO-X-001: off"), not its prose (which starts with a
// capital letter or "# " inside a section).
var uncommentRe = regexp.MustCompile(`^# (\s*(?:[a-z][a-z0-9_-]*|REPRO-[A-Z]+-\d+):(?:\s.*)?|\s+- .*)$`)

func uncomment(tmpl string) string {
	var out []string
	for _, line := range strings.Split(tmpl, "\n") {
		if m := uncommentRe.FindStringSubmatch(line); m != nil {
			line = m[1]
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

func TestReproConfigTemplate(t *testing.T) {
	tmpl := string(ReproConfigTemplate(rules.Families()))
	c, err := checks.ParseConfig(checks.ConfigFile, []byte(tmpl), rules.Families())
	if err != nil {
		t.Fatalf("template as written: %v", err)
	}
	if !reflect.DeepEqual(largefiles.Settings.Get(c), largefiles.Settings.Get(checks.DefaultConfig())) {
		t.Errorf("commented template must equal the defaults")
	}

	// Uncommenting every setting gives a valid file whose values are the
	// defaults for this family's keys.
	full := uncomment(tmpl)
	c, err = checks.ParseConfig(checks.ConfigFile, []byte(full), rules.Families())
	if err != nil {
		t.Fatalf("uncommented template: %v\n%s", err, full)
	}
	if lf := largefiles.Settings.Get(c); lf.MaxSizeLimit() != largefiles.DefaultMaxSize || lf.MaxDataSizeLimit() != largefiles.DefaultMaxDataSize {
		t.Errorf("large-files defaults in the template differ: %+v", lf)
	}
	if mc := modelcard.Settings.Get(c); !reflect.DeepEqual(mc.Names(), modelcard.DefaultCardNames) {
		t.Errorf("card-names in the template differ: %v", mc.CardNames)
	}
	if !c.Rules["REPRO-DOCS-004"].Off {
		t.Errorf("rules example not parsed: %+v", c.Rules)
	}

	// Every top-level key, and every key of every family's section, is in
	// the template.
	for _, name := range []string{"version", "fail-on", "ignore", "rules"} {
		if !strings.Contains(tmpl, "# "+name+":") && !strings.Contains(tmpl, "\n"+name+":") {
			t.Errorf("template lacks top-level key %q", name)
		}
	}
	sections := templateSections(rules.Families())
	for _, sec := range sections {
		if !strings.Contains(tmpl, "# "+sec.Key()+":") {
			t.Errorf("template lacks section %q", sec.Key())
		}
		for j := 0; j < sec.Type().NumField(); j++ {
			if k := yamlName(sec.Type().Field(j)); k != "" && !strings.Contains(tmpl, "#   "+k+":") {
				t.Errorf("template lacks %s.%s", sec.Key(), k)
			}
		}
	}
	// configDocs must not document keys that no longer exist.
	for key := range configDocs {
		sec, k, _ := strings.Cut(key, ".")
		found := false
		for _, s := range sections {
			if s.Key() != sec {
				continue
			}
			for j := 0; j < s.Type().NumField(); j++ {
				if yamlName(s.Type().Field(j)) == k {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("configDocs documents %q, which is not a config key", key)
		}
	}
}
