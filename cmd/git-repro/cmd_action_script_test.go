package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/git-repro/git-repro/action/actiontest"
)

type fakeGitHubKey struct{}

// TestActionScripts runs testdata/action/*.txtar: the git-repro binary
// ("git repro action") against a fake GitHub API on 127.0.0.1, one per
// script, with real git repositories and event payloads made from the
// fixtures in action/testdata. Commands the scripts get:
//
//	ghevent FIXTURE OUT BASE HEAD  write FIXTURE with base.sha/head.sha set to the revisions
//	ghcomments                     print the pull request's comments (bodies, "--- id login" headers)
//	ghwrites                       print the number of API writes since the last ghwrites
//	ghfail KIND STATUS [MESSAGE]   queue a fault (KIND: create, edit, list, user)
func TestActionScripts(t *testing.T) {
	fixtures, err := filepath.Abs(filepath.Join("..", "..", "action", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/action",
		Setup: func(env *testscript.Env) error {
			if err := hermeticGitEnv(env); err != nil {
				return err
			}
			srv := actiontest.New(t, "acme", "ml-lab", 42)
			srv.UserForbidden = true
			env.Defer(srv.Close)
			env.Values[fakeGitHubKey{}] = srv
			for k, v := range map[string]string{
				"GITHUB_API_URL": srv.URL, "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "acme/ml-lab",
				"GITHUB_RUN_ID": "4242", "GITHUB_RUN_ATTEMPT": "1", "GITHUB_EVENT_NAME": "pull_request",
				"GITHUB_SHA":          "e5bd3914e2e596debea16f433f57875b5b90bcd6",
				"GITHUB_STEP_SUMMARY": filepath.Join(env.WorkDir, "summary.md"),
				"GITHUB_OUTPUT":       filepath.Join(env.WorkDir, "output"),
				"RUNNER_TEMP":         env.WorkDir,
				"GITHUB_WORKSPACE":    filepath.Join(env.WorkDir, "repo"),
				"GITHUB_TOKEN":        "ghs_scriptTokenNeverPrinted",
				"FIXTURES":            fixtures,
			} {
				env.Setenv(k, v)
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"ghevent": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 4 {
					ts.Fatalf("usage: ghevent FIXTURE OUT BASE HEAD")
				}
				b, err := os.ReadFile(filepath.Join(fixtures, args[0]))
				ts.Check(err)
				var ev map[string]any
				ts.Check(json.Unmarshal(b, &ev))
				rev := func(r string) string {
					cmd := exec.Command("git", "rev-parse", r)
					cmd.Dir = ts.MkAbs(".")
					out, err := cmd.Output()
					ts.Check(err)
					return strings.TrimSpace(string(out))
				}
				pr := ev["pull_request"].(map[string]any)
				pr["base"].(map[string]any)["sha"] = rev(args[2])
				pr["head"].(map[string]any)["sha"] = rev(args[3])
				out, _ := json.MarshalIndent(ev, "", "  ")
				ts.Check(os.WriteFile(ts.MkAbs(args[1]), out, 0o644))
			},
			"ghcomments": func(ts *testscript.TestScript, neg bool, args []string) {
				srv := ts.Value(fakeGitHubKey{}).(*actiontest.Server)
				for _, c := range srv.Comments() {
					fmt.Fprintf(ts.Stdout(), "--- %d %s\n%s\n", c.ID, c.Login, c.Body)
				}
			},
			"ghwrites": func(ts *testscript.TestScript, neg bool, args []string) {
				srv := ts.Value(fakeGitHubKey{}).(*actiontest.Server)
				fmt.Fprintf(ts.Stdout(), "%d\n", srv.Writes())
				srv.Reset()
			},
			"ghfail": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) < 2 {
					ts.Fatalf("usage: ghfail KIND STATUS [MESSAGE]")
				}
				kinds := map[string]string{"create": actiontest.KindCreate, "edit": actiontest.KindEdit, "list": actiontest.KindList, "user": actiontest.KindUser}
				var status int
				fmt.Sscan(args[1], &status)
				msg := "Resource not accessible by integration"
				if len(args) > 2 {
					msg = strings.Join(args[2:], " ")
				}
				ts.Value(fakeGitHubKey{}).(*actiontest.Server).Fail(kinds[args[0]], actiontest.Fault{Status: status, Message: msg, DocURL: "https://docs.github.com/rest/issues/comments"})
			},
		},
	})
}
