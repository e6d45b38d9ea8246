package checks

// depsRules: placeholder until this family lands; the family's owner replaces this file.
var depsRules []*Rule
