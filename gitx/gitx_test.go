package gitx_test

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/gitx"
	"github.com/git-repro/git-repro/internal/gittest"
	"github.com/git-repro/git-repro/internal/testenv"
	"github.com/git-repro/git-repro/snapshot"
)

func paths(fs []snapshot.FileInfo) string {
	var ps []string
	for _, f := range fs {
		ps = append(ps, f.Path)
	}
	return strings.Join(ps, ",")
}

const pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n"

func TestSnapshots(t *testing.T) {
	gittest.Hermetic(t)
	r := gittest.New(t)
	r.Commit("base", map[string]string{
		"requirements.txt": "numpy==1.26.4\n",
		"src/train.py":     "print(1)\n",
		"models/w.pt":      pointer,
		".gitattributes":   "*.pt filter=lfs diff=lfs merge=lfs -text\n",
		".gitignore":       ".env\ndata/\n",
		"src/.gitignore":   "*.tmp\n!keep.tmp\n",
		"docs/README.md":   "# docs\n",
	})
	// Stage a change, then change the worktree again: --staged must see
	// the staged version.
	r.Write("requirements.txt", "numpy\n")
	r.Git("add", "requirements.txt")
	r.Write("requirements.txt", "numpy==2.0.0\n")
	r.Write("untracked.py", "x = 1\n")
	r.Write(".env", "SECRET=1\n")
	r.Write("data/big.csv", "a,b\n")

	repo, err := gitx.Open(filepath.Join(r.Dir, "src"))
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	if got, _ := filepath.EvalSymlinks(repo.Root); got != mustEval(t, r.Dir) {
		t.Errorf("root %q, want %q", repo.Root, r.Dir)
	}

	idx := repo.Index()
	staged, err := repo.Staged(idx)
	if err != nil {
		t.Fatal(err)
	}
	if paths(staged) != "requirements.txt" {
		t.Fatalf("staged = %q", paths(staged))
	}
	if b, _ := idx.ReadFile("requirements.txt"); string(b) != "numpy\n" {
		t.Errorf("index content %q, want the staged one", b)
	}
	wt := repo.Worktree()
	if b, _ := wt.ReadFile("requirements.txt"); string(b) != "numpy==2.0.0\n" {
		t.Errorf("worktree content %q", b)
	}
	head, err := repo.Commit("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := head.ReadFile("requirements.txt"); string(b) != "numpy==1.26.4\n" {
		t.Errorf("HEAD content %q", b)
	}

	all, err := wt.Files()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := paths(all), ".gitattributes,.gitignore,docs/README.md,models/w.pt,requirements.txt,src/.gitignore,src/train.py,untracked.py"; got != want {
		t.Errorf("worktree files\n got %s\nwant %s", got, want)
	}
	for _, snap := range []*gitx.Snapshot{idx, wt, head} {
		fi, err := snap.Stat("models/w.pt")
		if err != nil || fi.LFS == nil || fi.LFS.Size != 12345 {
			t.Errorf("LFS pointer not recognised: %+v %v", fi, err)
		}
		if got := snap.Attr("models/w.pt", "filter"); got != "lfs" {
			t.Errorf("Attr filter = %q", got)
		}
		if got := snap.Attr("src/train.py", "filter"); got != "" {
			t.Errorf("Attr filter on .py = %q", got)
		}
		if _, err := snap.Stat("nope.txt"); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Stat missing: %v", err)
		}
		if _, err := snap.Stat("src"); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Stat directory: %v", err)
		}
		for p, want := range map[string]bool{".env": true, "data/big.csv": true, "src/x.tmp": true, "src/keep.tmp": false, "x.tmp": false, "src/train.py": false} {
			if got := snap.Ignored(p); got != want {
				t.Errorf("Ignored(%q) = %v, want %v", p, got, want)
			}
		}
	}
	idxFiles, err := idx.Files()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range idxFiles {
		if f.Path == "requirements.txt" && f.Size != int64(len("numpy\n")) {
			t.Errorf("index size of requirements.txt = %d", f.Size)
		}
	}
}

func TestChangedSinceAndSelect(t *testing.T) {
	gittest.Hermetic(t)
	r := gittest.New(t)
	r.Commit("base", map[string]string{"a.txt": "a\n", "dir/b.txt": "b\n"})
	r.Git("checkout", "-q", "-b", "feature")
	r.Commit("change", map[string]string{"dir/c.txt": "c\n"})
	r.Write("a.txt", "changed\n")
	r.Write("new.txt", "new\n")

	repo, err := gitx.Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	wt := repo.Worktree()
	mb, files, err := repo.ChangedSince(wt, "main", "")
	if err != nil {
		t.Fatal(err)
	}
	if want := r.Git("rev-parse", "main"); mb != want {
		t.Errorf("merge base %s, want %s", mb, want)
	}
	if got := paths(files); got != "a.txt,dir/c.txt,new.txt" {
		t.Errorf("changed (worktree) = %s", got)
	}
	head, _ := repo.Commit("HEAD")
	_, files, err = repo.ChangedSince(head, "main", "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if got := paths(files); got != "dir/c.txt" {
		t.Errorf("changed (HEAD) = %s", got)
	}
	sel, err := repo.Select(wt, filepath.Join(r.Dir, "dir"), []string{".", "../a.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if got := paths(sel); got != "a.txt,dir/b.txt,dir/c.txt" {
		t.Errorf("select = %s", got)
	}
	if _, err := repo.Select(wt, r.Dir, []string{"missing"}); err == nil {
		t.Error("selecting a missing path succeeded")
	}
	if _, err := repo.Resolve("no-such-branch"); err == nil {
		t.Error("resolving a bad revision succeeded")
	}
}

func TestOpenOutsideRepo(t *testing.T) {
	gittest.Hermetic(t)
	_, err := gitx.Open(t.TempDir())
	if !errors.Is(err, gitx.ErrNotRepo) {
		t.Fatalf("err = %v, want ErrNotRepo", err)
	}
}

func TestUnbornBranchStaged(t *testing.T) {
	gittest.Hermetic(t)
	r := gittest.New(t)
	r.Write("requirements.txt", "torch\n")
	r.Git("add", ".")
	repo, err := gitx.Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	staged, err := repo.Staged(repo.Index())
	if err != nil {
		t.Fatal(err)
	}
	if paths(staged) != "requirements.txt" {
		t.Errorf("staged on unborn branch = %q", paths(staged))
	}
}

func mustEval(t *testing.T, p string) string {
	t.Helper()
	e, err := filepath.EvalSymlinks(p)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestWorktreeLFS: git-lfs smudges pointers into real content in the
// worktree; the worktree snapshot must still describe such files as LFS
// objects (the pointer git stores), or every LFS file would look like a
// large raw blob.
func TestWorktreeLFS(t *testing.T) {
	testenv.Tool(t, "git-lfs")
	gittest.Hermetic(t)
	r := gittest.New(t)
	r.Git("lfs", "install", "--local")
	r.Git("lfs", "track", "*.safetensors")
	big := strings.Repeat("0123456789abcdef", 1<<16) // 1 MiB
	r.Commit("weights", map[string]string{"models/m.safetensors": big})
	r.Write("models/new.safetensors", "fresh weights, not yet added\n")

	repo, err := gitx.Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	idx := repo.Index()
	want, err := idx.Stat("models/m.safetensors")
	if err != nil || want.LFS == nil {
		t.Fatalf("index: %+v %v (git-lfs did not clean the file?)", want, err)
	}
	wt := repo.Worktree()
	if b, _ := os.ReadFile(filepath.Join(r.Dir, "models/m.safetensors")); len(b) != len(big) {
		t.Fatalf("worktree file is not smudged: %d bytes", len(b))
	}
	files, err := wt.Files()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]snapshot.FileInfo{}
	for _, f := range files {
		got[f.Path] = f
	}
	m := got["models/m.safetensors"]
	if m.LFS == nil || *m.LFS != *want.LFS || m.Size >= 1024 {
		t.Errorf("worktree file = %+v (LFS %+v), want the index pointer %+v", m, m.LFS, want.LFS)
	}
	n := got["models/new.safetensors"]
	if n.LFS == nil || n.LFS.Size != int64(len("fresh weights, not yet added\n")) || len(n.LFS.OID) != 64 {
		t.Errorf("untracked LFS file = %+v (LFS %+v), want a computed pointer", n, n.LFS)
	}
	b, err := wt.ReadFile("models/m.safetensors")
	if err != nil || snapshot.ParseLFSPointer(b) == nil {
		t.Errorf("ReadFile of an LFS file returned %d bytes, want the pointer text", len(b))
	}

	// A file committed raw before its pattern was tracked stays raw: the
	// worktree must not dress it up as an LFS object.
	r.Git("lfs", "untrack", "*.safetensors")
	r.Commit("raw", map[string]string{"models/raw.bin": "raw weights\n"})
	r.Git("lfs", "track", "*.bin")
	r.Git("add", ".gitattributes")
	r.Git("commit", "-q", "-m", "track bin")
	repo2, err := gitx.Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo2.Close()
	for _, snap := range []*gitx.Snapshot{repo2.Index(), repo2.Worktree()} {
		fi, err := snap.Stat("models/raw.bin")
		if err != nil || fi.LFS != nil || snap.Attr("models/raw.bin", "filter") != "lfs" {
			t.Errorf("raw blob under an LFS pattern: %+v (LFS %+v) %v", fi, fi.LFS, err)
		}
	}
}

func TestShortestPointerIsProbed(t *testing.T) {
	gittest.Hermetic(t)
	r := gittest.New(t)
	// The pointer of a file of 0-9 bytes is the shortest possible: 126 bytes.
	ptr := "version https://git-lfs.github.com/spec/v1\noid sha256:" + strings.Repeat("a", 64) + "\nsize 5\n"
	if len(ptr) != 126 {
		t.Fatalf("pointer is %d bytes", len(ptr))
	}
	r.Commit("p", map[string]string{"w.bin": ptr})
	repo, err := gitx.Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	head, _ := repo.Commit("HEAD")
	for _, snap := range []*gitx.Snapshot{repo.Index(), repo.Worktree(), head} {
		files, err := snap.Files()
		if err != nil || len(files) != 1 || files[0].LFS == nil {
			t.Errorf("Files() = %+v, %v: the 126-byte pointer was not recognised", files, err)
		}
		if fi, err := snap.Stat("w.bin"); err != nil || fi.LFS == nil {
			t.Errorf("Stat = %+v, %v", fi, err)
		}
	}
}

// TestDiscoverAgreesWithGit: the process-free discovery finds the same root
// and common dir as git rev-parse, in a plain repo, a subdirectory and a
// linked worktree.
func TestDiscoverAgreesWithGit(t *testing.T) {
	gittest.Hermetic(t)
	r := gittest.New(t)
	r.Commit("base", map[string]string{"sub/dir/f.txt": "x\n"})
	wt := filepath.Join(t.TempDir(), "wt")
	r.Git("worktree", "add", "-q", wt)
	for _, dir := range []string{r.Dir, filepath.Join(r.Dir, "sub", "dir"), wt} {
		repo, err := gitx.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("git", "rev-parse", "--show-toplevel", "--git-common-dir")
		cmd.Dir = dir
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		common := lines[1]
		if !filepath.IsAbs(common) {
			common = filepath.Join(dir, common)
		}
		if mustEval(t, repo.Root) != mustEval(t, lines[0]) || mustEval(t, repo.CommonDir) != mustEval(t, common) {
			t.Errorf("Open(%s) = root %s common %s; git says %s %s", dir, repo.Root, repo.CommonDir, lines[0], common)
		}
		repo.Close()
	}
}

// TestDeletionsBringTheirSiblings: deleting a file leaves no target behind,
// so the files beside it become targets (the artifact beside a deleted
// model card), in the staged set and in the changed-since-base set.
func TestDeletionsBringTheirSiblings(t *testing.T) {
	gittest.Hermetic(t)
	r := gittest.New(t)
	r.Commit("base", map[string]string{
		"models/MODEL_CARD.md": "# card\n",
		"models/clf.pkl":       "weights\n",
		"models/sub/deep.pt":   "deep\n",
		"other/x.txt":          "x\n",
	})
	r.Git("checkout", "-q", "-b", "feature")
	r.Git("rm", "-q", "models/MODEL_CARD.md")
	repo, err := gitx.Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	staged, err := repo.Staged(repo.Index())
	if err != nil {
		t.Fatal(err)
	}
	if got := paths(staged); got != "models/clf.pkl" {
		t.Errorf("staged targets after git rm = %q, want the card's sibling", got)
	}
	r.Git("commit", "-q", "-m", "drop card")
	head, _ := repo.Commit("HEAD")
	_, changed, err := repo.ChangedSince(head, "main", "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if got := paths(changed); got != "models/clf.pkl" {
		t.Errorf("changed since main = %q, want the card's sibling", got)
	}
}

// TestNoPathLeavesTheRepository: rules pass paths from file contents
// (pip's -r ../x); a snapshot never reads outside the repository or .git.
func TestNoPathLeavesTheRepository(t *testing.T) {
	gittest.Hermetic(t)
	r := gittest.New(t)
	r.Commit("base", map[string]string{"a/b.txt": "b\n"})
	if err := os.WriteFile(filepath.Join(filepath.Dir(r.Dir), "outside.txt"), []byte("secret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	repo, err := gitx.Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	head, _ := repo.Commit("HEAD")
	for _, snap := range []*gitx.Snapshot{repo.Index(), repo.Worktree(), head, gitx.Dir(r.Dir)} {
		for _, p := range []string{"../outside.txt", "a/../../outside.txt", ".git/config", ".git/HEAD"} {
			if b, err := snap.ReadFile(p); err == nil {
				t.Errorf("ReadFile(%q) = %q, want an error", p, b)
			}
			if _, err := snap.Stat(p); err == nil {
				t.Errorf("Stat(%q) succeeded", p)
			}
		}
	}
}
