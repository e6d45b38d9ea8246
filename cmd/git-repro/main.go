// Command git-repro checks machine-learning repositories for reproducibility
// problems. Installed on PATH it runs as "git repro ...".
package main

import "os"

func main() {
	cli := &CLI{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	os.Exit(cli.Main(os.Args))
}
