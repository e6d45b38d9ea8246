package checks

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/internal/yamlerr"
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
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: a rule setting is off, error, warning, info or a mapping of enabled, severity and ignore, not %s", n.Line, kindName(n))
	}
	var errs []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], resolve(n.Content[i+1])
		switch k.Value {
		case "enabled":
			var on bool
			if v.Kind != yaml.ScalarNode || v.Decode(&on) != nil {
				errs = append(errs, fmt.Sprintf("line %d: enabled: %s is not true or false", v.Line, shown(v)))
			} else if !on {
				rc.Off = true
			}
		case "severity":
			s, err := ParseSeverity(v.Value)
			if v.Kind != yaml.ScalarNode || err != nil || s == SeverityNone {
				errs = append(errs, fmt.Sprintf("line %d: severity: %s is not error, warning or info", v.Line, shown(v)))
			} else {
				rc.Severity = s
			}
		case "ignore":
			if v.Kind != yaml.SequenceNode || v.Decode(&rc.Ignore) != nil {
				errs = append(errs, fmt.Sprintf("line %d: ignore: %s is not a list of path globs; write [\"legacy/**\"]", v.Line, shown(v)))
			}
		default:
			errs = append(errs, fmt.Sprintf("line %d: unknown key %q (valid: enabled, severity, ignore)", k.Line, k.Value))
		}
	}
	if len(errs) > 0 {
		return &yaml.TypeError{Errors: errs}
	}
	return nil
}

// yamlError rewords the errors yaml.v3 gives that checkConfig has not
// already found (syntax errors, duplicate keys), without Go type names.
func yamlError(err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		var msgs []string
		for _, e := range te.Errors {
			e = notFoundRe().ReplaceAllString(e, "unknown key $1")
			msgs = append(msgs, cannotRe().ReplaceAllString(e, "a value of the wrong type ($1)"))
		}
		return errors.New(strings.Join(msgs, "; "))
	}
	line, msg := yamlerr.Of(err)
	return fmt.Errorf("line %d: %s", line, msg)
}

var (
	notFoundRe = lazyre.New(`field (\S+) not found in type .*`)
	cannotRe   = lazyre.New("cannot unmarshal (!!\\w+)(?: `[^`]*`)? into .*")
)

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
	_ = c.finish()
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
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, &ConfigError{File: name, Err: yamlError(err)}
	}
	if errs := checkConfig(&root, s.doc, families); len(errs) > 0 {
		return nil, &ConfigError{File: name, Err: errors.New(strings.Join(errs, "; "))}
	}
	doc := reflect.New(s.doc)
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(doc.Interface()); err != nil && !errors.Is(err, io.EOF) {
		return nil, &ConfigError{File: name, Err: yamlError(err)}
	}
	c := doc.Elem().Field(0).Addr().Interface().(*Config)
	c.sections = map[string]any{}
	for i, key := range s.keys {
		c.sections[key] = doc.Elem().Field(i + 1).Addr().Interface()
	}
	if err := c.finish(); err != nil {
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
	g, err := NewGlobs(c.Ignore)
	if err != nil {
		return fmt.Errorf("ignore: %v", err)
	}
	c.ignore = g
	for id, rc := range c.Rules {
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

// checkConfig walks the document against the schema's types before it is
// decoded and returns every problem in file order, each as "line N: path:
// what is wrong", the path being the keys that lead to the value
// ("docker: large-file", "rules: REPRO-DEP-001"), with the valid keys of
// a mapping and never a Go type name. yaml.v3 would say "field bogus not
// found in type docker.Config" or "cannot unmarshal !!str `x` into
// []string".
func checkConfig(root *yaml.Node, doc reflect.Type, families []Family) []string {
	known := map[string]bool{}
	for _, r := range EngineRules {
		known[r.ID] = true
	}
	for _, f := range families {
		for _, r := range f.Rules {
			known[r.ID] = true
		}
	}
	v := &configChecker{known: known}
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		v.value(root.Content[0], doc, "", 0)
	}
	return v.errs
}

type configChecker struct {
	known map[string]bool // rule ids
	errs  []string
	nodes int
}

var (
	unmarshalerType = reflect.TypeFor[yaml.Unmarshaler]()
	ruleConfigsType = reflect.TypeFor[map[string]RuleConfig]()
	lineRe          = lazyre.New(`^line (\d+): `)
)

// add records a problem of the value at n.
func (v *configChecker) add(line int, path, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if path != "" {
		msg = path + ": " + msg
	}
	v.errs = append(v.errs, fmt.Sprintf("line %d: %s", line, msg))
}

// addErr records the errors of a custom unmarshaler, which name their
// own lines ("line 3: unknown key ..."), with the path put after the line.
func (v *configChecker) addErr(n *yaml.Node, path string, err error) {
	msgs := []string{err.Error()}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	for _, m := range msgs {
		line := n.Line
		if loc := lineRe().FindStringSubmatchIndex(m); loc != nil {
			fmt.Sscan(m[loc[2]:loc[3]], &line)
			m = m[loc[1]:]
		}
		v.add(line, path, "%s", m)
	}
}

// maxConfigNodes bounds the walk (aliases can make a small file a large
// tree; yaml.v3 refuses the worst of them when decoding).
const maxConfigNodes = 100000

func (v *configChecker) value(n *yaml.Node, t reflect.Type, path string, depth int) {
	n = resolve(n)
	v.nodes++
	if n == nil || depth > 32 || v.nodes > maxConfigNodes || n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // null is every type's zero value
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		if err := reflect.New(t).Interface().(yaml.Unmarshaler).UnmarshalYAML(n); err != nil {
			v.addErr(n, path, err)
		}
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		keys := structKeys(t)
		if n.Kind != yaml.MappingNode {
			v.add(n.Line, path, "must be a mapping of settings (%s), not %s", strings.Join(keyNames(keys), ", "), kindName(n))
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := resolve(n.Content[i])
			ft, ok := fieldType(keys, k.Value)
			if !ok && len(keys) == 0 {
				v.add(k.Line, path, "unknown key %q (the section has no settings)", k.Value)
				continue
			}
			if !ok {
				v.add(k.Line, path, "unknown key %q (valid: %s)", k.Value, strings.Join(keyNames(keys), ", "))
				continue
			}
			v.value(n.Content[i+1], ft, join(path, k.Value), depth+1)
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			v.add(n.Line, path, "must be a mapping, not %s", kindName(n))
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := resolve(n.Content[i])
			if t == ruleConfigsType && !v.known[k.Value] {
				v.add(k.Line, path, "unknown rule %q (see \"git repro rules\")", k.Value)
				continue
			}
			v.value(n.Content[i+1], t.Elem(), join(path, k.Value), depth+1)
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			if n.Kind == yaml.ScalarNode {
				v.add(n.Line, path, "%s is not a list; write [%s]", shown(n), shown(n))
			} else {
				v.add(n.Line, path, "must be a list, not %s", kindName(n))
			}
			return
		}
		for _, e := range n.Content {
			v.value(e, t.Elem(), path, depth+1)
		}
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		want := map[reflect.Kind]string{reflect.String: "a string", reflect.Bool: "true or false", reflect.Float32: "a number", reflect.Float64: "a number"}[t.Kind()]
		if want == "" {
			want = "a whole number"
		}
		if n.Kind != yaml.ScalarNode {
			v.add(n.Line, path, "must be %s, not %s", want, kindName(n))
			return
		}
		// yaml.v3 would truncate a float into an int ("limit: 1.5" is 1).
		isInt := want == "a whole number"
		if err := n.Decode(reflect.New(t).Interface()); err != nil || isInt && n.ShortTag() != "!!int" {
			v.add(n.Line, path, "%s is not %s", shown(n), want)
		}
	}
}

// structKey is a key of a settings struct and the type of its value.
type structKey struct {
	name string
	t    reflect.Type
}

// structKeys lists the keys of a struct as yaml.v3 reads them: the yaml
// tag's name (or the field's lower-cased name), inline structs' keys in
// their place, unexported and "-" fields left out.
func structKeys(t reflect.Type) []structKey {
	var out []structKey
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" {
			continue
		}
		if strings.Contains(","+opts+",", ",inline,") && f.Type.Kind() == reflect.Struct {
			out = append(out, structKeys(f.Type)...)
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out = append(out, structKey{name, f.Type})
	}
	return out
}

func fieldType(keys []structKey, name string) (reflect.Type, bool) {
	for _, k := range keys {
		if k.name == name {
			return k.t, true
		}
	}
	return nil, false
}

func keyNames(keys []structKey) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k.name
	}
	return out
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + ": " + key
}

// resolve follows an alias ("*name") to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 16; i++ {
		n = n.Alias
	}
	return n
}

// kindName says what a node is, for "must be ..., not <kind>".
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return shown(n)
	}
	return "empty"
}

// shown quotes a scalar's value for a message (a list or a mapping is
// named by its kind).
func shown(n *yaml.Node) string {
	if n.Kind != yaml.ScalarNode {
		return kindName(n)
	}
	return strconv.Quote(n.Value)
}
