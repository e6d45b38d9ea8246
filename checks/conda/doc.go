// Package conda reads conda environment files (environment.yml) with line
// numbers and classifies conda match specs ("numpy", "numpy=1.24",
// "conda-forge::numpy==1.24.3=py311h_0", "numpy[version='>=1.2']") by how
// tightly they pin a package.
//
// The pip: subsection is returned as raw requirement lines with their
// positions; the pip requirement grammar belongs to checks/pipreq.
//
// This package imports only the standard library and yaml.v3. It must not
// import the checks engine (checks imports it), gitx, action or lfsstore.
// Parse never panics; YAML errors carry the line.
package conda
