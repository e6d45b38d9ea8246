package main

// checkCommand is being written (lead); placeholder so the tree builds.
var checkCommand = &Command{
	Name:  "check",
	Usage: "check [flags] [PATH...]",
	Short: "check files for reproducibility problems",
	Run:   func(c *CLI, _ any, _ []string) int { return ExitFailure },
}
