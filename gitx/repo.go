package gitx

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"

	"github.com/git-repro/git-repro/snapshot"
)

// ErrNotRepo is returned by Open outside a git repository.
var ErrNotRepo = errors.New("not a git repository (or any parent up to the root)")

// Repo is an open repository. Close it to stop the helper git process.
type Repo struct {
	// Root is the absolute path of the worktree's top directory.
	Root string
	// GitDir is this worktree's git directory (where its index and HEAD are).
	GitDir string
	// CommonDir is the repository's git directory shared by all worktrees
	// (where info/attributes and info/exclude live).
	CommonDir string

	cat *catFile

	lookupOnce sync.Once
	lookup     *indexLookup

	blobMu     sync.Mutex
	indexBlobs map[string]string // path -> blob hash, for staged files

	openOnce sync.Once
	repo     *git.Repository
	openErr  error
}

// Open finds the repository containing dir (dir or any parent).
//
// It asks git for the top level rather than opening the repository with
// go-git, which costs tens of milliseconds on the pre-commit hot path;
// go-git is opened lazily for revision walks.
func Open(dir string) (*Repo, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if root, gitDir, common, ok := discover(abs); ok {
		return &Repo{Root: root, GitDir: gitDir, CommonDir: common, cat: &catFile{dir: root}}, nil
	}
	out, err := runGit(abs, "rev-parse", "--is-bare-repository", "--show-toplevel", "--git-common-dir", "--absolute-git-dir")
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
	return &Repo{Root: root, GitDir: gitDir, CommonDir: common, cat: &catFile{dir: root}}, nil
}

// goGit opens the repository with go-git on first use.
func (r *Repo) goGit() (*git.Repository, error) {
	r.openOnce.Do(func() {
		r.repo, r.openErr = git.PlainOpenWithOptions(r.Root, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
		if r.openErr != nil {
			r.openErr = fmt.Errorf("open repository at %s: %w", r.Root, r.openErr)
		}
	})
	return r.repo, r.openErr
}

// Close stops the background git process.
func (r *Repo) Close() error {
	r.cat.close()
	return nil
}

func (r *Repo) infoFile(name string) []byte {
	b, err := os.ReadFile(filepath.Join(r.CommonDir, filepath.FromSlash(name)))
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
	return newSnapshot(commitSource{r: r, commit: h}), nil
}

// Resolve turns a revision (branch, tag, sha, HEAD~2, origin/main) into a
// commit hash.
func (r *Repo) Resolve(rev string) (string, error) {
	gr, err := r.goGit()
	if err != nil {
		return "", err
	}
	h, err := gr.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		// go-git does not know every revision syntax; ask git.
		out, gerr := runGit(r.Root, "rev-parse", "--verify", "--quiet", rev+"^{commit}")
		if gerr != nil {
			return "", fmt.Errorf("unknown revision %q: %v", rev, err)
		}
		return strings.TrimSpace(string(out)), nil
	}
	return h.String(), nil
}

// MergeBase returns the best common ancestor of two revisions.
func (r *Repo) MergeBase(a, b string) (string, error) {
	ha, err := r.Resolve(a)
	if err != nil {
		return "", err
	}
	hb, err := r.Resolve(b)
	if err != nil {
		return "", err
	}
	gr, err := r.goGit()
	if err != nil {
		return "", err
	}
	ca, err := gr.CommitObject(plumbing.NewHash(ha))
	if err != nil {
		return "", fmt.Errorf("%s: %w (is the clone shallow? fetch more history)", a, err)
	}
	cb, err := gr.CommitObject(plumbing.NewHash(hb))
	if err != nil {
		return "", fmt.Errorf("%s: %w (is the clone shallow? fetch more history)", b, err)
	}
	bases, err := ca.MergeBase(cb)
	if err != nil {
		return "", fmt.Errorf("merge base of %s and %s: %w", a, b, err)
	}
	if len(bases) == 0 {
		return "", fmt.Errorf("%s and %s have no common history (a shallow clone? use fetch-depth: 0)", a, b)
	}
	return bases[0].Hash.String(), nil
}

// Staged returns the files added, copied, modified, renamed or retyped in
// the index relative to HEAD (all of the index on an unborn branch): the
// targets of a pre-commit hook. It compares the index's cache-tree with
// HEAD's trees in-process (staged.go), as git does, and asks
// "git diff --cached" where that does not apply.
//
// The diff names each staged blob, so the files are then read by hash:
// resolving ":path" would make cat-file load the whole index again.
func (r *Repo) Staged(idx *Snapshot) ([]snapshot.FileInfo, error) {
	if changes, deleted, err := r.stagedFromCacheTree(); err == nil {
		var files []snapshot.FileInfo
		for _, c := range changes {
			mode := modeOf(fmt.Sprintf("%o", c.mode))
			if mode.IsDir() {
				continue // a submodule
			}
			r.rememberBlob(c.path, c.hash)
			fi, err := idx.Stat(c.path)
			if err != nil {
				continue
			}
			fi.Mode = mode
			files = append(files, fi)
		}
		files = r.addSiblings(idx, files, deleted)
		sortInfos(files)
		return files, nil
	}
	// Fallback: stagedFromCacheTree has already started cat-file and
	// loaded the index lookup, which the rules use next.
	out, err := runGit(r.Root, "diff", "--cached", "--raw", "-z", "--no-abbrev", "--no-renames", "--diff-filter=ACMRTD")
	if err != nil {
		return nil, err
	}
	recs := splitZ(out)
	var files []snapshot.FileInfo
	var deleted []string
	for i := 0; i+1 < len(recs); i += 2 {
		// ":<old mode> <new mode> <old hash> <new hash> <status>", then the path
		meta, p := strings.Fields(recs[i]), recs[i+1]
		if len(meta) != 5 {
			return nil, fmt.Errorf("git diff --raw: unexpected record %q", recs[i])
		}
		if meta[4] == "D" {
			deleted = append(deleted, p)
			continue
		}
		mode := modeOf(meta[1])
		if mode.IsDir() {
			continue // a submodule
		}
		r.rememberBlob(p, meta[3])
		fi, err := idx.Stat(p)
		if err != nil {
			continue
		}
		fi.Mode = mode
		files = append(files, fi)
	}
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
		if l := r.lookupIndex(); l != nil {
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

// rememberBlob records the index's blob for a path, so index reads of it
// go by hash.
func (r *Repo) rememberBlob(p, hash string) {
	r.blobMu.Lock()
	defer r.blobMu.Unlock()
	if r.indexBlobs == nil {
		r.indexBlobs = map[string]string{}
	}
	r.indexBlobs[p] = hash
}

// indexSpec names a path's blob in the index for cat-file: its hash when
// known, else ":<path>" (which makes cat-file read the index).
func (r *Repo) indexSpec(p string) string {
	r.blobMu.Lock()
	defer r.blobMu.Unlock()
	if h, ok := r.indexBlobs[p]; ok {
		return h
	}
	return ""
}

// indexBlob returns the blob hash of p in the index, "" when p is not
// there. It reads the index in-process: cat-file would parse the whole
// index (checksum included) for its first ":path" lookup, which on a large
// repository costs as much as the staged diff itself.
func (r *Repo) indexBlob(p string) (string, bool) {
	if h := r.indexSpec(p); h != "" {
		return h, true
	}
	if l := r.lookupIndex(); l != nil {
		e, ok := l.find(p)
		if !ok || e.mode&0o170000 == 0o160000 {
			return "", false
		}
		return e.hash, true
	}
	return ":" + p, true // let cat-file resolve it
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
		args = append(args, headRev)
	}
	out, err := runGit(r.Root, args...)
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
		untracked, err := runGit(r.Root, "ls-files", "-z", "--others", "--exclude-standard")
		if err != nil {
			return "", nil, err
		}
		paths = append(paths, splitZ(untracked)...)
	}
	files, err = statAll(snap, paths)
	if err != nil {
		return "", nil, err
	}
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
		if fi, err := snap.Stat(rel); err == nil {
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
		if !found {
			return nil, fmt.Errorf("%s: no such file in the snapshot being checked", p)
		}
	}
	sortInfos(out)
	return out, nil
}

func statAll(snap *Snapshot, paths []string) ([]snapshot.FileInfo, error) {
	var files []snapshot.FileInfo
	seen := map[string]bool{}
	for _, p := range paths {
		if seen[p] {
			continue
		}
		seen[p] = true
		fi, err := snap.Stat(p)
		if err != nil {
			continue // a submodule or a file that vanished meanwhile
		}
		files = append(files, fi)
	}
	sortInfos(files)
	return files, nil
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
