package gitx

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/git-repro/git-repro/internal/gitcli"
	"github.com/git-repro/git-repro/snapshot"
)

// ErrNotRepo is returned by Open outside a git repository.
var ErrNotRepo = errors.New("not a git repository (or any parent up to the root)")

// ErrBadRevision is wrapped by the errors of Resolve (and of everything
// that resolves a revision) for a revision that names no commit here.
var ErrBadRevision = errors.New("bad revision")

// ErrShallow is wrapped by MergeBase's error when the repository is a
// shallow clone that lacks the merge base.
var ErrShallow = errors.New("history too shallow: run git fetch --deepen=N (or fetch-depth: 0 in actions/checkout)")

// Repo is an open repository. Close it to stop the helper git process.
type Repo struct {
	// Root is the absolute path of the worktree's top directory.
	Root string
	// GitDir is this worktree's git directory (where its index and HEAD are).
	GitDir string
	// CommonDir is the repository's git directory shared by all worktrees
	// (where info/attributes and info/exclude live).
	CommonDir string

	ctx context.Context
	git gitcli.Git
	cat *gitcli.CatFile

	lookupOnce sync.Once
	lookup     *indexLookup
	lookupErr  error

	disk *diskRoot // the worktree, for reads that cannot leave it
}

// Open finds the repository containing dir (dir or any parent).
func Open(dir string) (*Repo, error) { return OpenContext(context.Background(), dir) }

// OpenContext is Open with a context: when it ends, every git process the
// repository runs is killed and later reads fail.
//
// It finds the top level itself where it can rather than asking git,
// which would cost a process on the pre-commit hot path.
func OpenContext(ctx context.Context, dir string) (*Repo, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if root, gitDir, common, ok := discover(abs); ok {
		return newRepo(ctx, root, gitDir, common), nil
	}
	out, err := gitcli.Git{Dir: abs}.Output(ctx, "rev-parse", "--is-bare-repository", "--show-toplevel", "--git-common-dir", "--absolute-git-dir")
	if err != nil {
		if strings.Contains(err.Error(), "not a git repository") {
			return nil, fmt.Errorf("%s: %w", abs, ErrNotRepo)
		}
		return nil, err
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) > 0 && lines[0] == "true" {
		return nil, fmt.Errorf("%s: a bare repository has no worktree to check", abs)
	}
	if len(lines) != 4 {
		return nil, fmt.Errorf("%s: unexpected output from git rev-parse: %q", abs, out)
	}
	root, common, gitDir := filepath.FromSlash(lines[1]), filepath.FromSlash(lines[2]), filepath.FromSlash(lines[3])
	if !filepath.IsAbs(common) {
		common = filepath.Join(abs, common)
	}
	return newRepo(ctx, root, gitDir, common), nil
}

func newRepo(ctx context.Context, root, gitDir, common string) *Repo {
	g := gitcli.Git{Dir: root}
	return &Repo{Root: root, GitDir: gitDir, CommonDir: common, ctx: ctx, git: g, cat: g.CatFile(ctx), disk: &diskRoot{path: root}}
}

// Close stops the background git process.
func (r *Repo) Close() error {
	err := r.cat.Close()
	r.disk.close()
	return err
}

func (r *Repo) infoFile(name string) []byte {
	b, err := ReadRegularFile(filepath.Join(r.CommonDir, filepath.FromSlash(name)), snapshot.MaxFileSize)
	if err != nil {
		return nil
	}
	return b
}

// Index returns the staged snapshot: what the next commit would contain.
func (r *Repo) Index() *Snapshot { return newSnapshot(indexSource{r}) }

// Worktree returns the snapshot of the files on disk: tracked files plus
// untracked files that .gitignore does not ignore.
func (r *Repo) Worktree() *Snapshot { return newSnapshot(worktreeSource{r}) }

// Commit returns the snapshot of a revision's tree.
func (r *Repo) Commit(rev string) (*Snapshot, error) {
	h, err := r.Resolve(rev)
	if err != nil {
		return nil, err
	}
	return newSnapshot(&commitSource{r: r, commit: h}), nil
}

// Resolve turns a revision (branch, tag, sha, HEAD~2, origin/main,
// main@{1}) into a commit hash with git's own semantics:
// "git rev-parse --verify --end-of-options REV^{commit}". A revision that
// names nothing, or something other than a commit (HEAD:README.md,
// HEAD^{tree}), or an empty one, is an error wrapping ErrBadRevision that
// names it.
func (r *Repo) Resolve(rev string) (string, error) {
	if rev == "" {
		return "", &revisionError{rev: rev, why: "an empty revision names no commit"}
	}
	out, err := r.run("rev-parse", "--verify", "--end-of-options", rev+"^{commit}")
	if err != nil {
		if r.ctx.Err() != nil || gitcli.ExitCode(err) < 0 {
			return "", err
		}
		why := revisionProblem(gitcli.Stderr(err))
		if rev == "HEAD" && !strings.Contains(why, "(git:") {
			why = "the current branch has no commit yet"
		}
		return "", &revisionError{rev: rev, why: why}
	}
	return strings.TrimSpace(string(out)), nil
}

// revisionError is a revision that names no commit; it is ErrBadRevision.
type revisionError struct{ rev, why string }

func (e *revisionError) Error() string        { return fmt.Sprintf("unknown revision %q: %s", e.rev, e.why) }
func (e *revisionError) Is(target error) bool { return target == ErrBadRevision }

// revisionProblem keeps what git said beyond "Needed a single revision".
func revisionProblem(stderr string) string {
	var keep []string
	for _, line := range strings.Split(stderr, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasSuffix(line, "Needed a single revision") {
			continue
		}
		keep = append(keep, line)
	}
	if len(keep) == 0 {
		return "it names no commit in this repository"
	}
	return "it names no commit in this repository (git: " + strings.Join(keep, "; ") + ")"
}

// MergeBase returns the best common ancestor of two revisions. In a
// shallow clone that lacks it, the error wraps ErrShallow and says how to
// fetch more history.
func (r *Repo) MergeBase(a, b string) (string, error) {
	ha, err := r.Resolve(a)
	if err != nil {
		return "", err
	}
	hb, err := r.Resolve(b)
	if err != nil {
		return "", err
	}
	out, err := r.run("merge-base", ha, hb)
	if err == nil {
		return strings.TrimSpace(string(out)), nil
	}
	if gitcli.ExitCode(err) != 1 {
		return "", err
	}
	// Exit status 1 without output: no common ancestor in the history here.
	if r.shallow() {
		return "", fmt.Errorf("no merge base of %q and %q in this shallow clone: %w", a, b, ErrShallow)
	}
	return "", fmt.Errorf("%q and %q have no common history", a, b)
}

// shallow reports whether the repository is a shallow clone.
func (r *Repo) shallow() bool {
	out, err := r.run("rev-parse", "--is-shallow-repository")
	return err == nil && strings.TrimSpace(string(out)) == "true"
}

// Staged returns the files added, copied, modified, renamed or retyped in
// the index relative to HEAD (all of the index on an unborn branch): the
// targets of a pre-commit hook. It compares the index's cache-tree with
// HEAD's trees in-process (staged.go), as git does, and asks
// "git diff --cached" where that does not apply. A staged symlink is a
// target only when it resolves to a file in the index (see Snapshot).
func (r *Repo) Staged(idx *Snapshot) ([]snapshot.FileInfo, error) {
	var paths, deleted []string
	if changes, del, err := r.stagedFromCacheTree(); err == nil {
		for _, c := range changes {
			paths = append(paths, c.path)
		}
		deleted = del
	} else {
		// Fallback: stagedFromCacheTree has already started cat-file and
		// loaded the index lookup, which the rules use next.
		out, err := r.run("diff", "--cached", "--raw", "-z", "--no-abbrev", "--no-renames", "--diff-filter=ACMRTD")
		if err != nil {
			return nil, err
		}
		recs := splitZ(out)
		for i := 0; i+1 < len(recs); i += 2 {
			// ":<old mode> <new mode> <old hash> <new hash> <status>", then the path
			meta, p := strings.Fields(recs[i]), recs[i+1]
			if len(meta) != 5 {
				return nil, fmt.Errorf("git diff --raw: unexpected record %q", recs[i])
			}
			if meta[4] == "D" {
				deleted = append(deleted, p)
			} else {
				paths = append(paths, p)
			}
		}
	}
	files := statAll(idx, paths) // a submodule or a symlink leading nowhere is no target
	files = r.addSiblings(idx, files, deleted)
	sortInfos(files)
	return files, nil
}

// maxSiblings caps the files a deletion adds to the targets.
const maxSiblings = 200

// addSiblings makes the files beside each deleted path targets too. Rules
// look at targets, and a deletion leaves none behind: without this,
// staging "git rm models/MODEL_CARD.md" or "git rm dvc.lock" would pass a
// hook that flags a model without a card or a pipeline without its lock.
// The files in the deleted file's directory are the ones whose rules
// consult it (the artifacts beside a card, the dvc.yaml beside its lock,
// the Dockerfile beside its .dockerignore).
func (r *Repo) addSiblings(snap *Snapshot, files []snapshot.FileInfo, deleted []string) []snapshot.FileInfo {
	if len(deleted) == 0 {
		return files
	}
	have := map[string]bool{}
	for _, f := range files {
		have[f.Path] = true
	}
	dirs := map[string]bool{}
	for _, d := range deleted {
		dirs[path.Dir(d)] = true
	}
	for dir := range dirs {
		for _, p := range r.filesIn(snap, dir) {
			if have[p] {
				continue
			}
			if fi, err := snap.Stat(p); err == nil {
				have[p] = true
				files = append(files, fi)
			}
		}
	}
	return files
}

// filesIn lists up to maxSiblings files directly in dir ("." for the root).
func (r *Repo) filesIn(snap *Snapshot, dir string) []string {
	prefix := ""
	if dir != "." {
		prefix = dir + "/"
	}
	if _, ok := snap.src.(indexSource); ok {
		if l, err := r.lookupIndex(); err == nil {
			return l.dirFiles(prefix, maxSiblings)
		}
	}
	all, err := snap.Files()
	if err != nil {
		return nil
	}
	var out []string
	for _, f := range all {
		if rest, ok := strings.CutPrefix(f.Path, prefix); ok && !strings.Contains(rest, "/") {
			out = append(out, f.Path)
			if len(out) == maxSiblings {
				break
			}
		}
	}
	return out
}

// ChangedSince returns the files of snap that differ from the merge base
// of base and head. head is a revision, or "" for the worktree (tracked
// changes, committed or not, plus untracked files).
func (r *Repo) ChangedSince(snap *Snapshot, base, head string) (mergeBase string, files []snapshot.FileInfo, err error) {
	headRev := head
	if headRev == "" {
		headRev = "HEAD"
	}
	mb, err := r.MergeBase(base, headRev)
	if err != nil {
		return "", nil, err
	}
	args := []string{"diff", "--name-status", "-z", "--no-renames", "--diff-filter=ACMRTD", mb}
	if head != "" {
		h, err := r.Resolve(head)
		if err != nil {
			return "", nil, err
		}
		args = append(args, h)
	}
	out, err := r.run(args...)
	if err != nil {
		return "", nil, err
	}
	var paths, deleted []string
	recs := splitZ(out)
	for i := 0; i+1 < len(recs); i += 2 { // "<status>", "<path>"
		if recs[i] == "D" {
			deleted = append(deleted, recs[i+1])
		} else {
			paths = append(paths, recs[i+1])
		}
	}
	if head == "" {
		untracked, err := r.run("ls-files", "-z", "--others", "--exclude-standard")
		if err != nil {
			return "", nil, err
		}
		paths = append(paths, splitZ(untracked)...)
	}
	files = statAll(snap, paths)
	files = r.addSiblings(snap, files, deleted)
	sortInfos(files)
	return mb, files, nil
}

// Select returns the files of snap named by paths (files or directories,
// relative to cwd, which must be inside the repository).
func (r *Repo) Select(snap *Snapshot, cwd string, paths []string) ([]snapshot.FileInfo, error) {
	var out []snapshot.FileInfo
	var all []snapshot.FileInfo
	seen := map[string]bool{}
	for _, p := range paths {
		abs := p
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(cwd, p)
		}
		rel, err := filepath.Rel(r.Root, abs)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return nil, fmt.Errorf("%s is outside the repository %s", p, r.Root)
		}
		rel = clean(filepath.ToSlash(rel))
		fi, statErr := snap.Stat(rel)
		if statErr == nil {
			if !seen[fi.Path] {
				seen[fi.Path] = true
				out = append(out, fi)
			}
			continue
		}
		// A directory (or a path absent from the snapshot).
		if all == nil {
			if all, err = snap.Files(); err != nil {
				return nil, err
			}
		}
		found := false
		for _, fi := range all {
			if rel == "" || strings.HasPrefix(fi.Path, rel+"/") {
				found = true
				if !seen[fi.Path] {
					seen[fi.Path] = true
					out = append(out, fi)
				}
			}
		}
		var le *LinkError
		switch {
		case found:
		case errors.As(statErr, &le) || errors.Is(statErr, snapshot.ErrNotRegular):
			return nil, statErr
		default:
			return nil, fmt.Errorf("%s: no such file in the snapshot being checked", p)
		}
	}
	sortInfos(out)
	return out, nil
}

// statAll describes the paths that are files of snap (or symlinks to
// one), once each; the rest (submodules, symlinks leading nowhere, files
// that vanished meanwhile) are no targets.
func statAll(snap *Snapshot, paths []string) []snapshot.FileInfo {
	var files []snapshot.FileInfo
	seen := map[string]bool{}
	for _, p := range paths {
		if seen[p] {
			continue
		}
		seen[p] = true
		if fi, err := snap.Stat(p); err == nil {
			files = append(files, fi)
		}
	}
	sortInfos(files)
	return files
}

// discover finds the repository around dir the way git does in the common
// case, without starting a process (every process counts in a hook): the
// nearest parent with a .git directory, or a .git file pointing at a
// worktree's git directory. Anything unusual (GIT_DIR and friends set,
// core.worktree, a bare repository) is left to "git rev-parse".
func discover(dir string) (root, gitDir, common string, ok bool) {
	for _, v := range []string{"GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM"} {
		if os.Getenv(v) != "" {
			return "", "", "", false
		}
	}
	for d := dir; ; d = filepath.Dir(d) {
		dotgit := filepath.Join(d, ".git")
		if st, err := os.Stat(dotgit); err == nil {
			gitdir := dotgit
			if !st.IsDir() {
				b, err := os.ReadFile(dotgit)
				rest, found := strings.CutPrefix(strings.TrimSpace(string(b)), "gitdir: ")
				if err != nil || !found {
					return "", "", "", false
				}
				gitdir = rest
				if !filepath.IsAbs(gitdir) {
					gitdir = filepath.Join(d, gitdir)
				}
			}
			if _, err := os.Stat(filepath.Join(gitdir, "HEAD")); err != nil {
				return "", "", "", false
			}
			common = gitdir
			if b, err := os.ReadFile(filepath.Join(gitdir, "commondir")); err == nil {
				common = strings.TrimSpace(string(b))
				if !filepath.IsAbs(common) {
					common = filepath.Join(gitdir, common)
				}
			}
			if cfg, err := os.ReadFile(filepath.Join(common, "config")); err != nil || hasWorktreeSetting(cfg) {
				return "", "", "", false
			}
			return d, filepath.Clean(gitdir), filepath.Clean(common), true
		}
		if filepath.Dir(d) == d {
			return "", "", "", false
		}
	}
}

// hasWorktreeSetting reports whether a git config sets core.worktree or
// core.bare = true, which move or remove the worktree.
func hasWorktreeSetting(cfg []byte) bool {
	for _, line := range strings.Split(string(cfg), "\n") {
		k, v, _ := strings.Cut(strings.ToLower(strings.TrimSpace(line)), "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if k == "worktree" || (k == "bare" && v == "true") {
			return true
		}
	}
	return false
}
