package checks

// docsRules: placeholder until this family lands; the family's owner replaces this file.
var docsRules []*Rule

// DocsConfig holds this family's .repro.yaml settings.
type DocsConfig struct{}
