package gitx

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/internal/gittest"
)

// TestStagedFromCacheTreeMatchesGit applies random edits (modify, add in
// old and new directories, delete files and whole directories, chmod,
// symlinks, file<->directory swaps), stages some or all of them, and
// compares the in-process staged set with "git diff --cached".
func TestStagedFromCacheTreeMatchesGit(t *testing.T) {
	gittest.Hermetic(t)
	fast := 0
	for trial := 0; trial < 24; trial++ {
		rng := rand.New(rand.NewSource(int64(trial)))
		r := gittest.New(t)
		files := map[string]string{}
		for i := 0; i < 60; i++ {
			files[fmt.Sprintf("d%d/s%d/f%d.txt", rng.Intn(4), rng.Intn(3), i)] = fmt.Sprint(i)
		}
		files["top.txt"] = "top"
		files["d0-x/y.txt"] = "sorts between d0 and d0/"
		r.Commit("base", files)
		var paths []string
		for p := range files {
			paths = append(paths, p)
		}
		sort.Strings(paths)
		for k := 0; k < 1+rng.Intn(6); k++ {
			p := paths[rng.Intn(len(paths))]
			abs := filepath.Join(r.Dir, p)
			if _, err := os.Lstat(abs); err != nil {
				continue
			}
			switch rng.Intn(8) {
			case 0:
				r.Write(p, "changed\n")
			case 1:
				r.Write(filepath.Dir(p)+"/new.txt", "new\n")
			case 2:
				r.Write(fmt.Sprintf("newdir%d/a/b.txt", k), "deep\n")
			case 3:
				os.Remove(abs)
			case 4:
				os.RemoveAll(filepath.Dir(abs))
			case 5:
				os.Chmod(abs, 0o755)
			case 6:
				os.Remove(abs)
				os.Symlink("top.txt", abs)
			case 7:
				os.Remove(abs)
				r.Write(p+"/inside.txt", "now a directory\n")
			}
		}
		if rng.Intn(3) == 0 {
			r.Git("add", "-A", "d0", "d1") // stage part of the edits
		} else {
			r.Git("add", "-A")
		}
		repo, err := Open(r.Dir)
		if err != nil {
			t.Fatal(err)
		}
		changes, deleted, err := repo.stagedFromCacheTree()
		if err == errStagedFallback {
			repo.Close()
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		fast++
		var got []string
		for _, c := range changes {
			got = append(got, c.path)
		}
		sort.Strings(got)
		var want, wantDeleted []string
		out := r.Git("diff", "--cached", "--name-status", "--no-renames")
		for _, line := range strings.Split(out, "\n") {
			st, p, ok := strings.Cut(line, "\t")
			if !ok {
				continue
			}
			if st == "D" {
				wantDeleted = append(wantDeleted, p)
			} else {
				want = append(want, p)
			}
		}
		sort.Strings(want)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("trial %d: changed\n got %v\nwant %v", trial, got, want)
		}
		for _, w := range wantDeleted {
			covered := false
			for _, d := range deleted {
				if w == d || strings.HasPrefix(w, d+"/") {
					covered = true
				}
			}
			if !covered {
				t.Errorf("trial %d: deletion of %s not reported (got %v)", trial, w, deleted)
			}
		}
		repo.Close()
	}
	t.Logf("in-process diff in %d of 24 trials", fast)
	if fast < 12 {
		t.Errorf("the in-process diff ran in only %d of 24 trials", fast)
	}
}

// TestStagedFallsBackWithoutCacheTree: an unborn branch and a conflict are
// left to git.
func TestStagedFallsBack(t *testing.T) {
	gittest.Hermetic(t)
	r := gittest.New(t)
	r.Write("a.txt", "a\n")
	r.Git("add", "a.txt")
	repo, err := Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	if _, _, err := repo.stagedFromCacheTree(); err != errStagedFallback {
		t.Errorf("unborn branch: err = %v, want a fallback", err)
	}
	files, err := repo.Staged(repo.Index())
	if err != nil || len(files) != 1 {
		t.Errorf("Staged on an unborn branch = %v, %v", files, err)
	}
}

func FuzzParseCacheTree(f *testing.F) {
	f.Add([]byte("\x003 1\n01234567890123456789a\x001 0\n01234567890123456789"))
	f.Fuzz(func(t *testing.T, b []byte) {
		parseCacheTree(b, 20)
		parseTree(b, 20)
	})
}
