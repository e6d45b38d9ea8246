package rules_test

import (
	"fmt"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/rules"
	"github.com/git-repro/git-repro/snapshot"
)

// countingTree counts the repository listings the rules ask for.
type countingTree struct {
	snapshot.MapTree
	listings int
}

func (t *countingTree) Files() ([]snapshot.FileInfo, error) {
	t.listings++
	return t.MapTree.Files()
}

// TestHotPathListsNothing: the pre-commit hook's usual commit, in the shape
// bench/hook-bench.sh measures (Python modules that seed and draw, and a
// pinned requirements file, staged in a large repository), must not make
// any rule list the repository: a listing of 100,000 index entries costs
// more than the whole hook (docs/performance.md). A rule that needs the
// whole tree may list it when a file it is about is staged (a Dockerfile,
// a workflow), or when it has something to report; not on this path.
func TestHotPathListsNothing(t *testing.T) {
	content := map[string]string{
		"requirements.txt": "numpy==1.26.4\ntorch==2.1.0\n",
		"Dockerfile":       "FROM python:3.11-slim\n",
		".python-version":  "3.11\n",
		// a service with its own manifest beside it (REPRO-DEP-121, -140)
		"svc/requirements.txt": "fastapi==0.111.0\n", "svc/app.py": "import fastapi\n",
	}
	var staged []string
	for i := 0; i < 400; i++ {
		p := fmt.Sprintf("pkg%03d/sub%02d/f%06d.py", i/100, (i/10)%10, i)
		content[p] = fmt.Sprintf("# file %d\nvalue = %d\n", i, i)
		if i%4 == 0 && i < 36 {
			content[p] += "import random\nrandom.seed(0)\nx = random.random()\n"
			staged = append(staged, p)
		}
	}
	staged = append(staged, "requirements.txt", "svc/app.py", "svc/requirements.txt")
	tree := &countingTree{MapTree: snapshot.MapTree{Content: content}}
	var targets []snapshot.FileInfo
	for _, p := range staged {
		fi, err := tree.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		targets = append(targets, fi)
	}
	res := checks.Run(checks.Options{Tree: tree, Targets: targets, Rules: rules.All()})
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	if tree.listings > 0 {
		t.Errorf("the rules listed the repository %d times on the hook's usual path", tree.listings)
	}
}
