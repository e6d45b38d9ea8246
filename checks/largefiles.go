package checks

// largeFileRules: placeholder until this family lands; the family's owner replaces this file.
var largeFileRules []*Rule

// LargeFilesConfig holds this family's .repro.yaml settings.
type LargeFilesConfig struct{}
