// Command git-repro checks machine-learning repositories for reproducibility
// problems. Installed on PATH it runs as "git repro ...".
package main
