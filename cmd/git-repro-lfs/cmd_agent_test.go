package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/git-repro/git-repro/internal/testenv"
)

// buildGitRepro builds the small git-repro binary, for scripts that check
// that "git repro lfs ..." reaches this binary.
func buildGitRepro(t *testing.T) string {
	bin := filepath.Join(t.TempDir(), "git-repro")
	if out, err := exec.Command("go", "build", "-o", bin, "../git-repro").CombinedOutput(); err != nil {
		t.Fatalf("go build ../git-repro: %v\n%s", err, out)
	}
	return bin
}

// TestAgentScripts runs testdata/agent/*.txtar: git-repro-lfs setup,
// pushes and clones through the real git-lfs client with this binary as
// its standalone transfer agent, lfs gc on the result, and a repository
// configured the way earlier versions did (through git-repro).
func TestAgentScripts(t *testing.T) {
	testenv.Tool(t, "git-lfs")
	gitRepro := buildGitRepro(t)
	testscript.Run(t, testscript.Params{
		Dir: "testdata/agent",
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
				"GITREPRO": gitRepro,
			} {
				env.Setenv(k, v)
			}
			return nil
		},
	})
}
