package setuppy

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/parse/python"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// dump renders what a rule would see, one fact per line.
func dump(s *Setup) string {
	var b strings.Builder
	fmt.Fprintf(&b, "setup: line %d\n", s.Line)
	if v := s.Name; v != nil {
		fmt.Fprintf(&b, "name: line %d %q", v.Line, v.Text)
		if v.Dynamic != "" {
			fmt.Fprintf(&b, " dynamic: %s", v.Dynamic)
		}
		b.WriteString("\n")
	}
	field := func(name string, f *Field) {
		if f == nil {
			return
		}
		fmt.Fprintf(&b, "%s: line %d", name, f.Line)
		if f.Variable != "" {
			fmt.Fprintf(&b, " via %s", f.Variable)
		}
		b.WriteString("\n")
		for _, r := range f.Requirements {
			fmt.Fprintf(&b, "  %d:%d %q", r.Line, r.Col, r.Text)
			if r.Extra != "" {
				fmt.Fprintf(&b, " [%s]", r.Extra)
			}
			if u := r.Unpinned(); u != "" {
				fmt.Fprintf(&b, " unpinned: %s", u)
			}
			b.WriteString("\n")
		}
		for _, fr := range f.Files {
			fmt.Fprintf(&b, "  %d: reads %s\n", fr.Line, fr.Path)
		}
		if f.Dynamic != "" {
			fmt.Fprintf(&b, "  dynamic: %s\n", f.Dynamic)
		}
	}
	field("install_requires", s.InstallRequires)
	field("extras_require", s.ExtrasRequire)
	if v := s.PythonRequires; v != nil {
		fmt.Fprintf(&b, "python_requires: line %d %q", v.Line, v.Text)
		if v.Dynamic != "" {
			fmt.Fprintf(&b, " dynamic: %s", v.Dynamic)
		}
		b.WriteString("\n")
	}
	pkgs := make([]string, 0, len(s.PackageData))
	for k := range s.PackageData {
		pkgs = append(pkgs, k)
	}
	sort.Strings(pkgs)
	for _, k := range pkgs {
		fmt.Fprintf(&b, "package_data %q: %q\n", k, s.PackageData[k])
	}
	if v := s.IncludePackageData; v != nil {
		fmt.Fprintf(&b, "include_package_data: %v\n", *v)
	}
	for _, e := range s.Extensions {
		fmt.Fprintf(&b, "extension: %s at line %d\n", e.Kind, e.Line)
	}
	if s.ExtModulesLine > 0 {
		fmt.Fprintf(&b, "ext_modules: line %d\n", s.ExtModulesLine)
	}
	for _, d := range s.Dynamic {
		fmt.Fprintf(&b, "dynamic: %s\n", d)
	}
	for _, e := range s.Errors {
		fmt.Fprintf(&b, "error: %v\n", e)
	}
	return b.String()
}

func parsePy(t *testing.T, src string) *Setup {
	t.Helper()
	s, err := ParseSetupPy([]byte(src))
	if err != nil {
		t.Fatalf("ParseSetupPy: %v", err)
	}
	return s
}

func TestSetupPy(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"literal lists", `from setuptools import setup

setup(
    name="x",
    python_requires=">=3.8",
    install_requires=[
        "torch>=1.13",  # comment
        'numpy==1.26.4',
        "opencv-" "python",
    ],
    extras_require={"dev": ["pytest", "black==24.2.0"], 'docs': ("sphinx",)},
)
`, `setup: line 3
name: line 4 "x"
install_requires: line 6
  7:9 "torch>=1.13" unpinned: ">=1.13" allows more than one version
  8:9 "numpy==1.26.4"
  9:9 "opencv-python" unpinned: no version specifier
extras_require: line 11
  11:29 "pytest" [dev] unpinned: no version specifier
  11:39 "black==24.2.0" [dev]
  11:66 "sphinx" [docs] unpinned: no version specifier
python_requires: line 5 ">=3.8"
`},
		{"module-level variable passed by name", `import setuptools
REQUIRED = ["requests", "tqdm==4.66.2"]
PY = ">=3.10"
setuptools.setup(name="x", install_requires=REQUIRED, python_requires=PY)
`, `setup: line 4
name: line 4 "x"
install_requires: line 4 via REQUIRED
  2:13 "requests" unpinned: no version specifier
  2:25 "tqdm==4.66.2"
python_requires: line 4 ">=3.10"
`},
		{"variable assigned twice is dynamic", `from setuptools import setup
reqs = ["a"]
if True:
    reqs = ["b"]
setup(install_requires=reqs)
`, `setup: line 5
install_requires: line 5
  dynamic: reqs is assigned 2 times
`},
		{"variable changed in place is dynamic", `from setuptools import setup
import sys
reqs = ["numpy"]
if sys.platform == "linux":
    reqs.append("triton")
setup(install_requires=reqs)
`, `setup: line 6
install_requires: line 6
  dynamic: reqs is changed after it is assigned
`},
		{"variable assigned in a function is not module level", `from setuptools import setup
def get():
    reqs = ["a"]
    return reqs
setup(install_requires=reqs)
`, `setup: line 5
install_requires: line 5
  dynamic: reqs is not assigned at module level
`},
		{"with open binds the file", `import setuptools

with open("requirements.txt") as f:
    requirements = f.read().splitlines()

setuptools.setup(install_requires=requirements)
`, `setup: line 6
install_requires: line 6 via requirements
  4: reads requirements.txt
`},
		{"inline read of a requirements file", `from setuptools import setup
import os
here = os.path.dirname(__file__)
setup(install_requires=open(os.path.join(here, "requirements", "base.txt"), encoding="utf-8").read().splitlines())
`, `setup: line 4
install_requires: line 4
  4: reads requirements/base.txt
`},
		{"a helper reading a requirements file", `from setuptools import setup
def parse_requirements(fname="requirements.txt", with_version=True):
    return []
setup(install_requires=parse_requirements("requirements/runtime.txt"), extras_require={"all": parse_requirements("requirements.txt")})
`, `setup: line 4
install_requires: line 4
  4: reads requirements/runtime.txt
extras_require: line 4
  4: reads requirements.txt
`},
		{"parent directory kept", `from setuptools import setup
setup(install_requires=open("../requirements.txt").read().split())
`, `setup: line 2
install_requires: line 2
  2: reads ../requirements.txt
`},
		{"a computed value is dynamic", `from setuptools import setup
def get_requires():
    return ["a"]
setup(install_requires=get_requires())
`, `setup: line 4
install_requires: line 4
  dynamic: "get_requires()" is computed when setup.py runs
`},
		{"concatenation and a non-literal element", `from setuptools import setup
import torch
BASE = ["numpy==1.26.4"]
setup(install_requires=BASE + ["scipy", f"torch=={torch.__version__}"] + list(("tqdm",)))
`, `setup: line 4
install_requires: line 4 via BASE
  3:9 "numpy==1.26.4"
  4:32 "scipy" unpinned: no version specifier
  4:80 "tqdm" unpinned: no version specifier
  dynamic: the element "f\"torch=={torch.__version__}\"" is not a string literal
`},
		{"a multi-line string", `from setuptools import setup
setup(install_requires="""
numpy==1.26.4
# a comment
scipy  # why
""")
`, `setup: line 2
install_requires: line 2
  3:0 "numpy==1.26.4"
  5:0 "scipy" unpinned: no version specifier
`},
		{"kwargs spread", `from setuptools import setup
meta = dict(name="x")
setup(**meta)
`, `setup: line 3
dynamic: setup() also takes **meta, whose keys are known only at run time
`},
		{"extras through dict() and a variable", `from setuptools import setup
EXTRAS = dict(test=["pytest==8.1.1"], viz=["matplotlib"])
setup(extras_require=EXTRAS)
`, `setup: line 3
extras_require: line 3 via EXTRAS
  2:21 "pytest==8.1.1" [test]
  2:44 "matplotlib" [viz] unpinned: no version specifier
`},
		{"extras with a spread and a computed key", `from setuptools import setup
KEY = "x"
base = {"a": ["b"]}
setup(extras_require={**base, KEY: ["c"], "all": ["d==1.0"]})
`, `setup: line 4
extras_require: line 4
  4:51 "d==1.0" [all]
  dynamic: "base" is merged in when setup.py runs
`},
		{"a nested CUDA extension build", `from setuptools import setup
from torch.utils.cpp_extension import BuildExtension, CUDAExtension

setup(
    name="deform_conv",
    ext_modules=[CUDAExtension("deform_conv_cuda", ["a.cpp", "b.cu"])],
    cmdclass={"build_ext": BuildExtension},
)
`, `setup: line 4
name: line 5 "deform_conv"
extension: CUDAExtension at line 6
ext_modules: line 6
`},
		{"extensions built in a function", `import glob
from setuptools import Extension, setup

def get_extensions():
    return [Extension("fast", glob.glob("csrc/*.cpp"))]

if __name__ == "__main__":
    setup(ext_modules=get_extensions(), install_requires=[])
`, `setup: line 8
install_requires: line 8
extension: Extension at line 5
ext_modules: line 8
`},
		{"empty ext_modules", `from setuptools import setup
setup(ext_modules=[])
`, `setup: line 2
`},
		{"no setup call", `from setuptools import find_packages
def setup(x):
    pass
self.setup(1)
`, `setup: line 0
`},
		{"python_requires computed", `from setuptools import setup
import sys
setup(python_requires=">=3.%d" % sys.version_info[1])
`, `setup: line 3
python_requires: line 3 "" dynamic: "\">=3.%d\" % sys.version_info[1]" is computed when setup.py runs
`},
		{"package data", `from setuptools import setup
DATA = {"tokkit": ["vocab.txt.gz", "data/*.json"], "*": "*.typed"}
setup(name=NAME, package_data=DATA, include_package_data=True)
`, `setup: line 3
name: line 3 "" dynamic: NAME is not assigned at module level
package_data "": ["*.typed"]
package_data "tokkit": ["vocab.txt.gz" "data/*.json"]
include_package_data: true
`},
		{"package data through dict() with a computed entry", `from setuptools import setup
setup(package_data=dict(mmdet=["*.yaml", CFG], ops=("*.so",)), include_package_data=flag)
`, `setup: line 2
package_data "mmdet": ["*.yaml"]
package_data "ops": ["*.so"]
`},
		{"an invalid requirement", `from setuptools import setup
setup(install_requires=["numpy >= "])
`, `setup: line 2
install_requires: line 2
  2:25 "numpy >=" unpinned: not a valid requirement: `},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := dump(parsePy(t, tt.src))
			if strings.HasSuffix(tt.want, "not a valid requirement: ") {
				if !strings.HasPrefix(got, tt.want) {
					t.Errorf("got:\n%s\nwant a prefix:\n%s", got, tt.want)
				}
				return
			}
			if got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestSetupPyTokenizeError(t *testing.T) {
	_, err := ParseSetupPy([]byte("setup(install_requires=['a'\n"))
	var pe *python.Error
	if !errors.As(err, &pe) || pe.Line < 1 {
		t.Fatalf("err = %v, want a *python.Error with a line", err)
	}
}

func TestUnpinned(t *testing.T) {
	s := parsePy(t, "from setuptools import setup\nsetup(install_requires=['a==1.0', 'b', 'c @ git+https://github.com/o/c@main'])\n")
	var names []string
	for _, r := range s.InstallRequires.Unpinned() {
		names = append(names, r.Req.Name+": "+r.Unpinned())
	}
	want := `b: no version specifier; c: revision "main" is a branch, tag or short hash, not a full commit hash`
	if got := strings.Join(names, "; "); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	var nilField *Field
	if nilField.Unpinned() != nil {
		t.Error("a nil field has unpinned requirements")
	}
}

func TestStringValue(t *testing.T) {
	for in, want := range map[string]string{
		`"a"`: "a", `'a'`: "a", `r"a\n"`: `a\n`, `"a\n"`: "a\n", `'''x'''`: "x", `"\x41\u00e9\101"`: "Aé" + "A",
		`"\q"`: `\q`, `u"x"`: "x", `"a\` + "\n" + `b"`: "ab", `"\xZZ"`: `\xZZ`,
	} {
		if got, ok := stringValue(in); !ok || got != want {
			t.Errorf("stringValue(%s) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{`b"x"`, `f"x"`, `"x`, `x`, `"`, `""""`} {
		if got, ok := stringValue(in); ok {
			t.Errorf("stringValue(%s) = %q, want not ok", in, got)
		}
	}
}

func TestSetupCfg(t *testing.T) {
	src := `[metadata]
name = tabpipe

[options]
package_dir =
    = src
python_requires = >=3.9
install_requires =
    pandas>=1.5
    # a comment inside the value

    scikit-learn
	xgboost==2.0.3
tests_require = pytest
include_package_data = yes

[options.package_data]
* = *.typed
tabpipe = schemas/*.json,
    vocab.txt.gz

[options.extras_require]
Plots = matplotlib; seaborn==0.13.2
all =
    file: requirements-extra.txt
`
	got := dump(ParseSetupCfg([]byte(src)))
	want := `setup: line 4
name: line 2 "tabpipe"
install_requires: line 8
  9:5 "pandas>=1.5" unpinned: ">=1.5" allows more than one version
  12:5 "scikit-learn" unpinned: no version specifier
  13:2 "xgboost==2.0.3"
extras_require: line 22
  23:9 "matplotlib" [plots] unpinned: no version specifier
  23:21 "seaborn==0.13.2" [plots]
  25: reads requirements-extra.txt
python_requires: line 7 ">=3.9"
package_data "": ["*.typed"]
package_data "tabpipe": ["schemas/*.json" "vocab.txt.gz"]
include_package_data: true
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestSetupCfgErrors(t *testing.T) {
	src := "orphan = 1\n[options]\ninstall_requires = a\ninstall_requires = b\nnot an option\n[options]\n  = x\n"
	s := ParseSetupCfg([]byte(src))
	var msgs []string
	for _, e := range s.Errors {
		msgs = append(msgs, e.Error())
	}
	want := []string{
		"line 1: an option before the first [section] header",
		`line 4: option "install_requires" is set twice in [options]`,
		`line 5: "not an option" is neither a [section], a key = value option nor an indented continuation`,
		"line 6: section [options] is defined twice",
		`line 7: "= x" is neither a [section], a key = value option nor an indented continuation`,
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
	if s.InstallRequires == nil || len(s.InstallRequires.Requirements) != 1 || s.InstallRequires.Requirements[0].Text != "a" {
		t.Errorf("the first install_requires should be kept: %+v", s.InstallRequires)
	}
}

// TestGolden reads realistic setup.py and setup.cfg files (written for
// these tests in the styles of well-known projects) and compares the dump
// with testdata/<name>.golden; -update rewrites them.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		if st, err := os.Stat(f); err != nil || st.IsDir() || strings.HasSuffix(f, ".golden") {
			continue // testdata/fuzz holds the fuzzers' corpus
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var s *Setup
			if strings.HasSuffix(f, ".cfg") {
				s = ParseSetupCfg(src)
			} else if s, err = ParseSetupPy(src); err != nil {
				t.Fatal(err)
			}
			got := dump(s)
			golden := f + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./parse/setuppy -run Golden -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs:\n--- got:\n%s--- want:\n%s", golden, got, want)
			}
		})
	}
	if n == 0 {
		t.Fatal("no golden inputs in testdata/")
	}
}
