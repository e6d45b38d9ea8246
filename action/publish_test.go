package action

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/action/actiontest"
	"github.com/git-repro/git-repro/checks"
)

// runnerFiles makes the files a runner gives a step.
func runnerEnv(t *testing.T) Env {
	dir := t.TempDir()
	return Env{
		EventName: EventPullRequest, Repository: "acme/ml-lab", ServerURL: "https://github.com",
		RunID: "123456789", RunAttempt: "1",
		Summary: writeFile(t, dir, "summary.md", ""), Output: writeFile(t, dir, "output", ""),
		RunnerTemp: dir,
	}
}

// parseOutputs reads $GITHUB_OUTPUT as the runner does: "name=value"
// lines and "name<<DELIM" blocks.
func parseOutputs(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if name, delim, ok := strings.Cut(line, "<<"); ok {
			var val []string
			closed := false
			for sc.Scan() {
				if sc.Text() == delim {
					closed = true
					break
				}
				val = append(val, sc.Text())
			}
			if !closed {
				t.Fatalf("output %s: delimiter %q never closes", name, delim)
			}
			out[name] = strings.Join(val, "\n")
			continue
		}
		if name, val, ok := strings.Cut(line, "="); ok {
			out[name] = val
		}
	}
	return out
}

func TestPublishForbiddenFallsBackToSummary(t *testing.T) {
	srv := actiontest.New(t, "acme", "ml-lab", 43)
	srv.ReadOnly = true
	srv.UserForbidden = true
	c, _ := newTestClient(t, srv)
	env := runnerEnv(t)
	ev, err := ParseEvent(EventPullRequestTarget, mustRead(t, "testdata/pull_request_target_fork.json"), "")
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	r := testReport(ev.HeadSHA, 2, 1, 0)
	out, err := Publish(context.Background(), r, Settings{Env: env, Event: ev, Client: c, Log: &log,
		ReportPath: filepath.Join(env.RunnerTemp, "report.json"), SARIFFile: filepath.Join(env.RunnerTemp, "sarif", "repro.sarif")})
	if err != nil {
		t.Fatalf("the step must not fail: %v", err)
	}
	if !out.Fallback || out.CommentErr != nil || len(srv.Comments()) != 0 {
		t.Fatalf("outcome %+v", out)
	}
	summary := mustRead(t, env.Summary)
	for _, want := range []string{"cannot comment on pull request #43", "fork", "Resource not accessible by integration", "| New | 1 | 1 | 0 | 2 |", "New findings (2)"} {
		if !bytes.Contains(summary, []byte(want)) {
			t.Errorf("summary lacks %q:\n%s", want, summary)
		}
	}
	if !regexp.MustCompile(`(?m)^::notice title=git-repro%3A report comment::cannot comment on pull request #43`).Match(log.Bytes()) {
		t.Errorf("no notice in the log:\n%s", log.String())
	}
	if n := strings.Count(log.String(), "::error "); n != 1 {
		t.Errorf("%d error annotations, want 1 (the new error)", n)
	}
	outs := parseOutputs(t, env.Output)
	if outs["new-findings"] != "2" || outs["fixed-findings"] != "1" || outs["comment-url"] != "" || outs["score"] == "" ||
		outs["report-path"] != filepath.Join(env.RunnerTemp, "report.json") {
		t.Errorf("outputs %v", outs)
	}
	var sarif struct {
		Runs []struct {
			AutomationDetails struct{ ID string } `json:"automationDetails"`
			Results           []json.RawMessage
		}
	}
	if err := json.Unmarshal(mustRead(t, filepath.Join(env.RunnerTemp, "sarif", "repro.sarif")), &sarif); err != nil || len(sarif.Runs) != 1 ||
		len(sarif.Runs[0].Results) != 2 || sarif.Runs[0].AutomationDetails.ID != "git-repro/" {
		t.Errorf("sarif %+v %v", sarif, err)
	}
	var js struct {
		Counts struct{ New struct{ Total int } }
	}
	if err := json.Unmarshal(mustRead(t, filepath.Join(env.RunnerTemp, "report.json")), &js); err != nil || js.Counts.New.Total != 2 {
		t.Errorf("report.json: %+v %v", js, err)
	}
}

func TestPublishOtherErrorsWarnButDoNotFail(t *testing.T) {
	srv := actiontest.New(t, "acme", "ml-lab", 42)
	c, _ := newTestClient(t, srv)
	c.MaxRetries = 1
	srv.Fail(actiontest.KindCreate, actiontest.Fault{Status: 500, Message: "Server Error"}, actiontest.Fault{Status: 500, Message: "Server Error"})
	env := runnerEnv(t)
	ev, _ := ParseEvent(EventPullRequest, mustRead(t, "testdata/pull_request.json"), "")
	var log bytes.Buffer
	out, err := Publish(context.Background(), testReport(ev.HeadSHA, 1, 0, 0), Settings{Env: env, Event: ev, Client: c, Log: &log})
	if err != nil || out.CommentErr == nil {
		t.Fatalf("err %v, outcome %+v", err, out)
	}
	if !strings.Contains(log.String(), "::warning title=git-repro%3A report comment::could not post") {
		t.Errorf("log:\n%s", log.String())
	}
	if !bytes.Contains(mustRead(t, env.Summary), []byte("New findings (1)")) {
		t.Error("no summary")
	}
}

func TestPublishCreatesCommentAndOutputs(t *testing.T) {
	srv := actiontest.New(t, "acme", "ml-lab", 42)
	c, _ := newTestClient(t, srv)
	env := runnerEnv(t)
	ev, _ := ParseEvent(EventPullRequest, mustRead(t, "testdata/pull_request.json"), "")
	var log bytes.Buffer
	out, err := Publish(context.Background(), testReport(ev.HeadSHA, 1, 2, 0), Settings{Env: env, Event: ev, Client: c, Log: &log})
	if err != nil || out.Comment.Action != Created {
		t.Fatalf("%v %+v", err, out)
	}
	cm := srv.Comments()
	if len(cm) != 1 || !strings.Contains(cm[0].Body, "https://github.com/acme/ml-lab/actions/runs/123456789") {
		t.Fatalf("comments %+v", cm)
	}
	if outs := parseOutputs(t, env.Output); outs["comment-url"] != out.Comment.URL || !strings.Contains(outs["comment-url"], "/pull/42#issuecomment-") {
		t.Errorf("outputs %v", outs)
	}
	// Comment off: nothing posted, the rest still written.
	srv.Reset()
	if _, err := Publish(context.Background(), testReport(ev.HeadSHA, 1, 2, 0), Settings{Env: env, Event: ev, Client: c, Comment: ModeOff}); err != nil || len(srv.Requests()) != 0 {
		t.Errorf("comment off: %v, %d requests", err, len(srv.Requests()))
	}
}

func TestAnnotationLimits(t *testing.T) {
	var fs []checks.Finding
	for i := 0; i < 25; i++ {
		fs = append(fs, finding(i, checks.Error, "e"))
	}
	for i := 0; i < 15; i++ {
		fs = append(fs, finding(i, checks.Warning, "w"))
	}
	for i := 0; i < 12; i++ {
		fs = append(fs, finding(i, checks.Info, "i"))
	}
	count := func(s string) map[string]int {
		n := map[string]int{}
		for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
			cmd, _, _ := strings.Cut(strings.TrimPrefix(line, "::"), " ")
			n[cmd]++
		}
		return n
	}
	var b bytes.Buffer
	res, err := Annotate(&b, fs, nil, DefaultLimits, "the job summary: https://example.invalid/run")
	if err != nil {
		t.Fatal(err)
	}
	n := count(b.String())
	if n["error"] != 10 || n["warning"] != 10 || n["notice"] != 10 || res.Written != 30 || res.Omitted != 52-29 {
		t.Errorf("annotations %v, result %+v", n, res)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if last := lines[len(lines)-1]; !strings.HasPrefix(last, "::notice title=git-repro%3A more findings::23 more finding(s) are not annotated") ||
		!strings.Contains(last, "https://example.invalid/run") {
		t.Errorf("overflow notice: %s", last)
	}
	// The job's budget: only 8 annotations left.
	b.Reset()
	res, _ = Annotate(&b, fs, nil, AnnotationLimits{Errors: 10, Warnings: 10, Notices: 10, Total: 8}, "")
	if n := count(b.String()); n["error"] != 7 || n["notice"] != 1 || res.Written != 8 {
		t.Errorf("budget 8: %v %+v", n, res)
	}
	// Within limits: no overflow notice.
	b.Reset()
	res, _ = Annotate(&b, fs[:3], nil, DefaultLimits, "")
	if res.Written != 3 || strings.Contains(b.String(), "more findings") {
		t.Errorf("%+v\n%s", res, b.String())
	}
	// Escaping: a message with newlines and a path with commas stay one command.
	b.Reset()
	f := finding(1, checks.Error, "x")
	f.Path, f.Message = "a,b:c.txt", "line one\nline two 100%"
	Annotate(&b, []checks.Finding{f}, nil, DefaultLimits, "")
	if got := b.String(); strings.Count(got, "\n") != 1 || !strings.Contains(got, "file=a%2Cb%3Ac.txt,") || !strings.Contains(got, "line one%0Aline two 100%25") {
		t.Errorf("escaping: %q", got)
	}
}

func TestOutputsUseRandomDelimiters(t *testing.T) {
	p := filepath.Join(t.TempDir(), "out")
	evil := "x\nghadelimiter_0\nscore<<EOF\n100\nEOF"
	if err := WriteOutputs(p, []Output{{"comment-url", evil}, {"score", "75"}}); err != nil {
		t.Fatal(err)
	}
	if err := WriteOutputs(p, []Output{{"new-findings", "3"}}); err != nil {
		t.Fatal(err)
	}
	got := parseOutputs(t, p)
	if got["comment-url"] != evil || got["score"] != "75" || got["new-findings"] != "3" || len(got) != 3 {
		t.Errorf("outputs %q", got)
	}
	delims := regexp.MustCompile(`<<(ghadelimiter_[0-9a-f]{32})\n`).FindAllStringSubmatch(string(mustRead(t, p)), -1)
	if len(delims) != 3 || delims[0][1] == delims[1][1] {
		t.Errorf("delimiters %v", delims)
	}
	if err := WriteOutputs(p, []Output{{"a\nb", "1"}}); err == nil {
		t.Error("a name with a newline was accepted")
	}
}

func TestSummaryStaysUnderOneMiB(t *testing.T) {
	p := filepath.Join(t.TempDir(), "summary")
	big := strings.Repeat("- a finding line that is long enough to matter\n", 40000)
	if err := AppendSummary(p, big); err != nil {
		t.Fatal(err)
	}
	b := mustRead(t, p)
	if len(b) > 1<<20 || !bytes.Contains(b, []byte("1 MiB limit")) {
		t.Errorf("summary %d bytes", len(b))
	}
}

func TestRedactor(t *testing.T) {
	var b bytes.Buffer
	r := NewRedactor(&b, testToken, "")
	// The token split across writes is still caught.
	half := len(testToken) / 2
	r.Write([]byte("auth: Bearer " + testToken[:half]))
	r.Write([]byte(testToken[half:] + " failed\nnext " + testToken))
	r.Flush()
	if strings.Contains(b.String(), testToken) || b.String() != "auth: Bearer *** failed\nnext ***" {
		t.Errorf("%q", b.String())
	}
}

func TestClientNeedsToken(t *testing.T) {
	if _, err := NewClient("", "http://127.0.0.1:1/"); err == nil {
		t.Error("no error without a token")
	}
	c, err := NewClient("t", "http://127.0.0.1:1/api/v3")
	if err != nil || c.GH.BaseURL() != "http://127.0.0.1:1/api/v3/" {
		t.Errorf("enterprise base URL: %v %v", c, err)
	}
	// Forbidden is a 403/401 that is not a rate limit.
	srv := actiontest.New(t, "acme", "ml-lab", 42)
	srv.ReadOnly = true
	tc, _ := newTestClient(t, srv)
	_, err = tc.CreateComment(context.Background(), "acme", "ml-lab", 42, "x")
	if !IsForbidden(err) || !strings.Contains(err.Error(), "Resource not accessible by integration") {
		t.Errorf("err %v", err)
	}
	srv.ReadOnly = false
	srv.Fail(actiontest.KindCreate, actiontest.Fault{Status: http.StatusNotFound, Message: "Not Found"})
	if _, err = tc.CreateComment(context.Background(), "acme", "ml-lab", 42, "x"); err == nil || IsForbidden(err) {
		t.Errorf("404: %v", err)
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
