package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/git-repro/git-repro/rules"
)

// TestInstallScripts runs the hook flows in testdata/install/*.txtar: real
// git, the real git-lfs client, and the hooks calling this binary (the
// test binary, re-executed as "git-repro" from PATH by TestMain).
func TestInstallScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:   "testdata/install",
		Setup: hermeticGitEnv,
		Condition: func(cond string) (bool, error) {
			// [rules:deps]: the rule family for a category has landed.
			if cat, ok := strings.CutPrefix(cond, "rules:"); ok {
				for _, r := range rules.All() {
					if r.Category == cat {
						return true, nil
					}
				}
				return false, nil
			}
			return false, nil
		},
	})
}

// hermeticGitEnv gives each script a private HOME (git lfs install writes
// the global config there) and a fixed identity and clock.
func hermeticGitEnv(env *testscript.Env) error {
	home := filepath.Join(env.WorkDir, ".home")
	if err := os.MkdirAll(home, 0o755); err != nil {
		return err
	}
	for k, v := range map[string]string{
		"HOME": home, "GIT_CONFIG_NOSYSTEM": "1",
		"GIT_AUTHOR_NAME": "Test Author", "GIT_AUTHOR_EMAIL": "author@example.com",
		"GIT_COMMITTER_NAME": "Test Committer", "GIT_COMMITTER_EMAIL": "committer@example.com",
		"GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
		"NO_COLOR": "1",
	} {
		env.Setenv(k, v)
	}
	return nil
}

func TestInstallOutsideRepo(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	var out, errb strings.Builder
	c := &CLI{Stdout: &out, Stderr: &errb, Getenv: os.Getenv}
	if code := c.Main([]string{"git-repro", "install"}); code != ExitUsage {
		t.Errorf("install outside a repository: exit %d, want %d (%s)", code, ExitUsage, errb.String())
	}
	if code := c.Main([]string{"git-repro", "install", "--hook", "post-merge"}); code != ExitUsage {
		t.Errorf("install --hook post-merge: exit %d, want %d", code, ExitUsage)
	}
}
