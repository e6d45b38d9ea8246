package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestReportScripts runs the report flows in testdata/report/*.txtar on
// real git repositories with every rule family. The scripts compare the
// markdown report with a golden copy; UPDATE_GOLDEN=1 rewrites it (review
// the diff).
func TestReportScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/report",
		Setup:         hermeticGitEnv,
		UpdateScripts: os.Getenv("UPDATE_GOLDEN") != "",
	})
}
