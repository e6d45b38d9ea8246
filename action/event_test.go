package action

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseEventFixtures(t *testing.T) {
	for _, tc := range []struct {
		file, name, sha string
		want            Event
	}{
		{"pull_request.json", EventPullRequest, "e5bd3914e2e596debea16f433f57875b5b90bcd6", Event{Name: EventPullRequest, Number: 42,
			HeadSHA: headSHA, BaseSHA: baseSHA, BaseRef: "main", HeadRef: "bump-torch", HeadRepo: "acme/ml-lab"}},
		{"pull_request_target_fork.json", EventPullRequestTarget, "", Event{Name: EventPullRequestTarget, Number: 43,
			HeadSHA: "c0ffee5b57875f334f61aebed695e2e4193db5e1", BaseSHA: baseSHA, BaseRef: "main", HeadRef: "patch-1", HeadRepo: "mallory/ml-lab", Fork: true}},
		{"push.json", EventPush, headSHA, Event{Name: EventPush, HeadSHA: headSHA, BaseSHA: baseSHA, BaseRef: baseSHA[:12], HeadRef: "main"}},
		{"push_new_branch.json", EventPush, headSHA, Event{Name: EventPush, HeadSHA: headSHA, HeadRef: "feature"}},
		{"workflow_dispatch.json", EventWorkflowDispatch, headSHA, Event{Name: EventWorkflowDispatch, HeadSHA: headSHA, HeadRef: "main"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			env := Env{EventName: tc.name, EventPath: filepath.Join("testdata", tc.file), SHA: tc.sha}
			ev, err := ReadEvent(env)
			if err != nil {
				t.Fatal(err)
			}
			if *ev != tc.want {
				t.Errorf("got  %+v\nwant %+v", *ev, tc.want)
			}
		})
	}
}

func TestParseEventErrors(t *testing.T) {
	pr := string(mustRead(t, "testdata/pull_request.json"))
	for _, tc := range []struct{ name, payload, want string }{
		{EventPullRequest, `{"action":"opened"}`, `without a "pull_request" object`},
		{EventPullRequest, strings.Replace(pr, `"sha": "`+headSHA, `"sha": "refs/heads/x`, 1), `pull_request.head.sha "refs/heads/x" is not a commit hash`},
		{EventPush, `{"after":"0000000000000000000000000000000000000000","ref":"refs/heads/gone"}`, `the push deleted "refs/heads/gone"`},
		{EventWorkflowDispatch, `{}`, `GITHUB_SHA "" is not a commit hash`},
		{"issue_comment", `{}`, `unsupported event "issue_comment"`},
		{EventPush, `[`, `event payload:`},
	} {
		_, err := ParseEvent(tc.name, []byte(tc.payload), "")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s %.40s: err %v, want %q", tc.name, tc.payload, err, tc.want)
		}
	}
	if _, err := ParseEvent("issue_comment", []byte(`{}`), ""); !errors.Is(err, ErrUnsupportedEvent) {
		t.Errorf("not ErrUnsupportedEvent: %v", err)
	}
	if _, err := ReadEvent(Env{}); err == nil || !strings.Contains(err.Error(), "git repro report --base") {
		t.Errorf("outside Actions: %v", err)
	}
}

func TestEnvRunURL(t *testing.T) {
	e := LoadEnv(func(k string) string {
		return map[string]string{"GITHUB_SERVER_URL": "https://ghe.example.com/", "GITHUB_REPOSITORY": "acme/ml-lab", "GITHUB_RUN_ID": "77", "GITHUB_RUN_ATTEMPT": "2"}[k]
	})
	if got := e.RunURL(); got != "https://ghe.example.com/acme/ml-lab/actions/runs/77/attempts/2" {
		t.Errorf("RunURL %q", got)
	}
	if _, _, err := (Env{Repository: "acme"}).OwnerRepo(); err == nil {
		t.Error("bad GITHUB_REPOSITORY accepted")
	}
}

func FuzzParseEvent(f *testing.F) {
	for _, name := range []string{"pull_request.json", "pull_request_target_fork.json", "push.json", "push_new_branch.json", "workflow_dispatch.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		// The fields we read, re-encoded: the whole payloads (kilobytes of
		// URLs) slow the fuzzer's mutator to a crawl.
		var p payload
		if err := json.Unmarshal(b, &p); err != nil {
			f.Fatal(err)
		}
		seed, _ := json.Marshal(p)
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if h, err := WorkflowRunHead(data); err == nil && !shaRe().MatchString(h) {
			t.Fatalf("workflow_run head %q", h)
		}
		for _, name := range []string{EventPullRequest, EventPullRequestTarget, EventPush, EventWorkflowDispatch} {
			ev, err := ParseEvent(name, data, headSHA)
			if err != nil {
				continue
			}
			if !shaRe().MatchString(ev.HeadSHA) || (ev.BaseSHA != "" && !shaRe().MatchString(ev.BaseSHA)) {
				t.Fatalf("%s: accepted %+v", name, ev)
			}
			if (name == EventPullRequest || name == EventPullRequestTarget) && ev.Number <= 0 {
				t.Fatalf("pull request without a number: %+v", ev)
			}
		}
	})
}

func TestWorkflowRunHead(t *testing.T) {
	got, err := WorkflowRunHead(mustRead(t, "testdata/workflow_run.json"))
	if err != nil || got != "c0ffee5b57875f334f61aebed695e2e4193db5e1" {
		t.Errorf("%q %v", got, err)
	}
	if _, err := WorkflowRunHead(mustRead(t, "testdata/pull_request.json")); err == nil {
		t.Error("a pull_request payload gave a workflow_run head")
	}
}
