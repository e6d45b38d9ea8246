// Package templates writes the files "git repro init" offers: .repro.yaml
// with every setting of the registry's sections commented out at its
// default (ReproConfigTemplate), a MODEL_CARD.md skeleton pre-filled from
// the repository (ModelCardTemplate), and a .env.example made from a .env
// (EnvExampleFromEnv). Applying a template makes the findings it is
// offered for go away; the tests hold it to that with the real rules.
//
// It belongs to the command: the rule families keep only what their rules
// need and export the few facts the templates share with them.
package templates
