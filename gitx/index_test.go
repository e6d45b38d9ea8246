package gitx

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/internal/gittest"
)

// TestLeanIndexMatchesGit: the lean index reader lists exactly what git
// ls-files + cat-file say (paths, modes, sizes), for every index version,
// with racily-clean (zeroed) sizes, conflicts and a filtered file.
func TestLeanIndexMatchesGit(t *testing.T) {
	gittest.Hermetic(t)
	for _, version := range []string{"2", "3", "4"} {
		t.Run("v"+version, func(t *testing.T) {
			r := gittest.New(t)
			files := map[string]string{
				"a.txt":                      "a\n",
				"dir/sub/deep/name-long.txt": strings.Repeat("x", 1000),
				"dir/sub/deep/name-lon.txt":  "prefix compression\n",
				"empty":                      "",
				".gitattributes":             "*.crlf filter=dummy\n",
				"x.crlf":                     "filtered\n",
			}
			r.Commit("base", files)
			r.Git("update-index", "--index-version", version)
			if version == "3" {
				r.Write("later.txt", "intent to add\n")
				r.Git("add", "--intent-to-add", "later.txt") // sets an extended flag
			}
			r.Write("run.sh", "#!/bin/sh\n")
			os.Chmod(filepath.Join(r.Dir, "run.sh"), 0o755)
			r.Git("add", "run.sh") // racily clean: git may zero its size
			repo, err := Open(r.Dir)
			if err != nil {
				t.Fatal(err)
			}
			defer repo.Close()
			snap := repo.Index()
			is := indexSource{repo}
			lean, leanHashes, err := is.leanList(snap)
			if err != nil {
				t.Fatal(err)
			}
			want, wantHashes, err := is.list()
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(lean, want) || !reflect.DeepEqual(leanHashes, wantHashes) {
				t.Errorf("lean reader:\n%v\n%v\ngit:\n%v\n%v", lean, leanHashes, want, wantHashes)
			}
			l, err := repo.lookupIndex()
			if err != nil {
				t.Fatal(err)
			}
			for i, f := range want {
				if e, ok := l.find(f.Path); !ok || e.hash != wantHashes[i] {
					t.Errorf("lookup(%q) = %+v %v, want hash %s", f.Path, e, ok, wantHashes[i])
				}
			}
			for _, miss := range []string{"", "a", "a.txt/x", "dir", "dir/sub", "zzz", "dir/sub/deep/name-lo.txt"} {
				if e, ok := l.find(miss); ok {
					t.Errorf("lookup(%q) found %+v", miss, e)
				}
			}
		})
	}
}

func TestLeanIndexSplitFallsBack(t *testing.T) {
	gittest.Hermetic(t)
	r := gittest.New(t)
	r.Commit("base", map[string]string{"a.txt": "a\n", "b.txt": "b\n"})
	r.Git("update-index", "--split-index")
	repo, err := Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	if _, _, err := (indexSource{repo}).leanList(repo.Index()); err != errIndexUnsupported {
		t.Errorf("split index: err = %v, want errIndexUnsupported", err)
	}
	files, err := repo.Index().Files()
	if err != nil || len(files) != 2 {
		t.Errorf("Files() with a split index = %v, %v", files, err)
	}
	// Lookups go through git's listing ("git ls-files --stage") instead.
	r.Write("b.txt", "staged\n")
	r.Git("add", "b.txt")
	repo2, err := Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo2.Close()
	idx := repo2.Index()
	if b, err := idx.ReadFile("b.txt"); err != nil || string(b) != "staged\n" {
		t.Errorf("ReadFile with a split index = %q, %v", b, err)
	}
	if _, err := idx.Stat("nope.txt"); err == nil {
		t.Error("Stat of a missing file succeeded with a split index")
	}
	if staged, err := repo2.Staged(idx); err != nil || len(staged) != 1 || staged[0].Path != "b.txt" {
		t.Errorf("Staged with a split index = %v, %v", staged, err)
	}
}

// FuzzParseStage: git's listing parser never panics and keeps only
// well-formed stage-0 and stage-2 records.
func FuzzParseStage(f *testing.F) {
	f.Add([]byte("100644 e69de29bb2d1d6434b8b29ae775ad8c2e48c5391 0\ta.txt\x00120000 e69de29bb2d1d6434b8b29ae775ad8c2e48c5391 2\tl\x00"))
	f.Add([]byte("100644 x 1\tconflict\x00bogus\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, e := range parseStage(b) {
			if e.path == "" || strings.ContainsRune(e.path, 0) || e.hash == "" {
				t.Fatalf("kept %+v", e)
			}
		}
	})
}

func FuzzReadIndex(f *testing.F) {
	f.Add([]byte("DIRC\x00\x00\x00\x02\x00\x00\x00\x01"), 20)
	f.Fuzz(func(t *testing.T, b []byte, hashLen int) {
		if hashLen != 20 {
			hashLen = 32
		}
		readIndex(b, hashLen) // must not panic
	})
}

// TestConflictIsOurs: during a merge conflict every index reader (the lean
// one, the lookup and git's listing) stands a conflicted path for "ours"
// (stage 2).
func TestConflictIsOurs(t *testing.T) {
	gittest.Hermetic(t)
	r := gittest.New(t)
	r.Commit("base", map[string]string{"a.txt": "base\n", "b.txt": "b\n"})
	r.Git("checkout", "-q", "-b", "theirs")
	r.Commit("theirs", map[string]string{"a.txt": "theirs\n"})
	r.Git("checkout", "-q", "main")
	r.Commit("ours", map[string]string{"a.txt": "ours\n"})
	if out, err := r.TryGit("merge", "-q", "theirs"); err == nil {
		t.Fatalf("the merge did not conflict: %s", out)
	}
	ours := r.Git("rev-parse", ":2:a.txt")
	repo, err := Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	is := indexSource{repo}
	lean, leanHashes, err := is.leanList(repo.Index())
	if err != nil {
		t.Fatal(err)
	}
	git, gitHashes, err := is.list()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(lean, git) || !reflect.DeepEqual(leanHashes, gitHashes) || len(gitHashes) != 2 || gitHashes[0] != ours {
		t.Errorf("lean %v %v\ngit %v %v\nwant a.txt as %s", lean, leanHashes, git, gitHashes, ours)
	}
	fromGit, err := repo.lsFilesLookup()
	if err != nil {
		t.Fatal(err)
	}
	if e, ok := fromGit.find("a.txt"); !ok || e.hash != ours {
		t.Errorf("ls-files lookup: %+v %v, want %s", e, ok, ours)
	}
	if b, err := repo.Index().ReadFile("a.txt"); err != nil || string(b) != "ours\n" {
		t.Errorf("ReadFile during a conflict = %q, %v", b, err)
	}
}
