package templates

import (
	"reflect"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/rules"
	"github.com/git-repro/git-repro/rules/docker"
	"github.com/git-repro/git-repro/rules/largefiles"
	"github.com/git-repro/git-repro/rules/modelcard"
)

// uncommentRe matches the template's commented settings ("# key: value",
// "#   - item", "#   REPRO-X-001: off"), not its prose (which starts with a
// capital letter or "# " inside a section).
var uncommentRe = lazyre.New(`^# (\s*(?:[a-z][a-z0-9_-]*|REPRO-[A-Z]+-\d+):(?:\s.*)?|\s+- .*)$`)

func uncomment(tmpl string) string {
	var out []string
	for _, line := range strings.Split(tmpl, "\n") {
		if m := uncommentRe().FindStringSubmatch(line); m != nil {
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
	def := checks.DefaultConfig()
	for _, sec := range templateSections(rules.Families()) {
		if got, want := sectionValue(sec, c), sectionValue(sec, def); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the commented template gives %+v, want the defaults %+v", sec.Key(), got, want)
		}
	}

	// Uncommenting every setting gives a valid file whose values are each
	// family's effective defaults, written out: a size written as 0 would
	// mean "the default" to the family but tell the reader something else.
	full := uncomment(tmpl)
	c, err = checks.ParseConfig(checks.ConfigFile, []byte(full), rules.Families())
	if err != nil {
		t.Fatalf("uncommented template: %v\n%s", err, full)
	}
	for _, sec := range templateSections(rules.Families()) {
		got, want := normalized(sectionValue(sec, c)), effective(sec, def)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the template's values %+v differ from the family's defaults %+v", sec.Key(), got, want)
		}
	}
	if !c.Rules["REPRO-DOCS-004"].Off {
		t.Errorf("rules example not parsed: %+v", c.Rules)
	}

	// The template writes the defaults themselves, not zeros that stand
	// for them.
	for _, want := range []string{"#   large-file: 20MiB\n", "#   max-context: 200MiB\n", "#   max-size: 5MiB\n", "#   max-data-size: 1MiB\n"} {
		if !strings.Contains(tmpl, want) {
			t.Errorf("template lacks %q", want)
		}
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

// sectionValue returns a copy of a section's settings in c (through the
// section's Get, whatever its type).
func sectionValue(sec checks.Section, c *checks.Config) any {
	return reflect.ValueOf(sec).MethodByName("Get").Call([]reflect.Value{reflect.ValueOf(c)})[0].Elem().Interface()
}

// defaultsOf fill in, for the families whose zero values stand for
// defaults, the values the family uses. A family that gains such a
// setting must say so here, or its template value is compared with zero.
var defaultsOf = map[string]func(v any) any{
	"docker": func(v any) any {
		c := v.(docker.Config)
		c.LargeFile, c.MaxContext = checks.Size(c.LargeFileLimit()), checks.Size(c.MaxContextLimit())
		return c
	},
	"large-files": func(v any) any {
		c := v.(largefiles.Config)
		c.MaxSize, c.MaxDataSize = checks.Size(c.MaxSizeLimit()), checks.Size(c.MaxDataSizeLimit())
		return c
	},
	"model-card": func(v any) any {
		c := v.(modelcard.Config)
		c.CardNames = c.Names()
		return c
	},
}

// effective is a section's settings in c as its family applies them:
// the defaults filled in.
func effective(sec checks.Section, c *checks.Config) any {
	v := sectionValue(sec, c)
	if fill := defaultsOf[sec.Key()]; fill != nil {
		v = fill(v)
	}
	return normalized(v)
}

// normalized is a settings struct with an empty list or mapping the same
// as none.
func normalized(v any) any {
	out := reflect.New(reflect.TypeOf(v)).Elem()
	out.Set(reflect.ValueOf(v))
	for i := 0; i < out.NumField(); i++ {
		if f := out.Field(i); f.CanSet() && (f.Kind() == reflect.Slice || f.Kind() == reflect.Map) && f.Len() == 0 {
			f.Set(reflect.Zero(f.Type()))
		}
	}
	return out.Interface()
}
