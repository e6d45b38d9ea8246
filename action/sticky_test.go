package action

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/git-repro/git-repro/action/actiontest"
	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/scorecard"
	"github.com/git-repro/git-repro/snapshot"
)

const (
	testToken = "ghs_T0kenValue1234567890abcdefSECRET"
	headSHA   = "6dcb09b5b57875f334f61aebed695e2e4193db5e"
	baseSHA   = "9049f1265b7d61be4a8904a9a27120d2064dab3b"
)

// finding makes a distinct finding (its fingerprint is its identity).
func finding(i int, sev checks.Severity, id string) checks.Finding {
	return checks.Finding{
		Rule: "REPRO-DEP-001", Category: checks.CatDeps, Severity: sev,
		Path: fmt.Sprintf("services/svc%03d/requirements.txt", i), Line: i%50 + 1, Column: 1,
		Message:     fmt.Sprintf("requirement %q is not pinned to an exact version; pin it with \"==\" so every install resolves the same release", fmt.Sprintf("package-%s-%03d", id, i)),
		Hint:        "pin it: package==1.2.3",
		Fingerprint: fmt.Sprintf("fp-%s-%d", id, i),
	}
}

// testReport builds a real scorecard report with n new findings, fixed
// fixed ones and unchanged unchanged ones against a base.
func testReport(head string, newN, fixed, unchanged int) *scorecard.Report {
	tree := &snapshot.MapTree{Content: map[string]string{
		"requirements.txt": "torch==2.1.0\n",
		"README.md":        "# demo\n",
	}}
	baseTree := &snapshot.MapTree{Content: map[string]string{
		"requirements.txt": "torch==2.0.1\n",
		"README.md":        "# demo\n",
	}}
	var hf, bf []checks.Finding
	for i := 0; i < newN; i++ {
		sev := checks.Error
		if i%3 == 1 {
			sev = checks.Warning
		}
		hf = append(hf, finding(i, sev, "new"))
	}
	for i := 0; i < unchanged; i++ {
		f := finding(i, checks.Warning, "same")
		hf, bf = append(hf, f), append(bf, f)
	}
	for i := 0; i < fixed; i++ {
		bf = append(bf, finding(i, checks.Error, "fixed"))
	}
	hs, _ := tree.Files()
	bs, _ := baseTree.Files()
	return scorecard.Build(
		&scorecard.Side{Tree: tree, Files: hs, Findings: hf, VersionControlled: true},
		&scorecard.Side{Tree: baseTree, Files: bs, Findings: bf, VersionControlled: true},
		scorecard.Meta{Version: "v0.9.0", Commit: head, Base: "main", BaseCommit: baseSHA, Command: "git repro report --base origin/main"})
}

type sleeps struct{ waits []time.Duration }

func (s *sleeps) sleep(_ context.Context, d time.Duration) error {
	s.waits = append(s.waits, d)
	return nil
}

func newTestClient(t *testing.T, srv *actiontest.Server) (*Client, *sleeps) {
	t.Helper()
	c, err := NewClient(testToken, srv.APIURL())
	if err != nil {
		t.Fatal(err)
	}
	sl := &sleeps{}
	c.Sleep = sl.sleep
	return c, sl
}

var target = Target{Owner: "acme", Repo: "ml-lab", Number: 42}

func upsert(t *testing.T, c *Client, r *scorecard.Report, mode string) UpsertResult {
	t.Helper()
	body, m := CommentBody(r, "", "https://github.com/acme/ml-lab/actions/runs/7", 1700000000)
	res, err := Upsert(context.Background(), c, target, m, body, mode, nil)
	if err != nil {
		t.Fatalf("upsert: %v", err)
	}
	return res
}

func ours(srv *actiontest.Server) []actiontest.Comment {
	var out []actiontest.Comment
	for _, c := range srv.Comments() {
		if _, ok := ParseMarker(c.Body); ok && c.Login == srv.Login {
			out = append(out, c)
		}
	}
	return out
}

func TestStickyCommentLifecycle(t *testing.T) {
	srv := actiontest.New(t, "acme", "ml-lab", 42)
	srv.Add("octocat", "LGTM, but please pin numpy")
	c, _ := newTestClient(t, srv)

	// First run: one comment.
	res := upsert(t, c, testReport(headSHA, 2, 1, 3), ModeUpdate)
	if res.Action != Created || res.Writes != 1 {
		t.Fatalf("first run: %+v", res)
	}
	if got := ours(srv); len(got) != 1 {
		t.Fatalf("first run left %d comments of ours", len(got))
	}
	first := ours(srv)[0]
	if !strings.Contains(res.URL, fmt.Sprintf("#issuecomment-%d", first.ID)) {
		t.Errorf("comment URL %q", res.URL)
	}

	// Rerun with the same findings (a later run: another run id): no write.
	srv.Reset()
	body, m := CommentBody(testReport(headSHA, 2, 1, 3), "", "https://github.com/acme/ml-lab/actions/runs/8", 1700000000)
	res, err := Upsert(context.Background(), c, target, m, body, ModeUpdate, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Action != Unchanged || srv.Writes() != 0 {
		t.Fatalf("rerun with the same findings: %+v, %d writes", res, srv.Writes())
	}

	// Rerun with changed findings: the same comment is edited.
	srv.Reset()
	res = upsert(t, c, testReport(headSHA, 5, 0, 3), ModeUpdate)
	if res.Action != Updated || srv.Writes() != 1 {
		t.Fatalf("changed findings: %+v, %d writes", res, srv.Writes())
	}
	got := ours(srv)
	if len(got) != 1 || got[0].ID != first.ID {
		t.Fatalf("changed findings: want comment %d edited, have %+v", first.ID, got)
	}
	mk, _ := ParseMarker(got[0].Body)
	if mk.New != 5 || mk.Fixed != 0 || mk.Unchanged != 3 || mk.Head != headSHA || mk.Version != "v0.9.0" {
		t.Errorf("marker metadata: %+v", mk)
	}
	if len(srv.Comments()) != 2 {
		t.Errorf("someone else's comment was touched: %d comments", len(srv.Comments()))
	}
}

func TestFindsOurCommentOnPage3(t *testing.T) {
	srv := actiontest.New(t, "acme", "ml-lab", 42)
	for i := 0; i < 249; i++ {
		srv.Add(fmt.Sprintf("user%d", i%7), fmt.Sprintf("comment %d", i))
	}
	c, _ := newTestClient(t, srv)
	// Ours is the 250th: on page 3 of 100 a page.
	old, _ := CommentBody(testReport(headSHA, 1, 0, 0), "", "", 1700000000)
	mine := srv.Add(srv.Login, old)
	if n := len(srv.Comments()); n != 250 {
		t.Fatalf("%d comments", n)
	}
	srv.Reset()
	res := upsert(t, c, testReport(headSHA, 4, 0, 0), ModeUpdate)
	if res.Action != Updated || res.ID != mine.ID {
		t.Fatalf("want comment %d updated, got %+v", mine.ID, res)
	}
	pages := map[string]bool{}
	for _, r := range srv.Requests() {
		if r.Method == http.MethodGet && strings.HasSuffix(r.Path, "/comments") {
			pages[r.Query] = true
		}
	}
	if len(pages) != 3 || !pages["page=3&per_page=100"] {
		t.Errorf("pages read: %v", pages)
	}
	if len(srv.Comments()) != 250 {
		t.Errorf("a second comment was made: %d", len(srv.Comments()))
	}
}

func TestRemovesDuplicatesOfOlderVersions(t *testing.T) {
	srv := actiontest.New(t, "acme", "ml-lab", 42)
	c, _ := newTestClient(t, srv)
	legacy := srv.Add(srv.Login, "<!-- git-repro:report -->\n### Reproducibility report (old format)")
	srv.Add("octocat", "I like it")
	dup := srv.Add(srv.Login, "<!-- git-repro:report {\"key\":\"default\",\"version\":\"v0.1.0\",\"head\":\"\"} -->\nold")
	// Not ours: another key, another author quoting our marker.
	other := srv.Add(srv.Login, "<!-- git-repro:report {\"key\":\"docs\"} -->\nthe docs job's report")
	quote := srv.Add("octocat", "> <!-- git-repro:report -->\nquoted")

	res := upsert(t, c, testReport(headSHA, 1, 1, 0), ModeUpdate)
	if res.Action != Updated || res.ID != legacy.ID || res.Deleted != 1 {
		t.Fatalf("%+v", res)
	}
	ids := map[int64]bool{}
	for _, cm := range srv.Comments() {
		ids[cm.ID] = true
	}
	if ids[dup.ID] || !ids[legacy.ID] || !ids[other.ID] || !ids[quote.ID] || len(ids) != 4 {
		t.Errorf("comments left: %v", ids)
	}
}

func TestRecreateMode(t *testing.T) {
	srv := actiontest.New(t, "acme", "ml-lab", 42)
	c, _ := newTestClient(t, srv)
	res := upsert(t, c, testReport(headSHA, 1, 0, 0), ModeRecreate)
	if res.Action != Created {
		t.Fatalf("%+v", res)
	}
	// Last comment and unchanged: nothing to do.
	srv.Reset()
	if res = upsert(t, c, testReport(headSHA, 1, 0, 0), ModeRecreate); res.Action != Unchanged || srv.Writes() != 0 {
		t.Fatalf("%+v", res)
	}
	// Someone commented since: ours moves to the bottom.
	first := ours(srv)[0]
	srv.Add("octocat", "new discussion")
	res = upsert(t, c, testReport(headSHA, 1, 0, 0), ModeRecreate)
	all := srv.Comments()
	if res.Action != Recreated || all[len(all)-1].ID == first.ID || len(ours(srv)) != 1 {
		t.Fatalf("%+v %+v", res, all)
	}
	if _, ok := ParseMarker(all[len(all)-1].Body); !ok {
		t.Error("our comment is not the last one")
	}
}

func TestDoesNotOverwriteNewerHead(t *testing.T) {
	srv := actiontest.New(t, "acme", "ml-lab", 42)
	c, _ := newTestClient(t, srv)
	newer := testReport("1111111111111111111111111111111111111111", 0, 1, 0)
	body, m := CommentBody(newer, "", "", 1800000000)
	srv.Add(srv.Login, body)
	srv.Reset()

	// An older run (a re-run of the previous head) finishing late.
	oldBody, oldM := CommentBody(testReport(headSHA, 3, 0, 0), "", "", 1700000000)
	res, err := Upsert(context.Background(), c, target, oldM, oldBody, ModeUpdate, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Action != SkippedNewer || srv.Writes() != 0 || srv.Comments()[0].Body != body {
		t.Fatalf("older head overwrote a newer report: %+v", res)
	}
	// Ancestry wins over times: the existing head descends from ours.
	oldM.HeadTime = 1900000000
	anc := func(a, b string) (bool, bool) { return a == headSHA && b == m.Head, true }
	if res, _ := Upsert(context.Background(), c, target, oldM, oldBody, ModeUpdate, anc); res.Action != SkippedNewer {
		t.Fatalf("ancestry ignored: %+v", res)
	}
	// A newer head replaces it.
	newest, nm := CommentBody(testReport("2222222222222222222222222222222222222222", 0, 0, 0), "", "", 1900000000)
	if res, _ := Upsert(context.Background(), c, target, nm, newest, ModeUpdate, nil); res.Action != Updated {
		t.Fatalf("newer head: %+v", res)
	}
}

func TestRetryAfter429(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  string
	}{
		{"secondary rate limit", "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits"},
		{"plain 429", "https://docs.github.com/rest"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := actiontest.New(t, "acme", "ml-lab", 42)
			c, sl := newTestClient(t, srv)
			srv.Fail(actiontest.KindCreate, actiontest.Fault{Status: http.StatusTooManyRequests,
				Header:  map[string]string{"Retry-After": "1"},
				Message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", DocURL: tc.doc})
			res := upsert(t, c, testReport(headSHA, 1, 0, 0), ModeUpdate)
			if res.Action != Created || len(srv.Comments()) != 1 {
				t.Fatalf("%+v", res)
			}
			if len(sl.waits) != 1 || sl.waits[0] != time.Second {
				t.Errorf("waits %v, want one of 1s", sl.waits)
			}
			posts := 0
			for _, r := range srv.Requests() {
				if r.Method == http.MethodPost {
					posts++
				}
			}
			if posts != 2 {
				t.Errorf("%d POSTs, want 2 (one retry)", posts)
			}
		})
	}
}

func TestPrimaryRateLimitWaitsForReset(t *testing.T) {
	srv := actiontest.New(t, "acme", "ml-lab", 42)
	c, sl := newTestClient(t, srv)
	now := time.Unix(1_800_000_000, 0)
	c.Now = func() time.Time { return now }
	srv.Fail(actiontest.KindList, actiontest.Fault{Status: http.StatusForbidden,
		Header:  map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": fmt.Sprint(now.Unix() + 30)},
		Message: "API rate limit exceeded for installation ID 123.", DocURL: "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"})
	upsert(t, c, testReport(headSHA, 1, 0, 0), ModeUpdate)
	if len(sl.waits) != 1 || sl.waits[0] != 31*time.Second {
		t.Errorf("waits %v, want 31s (reset + 1s)", sl.waits)
	}
	// A reset too far away fails instead of holding the job.
	srv.Fail(actiontest.KindList, actiontest.Fault{Status: http.StatusTooManyRequests,
		Header: map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": fmt.Sprint(now.Unix() + 3600)}, Message: "API rate limit exceeded"})
	body, m := CommentBody(testReport(headSHA, 1, 0, 0), "", "", 0)
	if _, err := Upsert(context.Background(), c, target, m, body, ModeUpdate, nil); err == nil || !strings.Contains(err.Error(), "asks to wait") {
		t.Errorf("err = %v", err)
	}
}

func TestServerErrorsBackOff(t *testing.T) {
	srv := actiontest.New(t, "acme", "ml-lab", 42)
	c, sl := newTestClient(t, srv)
	srv.Fail(actiontest.KindCreate,
		actiontest.Fault{Status: http.StatusBadGateway, Message: "Server Error"},
		actiontest.Fault{Status: http.StatusServiceUnavailable, Message: "Server Error"})
	if res := upsert(t, c, testReport(headSHA, 1, 0, 0), ModeUpdate); res.Action != Created {
		t.Fatalf("%+v", res)
	}
	if fmt.Sprint(sl.waits) != "[1s 2s]" {
		t.Errorf("waits %v, want [1s 2s]", sl.waits)
	}
	// Bounded: five 500s in a row give up after 4 retries.
	for i := 0; i < 5; i++ {
		srv.Fail(actiontest.KindEdit, actiontest.Fault{Status: 500, Message: "Server Error"})
	}
	sl.waits = nil
	body, m := CommentBody(testReport(headSHA, 2, 0, 0), "", "", 0)
	if _, err := Upsert(context.Background(), c, target, m, body, ModeUpdate, nil); err == nil {
		t.Error("five 500s: no error")
	}
	if len(sl.waits) != 4 {
		t.Errorf("waits %v, want 4", sl.waits)
	}
}

func TestLoginFallsBackForInstallationTokens(t *testing.T) {
	srv := actiontest.New(t, "acme", "ml-lab", 42)
	srv.UserForbidden = true
	c, _ := newTestClient(t, srv)
	if got, err := c.Login(context.Background()); err != nil || got != DefaultBotLogin {
		t.Fatalf("login %q, %v", got, err)
	}
	// With the login unknown, any bot's marked comment is ours (a GitHub
	// App token comments as "<app>[bot]"); a person's never is.
	if !c.IsOurs("repro-app[bot]") || !c.IsOurs(DefaultBotLogin) || c.IsOurs("octocat") {
		t.Error("IsOurs with a guessed login")
	}
	srv2 := actiontest.New(t, "acme", "ml-lab", 42)
	srv2.Login = "repro-bot"
	c2, _ := newTestClient(t, srv2)
	if got, _ := c2.Login(context.Background()); got != "repro-bot" {
		t.Fatalf("login %q", got)
	}
	if c2.IsOurs("github-actions[bot]") || !c2.IsOurs("Repro-Bot") {
		t.Error("IsOurs with a known login")
	}
	var auth string
	for _, r := range srv2.Requests() {
		auth = r.Auth
	}
	if auth != "Bearer "+testToken {
		t.Errorf("Authorization %q", auth)
	}
}

func TestBigReportFitsACommentAndLinksTheSummary(t *testing.T) {
	r := testReport(headSHA, 300, 40, 200)
	runURL := "https://github.com/acme/ml-lab/actions/runs/123456789"
	body, m := CommentBody(r, "", runURL, 1700000000)
	if n := utf8.RuneCountInString(body); n >= CommentLimit {
		t.Fatalf("body has %d characters, limit %d", n, CommentLimit)
	}
	t.Logf("300 new, 40 fixed, 200 unchanged: %d characters (%d bytes)", utf8.RuneCountInString(body), len(body))
	if !strings.Contains(body, "[job summary]("+runURL+")") {
		t.Error("no link to the job summary")
	}
	if m.New != 300 || m.Fixed != 40 || m.Unchanged != 200 {
		t.Errorf("marker %+v", m)
	}
	if !strings.Contains(body, "| New | 200 | 100 | 0 | 300 |") {
		t.Errorf("counts missing:\n%s", body[:min(len(body), 2000)])
	}
	if mk, ok := ParseMarker(body); !ok || mk.Digest == "" || mk != m {
		t.Errorf("marker round trip: %+v vs %+v", mk, m)
	}
	// The fake server (which refuses bodies over 65,536 characters) takes it.
	srv := actiontest.New(t, "acme", "ml-lab", 42)
	c, _ := newTestClient(t, srv)
	if _, err := Upsert(context.Background(), c, target, m, body, ModeUpdate, nil); err != nil {
		t.Fatal(err)
	}
	// Over budget, detail goes in the documented order: the unchanged
	// findings first, while the new ones keep their list.
	long := testReport(headSHA, 150, 40, 150)
	for _, fs := range [][]checks.Finding{long.Delta.New, long.Delta.Unchanged, long.Delta.Fixed} {
		for i := range fs {
			fs[i].Message += strings.Repeat(" (see the lock file and the CI install step)", 4)
		}
	}
	body, _ = CommentBody(long, "", runURL, 0)
	if n := utf8.RuneCountInString(body); n >= CommentLimit {
		t.Fatalf("long body has %d characters", n)
	}
	t.Logf("150 new, 40 fixed, 150 unchanged, long messages: %d characters (%d bytes)", utf8.RuneCountInString(body), len(body))
	if strings.Contains(body, "Unchanged findings (") || !strings.Contains(body, "150 unchanged findings not listed") {
		t.Error("unchanged findings not dropped first")
	}
	if got := strings.Count(body, "package-new-"); got != 100 {
		t.Errorf("%d new findings listed, want the first 100", got)
	}
	// Even absurd reports fit: lists cut to a few, then status and counts.
	huge := testReport(headSHA, 3000, 3000, 3000)
	for _, fs := range [][]checks.Finding{huge.Delta.New, huge.Delta.Unchanged, huge.Delta.Fixed} {
		for i := range fs {
			fs[i].Message += strings.Repeat("ü", 3000)
		}
	}
	body, _ = CommentBody(huge, "", runURL, 0)
	if n := utf8.RuneCountInString(body); n >= CommentLimit || !strings.Contains(body, "[job summary]("+runURL+")") || !strings.Contains(body, "| New | 2000 | 1000 | 0 | 3000 |") {
		t.Errorf("huge report: %d characters\n%.1500s", n, body)
	}
	// A small report is not degraded.
	small, _ := CommentBody(testReport(headSHA, 2, 1, 1), "", runURL, 0)
	if !strings.Contains(small, "Unchanged findings (1)") || strings.Contains(small, "shortened") {
		t.Errorf("small report degraded:\n%s", small)
	}
}

func TestMarkerRoundTrip(t *testing.T) {
	m := Marker{Key: "a-->b <x>", Version: "v1", Head: headSHA, HeadTime: 5, Digest: "abc", New: 1, Fixed: 2, Unchanged: 3, Score: 50}
	s := m.String()
	if strings.Count(s, "-->") != 1 || !strings.HasSuffix(s, " -->") {
		t.Fatalf("marker can end early: %s", s)
	}
	got, ok := ParseMarker("text\n" + s + "\nmore")
	if !ok || got != m {
		t.Fatalf("got %+v %v", got, ok)
	}
	for _, body := range []string{"", "<!-- git-repro:reports -->", "<!-- git-repro:report", "hello"} {
		if _, ok := ParseMarker(body); ok {
			t.Errorf("%q parsed as a marker", body)
		}
	}
	if got, ok := ParseMarker("<!-- git-repro:report -->"); !ok || got.Key != DefaultKey {
		t.Errorf("legacy marker: %+v %v", got, ok)
	}
}

func FuzzParseMarker(f *testing.F) {
	f.Add(Marker{Key: "k", Head: headSHA}.String())
	f.Add("<!-- git-repro:report -->")
	f.Add("<!-- git-repro:report {\"key\": 1} -->")
	f.Fuzz(func(t *testing.T, body string) {
		m, ok := ParseMarker(body)
		if !ok {
			return
		}
		if m.Key == "" {
			t.Fatal("empty key")
		}
		// What we write, we read back.
		back, ok := ParseMarker(m.String())
		if !ok || back != m {
			t.Fatalf("round trip: %+v -> %+v", m, back)
		}
	})
}

// writeFile is a test helper.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
