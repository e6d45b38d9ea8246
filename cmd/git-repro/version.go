package main

import (
	"fmt"
	"runtime/debug"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3";
// otherwise it comes from the module build info.
var version = ""

func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

var versionCommand = &Command{
	Name:  "version",
	Usage: "version",
	Short: "print the version",
	Run: func(c *CLI, _ any, _ []string) int {
		fmt.Fprintf(c.Stdout, "git-repro %s\n", buildVersion())
		return ExitClean
	},
}
