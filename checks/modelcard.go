package checks

// modelCardRules: placeholder until this family lands; the family's owner replaces this file.
var modelCardRules []*Rule

// ModelCardConfig holds this family's .repro.yaml settings.
type ModelCardConfig struct{}
