// Package share runs the rules of a family that share one analysis: the
// analysis runs once (per run, or per target file) and finds what every
// rule of the family reports, filed by rule id in Findings; each rule's
// Run reports its own share. The ci, commands, deps and docker families
// are written this way.
//
// It imports the engine (checks) and snapshot only.
package share
