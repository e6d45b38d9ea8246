package checks

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// ConfigFile is the name of the configuration file at the repository root.
const ConfigFile = ".repro.yaml"

// Config is the decoded .repro.yaml. Decoding is strict: an unknown key or
// a value of the wrong type is an error that names its line.
type Config struct {
	// Version of the config format; only 1 exists.
	Version int `yaml:"version"`
	// FailOn is the default for --fail-on ("error", "warning", "info", "none").
	FailOn string `yaml:"fail-on"`
	// Ignore lists path globs (Docker/gitignore-style, "**" allowed) whose
	// files are never checked and never reported.
	Ignore []string `yaml:"ignore"`
	// Rules enables, disables or re-grades rules by id:
	//   REPRO-DEP-001: off            # or error / warning / info
	//   REPRO-DOCKER-002: {severity: error, ignore: ["legacy/**"]}
	Rules map[string]RuleConfig `yaml:"rules"`

	ignore Globs
	// sections holds each family's settings by key (a *T of the family's
	// SectionOf[T]); SectionOf.Get reads them.
	sections map[string]any
}

// RuleConfig is one entry of the rules: map.
type RuleConfig struct {
	Off      bool
	Severity Severity // 0: keep the rule's default
	Ignore   []string
	ignore   Globs
}

// UnmarshalYAML accepts "off", a severity name, or a mapping.
func (rc *RuleConfig) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		v := strings.ToLower(n.Value)
		switch v {
		case "off", "false", "disable", "disabled":
			rc.Off = true
			return nil
		case "on", "true", "enable", "enabled":
			return nil
		}
		s, err := ParseSeverity(v)
		if err != nil || s == SeverityNone {
			return fmt.Errorf("line %d: rule setting %q is not off, error, warning or info", n.Line, n.Value)
		}
		rc.Severity = s
		return nil
	}
	var m struct {
		Enabled  *bool    `yaml:"enabled"`
		Severity string   `yaml:"severity"`
		Ignore   []string `yaml:"ignore"`
	}
	if err := decodeStrict(n, &m); err != nil {
		return err
	}
	if m.Enabled != nil && !*m.Enabled {
		rc.Off = true
	}
	if m.Severity != "" {
		s, err := ParseSeverity(m.Severity)
		if err != nil || s == SeverityNone {
			return fmt.Errorf("line %d: severity %q is not error, warning or info", n.Line, m.Severity)
		}
		rc.Severity = s
	}
	rc.Ignore = m.Ignore
	return nil
}

// decodeStrict decodes a node into v rejecting unknown fields. yaml.v3's
// Node.Decode has no strict mode, so re-encode and decode with a Decoder.
func decodeStrict(n *yaml.Node, v any) error {
	b, err := yaml.Marshal(n)
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("line %d: %v", n.Line, yamlError(err))
	}
	return nil
}

var notFoundRe = regexp.MustCompile(`field (\S+) not found in type \S+`)

// yamlError rewords yaml.v3's errors for users: one problem per line, each
// with its line number, without Go type names.
func yamlError(err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		var msgs []string
		for _, e := range te.Errors {
			msgs = append(msgs, notFoundRe.ReplaceAllString(e, "unknown key $1"))
		}
		return errors.New(strings.Join(msgs, "; "))
	}
	return errors.New(strings.TrimPrefix(err.Error(), "yaml: "))
}

// ConfigError is a configuration problem; the CLI exits 2 on it.
type ConfigError struct {
	File string
	Err  error
}

func (e *ConfigError) Error() string { return e.File + ": " + e.Err.Error() }
func (e *ConfigError) Unwrap() error { return e.Err }

// DefaultConfig returns the configuration used when there is no file:
// every family's settings at their defaults.
func DefaultConfig() *Config {
	c := &Config{Version: 1}
	_ = c.finish(nil)
	return c
}

// ParseConfig decodes .repro.yaml content strictly. The families (the
// registry, rules.Families()) say which rule ids exist and which sections
// there are besides version, fail-on, ignore and rules; each section is
// decoded into its family's settings type in the same pass, so that every
// problem of the file is reported at once, in file order, with its line.
func ParseConfig(name string, data []byte, families []Family) (*Config, error) {
	s, err := newSchema(families)
	if err != nil {
		return nil, &ConfigError{File: name, Err: err}
	}
	doc := reflect.New(s.doc)
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(doc.Interface()); err != nil && !errors.Is(err, io.EOF) {
		return nil, &ConfigError{File: name, Err: yamlError(s.rename(err))}
	}
	c := doc.Elem().Field(0).Addr().Interface().(*Config)
	c.sections = map[string]any{}
	for i, key := range s.keys {
		c.sections[key] = doc.Elem().Field(i + 1).Addr().Interface()
	}
	if err := c.finish(families); err != nil {
		return nil, &ConfigError{File: name, Err: err}
	}
	return c, nil
}

// schema is the shape of a .repro.yaml for one registry: a struct made
// at run time whose first field is the Config (inline: version, fail-on,
// ignore, rules) and whose other fields are the families' sections.
type schema struct {
	doc  reflect.Type
	keys []string // the section of field i+1
}

func newSchema(families []Family) (*schema, error) {
	fields := []reflect.StructField{{Name: "Config", Type: reflect.TypeFor[Config](), Tag: `yaml:",inline"`}}
	s := &schema{}
	types := map[string]reflect.Type{}
	for _, k := range []string{"version", "fail-on", "ignore", "rules"} {
		types[k] = nil
	}
	for _, f := range families {
		if f.Settings == nil {
			continue
		}
		key, t := f.Settings.Key(), f.Settings.Type()
		if prev, ok := types[key]; ok {
			if prev == nil {
				return nil, fmt.Errorf("family %s: section %q is one of the engine's own keys", f.Name, key)
			}
			if prev != t {
				return nil, fmt.Errorf("family %s: section %q is declared twice with different types (%v, %v)", f.Name, key, prev, t)
			}
			continue // a section two families share
		}
		types[key] = t
		s.keys = append(s.keys, key)
		fields = append(fields, reflect.StructField{Name: fmt.Sprintf("S%d", len(s.keys)), Type: t, Tag: reflect.StructTag(fmt.Sprintf("yaml:%q", key))})
	}
	s.doc = reflect.StructOf(fields)
	return s, nil
}

// rename makes yaml.v3's errors name the document type as checks.Config,
// not as the struct newSchema made.
func (s *schema) rename(err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return err
	}
	out := &yaml.TypeError{}
	for _, e := range te.Errors {
		out.Errors = append(out.Errors, strings.ReplaceAll(e, s.doc.String(), "checks.Config"))
	}
	return out
}

func (c *Config) finish(families []Family) error {
	if c.Version == 0 {
		c.Version = 1
	}
	if c.Version != 1 {
		return fmt.Errorf("version %d is not supported (use 1)", c.Version)
	}
	if c.FailOn != "" {
		if _, err := ParseSeverity(c.FailOn); err != nil {
			return fmt.Errorf("fail-on: %v", err)
		}
	}
	g, err := NewGlobs(c.Ignore)
	if err != nil {
		return fmt.Errorf("ignore: %v", err)
	}
	c.ignore = g
	known := map[string]bool{}
	for _, r := range EngineRules {
		known[r.ID] = true
	}
	for _, f := range families {
		for _, r := range f.Rules {
			known[r.ID] = true
		}
	}
	for id, rc := range c.Rules {
		if !known[id] {
			return fmt.Errorf("rules: unknown rule %q (see \"git repro rules\")", id)
		}
		g, err := NewGlobs(rc.Ignore)
		if err != nil {
			return fmt.Errorf("rules: %s: ignore: %v", id, err)
		}
		rc.ignore = g
		c.Rules[id] = rc
	}
	return nil
}

// Ignored reports whether the config's ignore globs exclude path.
func (c *Config) Ignored(path string) bool {
	return c.ignore.Match(path)
}

// Enabled reports whether rule id is switched on.
func (c *Config) Enabled(id string) bool { return !c.Rules[id].Off }

// SeverityOf returns the effective severity of r.
func (c *Config) SeverityOf(r *Rule) Severity {
	if s := c.Rules[r.ID].Severity; s != 0 {
		return s
	}
	return r.Severity
}

func (c *Config) ignoredFor(id, path string) bool {
	return c.Rules[id].ignore.Match(path)
}
