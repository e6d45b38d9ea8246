package action

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/git-repro/git-repro/gitx"
	"github.com/git-repro/git-repro/internal/gitcli"
)

// git runs git in dir and returns its trimmed stdout. The context bounds
// it: the Action's timeout kills a fetch from a server that stalls. git
// never prompts for credentials: it runs in its own process group (so that
// the timeout also kills its remote helper), where reading the terminal
// would stop it until the timeout.
func git(ctx context.Context, dir string, args ...string) (string, error) {
	out, err := gitcli.Git{Dir: dir, Env: append(os.Environ(), "GIT_TERMINAL_PROMPT=0")}.Output(ctx, args...)
	return strings.TrimSpace(string(out)), err
}

func hasCommit(ctx context.Context, dir, sha string) bool {
	_, err := git(ctx, dir, "cat-file", "-e", "--end-of-options", sha+"^{commit}")
	return err == nil
}

func isShallow(ctx context.Context, dir string) bool {
	out, err := git(ctx, dir, "rev-parse", "--is-shallow-repository")
	return err == nil && out == "true"
}

// fetchDepthHint is the fix we suggest when history is missing.
const fetchDepthHint = "check out with actions/checkout and \"fetch-depth: 0\" (the default depth 1 has no merge base)"

// EnsureHistory makes sure the head and base commits and their merge base
// are in the clone at dir. A shallow checkout (actions/checkout's default
// depth 1 holds only the merge commit) is fetched from remote: first the
// two commits, then deeper until they meet. It says what fetch-depth is
// needed when that fails.
//
// refspecs are fetched when fetching a commit by hash fails (a fork's
// head, reachable from "+refs/pull/N/head:refs/remotes/origin/pr/N").
//
// ctx bounds every git command: when it ends, a fetch in progress is
// killed and the error wraps ctx.Err().
func EnsureHistory(ctx context.Context, dir, remote, base, head string, log io.Writer, refspecs ...string) error {
	if log == nil {
		log = io.Discard
	}
	if remote == "" {
		remote = "origin"
	}
	var missing []string
	for _, sha := range []string{head, base} {
		if sha != "" && !hasCommit(ctx, dir, sha) {
			missing = append(missing, sha)
		}
	}
	shallow := isShallow(ctx, dir)
	if len(missing) > 0 {
		args := []string{"fetch", "--no-tags", "--quiet"}
		if shallow {
			args = append(args, "--depth=50")
		}
		args = append(args, remote)
		args = append(args, missing...)
		fmt.Fprintf(log, "git-repro: fetching %s from %s\n", strings.Join(shortAll(missing), ", "), remote)
		if _, err := git(ctx, dir, args...); err != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("fetching %s from %s: %w", strings.Join(shortAll(missing), ", "), remote, err)
			}
			ok := false
			if len(refspecs) > 0 {
				more := append(args[:len(args)-len(missing)], refspecs...)
				_, ferr := git(ctx, dir, more...)
				ok = ferr == nil && hasCommit(ctx, dir, head) && (base == "" || hasCommit(ctx, dir, base))
			}
			if !ok {
				return fmt.Errorf("commit %s is not in the checkout and fetching it failed (%v): %s", short(missing[0]), err, fetchDepthHint)
			}
		}
		shallow = isShallow(ctx, dir)
	}
	if base == "" {
		return nil
	}
	for _, deepen := range []int{100, 1000, 0} {
		if _, err := git(ctx, dir, "merge-base", base, head); err == nil {
			return nil
		}
		if !shallow || deepen == 0 {
			break
		}
		fmt.Fprintf(log, "git-repro: shallow clone without the merge base of %s and %s; fetching %d more commits\n", short(base), short(head), deepen)
		if _, err := git(ctx, dir, "fetch", "--no-tags", "--quiet", "--deepen="+strconv.Itoa(deepen), remote, base, head); err != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("deepening the shallow clone: %w", err)
			}
			return fmt.Errorf("deepening the shallow clone failed (%v): %s", err, fetchDepthHint)
		}
		shallow = isShallow(ctx, dir)
	}
	if shallow {
		return fmt.Errorf("no merge base of %s and %s within the fetched history: %w", short(base), short(head), gitx.ErrShallow)
	}
	return fmt.Errorf("%s and %s have no common history", short(base), short(head))
}

func shortAll(shas []string) []string {
	out := make([]string, len(shas))
	for i, s := range shas {
		out[i] = short(s)
	}
	return out
}

// GitAncestry answers ancestry questions with the clone at dir.
func GitAncestry(ctx context.Context, dir string) Ancestry {
	return func(a, b string) (bool, bool) {
		if !hasCommit(ctx, dir, a) || !hasCommit(ctx, dir, b) {
			return false, false
		}
		_, err := git(ctx, dir, "merge-base", "--is-ancestor", a, b)
		if err == nil {
			return true, true
		}
		return false, gitcli.ExitCode(err) == 1
	}
}

// CommitTime is a commit's committer time (Unix seconds; 0 if unknown).
func CommitTime(ctx context.Context, dir, sha string) int64 {
	out, err := git(ctx, dir, "show", "-s", "--format=%ct", "--end-of-options", sha)
	if err != nil {
		return 0
	}
	n, _ := strconv.ParseInt(out, 10, 64)
	return n
}

// ResolveBase turns the base-ref input (a commit, "main", "origin/main",
// "refs/heads/main") into a commit hash, fetching the branch from remote
// when the clone does not have it (actions/checkout fetches one ref).
//
// The revision is resolved with git's own semantics (rev-parse --verify
// REF^{commit}): "HEAD:path", "HEAD^{tree}" and an empty ref are errors.
func ResolveBase(ctx context.Context, dir, remote, ref string) (string, error) {
	if remote == "" {
		remote = "origin"
	}
	if ref == "" {
		return "", fmt.Errorf("base-ref is empty: %w", gitx.ErrBadRevision)
	}
	if sha, err := git(ctx, dir, "rev-parse", "--verify", "--quiet", "--end-of-options", ref+"^{commit}"); err == nil && sha != "" {
		return sha, nil
	} else if ctx.Err() != nil {
		return "", err
	}
	if shaRe().MatchString(ref) {
		if _, err := git(ctx, dir, "fetch", "--no-tags", "--quiet", remote, ref); err != nil {
			return "", fmt.Errorf("base-ref %s is not in the checkout and fetching it failed (%v): %s", short(ref), err, fetchDepthHint)
		}
		return ref, nil
	}
	name := strings.TrimPrefix(strings.TrimPrefix(ref, "refs/heads/"), remote+"/")
	if name == "" || strings.HasPrefix(name, "-") || strings.ContainsAny(name, " :\\\x00") {
		return "", fmt.Errorf("base-ref %q is not a branch or commit: %w", ref, gitx.ErrBadRevision)
	}
	args := []string{"fetch", "--no-tags", "--quiet"}
	if isShallow(ctx, dir) {
		args = append(args, "--depth=50")
	}
	args = append(args, remote, "+refs/heads/"+name+":refs/remotes/"+remote+"/"+name)
	if _, err := git(ctx, dir, args...); err != nil {
		if ctx.Err() != nil {
			return "", err
		}
		return "", fmt.Errorf("base-ref %q: no such branch here or on %s (%v): %w", ref, remote, err, gitx.ErrBadRevision)
	}
	return git(ctx, dir, "rev-parse", "--verify", "--end-of-options", "refs/remotes/"+remote+"/"+name+"^{commit}")
}
