package checks

// ciRules: placeholder until this family lands; the family's owner replaces this file.
var ciRules []*Rule

// CIConfig holds this family's .repro.yaml settings.
type CIConfig struct{}
