package docker

import (
	"slices"
	"testing"

	"github.com/git-repro/git-repro/snapshot"
)

// TestClassifyContextPathPerDirectory: classifyContextPath remembers what
// each parent directory's directories say (dirVerdictOf); the verdicts must
// not depend on which file of a directory came first, and must agree with
// a run that remembers nothing.
func TestClassifyContextPathPerDirectory(t *testing.T) {
	paths := []string{
		"train.py", ".env", "src/app/__init__.py", "src/app/model.py",
		"data/raw/a.csv", "data/README.md", "datasets/coco.py", "datasets/coco/ann.json",
		"datasets/prepare.sh", "datasets/big/img001.jpg", "src/data/__init__.py", "src/data/loader.py",
		"env/pyvenv.cfg", "env/lib/site.py", "a/.venv/bin/python", "x/__pycache__/m.cpython-311.pyc",
		"keys/.ssh/id_rsa", "home/.aws/config", "runs/wandb/run-1/files/out.log", "wandb/latest",
		"data/checkpoints/last.ckpt", "checkpoints/data/x.bin", ".dvc/cache/ab/cdef", "models/best.safetensors",
		"models/bert/pytorch_model.bin", "notes/model.onnx", "deep/a/b/c/data/d.parquet", "lib/x.pyc",
	}
	files := make([]snapshot.FileInfo, len(paths))
	for i, p := range paths {
		files[i] = snapshot.FileInfo{Path: p, Size: 100}
	}
	type verdict struct {
		cl pathClass
		ok bool
	}
	classify := func(order []string, memo bool) map[string]verdict {
		ix := newContextIndex("", files)
		if !memo {
			ix.dirs = nil
		}
		out := map[string]verdict{}
		for _, p := range order {
			cl, ok := classifyContextPath(p, 100, 1<<30, ix)
			out[p] = verdict{cl, ok}
		}
		return out
	}
	want := classify(paths, false)
	reversed := slices.Clone(paths)
	slices.Reverse(reversed)
	for name, got := range map[string]map[string]verdict{"in order": classify(paths, true), "reversed": classify(reversed, true)} {
		for _, p := range paths {
			if got[p] != want[p] {
				t.Errorf("%s: %s: %+v, without memo %+v", name, p, got[p], want[p])
			}
		}
	}
	// A few verdicts by hand, so that the comparison above compares something.
	for p, rule := range map[string]string{
		".env": "REPRO-DOCKER-032", "keys/.ssh/id_rsa": "REPRO-DOCKER-032", "env/lib/site.py": "REPRO-DOCKER-034",
		"x/__pycache__/m.cpython-311.pyc": "REPRO-DOCKER-034", "data/raw/a.csv": "REPRO-DOCKER-033",
		"runs/wandb/run-1/files/out.log": "REPRO-DOCKER-033", ".dvc/cache/ab/cdef": "REPRO-DOCKER-033",
		"models/best.safetensors": "REPRO-DOCKER-033", "train.py": "", "datasets/coco.py": "", "src/data/loader.py": "",
	} {
		if got := want[p]; got.cl.rule != rule || got.ok != (rule != "") {
			t.Errorf("%s: %+v, want rule %q", p, got, rule)
		}
	}
}
