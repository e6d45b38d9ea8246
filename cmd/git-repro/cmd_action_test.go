package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/action"
	"github.com/git-repro/git-repro/action/actiontest"
	"github.com/git-repro/git-repro/internal/gittest"
)

const actionToken = "ghs_e2eTokenMustNeverBePrinted0123456789"

// prRepo makes a repository with a base commit on main and a head commit
// on a feature branch: torch bumped, pandas added unpinned (new error),
// numpy pinned (fixed error), a config file added.
func prRepo(t *testing.T) (r *gittest.Repo, base, head string) {
	t.Helper()
	r = gittest.New(t)
	base = r.Commit("base", map[string]string{
		"requirements.txt": "torch==2.0.1\nnumpy>=1.24\nscikit-learn==1.3.0\n",
		"README.md":        "# Demo\n\n## Setup\n\n    pip install -r requirements.txt\n",
		"train.py":         "import random\n\nrandom.seed(0)\nprint(random.random())\n",
		".python-version":  "3.11\n",
	})
	r.Git("checkout", "-q", "-b", "feature")
	head = r.Commit("bump torch, add pandas, pin numpy", map[string]string{
		"requirements.txt":   "torch==2.1.0\nnumpy==1.26.4\nscikit-learn==1.3.0\npandas\n",
		"configs/train.yaml": "lr: 0.001\nepochs: 10\n",
	})
	return r, base, head
}

// prEvent writes the pull_request fixture with base.sha and head.sha set.
func prEvent(t *testing.T, fixture, base, head string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "action", "testdata", fixture))
	if err != nil {
		t.Fatal(err)
	}
	var ev map[string]any
	if err := json.Unmarshal(b, &ev); err != nil {
		t.Fatal(err)
	}
	pr := ev["pull_request"].(map[string]any)
	pr["head"].(map[string]any)["sha"] = head
	pr["base"].(map[string]any)["sha"] = base
	out, _ := json.MarshalIndent(ev, "", "  ")
	p := filepath.Join(t.TempDir(), "event.json")
	if err := os.WriteFile(p, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

type actionRun struct {
	code            int
	stdout, stderr  string
	summary, output string
	report          string
}

func runActionIn(t *testing.T, dir string, env map[string]string, args ...string) actionRun {
	t.Helper()
	tmp := t.TempDir()
	full := map[string]string{
		"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "acme/ml-lab", "GITHUB_SERVER_URL": "https://github.com",
		"GITHUB_RUN_ID": "4242", "GITHUB_RUN_ATTEMPT": "1", "GITHUB_EVENT_NAME": "pull_request",
		// A merge commit's hash: the action must not use it for a PR.
		"GITHUB_SHA":          "e5bd3914e2e596debea16f433f57875b5b90bcd6",
		"GITHUB_STEP_SUMMARY": filepath.Join(tmp, "summary.md"), "GITHUB_OUTPUT": filepath.Join(tmp, "output"),
		"RUNNER_TEMP": tmp, "GITHUB_TOKEN": actionToken,
	}
	for k, v := range env {
		full[k] = v
	}
	t.Chdir(dir)
	var out, errb bytes.Buffer
	cli := &CLI{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return full[k] }}
	code := cli.Main(append([]string{"git-repro", "action"}, args...))
	read := func(p string) string { b, _ := os.ReadFile(p); return string(b) }
	return actionRun{code: code, stdout: out.String(), stderr: errb.String(),
		summary: read(full["GITHUB_STEP_SUMMARY"]), output: read(full["GITHUB_OUTPUT"]),
		report: read(filepath.Join(tmp, "git-repro", "report.json"))}
}

func TestActionEndToEnd(t *testing.T) {
	gittest.Hermetic(t)
	repo, base, head := prRepo(t)
	srv := actiontest.New(t, "acme", "ml-lab", 42)
	srv.UserForbidden = true // GITHUB_TOKEN cannot read /user
	env := map[string]string{"GITHUB_API_URL": srv.URL, "GITHUB_EVENT_PATH": prEvent(t, "pull_request.json", base, head)}

	run := runActionIn(t, repo.Dir, env, "--sarif-file", filepath.Join(t.TempDir(), "repro.sarif"))
	if run.code != ExitFindings {
		t.Fatalf("exit %d, want 1 (a new error, fail-on error)\nstdout:\n%s\nstderr:\n%s", run.code, run.stdout, run.stderr)
	}
	comments := srv.Comments()
	if len(comments) != 1 {
		t.Fatalf("%d comments", len(comments))
	}
	body := comments[0].Body
	for _, want := range []string{
		"### ❌ Reproducibility: 1 new problem · score ",
		"| New | 1 | 0 | 0 | 1 |",
		"| Fixed | 1 | 0 | 0 | 1 |",
		"| `torch` | requirements.txt | changed | `==2.0.1` | `==2.1.0` |",
		"| `pandas` | requirements.txt | added |  | *any version* |",
		"requirement \"pandas\" is not pinned",
		"[job summary](https://github.com/acme/ml-lab/actions/runs/4242)",
		"reproduce locally: `git repro report --base origin/main --rev " + head[:12] + "`",
		" vs `main`",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("comment lacks %q:\n%s", want, body)
		}
	}
	m, ok := action.ParseMarker(body)
	if !ok || m.Head != head || m.New != 1 || m.Fixed != 1 || m.Key != action.DefaultKey {
		t.Errorf("marker %+v", m)
	}
	if !regexp.MustCompile(`(?m)^::error file=requirements.txt,line=4,col=\d+,title=REPRO-DEP-001`).MatchString(run.stdout) {
		t.Errorf("no annotation for the new finding:\n%s", run.stdout)
	}
	if strings.Contains(run.stdout, "line=2,") {
		t.Errorf("the fixed finding was annotated:\n%s", run.stdout)
	}
	if !strings.Contains(run.summary, "| `torch` | requirements.txt | changed |") {
		t.Errorf("summary:\n%s", run.summary)
	}
	for _, want := range []string{"new-findings<<ghadelimiter_", "\n1\n", "comment-url<<", "/pull/42#issuecomment-", "report-path<<"} {
		if !strings.Contains(run.output, want) {
			t.Errorf("outputs lack %q:\n%s", want, run.output)
		}
	}
	if !strings.Contains(run.report, `"new": {`) {
		t.Errorf("report.json: %.300s", run.report)
	}

	// A rerun with the same findings writes nothing.
	srv.Reset()
	run = runActionIn(t, repo.Dir, env, "--fail-on", "none")
	if run.code != ExitClean || srv.Writes() != 0 || len(srv.Comments()) != 1 {
		t.Fatalf("rerun: exit %d, %d writes\n%s%s", run.code, srv.Writes(), run.stdout, run.stderr)
	}
	if !strings.Contains(run.stdout, "comment unchanged") {
		t.Errorf("rerun log:\n%s", run.stdout)
	}
	// The token was sent, and never printed.
	if r := srv.Requests(); len(r) == 0 || r[0].Auth != "Bearer "+actionToken {
		t.Errorf("requests %+v", r)
	}
}

func TestActionForkFallsBackAndExitFollowsFailOn(t *testing.T) {
	gittest.Hermetic(t)
	repo, base, head := prRepo(t)
	srv := actiontest.New(t, "acme", "ml-lab", 43)
	srv.ReadOnly = true
	env := map[string]string{"GITHUB_API_URL": srv.URL, "GITHUB_EVENT_NAME": "pull_request",
		"GITHUB_EVENT_PATH": prEvent(t, "pull_request_target_fork.json", base, head)}
	for _, tc := range []struct {
		failOn string
		want   int
	}{{"error", ExitFindings}, {"none", ExitClean}, {"warning", ExitFindings}} {
		run := runActionIn(t, repo.Dir, env, "--fail-on", tc.failOn)
		if run.code != tc.want {
			t.Errorf("fail-on %s: exit %d, want %d\n%s", tc.failOn, run.code, tc.want, run.stderr)
		}
		if !strings.Contains(run.summary, "cannot comment on pull request #43 (a pull request from a fork gets a read-only token") ||
			!strings.Contains(run.summary, "| `torch` |") {
			t.Errorf("summary:\n%s", run.summary)
		}
		if !strings.Contains(run.stdout, "::notice title=git-repro%3A report comment::cannot comment") {
			t.Errorf("stdout:\n%s", run.stdout)
		}
	}
	if len(srv.Comments()) != 0 {
		t.Error("a comment was made with a read-only token")
	}
}

func TestActionNeverPrintsTheToken(t *testing.T) {
	gittest.Hermetic(t)
	repo, base, head := prRepo(t)
	srv := actiontest.New(t, "acme", "ml-lab", 42)
	// A server that echoes the credentials in its error (no retry on 422).
	srv.Fail(actiontest.KindCreate, actiontest.Fault{Status: http.StatusUnprocessableEntity, Message: "Validation Failed for token " + actionToken})
	env := map[string]string{"GITHUB_API_URL": srv.URL, "GITHUB_EVENT_PATH": prEvent(t, "pull_request.json", base, head)}
	run := runActionIn(t, repo.Dir, env, "--fail-on", "none")
	if run.code != ExitClean {
		t.Fatalf("exit %d\n%s", run.code, run.stderr)
	}
	if !strings.Contains(run.stdout, "Validation Failed for token ***") {
		t.Errorf("the error is not shown redacted:\n%s", run.stdout)
	}
	for name, s := range map[string]string{"stdout": run.stdout, "stderr": run.stderr, "summary": run.summary, "outputs": run.output, "report": run.report} {
		if strings.Contains(s, actionToken) {
			t.Errorf("the token appears in %s", name)
		}
	}
}

func TestActionUsageErrors(t *testing.T) {
	gittest.Hermetic(t)
	repo, base, head := prRepo(t)
	ev := prEvent(t, "pull_request.json", base, head)
	for _, tc := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{map[string]string{"GITHUB_EVENT_NAME": "", "GITHUB_EVENT_PATH": ""}, nil, "runs inside a GitHub Actions workflow"},
		{map[string]string{"GITHUB_EVENT_PATH": ev}, []string{"--comment", "sometimes"}, `--comment "sometimes"`},
		{map[string]string{"GITHUB_EVENT_PATH": ev}, []string{"--fail-on", "fatal"}, "--fail-on"},
		{map[string]string{"GITHUB_EVENT_PATH": ev, "GITHUB_EVENT_NAME": "issue_comment"}, nil, `unsupported event "issue_comment"`},
	} {
		run := runActionIn(t, repo.Dir, tc.env, tc.args...)
		if run.code != ExitUsage || !strings.Contains(run.stderr, tc.want) {
			t.Errorf("%v %v: exit %d, stderr %q", tc.env, tc.args, run.code, run.stderr)
		}
	}
}

func TestActionPushAndDispatch(t *testing.T) {
	gittest.Hermetic(t)
	repo, base, head := prRepo(t)
	// push: after vs before, no comment, annotations and summary.
	pushEv := filepath.Join(t.TempDir(), "push.json")
	os.WriteFile(pushEv, []byte(`{"ref":"refs/heads/feature","before":"`+base+`","after":"`+head+`","repository":{"full_name":"acme/ml-lab"}}`), 0o644)
	run := runActionIn(t, repo.Dir, map[string]string{"GITHUB_EVENT_NAME": "push", "GITHUB_EVENT_PATH": pushEv, "GITHUB_API_URL": "http://127.0.0.1:1"}, "--fail-on", "error")
	if run.code != ExitFindings || !strings.Contains(run.summary, "| New | 1 | 0 | 0 | 1 |") || strings.Contains(run.output, "issuecomment") {
		t.Errorf("push: exit %d\n%s\n%s", run.code, run.summary, run.stderr)
	}
	// workflow_dispatch on the head with base-ref main (a branch name).
	dispatch := filepath.Join(t.TempDir(), "dispatch.json")
	os.WriteFile(dispatch, []byte(`{"ref":"refs/heads/feature","inputs":{}}`), 0o644)
	run = runActionIn(t, repo.Dir, map[string]string{"GITHUB_EVENT_NAME": "workflow_dispatch", "GITHUB_EVENT_PATH": dispatch, "GITHUB_SHA": head}, "--base-ref", "main", "--fail-on", "none")
	if run.code != ExitClean || !strings.Contains(run.summary, "| Fixed | 1 | 0 | 0 | 1 |") || !strings.Contains(run.summary, "vs `main`") {
		t.Errorf("dispatch: exit %d\n%s\n%s", run.code, run.summary, run.stderr)
	}
}

// workflowRunEvent writes the workflow_run fixture with head_sha set.
func workflowRunEvent(t *testing.T, head string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "action", "testdata", "workflow_run.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ev map[string]any
	if err := json.Unmarshal(b, &ev); err != nil {
		t.Fatal(err)
	}
	ev["workflow_run"].(map[string]any)["head_sha"] = head
	out, _ := json.Marshal(ev)
	p := filepath.Join(t.TempDir(), "workflow_run.json")
	if err := os.WriteFile(p, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestActionWorkflowRunSecondStage is the fork pattern's trusted stage:
// GITHUB_EVENT_NAME=workflow_run, the saved pull_request payload passed
// with --event-path, checked against workflow_run.head_sha and the pull
// request's head on the API.
func TestActionWorkflowRunSecondStage(t *testing.T) {
	gittest.Hermetic(t)
	repo, base, head := prRepo(t)
	srv := actiontest.New(t, "acme", "ml-lab", 43)
	srv.PRHead = head
	saved := prEvent(t, "pull_request_target_fork.json", base, head)
	forged := prEvent(t, "pull_request_target_fork.json", base, base)
	env := map[string]string{"GITHUB_API_URL": srv.URL, "GITHUB_EVENT_NAME": "workflow_run", "GITHUB_EVENT_PATH": workflowRunEvent(t, head)}

	run := runActionIn(t, repo.Dir, env, "--event-path", saved, "--fail-on", "none")
	if run.code != ExitClean || len(srv.Comments()) != 1 || !strings.Contains(srv.Comments()[0].Body, "| `torch` |") {
		t.Fatalf("exit %d, %d comments\n%s%s", run.code, len(srv.Comments()), run.stdout, run.stderr)
	}
	// Without the saved payload: a usage error.
	if run = runActionIn(t, repo.Dir, env); run.code != ExitUsage || !strings.Contains(run.stderr, "--event-path") {
		t.Errorf("no --event-path: exit %d %s", run.code, run.stderr)
	}
	// A saved payload whose head is not the run's: refused.
	if run = runActionIn(t, repo.Dir, env, "--event-path", forged); run.code != ExitUsage || !strings.Contains(run.stderr, "is not workflow_run.head_sha") {
		t.Errorf("forged head: exit %d %s", run.code, run.stderr)
	}
	// The pull request moved on (or the number was forged): no comment.
	srv.PRHead = base
	srv.Reset()
	run = runActionIn(t, repo.Dir, env, "--event-path", saved, "--fail-on", "none")
	if run.code != ExitClean || srv.Writes() != 0 || !strings.Contains(run.stdout, "not commenting on pull request #43") {
		t.Errorf("stale PR head: exit %d, %d writes\n%s", run.code, srv.Writes(), run.stdout)
	}
}
