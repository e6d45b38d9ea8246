package checks

// pipRules: placeholder until this family lands; the family's owner replaces this file.
var pipRules []*Rule

// DepsConfig holds this family's .repro.yaml settings.
type DepsConfig struct{}
