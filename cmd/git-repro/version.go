package main

import (
	"fmt"

	"github.com/git-repro/git-repro/internal/cli"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3";
// otherwise it comes from the module build info.
var version = ""

func buildVersion() string { return cli.BuildVersion(version) }

var versionCommand = &Command{
	Name:  "version",
	Usage: "version",
	Short: "print the version",
	Run: func(c *CLI, _ any, _ []string) int {
		fmt.Fprintf(c.Stdout, "git-repro %s\n", buildVersion())
		return ExitClean
	},
}
