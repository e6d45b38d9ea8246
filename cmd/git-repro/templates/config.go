package templates

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/rules/docker"
	"github.com/git-repro/git-repro/rules/largefiles"
	"github.com/git-repro/git-repro/rules/modelcard"
)

// configDoc documents one .repro.yaml key: its default written as YAML and
// a one-line explanation.
type configDoc struct {
	example string
	comment string
}

// configDocs documents family keys as "section.key". Keys of a family's
// config struct that are missing here are still written (from the struct,
// with their zero value), so the template always covers every key.
var configDocs = map[string]configDoc{
	"model-card.artifacts":      {"[]", `Extra globs of model artifacts beyond the built-in extensions, e.g. ["exports/*.bin"].`},
	"model-card.card-names":     {"[" + strings.Join(modelcard.DefaultCardNames, ", ") + "]", "Names accepted as a model card, in the artifact's directory or a parent (a README only with card sections)."},
	"large-files.max-size":      {sizeYAML(largefiles.DefaultMaxSize), "Any file above this committed as a git blob (not LFS, not DVC) is an error."},
	"large-files.max-data-size": {sizeYAML(largefiles.DefaultMaxDataSize), "Lower limit for model and data formats (.csv .parquet .npy .h5 .pkl weights, archives)."},
	"large-files.allow":         {"[]", `Globs of files allowed to be large, e.g. ["docs/images/**"].`},
	"secrets.allow":             {"[]", `Globs of files that may hold throwaway keys, e.g. ["tests/fixtures/**"].`},
	"docs.readme":               {`""`, "The README to check; default: README.md, README.rst, README.txt or README at the root."},
	"ci.allow-github-owned":     {"false", "Exempt actions/* and github/* from the commit-pin rule."},
	"ci.allow-actions":          {"[]", `Action patterns exempt from the commit-pin rule, e.g. ["myorg/*"].`},
	"docker.require-digest":     {"false", "Require FROM images pinned by @sha256 digest, not only by tag."},
	"docker.contexts":           {"{}", "Build context directory per Dockerfile, when it is not the Dockerfile's directory."},
	"docker.large-file":         {sizeYAML(docker.DefaultLargeFile), "Size above which a file in the build context is reported."},
	"docker.max-context":        {sizeYAML(docker.DefaultMaxContext), "Size above which the whole build context is reported."},
}

// sizeYAML writes a default size as .repro.yaml takes it: "20MiB", "1KiB"
// (whole units), else bytes.
func sizeYAML(s checks.Size) string {
	switch n := int64(s); {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%dGiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKiB", n>>10)
	default:
		return fmt.Sprint(n)
	}
}

// sectionDocs introduces each family section, in the order the template
// writes them; sections of the registry not listed here follow, without
// an introduction.
var sectionDocs = []struct{ key, doc string }{
	{"deps", "Dependency pinning and lock files (REPRO-DEP-*)."},
	{"docker", "Dockerfiles, compose files and .dockerignore (REPRO-DOCKER-*)."},
	{"seeds", "Random seeds and determinism settings (REPRO-SEED-*)."},
	{"notebooks", "Jupyter notebooks (REPRO-NB-*)."},
	{"model-card", "Every model artifact needs a model card (REPRO-CARD-*)."},
	{"large-files", "Large files belong in Git LFS or DVC; DVC files must be complete (REPRO-LARGE-*)."},
	{"secrets", "Committed credentials (REPRO-SECRET-*); values are never printed."},
	{"ci", "GitHub Actions workflows (REPRO-CI-*)."},
	{"docs", "README checklist: setup, Python version, hardware, data, usage (REPRO-DOCS-*)."},
}

// templateSections returns the registry's sections in template order.
func templateSections(families []checks.Family) []checks.Section {
	byKey := map[string]checks.Section{}
	var order []string
	for _, f := range families {
		if f.Settings == nil {
			continue
		}
		if _, ok := byKey[f.Settings.Key()]; !ok {
			byKey[f.Settings.Key()] = f.Settings
			order = append(order, f.Settings.Key())
		}
	}
	var out []checks.Section
	for _, d := range sectionDocs {
		if s, ok := byKey[d.key]; ok {
			out = append(out, s)
			delete(byKey, d.key)
		}
	}
	for _, k := range order {
		if s, ok := byKey[k]; ok {
			out = append(out, s)
		}
	}
	return out
}

func sectionDoc(key string) string {
	for _, d := range sectionDocs {
		if d.key == key {
			return d.doc
		}
	}
	return ""
}

// ReproConfigTemplate returns the .repro.yaml "git repro init" writes:
// version 1 and every setting of the families' sections commented out at
// its default, with a line that says what it does. Uncommenting any
// setting yields a valid file.
func ReproConfigTemplate(families []checks.Family) []byte {
	var b strings.Builder
	b.WriteString(`# git-repro configuration. Every setting is commented out at its default:
# uncomment and edit the ones you want to change. "git repro rules" lists the
# rules and "git repro explain RULE" says why each exists.
version: 1

# Exit 1 on findings at or above this severity: error, warning, info, none.
# fail-on: warning

# Paths never checked or reported (gitignore-style globs, "**" allowed).
# ignore:
#   - "third_party/**"

# Per-rule settings: off, a severity (error, warning, info), or a mapping.
# rules:
#   REPRO-DOCS-004: off
#   REPRO-LARGE-002: {severity: error, ignore: ["data/samples/**"]}
`)
	for _, sec := range templateSections(families) {
		name := sec.Key()
		b.WriteString("\n")
		if d := sectionDoc(name); d != "" {
			fmt.Fprintf(&b, "# %s\n", d)
		}
		fmt.Fprintf(&b, "# %s:\n", name)
		n := writeStructKeys(&b, name, sec.Type(), 1)
		if n == 0 {
			fmt.Fprintf(&b, "#   # (no settings yet)\n")
		}
	}
	return []byte(b.String())
}

// yamlName returns the yaml key of a struct field, "" when not serialised.
func yamlName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	tag := f.Tag.Get("yaml")
	name, _, _ := strings.Cut(tag, ",")
	if name == "-" || tag == "" {
		return ""
	}
	return name
}

// writeStructKeys writes the keys of a config struct, commented, at the
// given nesting depth, and returns how many it wrote.
func writeStructKeys(b *strings.Builder, section string, t reflect.Type, depth int) int {
	indent := strings.Repeat("  ", depth)
	n := 0
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if _, opts, _ := strings.Cut(f.Tag.Get("yaml"), ","); strings.Contains(opts, "inline") && f.Type.Kind() == reflect.Struct {
			n += writeStructKeys(b, section, f.Type, depth)
			continue
		}
		key := yamlName(f)
		if key == "" {
			continue
		}
		n++
		doc, ok := configDocs[section+"."+key]
		if ok && doc.comment != "" {
			fmt.Fprintf(b, "# %s# %s\n", indent, doc.comment)
		}
		if f.Type.Kind() == reflect.Struct && !ok {
			fmt.Fprintf(b, "# %s%s:\n", indent, key)
			if writeStructKeys(b, section+"."+key, f.Type, depth+1) == 0 {
				fmt.Fprintf(b, "# %s  # (no settings)\n", indent)
			}
			continue
		}
		example := doc.example
		if example == "" {
			example = zeroYAML(f.Type)
		}
		fmt.Fprintf(b, "# %s%s: %s\n", indent, key, example)
	}
	return n
}

// zeroYAML writes the zero value of a type as YAML.
func zeroYAML(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "0"
	case reflect.Slice, reflect.Array:
		return "[]"
	case reflect.Map, reflect.Struct:
		return "{}"
	}
	return `""`
}
