package largefiles

import (
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/rulestest"

	"github.com/git-repro/git-repro/snapshot"
)

// TestSizes: large-files sizes are checks.Size settings (units as
// internal/bytesize reads them), zero meaning the defaults.
func TestSizes(t *testing.T) {
	for in, want := range map[string]checks.Size{
		"5MiB": 5 << 20, "5MB": 5_000_000, "500KB": 500_000, "1024": 1024, "1.5GiB": 3 << 29, "2 k": 2048,
	} {
		cfg, err := checks.ParseConfig(checks.ConfigFile, []byte("large-files:\n  max-size: \""+in+"\"\n"), []checks.Family{Family})
		if err != nil || Settings.Get(cfg).MaxSizeLimit() != want {
			t.Errorf("max-size %q: %v, %v; want %d", in, err, cfg, want)
		}
	}
	for _, bad := range []string{"MB", "-1", "5 parsecs", "1e400", "[1]"} {
		if _, err := checks.ParseConfig(checks.ConfigFile, []byte("large-files:\n  max-size: "+bad+"\n"), []checks.Family{Family}); err == nil || !strings.Contains(err.Error(), "line 2") {
			t.Errorf("max-size %s: err = %v, want a line-2 error", bad, err)
		}
	}
	cfg, err := checks.ParseConfig(".repro.yaml", []byte("large-files:\n  max-size: 10MB\n  max-data-size: 2048\n"), []checks.Family{Family})
	if err != nil || Settings.Get(cfg).MaxSizeLimit() != 10_000_000 || Settings.Get(cfg).MaxDataSizeLimit() != 2048 {
		t.Errorf("config sizes: %v %+v", err, cfg)
	}
	if _, err := checks.ParseConfig(".repro.yaml", []byte("large-files:\n  max-size: huge\n"), []checks.Family{Family}); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("bad size: err = %v, want a line-2 error", err)
	}
	if Settings.Get(checks.DefaultConfig()).MaxSizeLimit() != DefaultMaxSize || Settings.Get(checks.DefaultConfig()).MaxDataSizeLimit() != DefaultMaxDataSize {
		t.Error("zero config must mean the defaults")
	}
}

func TestVenvRoot(t *testing.T) {
	for p, want := range map[string]string{
		".venv/bin/python":                        ".venv",
		"venv/lib/python3.11/site-packages/x.py":  "venv",
		"env/lib/python3.12/site-packages/six.py": "env",
		"tools/env/Lib/site-packages/a.py":        "tools/env",
		"site-packages/a.py":                      "site-packages",
		"myenv/pyvenv.cfg":                        "myenv",
		"src/venv_tools.py":                       "",
		"conda/conda-meta/history":                "conda",
		"docs/virtualenv.md":                      "",
	} {
		if got := venvRoot(p); got != want {
			t.Errorf("venvRoot(%q) = %q, want %q", p, got, want)
		}
	}
}

// A large notebook is large because of its outputs: the hint clears them
// instead of moving the notebook to LFS; a large non-data file is tracked
// by its path, not by every file with its extension.
func TestLargeFileHints(t *testing.T) {
	big := strings.Repeat("x", 6<<20)
	tree := &snapshot.MapTree{Content: map[string]string{"nb/results.ipynb": big, "vocab.json": big, "data/train.parquet": big}}
	hints := map[string]string{}
	for _, f := range rulestest.Run(t, rules, tree, nil) {
		if f.Rule == "REPRO-LARGE-001" {
			hints[f.Path] = f.Hint
		}
	}
	for p, want := range map[string]string{
		"nb/results.ipynb":   `jupyter nbconvert --clear-output --inplace "nb/results.ipynb"`,
		"vocab.json":         `git lfs track "vocab.json"`,
		"data/train.parquet": `git lfs track "*.parquet"`,
	} {
		if !strings.Contains(hints[p], want) {
			t.Errorf("hint for %s = %q, want it to contain %q", p, hints[p], want)
		}
	}
}

func TestGolden(t *testing.T) { rulestest.Golden(t, Family) }
