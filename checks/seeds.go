package checks

// seedRules: placeholder until this family lands; the family's owner replaces this file.
var seedRules []*Rule

// SeedsConfig holds this family's .repro.yaml settings.
type SeedsConfig struct{}
