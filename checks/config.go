package checks

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/moby/patternmatcher"
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

	// Per-family settings; each type lives beside its family's rules.
	Deps       DepsConfig       `yaml:"deps"`
	Docker     DockerConfig     `yaml:"docker"`
	Seeds      SeedsConfig      `yaml:"seeds"`
	Notebooks  NotebooksConfig  `yaml:"notebooks"`
	ModelCard  ModelCardConfig  `yaml:"model-card"`
	LargeFiles LargeFilesConfig `yaml:"large-files"`
	Secrets    SecretsConfig    `yaml:"secrets"`
	CI         CIConfig         `yaml:"ci"`
	Docs       DocsConfig       `yaml:"docs"`

	ignore *patternmatcher.PatternMatcher
}

// RuleConfig is one entry of the rules: map.
type RuleConfig struct {
	Off      bool
	Severity Severity // 0: keep the rule's default
	Ignore   []string
	ignore   *patternmatcher.PatternMatcher
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

// DefaultConfig returns the configuration used when there is no file.
func DefaultConfig() *Config {
	c := &Config{Version: 1}
	_ = c.finish()
	return c
}

// ParseConfig decodes .repro.yaml content strictly.
func ParseConfig(name string, data []byte) (*Config, error) {
	c := &Config{}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nil, &ConfigError{File: name, Err: yamlError(err)}
	}
	if err := c.finish(); err != nil {
		return nil, &ConfigError{File: name, Err: err}
	}
	return c, nil
}

func (c *Config) finish() error {
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
	pm, err := patternmatcher.New(c.Ignore)
	if err != nil {
		return fmt.Errorf("ignore: %v", err)
	}
	c.ignore = pm
	known := map[string]bool{}
	for _, r := range All() {
		known[r.ID] = true
	}
	for id, rc := range c.Rules {
		if !known[id] {
			return fmt.Errorf("rules: unknown rule %q (see \"git repro rules\")", id)
		}
		pm, err := patternmatcher.New(rc.Ignore)
		if err != nil {
			return fmt.Errorf("rules: %s: ignore: %v", id, err)
		}
		rc.ignore = pm
		c.Rules[id] = rc
	}
	return nil
}

// Ignored reports whether the config's ignore globs exclude path.
func (c *Config) Ignored(path string) bool {
	return matches(c.ignore, path)
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
	return matches(c.Rules[id].ignore, path)
}

func matches(pm *patternmatcher.PatternMatcher, path string) bool {
	if pm == nil || path == "" {
		return false
	}
	ok, err := pm.MatchesOrParentMatches(path)
	return err == nil && ok
}
