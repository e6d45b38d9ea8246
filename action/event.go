package action

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/git-repro/git-repro/internal/lazyre"
)

// Env is what the runner tells a step through environment variables.
type Env struct {
	EventName  string // GITHUB_EVENT_NAME: "pull_request", "push", ...
	EventPath  string // GITHUB_EVENT_PATH: the webhook payload (JSON)
	Repository string // GITHUB_REPOSITORY: "owner/name"
	APIURL     string // GITHUB_API_URL ("https://api.github.com" or GHES's /api/v3)
	ServerURL  string // GITHUB_SERVER_URL (links to runs)
	RunID      string // GITHUB_RUN_ID
	RunAttempt string // GITHUB_RUN_ATTEMPT
	SHA        string // GITHUB_SHA: only for push/workflow_dispatch fallbacks
	Workflow   string // GITHUB_WORKFLOW (part of the default report key)
	Job        string // GITHUB_JOB
	Summary    string // GITHUB_STEP_SUMMARY: file the job summary is appended to
	Output     string // GITHUB_OUTPUT: file step outputs are appended to
	RunnerTemp string // RUNNER_TEMP
}

// LoadEnv reads the runner's variables through getenv.
func LoadEnv(getenv func(string) string) Env {
	return Env{
		EventName:  getenv("GITHUB_EVENT_NAME"),
		EventPath:  getenv("GITHUB_EVENT_PATH"),
		Repository: getenv("GITHUB_REPOSITORY"),
		APIURL:     getenv("GITHUB_API_URL"),
		ServerURL:  getenv("GITHUB_SERVER_URL"),
		RunID:      getenv("GITHUB_RUN_ID"),
		RunAttempt: getenv("GITHUB_RUN_ATTEMPT"),
		SHA:        getenv("GITHUB_SHA"),
		Workflow:   getenv("GITHUB_WORKFLOW"),
		Job:        getenv("GITHUB_JOB"),
		Summary:    getenv("GITHUB_STEP_SUMMARY"),
		Output:     getenv("GITHUB_OUTPUT"),
		RunnerTemp: getenv("RUNNER_TEMP"),
	}
}

// OwnerRepo splits GITHUB_REPOSITORY.
func (e Env) OwnerRepo() (owner, repo string, err error) {
	owner, repo, ok := strings.Cut(e.Repository, "/")
	if !ok || owner == "" || repo == "" || strings.Contains(repo, "/") {
		return "", "", fmt.Errorf("GITHUB_REPOSITORY %q is not \"owner/name\"", e.Repository)
	}
	return owner, repo, nil
}

// RunURL is the link to this workflow run, whose page shows the job
// summary ("" when the runner variables are missing).
func (e Env) RunURL() string {
	if e.ServerURL == "" || e.Repository == "" || e.RunID == "" {
		return ""
	}
	u := strings.TrimSuffix(e.ServerURL, "/") + "/" + e.Repository + "/actions/runs/" + e.RunID
	if e.RunAttempt != "" && e.RunAttempt != "1" {
		u += "/attempts/" + e.RunAttempt
	}
	return u
}

// Event is what git-repro needs from a webhook payload.
type Event struct {
	Name string // event name, as GITHUB_EVENT_NAME
	// Number is the pull request's number (0 for push/workflow_dispatch).
	Number int
	// HeadSHA and BaseSHA are the commits to compare. For pull requests
	// they come from pull_request.head.sha and pull_request.base.sha; for
	// a push, after and before (BaseSHA is "" for a new branch).
	HeadSHA string
	BaseSHA string
	// BaseRef names the base for people ("main"); HeadRef the head branch.
	BaseRef string
	HeadRef string
	// Fork is set when the pull request comes from another repository:
	// its GITHUB_TOKEN is read-only under pull_request.
	Fork bool
	// HeadRepo is the full name of the repository the head lives in.
	HeadRepo string
}

// IsPullRequest reports whether the event is about a pull request.
func (e *Event) IsPullRequest() bool { return e.Number > 0 }

// payload is the part of the webhook payloads we read. Field names are
// GitHub's.
type payload struct {
	Number      int `json:"number"`
	PullRequest *struct {
		Number int   `json:"number"`
		Head   prRef `json:"head"`
		Base   prRef `json:"base"`
	} `json:"pull_request"`
	Before     string `json:"before"`
	After      string `json:"after"`
	Ref        string `json:"ref"`
	Repository *struct {
		FullName      string `json:"full_name"`
		DefaultBranch string `json:"default_branch"`
	} `json:"repository"`
}

type prRef struct {
	Ref  string `json:"ref"`
	SHA  string `json:"sha"`
	Repo *struct {
		FullName string `json:"full_name"`
		Fork     bool   `json:"fork"`
	} `json:"repo"`
}

var shaRe = lazyre.New(`^[0-9a-f]{40}([0-9a-f]{24})?$`)

// zeroSHA is what a push payload says "before" a branch existed.
func zeroSHA(s string) bool { return strings.Trim(s, "0") == "" }

// Supported event names.
const (
	EventPullRequest       = "pull_request"
	EventPullRequestTarget = "pull_request_target"
	EventPush              = "push"
	EventWorkflowDispatch  = "workflow_dispatch"
)

// ErrUnsupportedEvent is returned for events the action does not handle.
var ErrUnsupportedEvent = errors.New("unsupported event")

// ParseEvent reads a webhook payload of the named event. sha is
// GITHUB_SHA, used only by workflow_dispatch (where it is the commit the
// run was dispatched on, not a merge commit).
func ParseEvent(name string, data []byte, sha string) (*Event, error) {
	var p payload
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("event payload: %w", err)
	}
	ev := &Event{Name: name}
	checkSHA := func(field, v string, optional bool) error {
		if v == "" && optional {
			return nil
		}
		if !shaRe().MatchString(v) {
			return fmt.Errorf("event payload: %s %q is not a commit hash", field, v)
		}
		return nil
	}
	switch name {
	case EventPullRequest, EventPullRequestTarget:
		pr := p.PullRequest
		if pr == nil {
			return nil, fmt.Errorf("event payload: %s event without a \"pull_request\" object", name)
		}
		ev.Number = pr.Number
		if ev.Number == 0 {
			ev.Number = p.Number
		}
		if ev.Number <= 0 {
			return nil, fmt.Errorf("event payload: pull request without a number")
		}
		ev.HeadSHA, ev.BaseSHA = pr.Head.SHA, pr.Base.SHA
		ev.HeadRef, ev.BaseRef = pr.Head.Ref, pr.Base.Ref
		if err := checkSHA("pull_request.head.sha", ev.HeadSHA, false); err != nil {
			return nil, err
		}
		if err := checkSHA("pull_request.base.sha", ev.BaseSHA, false); err != nil {
			return nil, err
		}
		if pr.Head.Repo != nil {
			ev.HeadRepo = pr.Head.Repo.FullName
			baseRepo := ""
			if pr.Base.Repo != nil {
				baseRepo = pr.Base.Repo.FullName
			}
			ev.Fork = pr.Head.Repo.Fork || (baseRepo != "" && !strings.EqualFold(ev.HeadRepo, baseRepo))
		} else {
			// The head repository was deleted: it was a fork.
			ev.Fork = true
		}
	case EventPush:
		ev.HeadSHA = p.After
		if err := checkSHA("after", ev.HeadSHA, false); err != nil {
			return nil, err
		}
		if zeroSHA(ev.HeadSHA) {
			return nil, fmt.Errorf("event payload: the push deleted %q; nothing to check", p.Ref)
		}
		if !zeroSHA(p.Before) {
			ev.BaseSHA = p.Before
			if err := checkSHA("before", ev.BaseSHA, true); err != nil {
				return nil, err
			}
		}
		ev.HeadRef = strings.TrimPrefix(p.Ref, "refs/heads/")
		ev.BaseRef = ev.BaseSHA
		if len(ev.BaseRef) > 12 {
			ev.BaseRef = ev.BaseRef[:12]
		}
	case EventWorkflowDispatch:
		ev.HeadSHA = sha
		if err := checkSHA("GITHUB_SHA", ev.HeadSHA, false); err != nil {
			return nil, err
		}
		ev.HeadRef = strings.TrimPrefix(p.Ref, "refs/heads/")
	default:
		return nil, fmt.Errorf("%w %q (the action runs on pull_request, pull_request_target, push and workflow_dispatch)", ErrUnsupportedEvent, name)
	}
	return ev, nil
}

// ReadEvent reads the payload GITHUB_EVENT_PATH names.
func ReadEvent(env Env) (*Event, error) {
	if env.EventName == "" || env.EventPath == "" {
		return nil, errors.New("GITHUB_EVENT_NAME and GITHUB_EVENT_PATH are not set: \"git repro action\" runs inside a GitHub Actions workflow (locally, use \"git repro report --base REF\")")
	}
	data, err := os.ReadFile(env.EventPath)
	if err != nil {
		return nil, fmt.Errorf("GITHUB_EVENT_PATH: %w", err)
	}
	return ParseEvent(env.EventName, data, env.SHA)
}

// EventWorkflowRun is the second stage of the fork pattern: a trusted
// workflow that reports on a pull_request payload the first stage saved.
const EventWorkflowRun = "workflow_run"

// WorkflowRunHead reads workflow_run.head_sha from a workflow_run payload:
// the commit GitHub says the first stage ran on, which a saved payload
// (written by untrusted code) must match.
func WorkflowRunHead(data []byte) (string, error) {
	var p struct {
		WorkflowRun *struct {
			HeadSHA string `json:"head_sha"`
			Event   string `json:"event"`
		} `json:"workflow_run"`
	}
	if err := json.Unmarshal(data, &p); err != nil {
		return "", fmt.Errorf("workflow_run payload: %w", err)
	}
	if p.WorkflowRun == nil || !shaRe().MatchString(p.WorkflowRun.HeadSHA) {
		return "", errors.New("workflow_run payload without a workflow_run.head_sha")
	}
	return p.WorkflowRun.HeadSHA, nil
}

// String describes the event for the log.
func (e *Event) String() string {
	if e.IsPullRequest() {
		return e.Name + " #" + strconv.Itoa(e.Number) + " " + short(e.BaseSHA) + ".." + short(e.HeadSHA)
	}
	if e.BaseSHA != "" {
		return e.Name + " " + short(e.BaseSHA) + ".." + short(e.HeadSHA)
	}
	return e.Name + " " + short(e.HeadSHA)
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}
