package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/gitx"
	"github.com/git-repro/git-repro/report"
	"github.com/git-repro/git-repro/rules"
	"github.com/git-repro/git-repro/snapshot"
)

type checkOpts struct {
	staged     bool
	all        bool
	base       string
	format     string
	failOn     string
	config     string
	categories []string
	rules      []string
	color      string
}

var checkCommand = &Command{
	Name:  "check",
	Usage: "check [flags] [PATH...]",
	Short: "check files for reproducibility problems",
	Long: `Check the repository (or the given files and directories) for reproducibility
problems: unpinned dependencies, unseeded randomness, unpinned Docker images,
model files without cards, large files outside LFS, committed secrets, ...

Which files are checked:
  --staged      the files staged for commit, as staged (what a pre-commit hook sees)
  --base REF    files changed since the merge base with REF (committed or not);
                REF is any commit as git names it (origin/main, v1.2, HEAD~3)
  --all         every tracked file plus untracked files .gitignore does not ignore
  PATH...       the given files and directories
With none of these, --all is assumed.

Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or config error,
3 failure.`,
	SetFlags: func(fs *pflag.FlagSet) any {
		o := &checkOpts{}
		fs.BoolVar(&o.staged, "staged", false, "check the staged files as they are in the index")
		fs.BoolVar(&o.all, "all", false, "check every file of the worktree")
		fs.Var(revisionFlag{&o.base}, "base", "check files changed since the merge base with `REF`")
		fs.StringVarP(&o.format, "format", "f", "text", "output format: text, json, sarif, markdown, github")
		fs.StringVar(&o.failOn, "fail-on", "", "exit 1 on findings at or above this severity: error, warning, info, none (default: warning, or fail-on in .repro.yaml)")
		fs.StringVarP(&o.config, "config", "c", "", "configuration `FILE` (default: .repro.yaml at the repository root)")
		fs.StringSliceVar(&o.categories, "category", nil, "run only rules of these categories (deps, seeds, docker, model-card, large-files, secrets, notebooks, ci, docs)")
		fs.StringSliceVar(&o.rules, "rule", nil, "run only these rule `IDs`")
		fs.StringVar(&o.color, "color", "auto", "colour text output: auto, always, never")
		return o
	},
	Run: runCheck,
}

func runCheck(c *CLI, opts any, args []string) int {
	o := opts.(*checkOpts)
	modes := 0
	for _, on := range []bool{o.staged, o.all, o.base != ""} {
		if on {
			modes++
		}
	}
	if modes > 1 {
		return c.fail(usageErrorf("--staged, --all and --base are exclusive"))
	}
	if o.all && len(args) > 0 {
		return c.fail(usageErrorf("--all takes no paths"))
	}
	if _, ok := report.Lookup(o.format); !ok {
		return c.fail(usageErrorf("unknown --format %q (valid: text, json, sarif, markdown, github)", o.format))
	}
	if o.color != "auto" && o.color != "always" && o.color != "never" {
		return c.fail(usageErrorf("unknown --color %q (valid: auto, always, never)", o.color))
	}
	rules, err := selectRules(o.categories, o.rules)
	if err != nil {
		return c.fail(err)
	}

	cwd, err := os.Getwd()
	if err != nil {
		return c.fail(err)
	}
	repo, err := gitx.OpenContext(c.ctx(), cwd)
	if err != nil {
		if errors.Is(err, gitx.ErrNotRepo) {
			return c.fail(usageErrorf("%v", err))
		}
		return c.fail(err)
	}
	defer repo.Close()

	cfg, err := loadConfig(repo.Root, o.config)
	if err != nil {
		return c.fail(err)
	}
	failOn, err := effectiveFailOn(o.failOn, cfg)
	if err != nil {
		return c.fail(err)
	}

	var tree *gitx.Snapshot
	var targets []snapshot.FileInfo
	full := false
	switch {
	case o.staged:
		tree = repo.Index()
		if len(args) > 0 {
			targets, err = repo.Select(tree, cwd, args)
		} else {
			targets, err = repo.Staged(tree)
		}
	case o.base != "":
		tree = repo.Worktree()
		_, targets, err = repo.ChangedSince(tree, o.base, "")
		if err == nil && len(args) > 0 {
			targets, err = filterUnder(repo, cwd, targets, args)
		}
	case len(args) > 0:
		tree = repo.Worktree()
		targets, err = repo.Select(tree, cwd, args)
	default:
		tree = repo.Worktree()
		targets, err = tree.Files()
		full = true
	}
	if err != nil {
		var le *gitx.LinkError
		switch {
		case errors.Is(err, gitx.ErrBadRevision):
			return c.fail(usageErrorf("--base: %v", err))
		case errors.As(err, &le) || errors.Is(err, snapshot.ErrNotRegular) ||
			strings.Contains(err.Error(), "outside the repository") || strings.Contains(err.Error(), "no such file"):
			return c.fail(usageErrorf("%v", err))
		}
		return c.fail(err)
	}

	res := checks.Run(checks.Options{Tree: tree, Targets: targets, Full: full, Config: cfg, Rules: rules})
	for _, e := range res.Errors {
		fmt.Fprintf(c.Stderr, "git-repro: internal error: %v\n", e)
	}
	if err := render(c, o, repo.Root, res, rules); err != nil {
		return c.fail(err)
	}
	if len(res.Errors) > 0 {
		return ExitFailure
	}
	if failOn != checks.SeverityNone {
		for _, f := range res.Findings {
			if f.Severity >= failOn {
				return ExitFindings
			}
		}
	}
	return ExitClean
}

// loadConfig reads .repro.yaml (or the given file). A missing default file
// means defaults; a missing explicit file is a usage error. Both are read
// as hostile input: only a regular file, at most snapshot.MaxConfigSize
// bytes; .repro.yaml is read like any file of the repository, so a
// symlink is followed only to a file inside it.
func loadConfig(root, explicit string) (*checks.Config, error) {
	var b []byte
	var err error
	rel := checks.ConfigFile
	if explicit == "" {
		b, err = gitx.Dir(root).ReadFileLimit(checks.ConfigFile, snapshot.MaxConfigSize)
		var le *gitx.LinkError
		if errors.Is(err, fs.ErrNotExist) && !errors.As(err, &le) {
			return checks.DefaultConfig(), nil
		}
	} else {
		b, err = gitx.ReadRegularFile(explicit, snapshot.MaxConfigSize)
		rel = explicit
		if r, err := filepath.Rel(root, explicit); err == nil && !strings.HasPrefix(r, "..") {
			rel = filepath.ToSlash(r)
		}
	}
	if err != nil {
		return nil, usageErrorf("config: %v", err)
	}
	cfg, err := checks.ParseConfig(rel, b, rules.Families())
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	return cfg, nil
}

// revisionFlag is a flag naming a revision: an empty one is a usage error,
// not "no revision" (an empty --base used to check everything).
type revisionFlag struct{ p *string }

func (f revisionFlag) Type() string { return "string" }

func (f revisionFlag) String() string {
	if f.p == nil {
		return ""
	}
	return *f.p
}

func (f revisionFlag) Set(s string) error {
	if s == "" {
		return errors.New("an empty revision names no commit: give a branch, tag or commit")
	}
	*f.p = s
	return nil
}

func effectiveFailOn(flag string, cfg *checks.Config) (checks.Severity, error) {
	v := flag
	if v == "" {
		v = cfg.FailOn
	}
	if v == "" {
		v = "warning"
	}
	s, err := checks.ParseSeverity(v)
	if err != nil {
		return 0, usageErrorf("--fail-on: %v", err)
	}
	return s, nil
}

// selectRules applies --category and --rule to the registry's rules;
// without either it returns them all.
func selectRules(categories, ids []string) ([]*checks.Rule, error) {
	if len(categories) == 0 && len(ids) == 0 {
		return rules.All(), nil
	}
	validCat := map[string]bool{}
	for _, c := range checks.Categories {
		validCat[c] = true
	}
	wantCat := map[string]bool{}
	for _, c := range categories {
		if !validCat[c] {
			return nil, usageErrorf("unknown --category %q (valid: %s)", c, strings.Join(checks.Categories, ", "))
		}
		wantCat[c] = true
	}
	wantID := map[string]bool{}
	for _, id := range ids {
		r := rules.Lookup(id)
		if r == nil {
			return nil, usageErrorf("unknown --rule %q (see \"git repro rules\")", id)
		}
		wantID[r.ID] = true
	}
	out := []*checks.Rule{} // non-nil: an empty selection runs nothing, not everything
	for _, r := range rules.All() {
		if wantCat[r.Category] || wantID[r.ID] {
			out = append(out, r)
		}
	}
	return out, nil
}

// filterUnder keeps the targets under the given paths.
func filterUnder(repo *gitx.Repo, cwd string, targets []snapshot.FileInfo, paths []string) ([]snapshot.FileInfo, error) {
	var prefixes []string
	for _, p := range paths {
		abs := p
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(cwd, p)
		}
		rel, err := filepath.Rel(repo.Root, abs)
		if err != nil || strings.HasPrefix(rel, "..") {
			return nil, usageErrorf("%s is outside the repository", p)
		}
		prefixes = append(prefixes, filepath.ToSlash(rel))
	}
	var out []snapshot.FileInfo
	for _, f := range targets {
		for _, pre := range prefixes {
			if pre == "." || f.Path == pre || strings.HasPrefix(f.Path, pre+"/") {
				out = append(out, f)
				break
			}
		}
	}
	return out, nil
}
