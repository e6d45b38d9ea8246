package action

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-github/v93/github"
)

// DefaultBotLogin is the login GITHUB_TOKEN comments as. The token of a
// GitHub App installation (GITHUB_TOKEN is one) cannot read GET /user, so
// Login falls back to it.
const DefaultBotLogin = "github-actions[bot]"

// Client is the GitHub API as the action uses it: every call goes one at a
// time, rate limits and server errors are waited out within bounds.
type Client struct {
	GH *github.Client
	// Sleep waits d (or until ctx ends). Tests replace it to record the
	// waits without spending them.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock x-ratelimit-reset is compared with.
	Now func() time.Time
	// MaxRetries bounds the retries of one call (default 4).
	MaxRetries int
	// MaxWait is the longest single wait the client accepts (default 2
	// minutes); a longer Retry-After or rate-limit reset fails the call
	// rather than holding the job.
	MaxWait time.Duration
	// Logf, when set, is told about each wait.
	Logf func(format string, args ...any)

	login      string
	loginGuess bool // GET /user was refused: login is DefaultBotLogin by assumption
}

// NewClient makes a client for the API at apiURL (GITHUB_API_URL; "" is
// github.com) authenticated with token.
func NewClient(token, apiURL string, opts ...github.ClientOptionsFunc) (*Client, error) {
	if token == "" {
		return nil, errors.New("no token: pass the action's token input (default: github.token)")
	}
	all := []github.ClientOptionsFunc{github.WithAuthToken(token), github.WithUserAgent("git-repro-action"), github.WithTimeout(60 * time.Second)}
	if apiURL != "" {
		u := apiURL
		if !strings.HasSuffix(u, "/") {
			u += "/"
		}
		all = append(all, github.WithURLs(&u, &u))
	}
	gh, err := github.NewClient(append(all, opts...)...)
	if err != nil {
		return nil, err
	}
	return &Client{GH: gh}, nil
}

func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if c.Sleep != nil {
		return c.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// do runs call, retrying what GitHub says to retry: primary rate limits
// (until x-ratelimit-reset), secondary ones and 429s (Retry-After, else a
// minute), and 5xx and network errors (exponential backoff from 1s, capped
// at 30s). A retry after a wait bypasses go-github's own pre-emptive
// rate-limit check: we waited as told.
func (c *Client) do(ctx context.Context, what string, idempotent bool, call func(ctx context.Context) (*github.Response, error)) error {
	max := c.MaxRetries
	if max == 0 {
		max = 4
	}
	maxWait := c.MaxWait
	if maxWait == 0 {
		maxWait = 2 * time.Minute
	}
	callCtx := ctx
	for attempt := 0; ; attempt++ {
		resp, err := call(callCtx)
		if err == nil {
			return nil
		}
		wait, retry := c.retryWait(err, resp, attempt, idempotent)
		if !retry || attempt >= max || ctx.Err() != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		if wait > maxWait {
			return fmt.Errorf("%s: %w (GitHub asks to wait %s, longer than %s)", what, err, wait.Round(time.Second), maxWait)
		}
		if c.Logf != nil {
			c.Logf("%s: %s; retrying in %s", what, shortErr(err), wait.Round(time.Millisecond))
		}
		if err := c.sleep(ctx, wait); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		callCtx = context.WithValue(ctx, github.BypassRateLimitCheck, true)
	}
}

// shortErr is the first line of an error, for the log.
func shortErr(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

func backoff(attempt int) time.Duration {
	d := time.Second << attempt
	if d > 30*time.Second || d <= 0 {
		d = 30 * time.Second
	}
	return d
}

// retryWait decides whether err is worth a retry and after how long.
func (c *Client) retryWait(err error, resp *github.Response, attempt int, idempotent bool) (time.Duration, bool) {
	var rl *github.RateLimitError
	if errors.As(err, &rl) {
		d := rl.Rate.Reset.Sub(c.now()) + time.Second
		if d < time.Second {
			d = time.Second
		}
		return d, true
	}
	var ab *github.AbuseRateLimitError
	if errors.As(err, &ab) {
		if ab.RetryAfter != nil && *ab.RetryAfter > 0 {
			return *ab.RetryAfter, true
		}
		return time.Minute, true // GitHub: wait at least a minute
	}
	var er *github.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		h := er.Response.Header
		code := er.Response.StatusCode
		if code == http.StatusTooManyRequests || (code == http.StatusForbidden && h.Get("Retry-After") != "") {
			if d, ok := c.headerWait(h); ok {
				return d, true
			}
			return time.Minute, true
		}
		if code >= 500 {
			if d, ok := c.headerWait(h); ok {
				return d, true
			}
			return backoff(attempt), true
		}
		return 0, false
	}
	var ue *url.Error
	if idempotent && errors.As(err, &ue) && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
		return backoff(attempt), true
	}
	return 0, false
}

// headerWait reads Retry-After (seconds or an HTTP date), else
// x-ratelimit-reset when x-ratelimit-remaining is 0.
func (c *Client) headerWait(h http.Header) (time.Duration, bool) {
	if v := strings.TrimSpace(h.Get("Retry-After")); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n >= 0 {
			return time.Duration(n) * time.Second, true
		}
		if t, err := http.ParseTime(v); err == nil {
			d := t.Sub(c.now())
			if d < 0 {
				d = 0
			}
			return d, true
		}
	}
	if h.Get(github.HeaderRateRemaining) == "0" {
		if n, err := strconv.ParseInt(h.Get(github.HeaderRateReset), 10, 64); err == nil {
			d := time.Unix(n, 0).Sub(c.now()) + time.Second
			if d < time.Second {
				d = time.Second
			}
			return d, true
		}
	}
	return 0, false
}

// IsForbidden reports a refusal that retrying cannot fix: 401, or 403
// that is not a rate limit ("Resource not accessible by integration": the
// read-only GITHUB_TOKEN of a fork's pull request).
func IsForbidden(err error) bool {
	var rl *github.RateLimitError
	var ab *github.AbuseRateLimitError
	if errors.As(err, &rl) || errors.As(err, &ab) {
		return false
	}
	var er *github.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		return er.Response.StatusCode == http.StatusForbidden || er.Response.StatusCode == http.StatusUnauthorized
	}
	return false
}

// Login is the login our comments carry: GET /user, or DefaultBotLogin
// for an installation token, which that endpoint refuses.
func (c *Client) Login(ctx context.Context) (string, error) {
	if c.login != "" {
		return c.login, nil
	}
	var u *github.User
	err := c.do(ctx, "GET /user", true, func(ctx context.Context) (*github.Response, error) {
		var resp *github.Response
		var err error
		u, resp, err = c.GH.Users.Get(ctx, "")
		return resp, err
	})
	switch {
	case err == nil && u.GetLogin() != "":
		c.login = u.GetLogin()
	case err == nil || IsForbidden(err):
		c.login, c.loginGuess = DefaultBotLogin, true
	default:
		return "", err
	}
	return c.login, nil
}

// IsOurs reports whether a comment by author was written with this
// client's token. When GET /user was refused (an installation token), the
// author may be github-actions[bot] or another GitHub App's bot
// ("<app>[bot]"); only apps the repository's admins installed can post as
// a bot, so any bot counts.
func (c *Client) IsOurs(author string) bool {
	if strings.EqualFold(author, c.login) {
		return true
	}
	return c.loginGuess && strings.HasSuffix(author, "[bot]")
}

// Comments lists every comment of an issue or pull request, following
// the pages (100 a page) until GitHub's Link header has no next.
func (c *Client) Comments(ctx context.Context, owner, repo string, number int) ([]*github.IssueComment, error) {
	var all []*github.IssueComment
	opts := &github.IssueListCommentsOptions{ListOptions: github.ListOptions{PerPage: 100}}
	for page := 1; ; page++ {
		var batch []*github.IssueComment
		var next int
		err := c.do(ctx, fmt.Sprintf("list comments of #%d (page %d)", number, page), true, func(ctx context.Context) (*github.Response, error) {
			var resp *github.Response
			var err error
			batch, resp, err = c.GH.Issues.ListComments(ctx, owner, repo, number, opts)
			if resp != nil {
				next = resp.NextPage
			}
			return resp, err
		})
		if err != nil {
			return nil, err
		}
		all = append(all, batch...)
		if next == 0 || page > 1000 {
			return all, nil
		}
		opts.Page = next
	}
}

// CreateComment posts a new comment.
func (c *Client) CreateComment(ctx context.Context, owner, repo string, number int, body string) (*github.IssueComment, error) {
	var out *github.IssueComment
	err := c.do(ctx, fmt.Sprintf("comment on #%d", number), false, func(ctx context.Context) (*github.Response, error) {
		var resp *github.Response
		var err error
		out, resp, err = c.GH.Issues.CreateComment(ctx, owner, repo, number, github.IssueCommentRequest{Body: body})
		return resp, err
	})
	return out, err
}

// UpdateComment replaces a comment's body.
func (c *Client) UpdateComment(ctx context.Context, owner, repo string, id int64, body string) (*github.IssueComment, error) {
	var out *github.IssueComment
	err := c.do(ctx, fmt.Sprintf("edit comment %d", id), true, func(ctx context.Context) (*github.Response, error) {
		var resp *github.Response
		var err error
		out, resp, err = c.GH.Issues.UpdateComment(ctx, owner, repo, id, github.IssueCommentRequest{Body: body})
		return resp, err
	})
	return out, err
}

// DeleteComment removes a comment; one already gone (404) is fine.
func (c *Client) DeleteComment(ctx context.Context, owner, repo string, id int64) error {
	err := c.do(ctx, fmt.Sprintf("delete comment %d", id), true, func(ctx context.Context) (*github.Response, error) {
		return c.GH.Issues.DeleteComment(ctx, owner, repo, id)
	})
	var er *github.ErrorResponse
	if errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == http.StatusNotFound {
		return nil
	}
	return err
}

// PullHead returns the head commit of a pull request as GitHub has it now.
func (c *Client) PullHead(ctx context.Context, owner, repo string, number int) (string, error) {
	var pr *github.PullRequest
	err := c.do(ctx, fmt.Sprintf("GET pull request #%d", number), true, func(ctx context.Context) (*github.Response, error) {
		var resp *github.Response
		var err error
		pr, resp, err = c.GH.PullRequests.Get(ctx, owner, repo, number)
		return resp, err
	})
	if err != nil {
		return "", err
	}
	return pr.GetHead().GetSHA(), nil
}
