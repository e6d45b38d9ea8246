package checks_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
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
		if len(grepLines(out, "utils/data.py:5:", "torch.randperm", `in program "train.py"`)) != 1 || len(grepLines(out, "numpy")) != 0 {
			t.Errorf("want only torch, reached through utils/data.py:\n%s", out)
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
