package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestLFSAgentScripts runs testdata/lfsagent/*.txtar: git repro lfs setup,
// pushes and clones through the real git-lfs client with this binary as
// its standalone transfer agent, and lfs gc on the result.
func TestLFSAgentScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/lfsagent",
		Setup: func(env *testscript.Env) error {
			home := filepath.Join(env.WorkDir, ".home")
			if err := os.MkdirAll(home, 0o755); err != nil {
				return err
			}
			for k, v := range map[string]string{
				"HOME": home, "XDG_CONFIG_HOME": filepath.Join(home, ".config"), "GIT_CONFIG_NOSYSTEM": "1",
				"GIT_AUTHOR_NAME": "Test Author", "GIT_AUTHOR_EMAIL": "author@example.com",
				"GIT_COMMITTER_NAME": "Test Committer", "GIT_COMMITTER_EMAIL": "committer@example.com",
				"GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
			} {
				env.Setenv(k, v)
			}
			return nil
		},
	})
}
