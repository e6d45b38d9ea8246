package checks

// secretRules: placeholder until this family lands; the family's owner replaces this file.
var secretRules []*Rule

// SecretsConfig holds this family's .repro.yaml settings.
type SecretsConfig struct{}
