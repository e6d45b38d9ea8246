// Package action is git-repro's GitHub front end, what "git repro action"
// (and so action.yml) runs on a workflow runner:
//
//   - the event: GITHUB_EVENT_PATH payloads of pull_request,
//     pull_request_target, push and workflow_dispatch, read into the base
//     and head commits to compare (pull_request.head.sha and base.sha,
//     never GITHUB_SHA, which is a merge commit), and a shallow checkout
//     deepened just enough for the merge base;
//   - the API: a go-github v93 client (GITHUB_API_URL, so GitHub
//     Enterprise works) whose calls go one at a time, honour Retry-After,
//     x-ratelimit-reset (*github.RateLimitError, *github.AbuseRateLimitError)
//     and back off on 5xx, with an injectable sleep so tests stay fast;
//   - one sticky pull-request comment per report key, found on every page
//     of comments by a hidden marker whose JSON metadata carries the
//     version, head sha, counts and a digest, matched together with our
//     own login; edited in place, duplicates removed, unchanged bodies not
//     rewritten, a newer head's report never overwritten;
//   - the job summary ($GITHUB_STEP_SUMMARY, under 1 MiB), workflow-command
//     annotations within the runner's limits, a SARIF file for code
//     scanning, and outputs ($GITHUB_OUTPUT, random heredoc delimiters);
//   - a read-only token (fork pull requests) degrades to the summary and
//     annotations with a notice, never a failed step; the token is
//     redacted from everything written.
//
// action sits on top of the pipeline: it may import checks, report,
// scorecard and gitx; nothing but cmd/git-repro imports action. It
// does not import go-git: the little git it needs (is the clone shallow,
// fetch, is-ancestor) runs the git command through internal/gitcli, under
// the run's context, so the Action's timeout also ends a stalled fetch.
package action
