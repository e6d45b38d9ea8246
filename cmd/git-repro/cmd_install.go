package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/gitx"
	"github.com/git-repro/git-repro/hooks"
	"github.com/git-repro/git-repro/rules"
	"github.com/git-repro/git-repro/snapshot"
)

type installOpts struct {
	prePush bool
	hooks   []string
}

var installCommand = &Command{
	Name:  "install",
	Usage: "install [--pre-push]",
	Short: "install the git hooks (pre-commit; pre-push on request)",
	Long: `Install git-repro's git hooks in this repository (core.hooksPath is honoured).

The pre-commit hook checks the staged files; the pre-push hook (--pre-push)
checks the files changed since the remote branch. A hook that is already
there (git-lfs's pre-push, a pre-commit framework hook, your own script) is
kept as <hook>.repro-chained and runs after git-repro's check with the same
arguments and input. Installing again only refreshes git-repro's scripts.

Skip once with "git commit --no-verify" or REPRO_SKIP=1. "git repro
uninstall" puts back exactly what was there before.`,
	SetFlags: func(fs *pflag.FlagSet) any {
		o := &installOpts{}
		fs.BoolVar(&o.prePush, "pre-push", false, "also install the pre-push hook")
		fs.StringSliceVar(&o.hooks, "hook", nil, "install these `HOOKS` (pre-commit, pre-push); default pre-commit")
		return o
	},
	Run: runInstall,
}

var uninstallCommand = &Command{
	Name:  "uninstall",
	Usage: "uninstall",
	Short: "remove the git hooks and restore the ones they chained",
	Long: `Remove git-repro's git hooks from this repository and put back the hooks
they chained (git-lfs's, your own), byte for byte. A hook that is no longer
git-repro's is left alone.`,
	SetFlags: func(fs *pflag.FlagSet) any {
		o := &installOpts{}
		fs.StringSliceVar(&o.hooks, "hook", nil, "remove only these `HOOKS` (pre-commit, pre-push); default all")
		return o
	},
	Run: runUninstall,
}

func hooksDirHere(ctx context.Context) (string, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	if _, err := gitx.OpenContext(ctx, cwd); errors.Is(err, gitx.ErrNotRepo) {
		return "", usageErrorf("%v", err)
	}
	return hooks.Dir(ctx, cwd)
}

// recordedBinary is the absolute path of the running git-repro, recorded
// in the hook scripts: the hook runs it first, whatever PATH it gets (GUI
// clients have a short one). When git-repro on PATH is this very binary,
// its PATH name is recorded instead of the resolved file, so a package
// manager's stable symlink keeps working after an upgrade replaces the
// versioned file behind it. Binaries of "go run" and "go test" live in a
// build cache that disappears: not recorded.
func recordedBinary() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if p, err := filepath.EvalSymlinks(exe); err == nil {
		exe = p
	}
	if strings.Contains(exe, string(filepath.Separator)+"go-build") || strings.HasSuffix(exe, ".test") {
		return ""
	}
	if p, err := exec.LookPath("git-repro"); err == nil {
		if abs, err := filepath.Abs(p); err == nil {
			a, err1 := os.Stat(abs)
			b, err2 := os.Stat(exe)
			if err1 == nil && err2 == nil && os.SameFile(a, b) {
				return abs
			}
		}
	}
	return exe
}

func runInstall(c *CLI, opts any, args []string) int {
	o := opts.(*installOpts)
	if len(args) > 0 {
		return c.fail(usageErrorf("install takes no arguments"))
	}
	want := o.hooks
	if len(want) == 0 {
		want = []string{"pre-commit"}
	}
	if o.prePush && !contains(want, "pre-push") {
		want = append(want, "pre-push")
	}
	for _, h := range want {
		if !contains(hooks.Names, h) {
			return c.fail(usageErrorf("unknown --hook %q (valid: %s)", h, strings.Join(hooks.Names, ", ")))
		}
	}
	dir, err := hooksDirHere(c.ctx())
	if err != nil {
		return c.fail(err)
	}
	bin := recordedBinary()
	changes, err := hooks.Install(hooks.Options{Dir: dir, Hooks: want, Binary: bin})
	for _, ch := range changes {
		fmt.Fprintf(c.Stdout, "%s\n", ch)
	}
	if err != nil {
		return c.fail(err)
	}
	if bin == "" {
		fmt.Fprintln(c.Stderr, "git-repro: note: this binary is temporary (go run / go test); the hooks will use $REPRO_BIN or git-repro from PATH")
	}
	if contains(want, "pre-push") {
		lfsHooksMissing(c.ctx(), c.Stderr, dir)
	}
	return ExitClean
}

// lfsHooksMissing warns when the repository uses Git LFS but git-lfs's
// hooks are not installed yet: "git lfs install" would then refuse to
// overwrite our pre-push hook.
func lfsHooksMissing(ctx context.Context, w io.Writer, dir string) {
	cwd, _ := os.Getwd()
	root := cwd
	if r, err := gitx.OpenContext(ctx, cwd); err == nil {
		root = r.Root
		r.Close()
	}
	attrs, _ := gitx.Dir(root).ReadFile(".gitattributes") // repository content: not through a symlink out of it
	if !strings.Contains(string(attrs), "filter=lfs") {
		return
	}
	if _, err := os.Stat(filepath.Join(dir, "post-checkout")); err == nil {
		return
	}
	fmt.Fprintln(w, "git-repro: this repository uses Git LFS but its hooks are not installed; run\n"+
		"  git lfs update --force && git repro install --pre-push\n"+
		"so that git-lfs's pre-push runs after git-repro's")
}

func runUninstall(c *CLI, opts any, args []string) int {
	o := opts.(*installOpts)
	if len(args) > 0 {
		return c.fail(usageErrorf("uninstall takes no arguments"))
	}
	for _, h := range o.hooks {
		if !contains(hooks.Names, h) {
			return c.fail(usageErrorf("unknown --hook %q (valid: %s)", h, strings.Join(hooks.Names, ", ")))
		}
	}
	dir, err := hooksDirHere(c.ctx())
	if err != nil {
		return c.fail(err)
	}
	changes, err := hooks.Uninstall(dir, o.hooks)
	for _, ch := range changes {
		fmt.Fprintf(c.Stdout, "%s\n", ch)
		if ch.Action == hooks.ActionForeign && ch.Chained != "" {
			fmt.Fprintf(c.Stderr, "git-repro: %s is no longer git-repro's hook; the hook it replaced is still at %s\n", ch.Path, ch.Chained)
		}
	}
	if err != nil {
		return c.fail(err)
	}
	return ExitClean
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// hookCommand is what the installed scripts run.
var hookCommand = &Command{
	Name:  "hook",
	Usage: "hook pre-commit|pre-push [ARGS...]",
	Short: "run by the installed git hooks (see \"git repro install\")",
	Long: `Run the check of one git hook. The scripts "git repro install" writes call
this; run it by hand to see what the hook would say.

  pre-commit          the staged files, as staged
  pre-push REMOTE URL the commits being pushed (read from standard input, as
                      git gives them to the hook), files changed since the
                      remote branch`,
	Run: runHook,
}

func runHook(c *CLI, _ any, args []string) int {
	if len(args) == 0 {
		return c.fail(usageErrorf("hook needs a hook name: pre-commit or pre-push"))
	}
	cwd, err := os.Getwd()
	if err != nil {
		return c.fail(err)
	}
	repo, err := gitx.OpenContext(c.ctx(), cwd)
	if err != nil {
		return c.fail(err)
	}
	defer repo.Close()
	cfg, err := loadConfig(repo.Root, "")
	if err != nil {
		return c.fail(err)
	}
	failOn, err := effectiveFailOn("", cfg)
	if err != nil {
		return c.fail(err)
	}

	var findings []checks.Finding
	var internal []error
	skipHint := "git commit --no-verify"
	switch args[0] {
	case "pre-commit":
		idx := repo.Index()
		targets, err := repo.Staged(idx)
		if err != nil {
			return c.fail(err)
		}
		if len(targets) == 0 {
			return ExitClean
		}
		res := checks.Run(checks.Options{Tree: idx, Targets: targets, Config: cfg, Rules: rules.All()})
		findings, internal = res.Findings, res.Errors
	case "pre-push":
		skipHint = "git push --no-verify"
		remote := ""
		if len(args) > 1 {
			remote = args[1]
		}
		refs, err := hooks.ParsePushRefs(c.Stdin)
		if err != nil {
			return c.fail(err)
		}
		findings, internal, err = prePushFindings(repo, remote, refs, cfg)
		if err != nil {
			return c.fail(err)
		}
	default:
		return c.fail(usageErrorf("unknown hook %q (valid: pre-commit, pre-push)", args[0]))
	}
	// A rule that panicked is git-repro's bug, not the user's: say so, and
	// let the findings alone decide whether the commit goes through.
	for _, e := range internal {
		fmt.Fprintf(c.Stderr, "git-repro: internal error (not blocking; please report it): %v\n", e)
	}
	blocking := 0
	for _, f := range findings {
		if failOn != checks.SeverityNone && f.Severity >= failOn {
			blocking++
		}
	}
	writeHookReport(c.Stderr, findings, blocking, args[0], skipHint)
	if blocking > 0 {
		return ExitFindings
	}
	return ExitClean
}

// writeHookReport prints the findings (their messages say how to fix
// them), then one explain command per rule: short enough to read in a
// terminal while committing.
func writeHookReport(w io.Writer, findings []checks.Finding, blocking int, hook, skip string) {
	if len(findings) == 0 {
		return
	}
	var ruleOrder []string
	seen := map[string]bool{}
	for _, f := range findings {
		fmt.Fprintf(w, "%s\n", f.String())
		if !seen[f.Rule] {
			seen[f.Rule] = true
			ruleOrder = append(ruleOrder, f.Rule)
		}
	}
	fmt.Fprintln(w)
	for _, r := range ruleOrder {
		fmt.Fprintf(w, "  git repro explain %s\n", r)
	}
	word := "problems"
	if len(findings) == 1 {
		word = "problem"
	}
	if blocking > 0 {
		fmt.Fprintf(w, "git-repro: %d reproducibility %s; %s stopped (skip once: %s)\n", len(findings), word, hook, skip)
	} else {
		fmt.Fprintf(w, "git-repro: %d reproducibility %s below the fail-on level; not blocking\n", len(findings), word)
	}
}

// prePushFindings checks each pushed commit: the files changed since the
// remote branch (or, for a new branch, since the remote's default branch;
// every file when the remote has nothing in common).
func prePushFindings(repo *gitx.Repo, remote string, refs []hooks.PushRef, cfg *checks.Config) ([]checks.Finding, []error, error) {
	var all []checks.Finding
	var errs []error
	seen := map[string]bool{}
	for _, ref := range refs {
		// Deleting a branch adds nothing; a tag points at commits that
		// their branch push checked.
		if ref.Deletes() || strings.HasPrefix(ref.LocalRef, "refs/tags/") {
			continue
		}
		snap, err := repo.Commit(ref.LocalOID)
		if err != nil {
			return nil, nil, err
		}
		base := ""
		if !ref.NewBranch() {
			if _, err := repo.Resolve(ref.RemoteOID); err == nil {
				base = ref.RemoteOID
			}
		}
		if base == "" && remote != "" {
			for _, cand := range []string{remote + "/HEAD", remote + "/main", remote + "/master"} {
				if _, err := repo.Resolve("refs/remotes/" + cand); err == nil {
					base = "refs/remotes/" + cand
					break
				}
			}
		}
		var targets []snapshot.FileInfo
		full := false
		if base != "" {
			_, targets, err = repo.ChangedSince(snap, base, ref.LocalOID)
			if err != nil {
				base = "" // no common history: check everything
			}
		}
		if base == "" {
			if targets, err = snap.Files(); err != nil {
				return nil, nil, err
			}
			full = true
		}
		if len(targets) == 0 {
			continue
		}
		res := checks.Run(checks.Options{Tree: snap, Targets: targets, Full: full, Config: cfg, Rules: rules.All()})
		errs = append(errs, res.Errors...)
		for _, f := range res.Findings {
			if !seen[f.Fingerprint] {
				seen[f.Fingerprint] = true
				all = append(all, f)
			}
		}
	}
	checks.SortFindings(all)
	return all, errs, nil
}
