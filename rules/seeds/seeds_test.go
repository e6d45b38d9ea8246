package seeds_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/gittest"
	"github.com/git-repro/git-repro/internal/rulestest"
	"github.com/git-repro/git-repro/internal/testenv"
	"github.com/git-repro/git-repro/parse/python"
	"github.com/git-repro/git-repro/rules/notebooks"
	"github.com/git-repro/git-repro/rules/seeds"
	"github.com/git-repro/git-repro/snapshot"
)

// both are the families the seed tests run: seeds reads notebooks too.
var both = []checks.Family{seeds.Family, notebooks.Family}

func rulesOf(fams []checks.Family) []*checks.Rule {
	var rs []*checks.Rule
	for _, f := range fams {
		rs = append(rs, f.Rules...)
	}
	return rs
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

// notebookCase is the notebooks family's golden case that the seeds
// family reads too.
const notebookCase = "../notebooks/testdata/bad/out_of_order"

// The "Must show" list, one assertion each (the golden files hold
// the full expected output).
func TestSeedsMustShow(t *testing.T) {
	fams := []checks.Family{seeds.Family}
	t.Run("random seeded, numpy and torch not", func(t *testing.T) {
		out := rulestest.RunCase(t, "testdata/bad/unseeded", fams)
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
			if out := rulestest.RunCase(t, "testdata/ok/"+dir, fams); out != "" {
				t.Errorf("want no findings:\n%s", out)
			}
		})
	}
	t.Run("helper in utils/seed.py that forgets torch", func(t *testing.T) {
		out := rulestest.RunCase(t, "testdata/bad/helper_elsewhere", fams)
		if len(grepLines(out, "train.py:7:", "torch.randperm", "at utils/data.py:5")) != 1 || len(grepLines(out, "numpy")) != 0 {
			t.Errorf("want only torch, at the call in train.py that reaches utils/data.py:\n%s", out)
		}
	})
	t.Run("sklearn calls flagged on their own lines", func(t *testing.T) {
		out := rulestest.RunCase(t, "testdata/bad/sklearn", fams)
		if len(grepLines(out, "fit.py:7:", `"train_test_split"`, "REPRO-SEED-004")) != 1 ||
			len(grepLines(out, "fit.py:8:", `"RandomForestClassifier"`, "REPRO-SEED-004")) != 1 ||
			len(grepLines(out, "fit.py:11:")) != 0 {
			t.Errorf("sklearn findings:\n%s", out)
		}
	})
	t.Run("notebook: out of order and unseeded", func(t *testing.T) {
		out := rulestest.RunCase(t, notebookCase, both)
		if len(grepLines(out, "REPRO-NB-001", "out of order")) != 1 {
			t.Errorf("want a notebooks finding for counts 3, 1, 2:\n%s", out)
		}
		// the .ipynb line that holds the source line
		b, err := os.ReadFile(filepath.Join(notebookCase, "analysis.ipynb"))
		if err != nil {
			t.Fatal(err)
		}
		line := 0
		for i, l := range strings.Split(string(b), "\n") {
			if strings.Contains(l, "np.random.randn(100)") {
				line = i + 1
			}
		}
		if len(grepLines(out, "analysis.ipynb:"+strconv.Itoa(line)+":", "np.random.randn", "REPRO-SEED-001")) != 1 {
			t.Errorf("want a seeds finding at analysis.ipynb:%d:\n%s", line, out)
		}
	})
}

// TestSeedsStagedRealGit: a pre-commit run sees the index. The staged
// train.py is checked, and the helper it imports is read from the index,
// not from the worktree (where an unstaged edit breaks it).
func TestSeedsStagedRealGit(t *testing.T) {
	testenv.Tool(t, "git")
	r := gittest.New(t)
	helper := "import random\nimport numpy as np\nimport torch\n\ndef set_seed(s):\n    random.seed(s)\n    np.random.seed(s)\n    torch.manual_seed(s)\n"
	train := "import numpy as np\nimport torch\nfrom utils.seed import set_seed\n\ndef main():\n    set_seed(0)\n    return np.random.rand(2), torch.randn(2)\n\nif __name__ == '__main__':\n    main()\n"
	r.Commit("initial", map[string]string{"utils/__init__.py": "", "utils/seed.py": helper, "train.py": train})

	check := func() string {
		idx, staged := rulestest.Staged(t, r.Dir)
		res := checks.Run(checks.Options{Tree: idx, Targets: staged, Rules: seeds.Family.Rules})
		var b strings.Builder
		for _, f := range res.Findings {
			b.WriteString(f.String() + "\n")
		}
		return b.String()
	}
	// the helper call removed and staged: numpy and torch are unseeded
	r.Write("train.py", strings.Replace(train, "    set_seed(0)\n", "", 1))
	r.Git("add", "train.py")
	out := check()
	if len(grepLines(out, "train.py:6:", "numpy")) != 1 || len(grepLines(out, "train.py:6:", "torch")) != 1 {
		t.Errorf("staged train.py without set_seed:\n%s", out)
	}
	// the call back (staged), the helper broken only in the worktree
	r.Write("train.py", train+"# touched\n")
	r.Git("add", "train.py")
	r.Write("utils/seed.py", "def set_seed(s):\n    pass\n")
	if out := check(); out != "" {
		t.Errorf("the index's helper seeds everything, want no findings:\n%s", out)
	}
}

// TestSeedLoadersLightning: REPRO-SEED-006 asks for a seeded generator only
// when nothing seeds the loader's order, also when the hook checks only the
// staged module that builds the loaders (the program that seeds torch is
// found in the tree).
func TestSeedLoadersLightning(t *testing.T) {
	run := func(dir string, targets ...string) string {
		t.Helper()
		tree := rulestest.Dir(dir)
		var fis []snapshot.FileInfo
		for _, p := range targets {
			fi, err := tree.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			fis = append(fis, fi)
		}
		res := checks.Run(checks.Options{Tree: tree, Targets: fis, Config: checks.DefaultConfig(), Rules: seeds.Family.Rules})
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
		dir := rulestest.CopyCase(t, "testdata/ok/lightning")
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
		dir := rulestest.CopyCase(t, "testdata/ok/lightning")
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
		dir := rulestest.CopyCase(t, "testdata/ok/lightning")
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

// FuzzNotebook: reading any bytes as a notebook, and running every seed and
// notebook rule on it, never panics.
func FuzzNotebook(f *testing.F) {
	f.Add([]byte(`{"cells":[{"cell_type":"code","execution_count":2,"source":["%pip install x\n","import numpy as np\n","np.random.rand()"],"outputs":[{"output_type":"error","ename":"E","evalue":"v"}]}],"metadata":{},"nbformat":4}`))
	f.Add([]byte(`{"cells":[{"cell_type":"code","source":"if x:\n  !ls\n"}],"nbformat":4}`))
	f.Add([]byte(`{"nbformat":3}`))
	f.Add([]byte(`[1,{"a":[{}]}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		tree := &snapshot.MapTree{Content: map[string]string{"nb.ipynb": string(data), "lib.py": string(data)}}
		files, _ := tree.Files()
		res := checks.Run(checks.Options{Tree: tree, Targets: files, Full: true, Rules: rulesOf(both)})
		for _, err := range res.Errors {
			t.Fatal(err)
		}
	})
}

// FuzzSeedProgram: any Python source as a program with a helper module.
func FuzzSeedProgram(f *testing.F) {
	f.Add([]byte("from utils.seed import *\nimport utils.seed as s\ns.set_seed(0)\nset_seed()\nnp.random.rand()\n"))
	f.Add([]byte("def f():\n    f()\nclass A:\n    def __init__(self): self.g()\n    def g(self): A()\nf()\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, err := python.Tokenize(src); err != nil && len(src) > 2000 {
			return
		}
		tree := &snapshot.MapTree{Content: map[string]string{
			"train.py":          string(src),
			"utils/seed.py":     string(src),
			"utils/__init__.py": "",
		}}
		files, _ := tree.Files()
		res := checks.Run(checks.Options{Tree: tree, Targets: files, Full: true, Rules: seeds.Family.Rules})
		for _, err := range res.Errors {
			t.Fatal(err)
		}
	})
}

// TestDocsSeedsExamples runs the examples of docs/seeds.md: each group of
// "<!-- example: PATH -->" blocks is a mini repository whose findings must
// equal the following "<!-- findings -->" block. It also checks that the
// rule table lists every seeds and notebooks rule with severity and title.
func TestDocsSeedsExamples(t *testing.T) {
	rules := rulesOf(both)
	doc, n := rulestest.CheckDocExamples(t, "../../docs/seeds.md", func(ex rulestest.DocExample) string {
		return rulestest.RunDocExample(t, ex, rules)
	})
	if n < 3 {
		t.Errorf("found %d examples", n)
	}
	for _, r := range rules {
		row := fmt.Sprintf("| `%s` | %s | %s |", r.ID, r.Severity, r.Title)
		if !strings.Contains(doc, row) {
			t.Errorf("docs/seeds.md lacks the row %s", row)
		}
	}
}

func TestGolden(t *testing.T) { rulestest.Golden(t, seeds.Family) }

// seedFindings runs the seeds family over files, every file a target (a
// full run) or only the staged ones (a hook run), and returns
// "path:line RULE" for each finding.
func seedFindings(t *testing.T, files map[string]string, staged ...string) string {
	t.Helper()
	tree := &snapshot.MapTree{Content: files}
	all, _ := tree.Files()
	targets, full := all, len(staged) == 0
	if !full {
		targets = nil
		for _, s := range staged {
			fi, err := tree.Stat(s)
			if err != nil {
				t.Fatal(err)
			}
			targets = append(targets, fi)
		}
	}
	res := checks.Run(checks.Options{Tree: tree, Targets: targets, Full: full, Rules: seeds.Family.Rules})
	var out []string
	for _, f := range res.Findings {
		out = append(out, fmt.Sprintf("%s:%d %s", f.Path, f.Line, f.Rule))
	}
	return strings.Join(out, " ")
}

// TestConfigFileDefaults: an ml_collections config file the program takes
// on its command line gives the defaults of the keys it sets: the default
// path of DEFINE_config_file, else every get_config() module on a full
// run, else (a hook run) the usual paths.
func TestConfigFileDefaults(t *testing.T) {
	const cfg = "import ml_collections\n\ndef get_config():\n    c = ml_collections.ConfigDict()\n    c.seed = -1\n    return c\n"
	prog := func(def string) string {
		return "import time\nimport jax\nfrom absl import app, flags\nfrom ml_collections import config_flags\n" +
			"FLAGS = flags.FLAGS\nconfig_flags.DEFINE_config_file(\"config\"" + def + ")\n\n" +
			"def main(argv):\n    seed = FLAGS.config.seed if FLAGS.config.seed >= 0 else int(time.time())\n    return jax.random.PRNGKey(seed)\n\n" +
			"if __name__ == \"__main__\":\n    app.run(main)\n"
	}
	for _, c := range []struct {
		name   string
		files  map[string]string
		staged []string
		want   string
	}{
		{"default path", map[string]string{"main.py": prog(`, "cfgs/vit.py"`), "cfgs/vit.py": cfg}, nil, "main.py:10 REPRO-SEED-003"},
		{"default path with a variant", map[string]string{"main.py": prog(`, "cfgs/vit.py:small"`), "cfgs/vit.py": cfg}, nil, "main.py:10 REPRO-SEED-003"},
		{"found on a full run", map[string]string{"main.py": prog(""), "exp/vit_b16.py": cfg}, nil, "main.py:10 REPRO-SEED-003"},
		{"usual path on a hook run", map[string]string{"main.py": prog(""), "configs/default.py": cfg}, []string{"main.py"}, "main.py:10 REPRO-SEED-003"},
		{"unusual path on a hook run", map[string]string{"main.py": prog(""), "exp/vit_b16.py": cfg}, []string{"main.py"}, ""},
		{"a fixed seed", map[string]string{"main.py": prog(`, "cfgs/vit.py"`), "cfgs/vit.py": strings.Replace(cfg, "-1", "0", 1)}, nil, ""},
		{"no config file flag", map[string]string{"main.py": strings.Replace(prog(""), `config_flags.DEFINE_config_file("config")`, "", 1), "cfgs/vit.py": cfg}, nil, ""},
	} {
		if got := seedFindings(t, c.files, c.staged...); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

// TestTFDataShuffle: Dataset.shuffle without seed= draws from TensorFlow's
// global seed; a shuffle on anything that is not a tf.data dataset does
// not; tfds shuffle_files=True needs its own seed.
func TestTFDataShuffle(t *testing.T) {
	const head = "import random\nimport tensorflow as tf\nimport tensorflow_datasets as tfds\n\n"
	for body, want := range map[string]string{
		"ds = tf.data.TFRecordDataset(files).map(parse).shuffle(512)\n":                                 "p.py:5 REPRO-SEED-001",
		"ds = tfds.builder('mnist').as_dataset(split='train', shuffle_files=True)\n":                    "p.py:5 REPRO-SEED-003",
		"ds = tf.keras.utils.image_dataset_from_directory('d')\nds = ds.shuffle(64)\n":                  "p.py:6 REPRO-SEED-001",
		"ds = tf.data.Dataset.range(9).shuffle(9, 1)\n":                                                 "",
		"ds = tf.data.Dataset.range(9)\ntf.random.set_seed(1)\nds = ds.shuffle(9)\n":                    "",
		"rows = list(range(9))\nrng = random.Random(0)\nrng.shuffle(rows)\n":                            "",
		"files = sorted(names)\nfiles = files.copy()\nds = tf.data.Dataset.from_tensor_slices(files)\n": "",
		"ds = tf.data.Dataset.range(9)\nds = make_list()\nds.shuffle(9)\n":                              "",
	} {
		if got := seedFindings(t, map[string]string{"p.py": head + body}); got != want {
			t.Errorf("%q: got %q, want %q", body, got, want)
		}
	}
}

// TestNewTaskHead: from_pretrained of a head class with the task's labels
// draws the new head's weights from torch's RNG; the Trainer seeds only
// when it is built.
func TestNewTaskHead(t *testing.T) {
	const head = "from transformers import AutoModelForTokenClassification as M, AutoModel, Trainer, TrainingArguments, set_seed\n\n"
	const train = "Trainer(model=model, args=TrainingArguments('o')).train()\n"
	for body, want := range map[string]string{
		"model = M.from_pretrained('b', num_labels=5)\n" + train:                     "p.py:3 REPRO-SEED-002",
		"model = M.from_pretrained('b', id2label={0: 'O'})\n" + train:                "p.py:3 REPRO-SEED-002",
		"model = M.from_pretrained('b', ignore_mismatched_sizes=True)\n" + train:     "p.py:3 REPRO-SEED-002",
		"model = M.from_pretrained('b', num_labels=5)\nmodel.save_pretrained('o')\n": "", // nothing trained: weights loaded
		"set_seed(1)\nmodel = M.from_pretrained('b', num_labels=5)\n" + train:        "",
		"model = M.from_pretrained('b')\n" + train:                                   "",
		"model = AutoModel.from_pretrained('b', num_labels=5)\n" + train:             "",
	} {
		if got := seedFindings(t, map[string]string{"p.py": head + body}); got != want {
			t.Errorf("%q: got %q, want %q", body, got, want)
		}
	}
}

// TestPandasSample: a pandas object's sample() without random_state draws
// from numpy's global RNG; .sample on anything else (random.sample, a
// torch distribution, a class of the repository, polars) is not pandas'.
func TestPandasSample(t *testing.T) {
	const head = "import random\nimport numpy as np\nimport pandas as pd\nimport polars as pl\nimport torch\nfrom scipy import stats\nfrom sklearn.datasets import fetch_openml\nfrom sklearn.model_selection import train_test_split\n\n"
	const load = "def load(path='d.parquet'):\n    df = pd.read_parquet(path).drop(columns=['id'])\n    y = df.pop('label')\n    return df, y\n\n" // lines 10-13
	for body, want := range map[string]string{
		// pandas receivers (the draw is on the body's last line)
		"df = pd.read_csv('a.csv')\nrows = df.sample(100)\n":                                                  "p.py:11 REPRO-SEED-001",
		"rows = pd.read_csv('a.csv').dropna().sample(frac=0.1)\n":                                             "p.py:10 REPRO-SEED-001",
		"df = pd.DataFrame({'a': [1, 2]})\nsub = df[df.a > 1].sample(1)\n":                                    "p.py:11 REPRO-SEED-001",
		"df = pd.DataFrame({'a': [1, 2]})\nsub = df.groupby('a').sample(1)\n":                                 "p.py:11 REPRO-SEED-001",
		"df = pd.read_csv('a.csv')\ns = df['a']\nx = s.sample(3)\n":                                           "p.py:12 REPRO-SEED-001",
		load + "X, y = load()\nbg = X.sample(50)\n":                                                           "p.py:16 REPRO-SEED-001",
		load + "bg = load()[1].sample(50)\n":                                                                  "p.py:15 REPRO-SEED-001",
		load + "X, y = load()\ntr, te, ytr, yte = train_test_split(X, y, random_state=0)\nx = tr.sample(5)\n": "p.py:17 REPRO-SEED-001",
		"def pick(d: pd.DataFrame):\n    return d.sample(5)\n\npick(None)\n":                                  "p.py:11 REPRO-SEED-001",
		"def pick(d):\n    return d.sample(5)\n\npick(pd.read_csv('a.csv'))\n":                                "p.py:11 REPRO-SEED-001",
		"X, y = fetch_openml('adult', as_frame=True, return_X_y=True)\nx = X.sample(5)\n":                     "p.py:11 REPRO-SEED-001",
		"bunch = fetch_openml('adult', as_frame=True)\nx = bunch.frame.sample(5)\n":                           "p.py:11 REPRO-SEED-001",
		"df = pd.read_csv('a.csv')\nx = df.sample(5, random_state=None)\n":                                    "p.py:11 REPRO-SEED-001",
		"class Table:\n    def __init__(self, p):\n        self.df = pd.read_csv(p)\n\n    def peek(self):\n        return self.df.sample(3)\n\nt = Table('a.csv')\nt.peek()\n": "p.py:15 REPRO-SEED-001",
		"x = stats.norm.rvs(size=10)\n": "p.py:10 REPRO-SEED-001",
		// seeded, or given their own random_state
		"df = pd.read_csv('a.csv')\ndf.sample(n=5, random_state=0)\n":                                 "",
		"df = pd.read_csv('a.csv')\ndf.sample(5, None, False, None, 7)\n":                             "",
		"df = pd.read_csv('a.csv')\ndf.sample(5, **opts)\n":                                           "",
		"np.random.seed(0)\ndf = pd.read_csv('a.csv')\ndf.sample(5)\n":                                "",
		"x = stats.norm.rvs(size=10, random_state=0)\n":                                               "",
		"rng = np.random.default_rng(0)\ndf = pd.read_csv('a.csv')\ndf.sample(5, random_state=rng)\n": "",
		// not pandas
		"random.seed(0)\nrows = random.sample(range(10), 3)\n":                                       "",
		"torch.manual_seed(0)\nd = torch.distributions.Normal(0.0, 1.0)\nx = d.sample((3,))\n":       "",
		"class Pool:\n    def sample(self, k):\n        return [0] * k\n\np = Pool()\np.sample(3)\n": "",
		"df = pl.read_csv('a.csv')\ndf.sample(5)\n":                                                  "",
		"sdf = spark.read.csv('a.csv')\nsdf.sample(0.1)\n":                                           "",
		"arr = pd.read_csv('a.csv').to_numpy()\narr.sample(3)\n":                                     "",
		"df = pd.read_csv('a.csv')\ndf = make_buffer()\ndf.sample(3)\n":                              "",
		"def pick(d):\n    return d.sample(5)\n\npick(replay_buffer)\n":                              "",
	} {
		if got := seedFindings(t, map[string]string{"p.py": head + body}); got != want {
			t.Errorf("%q: got %q, want %q", body, got, want)
		}
	}
}

// TestDisplayOnlySample: a sample nothing uses (a notebook cell's last
// line, print, a bare statement) draws, but changes no result.
func TestDisplayOnlySample(t *testing.T) {
	const head = "import pandas as pd\n\ndf = pd.read_csv('a.csv')\n"
	for body, want := range map[string]string{
		"df.sample(5)\n":                        "",
		"df.sample(5).head()\n":                 "",
		"print(df.sample(5))\n":                 "",
		"display(df[df.a > 0].sample(5))\n":     "",
		"if True:\n    df.sample(5)\n":          "",
		"x = df.sample(5)\n":                    "p.py:4 REPRO-SEED-001",
		"df.sample(5).to_csv('s.csv')\n":        "p.py:4 REPRO-SEED-001",
		"print(df.sample(5), df.sample(2))\n":   "p.py:4 REPRO-SEED-001",
		"rows = [df.sample(1) for _ in 'ab']\n": "p.py:4 REPRO-SEED-001",
		"save(df.sample(5))\n":                  "p.py:4 REPRO-SEED-001",
	} {
		if got := seedFindings(t, map[string]string{"p.py": head + body}); got != want {
			t.Errorf("%q: got %q, want %q", body, got, want)
		}
	}
}

// TestRunners: a function given by reference to a library that runs it is
// part of the program; one a runner starts in fresh processes (Ray Tune,
// Ray Train, torch's spawn) has its own sources, which only seeds set
// inside it reach.
func TestRunners(t *testing.T) {
	const head = "import multiprocessing as mp\nfrom concurrent.futures import ThreadPoolExecutor\nfrom functools import partial\n\n" +
		"import numpy as np\nimport optuna\nimport torch\nimport torch.multiprocessing as tmp\nfrom accelerate import notebook_launcher\n" +
		"from ray import tune\nfrom ray.train.torch import TorchTrainer\n\n\n" +
		"def seed_all(s):\n    np.random.seed(s)\n    torch.manual_seed(s)\n\n\n" + // lines 14-16
		"def draw(config=None):\n    return torch.randn(3)\n\n\n" + // line 20
		"def seeded(config=None):\n    seed_all(0)\n    return torch.randn(3)\n\n\n" + // lines 23-25
		"def work(x):\n    return np.random.rand() + x\n\n\n" // line 29
	for body, want := range map[string]string{
		// fresh processes: the program's seeds do not reach them
		"seed_all(0)\ntune.Tuner(draw).fit()\n":                                         "p.py:20 REPRO-SEED-001",
		"seed_all(0)\ntune.run(draw, config={})\n":                                      "p.py:20 REPRO-SEED-001",
		"seed_all(0)\ntune.Tuner(tune.with_parameters(draw, data=1)).fit()\n":           "p.py:20 REPRO-SEED-001",
		"seed_all(0)\ntune.Tuner(tune.with_resources(partial(draw), {})).fit()\n":       "p.py:20 REPRO-SEED-001",
		"seed_all(0)\nTorchTrainer(train_loop_per_worker=draw).fit()\n":                 "p.py:20 REPRO-SEED-001",
		"seed_all(0)\ntmp.spawn(draw, nprocs=2)\n":                                      "p.py:20 REPRO-SEED-001",
		"seed_all(0)\ntune.Tuner(seeded).fit()\n":                                       "",
		"seed_all(0)\ntrainable = partial(draw, data=1)\ntune.Tuner(trainable).fit()\n": "p.py:20 REPRO-SEED-001",
		"from ray.train.torch import enable_reproducibility\n\n\ndef loop(config):\n    enable_reproducibility(seed=0)\n    return torch.randn(3)\n\n\nTorchTrainer(loop).fit()\n": "",
		"tune.Tuner(seeded).fit()\n": "",
		"seed_all(0)\ntmp.start_processes(draw, nprocs=2, start_method='fork')\n":                                                    "",
		"class Trial(tune.Trainable):\n    def setup(self, config):\n        self.w = torch.randn(3)\n\n\ntune.Tuner(Trial).fit()\n": "p.py:34 REPRO-SEED-001",
		// the program's own process (or a fork of it)
		"study = optuna.create_study()\nstudy.optimize(draw, n_trials=3)\n":              "p.py:20 REPRO-SEED-001",
		"seed_all(0)\nstudy = optuna.create_study()\nstudy.optimize(draw, n_trials=3)\n": "",
		"with mp.Pool(2) as pool:\n    pool.map(work, range(4))\n":                       "p.py:29 REPRO-SEED-001",
		"seed_all(0)\nwith mp.Pool(2) as pool:\n    pool.map(work, range(4))\n":          "",
		"pool = mp.Pool(2)\npool.starmap(work, [(1,)])\n":                                "p.py:29 REPRO-SEED-001",
		"with ThreadPoolExecutor(2) as ex:\n    ex.submit(work, 1)\n":                    "p.py:29 REPRO-SEED-001",
		"mp.Process(target=work, args=(1,)).start()\n":                                   "p.py:29 REPRO-SEED-001",
		"notebook_launcher(draw, num_processes=2)\n":                                     "p.py:20 REPRO-SEED-001",
		"seed_all(0)\nnotebook_launcher(draw, num_processes=2)\n":                        "",
		// a function handed over, not run
		"callbacks = [draw, work]\nregister(draw)\n": "",
	} {
		if got := seedFindings(t, map[string]string{"p.py": head + body}); got != want {
			t.Errorf("%q: got %q, want %q", body, got, want)
		}
	}
}

// TestFastai: a fastai star import binds its API (and np, pd, torch):
// its DataLoaders draw the training order from random and, with a random
// validation split, the split from torch; its learner factories draw the
// new model's weights from torch; set_seed seeds all three.
func TestFastai(t *testing.T) {
	const star = "from fastai.vision.all import *\n\n"
	const data = "dls = ImageDataLoaders.from_folder(path, valid='valid')\n"
	const fit = "learn = vision_learner(dls, resnet34, metrics=error_rate)\nlearn.fine_tune(2)\n"
	for body, want := range map[string]string{
		star + data + fit: "p.py:3 REPRO-SEED-001 p.py:4 REPRO-SEED-001",
		star + "set_seed(42, reproducible=True)\n" + data + fit:                                                            "",
		"from fastai.vision.all import ImageDataLoaders, set_seed, vision_learner, resnet34\n\nset_seed(7)\n" + data + fit: "",
		star + data + "set_seed(42)\n" + fit:                                                                               "p.py:3 REPRO-SEED-002",
		// seed= fixes the split (it seeds torch), not the loader's order
		star + "dls = ImageDataLoaders.from_name_re(path, files, pat, valid_pct=0.2, seed=42)\n" + fit:                            "p.py:3 REPRO-SEED-001",
		star + "dls = ImageDataLoaders.from_folder(path, valid_pct=0.2)\nrandom.seed(0)\nlearn = vision_learner(dls, resnet34)\n": "p.py:3 REPRO-SEED-001",
		star + "block = DataBlock(blocks=(ImageBlock, CategoryBlock), get_y=parent_label, splitter=RandomSplitter(seed=1))\n" +
			"dls = block.dataloaders(path)\n" + fit: "p.py:4 REPRO-SEED-001",
		// inference: the order does not matter, the weights are loaded
		star + data + "learn = vision_learner(dls, resnet34)\nlearn.load('stage-2')\nprint(learn.predict(img))\n": "",
		// the star import binds numpy as np
		star + "x = np.random.rand(3)\n": "p.py:3 REPRO-SEED-001",
		"from fastai.vision.all import *\n\ndef set_seed(s):\n    pass\n\nset_seed(0)\n" + data + fit: "p.py:7 REPRO-SEED-001 p.py:8 REPRO-SEED-001",
		// no fastai star import: the names are not fastai's
		"from mylib import *\n\n" + data + fit: "",
	} {
		if got := seedFindings(t, map[string]string{"p.py": body}); got != want {
			t.Errorf("%q: got %q, want %q", body, got, want)
		}
	}
}

// TestStableBaselines3: an SB3 algorithm given seed= seeds random, numpy
// and torch before it builds the policy; without one it draws the
// policy's weights from torch, and learn() draws from numpy (minibatches,
// replay samples) and torch (actions). PPO.load and set_parameters load
// weights. A seed= that is None by default is REPRO-SEED-003 for the
// algorithm (which then seeds nothing) and for the environment seeders
// (make_vec_env, env.reset, action_space.seed), not for a helper
// parameter's own None (the usual reset that does not reseed).
func TestStableBaselines3(t *testing.T) {
	const imp = "from stable_baselines3 import PPO\n"
	const cli = "import argparse\n" + imp + "p = argparse.ArgumentParser()\np.add_argument('--seed', type=int)\nargs = p.parse_args()\n"
	for body, want := range map[string]string{
		imp + "model = PPO('MlpPolicy', 'CartPole-v1')\nmodel.learn(1000)\n":                           "p.py:2 REPRO-SEED-001 p.py:3 REPRO-SEED-001",
		imp + "model = PPO('MlpPolicy', 'CartPole-v1', seed=0)\nmodel.learn(1000)\n":                   "",
		imp + "model = PPO('MlpPolicy', 'CartPole-v1', seed=None)\nmodel.learn(1000)\n":                "p.py:2 REPRO-SEED-001 p.py:3 REPRO-SEED-001",
		imp + "model = PPO('MlpPolicy', 'CartPole-v1', **hyperparams)\nmodel.learn(1000)\n":            "",
		imp + "model = PPO('MlpPolicy', 'CartPole-v1')\nmodel.set_random_seed(1)\nmodel.learn(1000)\n": "p.py:2 REPRO-SEED-002",
		// torch seeded alone: learn still draws from numpy
		"import torch\n" + imp + "torch.manual_seed(0)\nmodel = PPO('MlpPolicy', 'CartPole-v1')\nmodel.learn(1000)\n": "p.py:5 REPRO-SEED-001",
		"import stable_baselines3 as sb3\nmodel = sb3.SAC('MlpPolicy', 'Pendulum-v1')\nmodel.learn(1000)\n":           "p.py:2 REPRO-SEED-001 p.py:3 REPRO-SEED-001",
		"from sb3_contrib.ppo_mask import MaskablePPO\nm = MaskablePPO('MlpPolicy', env, seed=3)\nm.learn(1000)\n":    "",
		"from sb3_contrib import *\nm = TRPO('MlpPolicy', env)\nm.learn(1000)\n":                                      "p.py:2 REPRO-SEED-001 p.py:3 REPRO-SEED-001",
		// a class of the module's own is not the star import's
		"from sb3_contrib import *\nclass TRPO:\n    def learn(self, n):\n        pass\nm = TRPO()\nm.learn(1000)\n": "",
		// loading: nothing to seed for the weights
		imp + "model = PPO.load('ppo.zip')\nprint(model.predict(obs, deterministic=True))\n":                                               "",
		imp + "model = PPO('MlpPolicy', env)\nmodel.set_parameters('ppo.zip')\nprint(model.predict(obs, deterministic=True))\n":            "",
		imp + "import torch\nmodel = PPO('MlpPolicy', env)\nmodel.policy.load_state_dict(torch.load('p.pt'))\nprint(model.predict(obs))\n": "",
		// SB3's seeding helper
		"from stable_baselines3.common.utils import set_random_seed\n" + imp + "set_random_seed(0)\nPPO('MlpPolicy', env).learn(100)\n": "",
		"from stable_baselines3.common.utils import set_random_seed\nset_random_seed()\n":                                               "p.py:2 REPRO-SEED-003",
		// a seed that is None by default
		cli + "model = PPO('MlpPolicy', 'CartPole-v1', seed=args.seed)\nmodel.learn(100)\n":                                           "p.py:6 REPRO-SEED-003",
		cli + "from stable_baselines3.common.env_util import make_vec_env\nenv = make_vec_env('CartPole-v1', 4, args.seed)\n":         "p.py:7 REPRO-SEED-003",
		cli + "import gymnasium as gym\nenv = gym.make('CartPole-v1')\nenv.reset(seed=args.seed)\nenv.action_space.seed(args.seed)\n": "p.py:8 REPRO-SEED-003 p.py:9 REPRO-SEED-003",
		cli + "import gymnasium as gym\ntrain_env = gym.make('CartPole-v1')\ntrain_env.seed(args.seed)\n":                             "p.py:8 REPRO-SEED-003",
		// torch.manual_seed(None) raises, so SB3's helper given None stops the run
		cli + "from stable_baselines3.common.utils import set_random_seed\nset_random_seed(args.seed)\n": "",
		// a helper's own seed=None is the reset that does not reseed
		"import gymnasium as gym\n\ndef run(env, seed=None):\n    return env.reset(seed=seed)\n\nrun(gym.make('CartPole-v1'))\n": "",
		// ...but the algorithm given it seeds nothing
		imp + "\ndef train(env, seed=None):\n    PPO('MlpPolicy', env, seed=seed).learn(100)\n\ntrain('CartPole-v1')\n": "p.py:6 REPRO-SEED-003",
		// a seed drawn at random is a random seed, not a draw of its own
		"import numpy as np\n" + imp + "seed = np.random.randint(1000)\nPPO('MlpPolicy', env, seed=seed).learn(100)\n": "p.py:4 REPRO-SEED-003",
	} {
		if got := seedFindings(t, map[string]string{"p.py": body}); got != want {
			t.Errorf("%q: got %q, want %q", body, got, want)
		}
	}
}
