// Package workflow reads GitHub Actions workflow files
// (.github/workflows/*.yml) into yaml.v3 nodes, so that every value keeps
// its line and column and its YAML type (a plain "3.10" is a float), and
// parses the shell scripts of run: steps with mvdan.cc/sh/v3 to find the
// commands they run ("pip install ...") at their positions in the file.
//
// This package imports the standard library, yaml.v3 and mvdan.cc/sh/v3.
// It must not import the checks engine (checks imports it), gitx, action
// or lfsstore. Parse never panics; YAML errors carry their line.
package workflow
