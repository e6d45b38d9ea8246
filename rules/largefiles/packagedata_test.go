package largefiles

import (
	"sort"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/internal/rulestest"
	"github.com/git-repro/git-repro/snapshot"
)

// TestPackageData: a data file that the project's distribution ships
// stays a git blob (LFS would break pip installs from git); checkpoints
// shipped in a package and files over max-size are still reported, with
// advice that fits; files the distribution does not ship are reported as
// before.
func TestPackageData(t *testing.T) {
	mid := strings.Repeat("x", 3<<19) // 1.5 MiB: over max-data-size
	big := strings.Repeat("x", 6<<20) // over max-size
	setuptools := "[build-system]\nrequires = [\"setuptools>=68\"]\nbuild-backend = \"setuptools.build_meta\"\n\n[project]\nname = \"tokkit\"\nversion = \"1.0\"\n"
	hatch := "[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n\n[project]\nname = \"tokkit\"\nversion = \"1.0\"\n"
	for _, c := range []struct {
		name  string
		files map[string]string
		want  string // "rule path [pkg]" sorted, comma-separated; [pkg] when the message says package data
	}{
		{"pyproject package-data", map[string]string{
			"pyproject.toml":         setuptools + "\n[tool.setuptools.package-data]\ntokkit = [\"*.txt.gz\"]\n",
			"src/tokkit/__init__.py": "", "src/tokkit/vocab.txt.gz": mid,
		}, ""},
		{"package-data that does not match", map[string]string{
			"pyproject.toml":         setuptools + "\n[tool.setuptools.package-data]\ntokkit = [\"*.json\"]\n",
			"src/tokkit/__init__.py": "", "src/tokkit/vocab.txt.gz": mid,
		}, "REPRO-LARGE-002 src/tokkit/vocab.txt.gz"},
		{"setup.py package_data in a subdirectory", map[string]string{
			"setup.py":           "from setuptools import setup\nsetup(name='tokkit', package_data={'tokkit': ['data/*.gz']})\n",
			"tokkit/__init__.py": "", "tokkit/data/vocab.gz": mid,
		}, ""},
		{"setup.cfg package_data for every package", map[string]string{
			"setup.cfg": "[metadata]\nname = tokkit\n[options.package_data]\n* = *.npy\n", "setup.py": "from setuptools import setup\nsetup()\n",
			"tokkit/__init__.py": "", "tokkit/sub/__init__.py": "", "tokkit/sub/table.npy": mid,
		}, ""},
		{"MANIFEST.in with include_package_data", map[string]string{
			"setup.py":           "from setuptools import setup\nsetup(name='tokkit', include_package_data=True)\n",
			"MANIFEST.in":        "include README.md\nrecursive-include tokkit *.gz *.json\n",
			"tokkit/__init__.py": "", "tokkit/assets/vocab.txt.gz": mid,
		}, ""},
		{"MANIFEST.in alone fills only the sdist", map[string]string{
			"setup.py":           "from setuptools import setup\nsetup(name='tokkit')\n",
			"MANIFEST.in":        "recursive-include tokkit *.gz\n",
			"tokkit/__init__.py": "", "tokkit/vocab.txt.gz": mid,
		}, "REPRO-LARGE-002 tokkit/vocab.txt.gz"},
		{"MANIFEST.in that prunes it", map[string]string{
			"pyproject.toml":         setuptools,
			"MANIFEST.in":            "graft src\nprune src/tokkit/cache\n",
			"src/tokkit/__init__.py": "", "src/tokkit/cache/vocab.txt.gz": mid,
		}, "REPRO-LARGE-002 src/tokkit/cache/vocab.txt.gz"},
		{"setuptools-scm ships every tracked file", map[string]string{
			"pyproject.toml":         strings.Replace(setuptools, `"setuptools>=68"`, `"setuptools>=68", "setuptools-scm>=8"`, 1),
			"src/tokkit/__init__.py": "", "src/tokkit/vocab.txt.gz": mid,
		}, ""},
		{"hatchling ships the package; a checkpoint in it is still reported", map[string]string{
			"pyproject.toml":         hatch,
			"src/tokkit/__init__.py": "", "src/tokkit/vocab.txt.gz": mid, "src/tokkit/weights/encoder.pt": mid,
			"data/train.parquet": mid,
		}, "REPRO-LARGE-002 data/train.parquet,REPRO-LARGE-002 src/tokkit/weights/encoder.pt [pkg]"},
		{"over max-size, package data or not", map[string]string{
			"pyproject.toml":         hatch,
			"src/tokkit/__init__.py": "", "src/tokkit/table.parquet": big,
		}, "REPRO-LARGE-001 src/tokkit/table.parquet [pkg]"},
		{"not in a package", map[string]string{
			"pyproject.toml": hatch, "tokkit/vocab.txt.gz": mid,
		}, "REPRO-LARGE-002 tokkit/vocab.txt.gz"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, f := range rulestest.Run(t, rules, &snapshot.MapTree{Content: c.files}, nil) {
				if !strings.HasPrefix(f.Rule, "REPRO-LARGE-00") {
					continue
				}
				s := f.Rule + " " + f.Path
				if strings.Contains(f.Message, "package data") {
					s += " [pkg]"
					if strings.Contains(f.Hint, "git lfs track") {
						t.Errorf("%s: package data told to move to LFS: %s", f.Path, f.Hint)
					}
				}
				got = append(got, s)
			}
			sort.Strings(got)
			if g := strings.Join(got, ","); g != c.want {
				t.Errorf("got  %s\nwant %s", g, c.want)
			}
		})
	}
}

func TestManifestIn(t *testing.T) {
	cmds := parseManifestIn("# comment\ninclude pkg/*.txt\nrecursive-include pkg/data *.gz\nglobal-exclude *.pyc\nprune pkg/data/tmp\ngraft assets\nexclude assets/big.bin\n")
	for p, want := range map[string]bool{
		"pkg/a.txt": true, "pkg/sub/a.txt": false, "pkg/data/x/y.gz": true, "pkg/data/tmp/y.gz": false,
		"pkg/m.pyc": false, "assets/a/b.png": true, "assets/big.bin": false, "other/x.gz": false,
	} {
		if got := manifestIncludes(cmds, p); got != want {
			t.Errorf("%s: %v, want %v", p, got, want)
		}
	}
}

// FuzzManifestIn: MANIFEST.in of any content never panics, and applying
// it to any path neither.
func FuzzManifestIn(f *testing.F) {
	f.Add("include a/*.txt\nrecursive-include pkg *.gz\nprune x\n", "pkg/a.gz")
	f.Add("graft\nrecursive-include\nglobal-exclude [\n", "a/[b")
	f.Fuzz(func(t *testing.T, src, p string) {
		manifestIncludes(parseManifestIn(src), p)
	})
}
