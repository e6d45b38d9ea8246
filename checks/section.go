package checks

import "reflect"

// Section is one family's part of .repro.yaml: a top-level key ("docker")
// and the settings type its value decodes into, as strictly as the rest of
// the file. SectionOf makes one; a Family lists it as its Settings.
type Section interface {
	Key() string
	Type() reflect.Type
}

// SectionOf is the Section whose key is the string's value and whose
// settings are a T (a struct with yaml tags whose zero value means every
// default). A family declares it beside its rules:
//
//	// Settings is the docker: section of .repro.yaml.
//	var Settings = checks.SectionOf[Config]("docker")
//
// and its rules read it with Settings.Get(pass.Config).
type SectionOf[T any] string

// Key implements Section.
func (s SectionOf[T]) Key() string { return string(s) }

// Type implements Section.
func (s SectionOf[T]) Type() reflect.Type { return reflect.TypeFor[T]() }

// Get returns the section's settings in c: as .repro.yaml wrote them, or
// the zero T (every default) when c has no such section (DefaultConfig, or
// a registry without the family).
func (s SectionOf[T]) Get(c *Config) *T {
	if c != nil {
		if v, ok := c.sections[string(s)].(*T); ok {
			return v
		}
	}
	return new(T)
}
