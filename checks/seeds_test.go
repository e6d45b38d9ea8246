package checks_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/gitx"
	"github.com/git-repro/git-repro/snapshot"
)

func family(t *testing.T, names ...string) []*checks.Rule {
	t.Helper()
	var rules []*checks.Rule
	for _, f := range checks.Families() {
		for _, n := range names {
			if f.Name == n {
				rules = append(rules, f.Rules...)
			}
		}
	}
	if len(rules) == 0 {
		t.Fatalf("no rules for %v", names)
	}
	return rules
}

// grepLines returns the finding lines that contain every fragment.
func grepLines(out string, frags ...string) []string {
	var hits []string
	for _, l := range strings.Split(out, "\n") {
		ok := l != ""
		for _, f := range frags {
			ok = ok && strings.Contains(l, f)
		}
		if ok {
			hits = append(hits, l)
		}
	}
	return hits
}

// The "Must show" list, one assertion each (the golden files hold
// the full expected output).
func TestSeedsMustShow(t *testing.T) {
	seeds := family(t, "seeds")
	t.Run("random seeded, numpy and torch not", func(t *testing.T) {
		out := RunCase(t, "testdata/seeds/bad/unseeded", seeds)
		if len(grepLines(out, "train.py:10:", "numpy's global RNG", "REPRO-SEED-001")) != 1 ||
			len(grepLines(out, "train.py:11:", "torch's RNG", "REPRO-SEED-001")) != 1 {
			t.Errorf("numpy and torch must each be reported:\n%s", out)
		}
		if len(grepLines(out, "random module")) != 0 {
			t.Errorf("random is seeded:\n%s", out)
		}
	})
	for _, dir := range []string{"good", "imported_helper", "comments_strings", "library", "frameworks", "config_seed"} {
		t.Run("clean "+dir, func(t *testing.T) {
			if out := RunCase(t, "testdata/seeds/ok/"+dir, seeds); out != "" {
				t.Errorf("want no findings:\n%s", out)
			}
		})
	}
	t.Run("helper in utils/seed.py that forgets torch", func(t *testing.T) {
		out := RunCase(t, "testdata/seeds/bad/helper_elsewhere", seeds)
		if len(grepLines(out, "train.py:7:", "torch.randperm", "at utils/data.py:5")) != 1 || len(grepLines(out, "numpy")) != 0 {
			t.Errorf("want only torch, at the call in train.py that reaches utils/data.py:\n%s", out)
		}
	})
	t.Run("sklearn calls flagged on their own lines", func(t *testing.T) {
		out := RunCase(t, "testdata/seeds/bad/sklearn", seeds)
		if len(grepLines(out, "fit.py:7:", `"train_test_split"`, "REPRO-SEED-004")) != 1 ||
			len(grepLines(out, "fit.py:8:", `"RandomForestClassifier"`, "REPRO-SEED-004")) != 1 ||
			len(grepLines(out, "fit.py:11:")) != 0 {
			t.Errorf("sklearn findings:\n%s", out)
		}
	})
	t.Run("notebook: out of order and unseeded", func(t *testing.T) {
		out := RunCase(t, "testdata/notebooks/bad/out_of_order", family(t, "seeds", "notebooks"))
		if len(grepLines(out, "REPRO-NB-001", "out of order")) != 1 {
			t.Errorf("want a notebooks finding for counts 3, 1, 2:\n%s", out)
		}
		// the .ipynb line that holds the source line
		b, err := os.ReadFile(filepath.Join("testdata/notebooks/bad/out_of_order/analysis.ipynb"))
		if err != nil {
			t.Fatal(err)
		}
		line := 0
		for i, l := range strings.Split(string(b), "\n") {
			if strings.Contains(l, "np.random.randn(100)") {
				line = i + 1
			}
		}
		if len(grepLines(out, "analysis.ipynb:"+itoa(line)+":", "np.random.randn", "REPRO-SEED-001")) != 1 {
			t.Errorf("want a seeds finding at analysis.ipynb:%d:\n%s", line, out)
		}
	})
}

func itoa(n int) string {
	s := ""
	for {
		s = string(rune('0'+n%10)) + s
		n /= 10
		if n == 0 {
			return s
		}
	}
}

// gitRun runs git in dir with a clean, fixed environment.
func gitRun(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") && !strings.HasPrefix(kv, "GITHUB_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.com",
		"GIT_AUTHOR_DATE=2024-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2024-01-01T00:00:00Z",
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// TestSeedsStagedRealGit: a pre-commit run sees the index. The staged
// train.py is checked, and the helper it imports is read from the index,
// not from the worktree (where an unstaged edit breaks it).
func TestSeedsStagedRealGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not found")
	}
	dir := t.TempDir()
	write := func(p, s string) {
		fp := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(fp), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(fp, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	helper := "import random\nimport numpy as np\nimport torch\n\ndef set_seed(s):\n    random.seed(s)\n    np.random.seed(s)\n    torch.manual_seed(s)\n"
	train := "import numpy as np\nimport torch\nfrom utils.seed import set_seed\n\ndef main():\n    set_seed(0)\n    return np.random.rand(2), torch.randn(2)\n\nif __name__ == '__main__':\n    main()\n"
	gitRun(t, dir, "init", "-q", "-b", "main")
	write("utils/__init__.py", "")
	write("utils/seed.py", helper)
	write("train.py", train)
	gitRun(t, dir, "add", "-A")
	gitRun(t, dir, "commit", "-q", "-m", "initial")

	check := func() string {
		repo, err := gitx.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer repo.Close()
		idx := repo.Index()
		staged, err := repo.Staged(idx)
		if err != nil {
			t.Fatal(err)
		}
		res := checks.Run(checks.Options{Tree: idx, Targets: staged, Rules: family(t, "seeds")})
		var b strings.Builder
		for _, f := range res.Findings {
			b.WriteString(f.String() + "\n")
		}
		return b.String()
	}
	// the helper call removed and staged: numpy and torch are unseeded
	write("train.py", strings.Replace(train, "    set_seed(0)\n", "", 1))
	gitRun(t, dir, "add", "train.py")
	out := check()
	if len(grepLines(out, "train.py:6:", "numpy")) != 1 || len(grepLines(out, "train.py:6:", "torch")) != 1 {
		t.Errorf("staged train.py without set_seed:\n%s", out)
	}
	// the call back (staged), the helper broken only in the worktree
	write("train.py", train+"# touched\n")
	gitRun(t, dir, "add", "train.py")
	write("utils/seed.py", "def set_seed(s):\n    pass\n")
	if out := check(); out != "" {
		t.Errorf("the index's helper seeds everything, want no findings:\n%s", out)
	}
}

// TestSeedLoadersLightning: REPRO-SEED-006 asks for a seeded generator only
// when nothing seeds the loader's order, also when the hook checks only the
// staged module that builds the loaders (the program that seeds torch is
// found in the tree).
func TestSeedLoadersLightning(t *testing.T) {
	seeds := family(t, "seeds")
	run := func(dir string, targets ...string) string {
		t.Helper()
		tree := gitx.Dir(dir)
		var fis []snapshot.FileInfo
		for _, p := range targets {
			fi, err := tree.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			fis = append(fis, fi)
		}
		res := checks.Run(checks.Options{Tree: tree, Targets: fis, Config: checks.DefaultConfig(), Rules: seeds})
		for _, err := range res.Errors {
			t.Errorf("engine error: %v", err)
		}
		var b strings.Builder
		for _, f := range res.Findings {
			b.WriteString(f.String() + "\n")
		}
		return b.String()
	}
	edit := func(dir, p, old, new string) {
		t.Helper()
		fp := filepath.Join(dir, filepath.FromSlash(p))
		b, err := os.ReadFile(fp)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("%s lacks %q", p, old)
		}
		if err := os.WriteFile(fp, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const data = "src/kwspot/data.py"
	t.Run("staged datamodule, program seeds with seed_everything", func(t *testing.T) {
		dir := copyCase(t, "testdata/seeds/ok/lightning")
		if out := run(dir, data); out != "" {
			t.Errorf("want no findings:\n%s", out)
		}
		// without seed_everything only the shuffling train loader is
		// reported; the val and test loaders (num_workers, no shuffle) are not
		edit(dir, "src/kwspot/train.py", "    L.seed_everything(cfg.seed, workers=True)\n", "")
		out := run(dir, data)
		if len(grepLines(out, data+":25:", `"src/kwspot/train.py"`, "REPRO-SEED-006")) != 1 || strings.Count(out, "\n") != 1 {
			t.Errorf("want one finding on the train loader:\n%s", out)
		}
	})
	t.Run("staged module, program in scripts/", func(t *testing.T) {
		dir := copyCase(t, "testdata/seeds/ok/lightning")
		const mod = "downscale/data.py"
		if err := os.WriteFile(filepath.Join(dir, mod), []byte("from torch.utils.data import DataLoader\n\n\ndef make(ds):\n    return DataLoader(ds, batch_size=8, shuffle=True, num_workers=2)\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		edit(dir, "scripts/train.py", "from downscale.model import UNetLite\n", "from downscale.data import make\nfrom downscale.model import UNetLite\n")
		if out := run(dir, mod); out != "" {
			t.Errorf("scripts/train.py seeds torch first, want no findings:\n%s", out)
		}
		edit(dir, "scripts/train.py", "    L.seed_everything(args.seed, workers=True)\n", "")
		if out := run(dir, mod); len(grepLines(out, mod+":5:", `no program that imports this module seeds torch's RNG ("scripts/train.py")`, "REPRO-SEED-006")) != 1 {
			t.Errorf("want the loader reported, naming scripts/train.py:\n%s", out)
		}
	})
	t.Run("generator= passed", func(t *testing.T) {
		dir := copyCase(t, "testdata/seeds/ok/lightning")
		const train = "scripts/train.py"
		edit(dir, train, "    L.seed_everything(args.seed, workers=True)\n", "")
		if out := grepLines(run(dir, train), "REPRO-SEED-006"); len(out) != 0 {
			t.Errorf("the loader has generator=g, want no REPRO-SEED-006:\n%s", out)
		}
		edit(dir, train, ", generator=g)", ")")
		out := run(dir, train)
		// the loader is the program's first draw from torch, so
		// REPRO-SEED-001 reports it (one finding, not two)
		if len(grepLines(out, train+":23:", `"DataLoader"`)) != 1 || len(grepLines(out, "REPRO-SEED-006")) != 0 {
			t.Errorf("no generator and nothing seeded, want one finding at the loader:\n%s", out)
		}
		if len(grepLines(out, "worker_init_fn")) != 0 {
			t.Errorf("torch seeds random, numpy and torch in each worker; no worker_init_fn needed:\n%s", out)
		}
	})
}
