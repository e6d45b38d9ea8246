package checks

// dockerRules: placeholder until this family lands; the family's owner replaces this file.
var dockerRules []*Rule

// DockerConfig holds this family's .repro.yaml settings.
type DockerConfig struct{}
