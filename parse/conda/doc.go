// Package conda reads conda environment files (environment.yml) with line
// numbers and classifies conda match specs ("numpy", "numpy=1.24",
// "conda-forge::numpy==1.24.3=py311h_0", "numpy[version='>=1.2']") by how
// tightly they pin a package.
//
// The pip: subsection is returned as raw requirement lines with their
// positions; the pip requirement grammar belongs to parse/pipreq.
//
// This package imports only the standard library, yaml.v3, internal/yamlerr
// and internal/lazyre.
// Like every parse/ package it must not import the rule engine (checks), a
// rule family (rules/...), gitx, action, hooks or lfsstore.
// Parse never panics; YAML errors carry the line.
package conda
