package checks

// notebookRules: placeholder until this family lands; the family's owner replaces this file.
var notebookRules []*Rule

// NotebooksConfig holds this family's .repro.yaml settings.
type NotebooksConfig struct{}
