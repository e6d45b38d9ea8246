package largefiles

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/bytesize"
	"github.com/git-repro/git-repro/rules/artifact"
	"github.com/git-repro/git-repro/rules/internal/wording"
)

// Family is the large-files family: files over a size limit, models and
// data committed as git blobs rather than to LFS or DVC, LFS pointers and
// filters that disagree, committed virtualenvs, and DVC files that are
// incomplete (dvc.go). The large-files: section of .repro.yaml configures
// it.
var Family = checks.Family{Name: "largefiles", Rules: rules, Settings: Settings}

// Settings is the large-files: section of .repro.yaml.
var Settings = checks.SectionOf[Config]("large-files")

// Config holds this family's .repro.yaml settings.
type Config struct {
	// MaxSize is the largest file committed as a git blob before
	// REPRO-LARGE-001 fires ("5MiB", "500KB", or bytes). Default 5 MiB.
	MaxSize checks.Size `yaml:"max-size"`
	// MaxDataSize is the lower limit for model and data formats (.csv,
	// .parquet, .npy, .h5, .pkl, model weights, archives). Default 1 MiB.
	MaxDataSize checks.Size `yaml:"max-data-size"`
	// Allow lists globs of files that may be committed however large.
	Allow []string `yaml:"allow"`
}

// Defaults of Config, and why:
//   - 5 MiB: no source file, lock file or config comes near it, while a
//     blob that size is paid for by every clone forever (git keeps every
//     version, and GitHub only warns at 50 MB and blocks at 100 MB, long
//     after the history is polluted). pre-commit-hooks' 500 KB flags
//     ordinary notebooks with plots and generated lock files.
//   - 1 MiB for model and data formats: they are rewritten wholesale on
//     every change, git cannot delta them usefully, and LFS/DVC exist for
//     exactly them; a small sample CSV for tests stays under it.
const (
	DefaultMaxSize     checks.Size = 5 << 20
	DefaultMaxDataSize checks.Size = 1 << 20
)

// MaxSizeLimit is max-size, or DefaultMaxSize when unset.
func (c Config) MaxSizeLimit() checks.Size {
	if c.MaxSize > 0 {
		return c.MaxSize
	}
	return DefaultMaxSize
}

// MaxDataSizeLimit is max-data-size, or DefaultMaxDataSize when unset.
func (c Config) MaxDataSizeLimit() checks.Size {
	if c.MaxDataSize > 0 {
		return c.MaxDataSize
	}
	return DefaultMaxDataSize
}

var rules = append([]*checks.Rule{
	{
		ID: "REPRO-LARGE-001", Category: checks.CatLargeFiles, Severity: checks.Error,
		Title: "large file committed as a git blob",
		Doc: `Every version of a file committed to git stays in every clone forever; a few
large blobs make cloning, CI checkouts and history rewrites slow for everyone.
Files above large-files.max-size (default 5 MiB) belong in Git LFS or DVC. The
check covers files that are modified as well as added (a file that grows past the
limit is caught), and ignores LFS pointers, DVC-tracked paths and dependency lock
files (uv.lock, poetry.lock, conda-lock.yml, package-lock.json, ...), which tools
must read from git.`,
		Remediation: "track it with Git LFS (`git lfs track PATTERN`, then `git add --renormalize PATH`) or DVC (`git rm --cached PATH && dvc add PATH`)",
		Run:         runLargeBlobs,
	},
	{
		ID: "REPRO-LARGE-002", Category: checks.CatLargeFiles, Severity: checks.Warning,
		Title: "model or data file committed as a git blob",
		Doc: `Model weights and data files (.csv, .parquet, .npy, .h5, .pkl, archives,
media) change wholesale on every version and git cannot delta them usefully; above
large-files.max-data-size (default 1 MiB) they belong in Git LFS or DVC, which
also version them with their pipeline.

Package data is the exception: a data file inside a Python package that the
project's distribution ships (setuptools package-data or MANIFEST.in with
include-package-data, setuptools-scm, or a backend such as hatchling, flit,
poetry or pdm that ships whole packages) must stay a git blob, because "pip
install git+https://..." builds from a clone and installs the LFS pointer
wherever git-lfs is missing. Such a file is not reported; a checkpoint shipped
that way, and any file over max-size, is, with the advice to host it outside
the package and download it on first use.`,
		Remediation: "track it with Git LFS (`git lfs track PATTERN`) or DVC (`git rm --cached PATH && dvc add PATH`)",
		Run:         runLargeBlobs, // shares REPRO-LARGE-001's scan
	},
	{
		ID: "REPRO-LARGE-003", Category: checks.CatLargeFiles, Severity: checks.Error,
		Title: "file under an lfs filter committed raw",
		Doc: `.gitattributes says this path is stored in Git LFS (filter=lfs), but the
committed content is the file itself, not an LFS pointer. That happens when the
file was added before the pattern or on a machine without git-lfs installed. The
blob bloats the history, and git-lfs later reports the file as modified on every
checkout.`,
		Remediation: "re-add it through the LFS filter: `git lfs install && git add --renormalize PATH` (for history already pushed: `git lfs migrate import --include=PATH`)",
		Run:         runLFSRaw,
	},
	{
		ID: "REPRO-LARGE-004", Category: checks.CatLargeFiles, Severity: checks.Error,
		Title: "virtual environment committed",
		Doc: `A virtualenv (.venv/, venv/, site-packages/, a directory with pyvenv.cfg or
conda-meta/) is machine-specific: its interpreter paths and compiled extensions do
not work elsewhere, and it adds thousands of files. Commit the dependency list
(requirements.txt with pins, or a lock file) instead.`,
		Remediation: "remove it from git and ignore it: `git rm -r --cached DIR && echo DIR/ >> .gitignore`; record the dependencies with `pip freeze > requirements.txt` or a lock file",
		Run:         runVenv,
	},
	{
		ID: "REPRO-LARGE-005", Category: checks.CatLargeFiles, Severity: checks.Warning,
		Title: "lfs pointer without an lfs filter",
		Doc: `The committed content is a Git LFS pointer, but no filter=lfs pattern in
.gitattributes covers the path, so git-lfs never replaces it on checkout: every
clone gets the three-line pointer text instead of the file, and code that loads it
fails (git lfs fsck --pointers reports the same).`,
		Remediation: "add the pattern: `git lfs track PATTERN && git add .gitattributes`",
		Run:         runLFSPointerNoFilter,
	},
}, dvcRules...)

// lockFileNames are dependency lock files: large in big projects, but
// package managers and reviewers need them in git as text.
var lockFileNames = map[string]bool{
	"package-lock.json": true, "npm-shrinkwrap.json": true, "yarn.lock": true, "pnpm-lock.yaml": true,
	"bun.lock": true, "poetry.lock": true, "uv.lock": true, "pdm.lock": true, "pipfile.lock": true,
	"pylock.toml": true, "conda-lock.yml": true, "conda-lock.yaml": true, "pixi.lock": true,
	"cargo.lock": true, "go.sum": true, "gemfile.lock": true, "composer.lock": true,
	"flake.lock": true, "mix.lock": true, "pubspec.lock": true, "packages.lock.json": true,
}

// isLockFile reports whether p is a dependency lock file (also
// conda-lock's per-platform "conda-linux-64.lock" and "*.conda-lock.yml").
func isLockFile(p string) bool {
	b := strings.ToLower(path.Base(p))
	return lockFileNames[b] || strings.HasSuffix(b, ".conda-lock.yml") || strings.HasSuffix(b, ".conda-lock.yaml") ||
		strings.HasPrefix(b, "conda-") && strings.HasSuffix(b, ".lock")
}

// largeAllow compiles large-files.allow once per run.
func largeAllow(p *checks.Pass) checks.Globs {
	return p.Memo("largefiles-allow", func() any {
		g, _ := checks.NewGlobs(Settings.Get(p.Config).Allow)
		return g
	}).(checks.Globs)
}

// runLargeBlobs serves REPRO-LARGE-001 (every file over max-size) and
// REPRO-LARGE-002 (model and data formats over max-data-size).
func runLargeBlobs(p *checks.Pass) {
	general := p.Rule.ID == "REPRO-LARGE-001"
	cfg := *Settings.Get(p.Config)
	maxSize, maxData := cfg.MaxSizeLimit(), cfg.MaxDataSizeLimit()
	for _, f := range p.Targets {
		if f.LFS != nil || f.Mode&fs.ModeSymlink != 0 || f.Size == 0 {
			continue
		}
		size := checks.Size(f.Size)
		data := artifact.IsDataFormat(f.Path)
		var limit checks.Size
		switch {
		case general && size > maxSize:
			limit = maxSize
		case !general && data && size > maxData && size <= maxSize:
			limit = maxData
		default:
			continue
		}
		if largeAllow(p).Match(f.Path) {
			continue
		}
		if p.Tree.Attr(f.Path, "filter") == "lfs" {
			continue // meant for LFS but committed raw: REPRO-LARGE-003 says so
		}
		if isLockFile(f.Path) {
			continue // text that tools read from git and git deltas well; never LFS
		}
		if _, ok := artifact.TrackedBy(p.Tree, f.Path, artifact.PassDVC(p)); ok {
			continue
		}
		if strings.EqualFold(path.Ext(f.Path), ".ipynb") {
			// Outputs (embedded images, tables) make notebooks large; in
			// LFS it could no longer be diffed or reviewed.
			p.Report(checks.Diag{
				Pos:     checks.Pos{Path: f.Path},
				Message: fmt.Sprintf("notebook %q is %s, committed as a git blob (limit %s): its outputs (embedded images, tables) make it large, and every re-run adds another copy to the history", f.Path, bytesize.FormatWhole(int64(size)), bytesize.FormatWhole(int64(limit))),
				Hint:    fmt.Sprintf("clear the outputs before committing: jupyter nbconvert --clear-output --inplace %q (or install nbstripout); save figures you need as files", f.Path),
				Key:     "large-blob",
			})
			continue
		}
		kind := "file"
		if data {
			kind = "model/data file"
		}
		hint := lfsHint(f.Path)
		if !data {
			// A big JSON or text file is one of a kind: track the path,
			// not every file with its extension.
			hint = lfsTrackHint(f.Path, f.Path)
		}
		if dist := packageDataOf(p, f.Path); dist != nil {
			// Package data the distribution ships must stay a git blob:
			// pip install git+... builds from a clone without LFS.
			_, model := artifact.ModelFramework(f.Path)
			if !general && !model {
				continue // a vocabulary or lookup table the package reads: keep it
			}
			p.Report(checks.Diag{
				Pos: checks.Pos{Path: f.Path},
				Message: fmt.Sprintf("%s %q is %s, committed as a git blob (limit %s); it ships as package data of %s, so Git LFS is no fix (\"pip install git+...\" would install the LFS pointer wherever git-lfs is missing): host it outside the package and download it on first use",
					kind, f.Path, bytesize.FormatWhole(int64(size)), bytesize.FormatWhole(int64(limit)), dist.label()),
				Hint: fmt.Sprintf("publish it as a release asset or on a model hub and download it on first use with a checksum (e.g. pooch.retrieve(url, known_hash=...)), then remove it from the package data; or keep it in git if the package cannot work without it and list it in large-files.allow: [%q]", f.Path),
				Key:  "large-blob",
			})
			continue
		}
		p.Report(checks.Diag{
			Pos:     checks.Pos{Path: f.Path},
			Message: fmt.Sprintf("%s %q is %s, committed as a git blob (limit %s): store it in Git LFS or DVC", kind, f.Path, bytesize.FormatWhole(int64(size)), bytesize.FormatWhole(int64(limit))),
			Hint:    hint,
			Key:     "large-blob",
		})
	}
}

// lfsHint is the concrete fix for one path.
func lfsHint(p string) string {
	pattern := p
	if ext := path.Ext(p); ext != "" {
		pattern = "*" + ext
	}
	return lfsTrackHint(pattern, p)
}

// lfsTrackHint moves p into LFS under pattern. "git add --renormalize"
// re-cleans the staged file; "git rm --cached && git add" would fail when
// the file is staged but not committed (its cleaned content, a pointer,
// differs from the staged blob and HEAD has none). DVC needs the file out
// of git's index first.
func lfsTrackHint(pattern, p string) string {
	return fmt.Sprintf("git lfs track %q && git add .gitattributes && git add --renormalize %q  (or: git rm --cached %q && dvc add %q)", pattern, p, p, p)
}

func runLFSRaw(p *checks.Pass) {
	for _, f := range p.Targets {
		if f.LFS != nil || f.Size == 0 || f.Mode&fs.ModeSymlink != 0 {
			continue
		}
		if p.Tree.Attr(f.Path, "filter") != "lfs" {
			continue
		}
		p.Report(checks.Diag{
			Pos:     checks.Pos{Path: f.Path},
			Message: fmt.Sprintf("%q matches a filter=lfs pattern in .gitattributes but is committed as a raw %s git blob, not an LFS pointer", f.Path, bytesize.FormatWhole(f.Size)),
			// --renormalize re-runs the clean filter on the path whatever
			// the index holds; "git rm --cached" refuses when the staged
			// blob differs from both HEAD and the cleaned worktree file.
			Hint: fmt.Sprintf("git lfs install && git add --renormalize %q  (already pushed: git lfs migrate import --include=%q)", f.Path, f.Path),
			Key:  "lfs-raw",
		})
	}
}

func runLFSPointerNoFilter(p *checks.Pass) {
	for _, f := range p.Targets {
		if f.LFS == nil || p.Tree.Attr(f.Path, "filter") == "lfs" {
			continue
		}
		pattern := f.Path
		if ext := path.Ext(f.Path); ext != "" {
			pattern = "*" + ext
		}
		p.ReportHintf(checks.Pos{Path: f.Path}, fmt.Sprintf("git lfs track %q && git add .gitattributes", pattern),
			"%q is a Git LFS pointer (%s object) but no filter=lfs pattern in .gitattributes covers it: checkouts get the pointer text, not the file", f.Path, bytesize.FormatWhole(f.LFS.Size))
	}
}

// venvRoot returns the virtualenv directory p lies in, or "".
func venvRoot(p string) string {
	parts := strings.Split(p, "/")
	for i, c := range parts[:len(parts)-1] {
		lc := strings.ToLower(c)
		switch {
		case lc == ".venv" || lc == "venv" || lc == "virtualenv" || lc == ".virtualenv" || lc == "conda-meta":
			if lc == "conda-meta" {
				if i == 0 {
					return "conda-meta"
				}
				return strings.Join(parts[:i], "/")
			}
			return strings.Join(parts[:i+1], "/")
		case lc == "site-packages" || lc == "dist-packages":
			// .../lib/python3.X/site-packages: the environment is the
			// directory holding lib/.
			root := i
			if i >= 2 && strings.HasPrefix(strings.ToLower(parts[i-1]), "python") && strings.EqualFold(parts[i-2], "lib") {
				root = i - 2
			} else if i >= 1 && strings.EqualFold(parts[i-1], "lib") {
				root = i - 1
			}
			if root == 0 {
				return strings.Join(parts[:i+1], "/")
			}
			return strings.Join(parts[:root], "/")
		}
	}
	if path.Base(p) == "pyvenv.cfg" && path.Dir(p) != "." {
		return path.Dir(p)
	}
	return ""
}

func runVenv(p *checks.Pass) {
	counts := map[string]int{}
	for _, f := range p.Targets {
		if r := venvRoot(f.Path); r != "" {
			counts[r]++
		}
	}
	roots := make([]string, 0, len(counts))
	for r := range counts {
		roots = append(roots, r)
	}
	sort.Strings(roots)
	for _, r := range roots {
		p.Report(checks.Diag{
			Pos:     checks.Pos{Path: r},
			Message: fmt.Sprintf("virtual environment %q is committed (%s): environments are machine-specific; commit pinned requirements instead", r, wording.Plural(counts[r], "file")),
			Hint:    fmt.Sprintf("git rm -r --cached %q && %s", r, wording.AppendToIgnore(p.Tree, ".gitignore", r+"/")),
			Key:     "venv",
		})
	}
}
