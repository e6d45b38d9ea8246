package pyproject

import (
	"fmt"
	"strings"
	"testing"
)

const sample = `[build-system]
requires = ["poetry-core"]
build-backend = "poetry.core.masonry.api"

[project]
name = "demo"
requires-python = ">=3.10,<3.13"
dependencies = [
    "numpy==1.26.4",
    "torch >=2.1",   # a range
    "requests",
    "mylib @ git+https://github.com/o/r@0123456789abcdef0123456789abcdef01234567",
    "pkg[extra] ; python_version < '3.11'",
]

[project.optional-dependencies]
gpu = ["cupy==13.0.0"]

[dependency-groups]
dev = ["pytest>=8", {include-group = "lint"}]
lint = ["ruff==0.4.0"]

[tool.poetry.dependencies]
python = "^3.10"
pandas = "^2.2"
scipy = "1.13.0"
local = {path = "../local"}
gitdep = {git = "https://x/y.git", branch = "main"}

[tool.poetry.group.test.dependencies]
hypothesis = "*"
`

func TestParseProject(t *testing.T) {
	p, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if !p.IsLibrary() || p.Name != "demo" || p.RequiresPython != ">=3.10,<3.13" || p.RequiresPythonLine != 7 {
		t.Errorf("project metadata wrong: %+v", p)
	}
	if p.PoetryPython != "^3.10" || p.PoetryPythonLine != 24 {
		t.Errorf("poetry python = %q line %d", p.PoetryPython, p.PoetryPythonLine)
	}
	var got []string
	for _, d := range p.Deps {
		got = append(got, fmt.Sprintf("%s %s %d %s", d.Group, d.Name, d.Line, d.Pin))
	}
	want := []string{
		"project numpy 9 exact", "project torch 10 range", "project requests 11 unpinned",
		"project mylib 12 exact", "project pkg 13 unpinned",
		"optional:gpu cupy 17 exact",
		"dependency-groups:dev pytest 20 range", "dependency-groups:lint ruff 21 exact",
		"poetry gitdep 28 unpinned", "poetry local 27 local", "poetry pandas 25 range", "poetry scipy 26 exact",
		"poetry-group:test hypothesis 31 unpinned",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("deps:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestParseRequirement(t *testing.T) {
	for in, want := range map[string]string{
		"numpy": "numpy|||",
		"NumPy[b, A] >= 1.2 , <2 ; os_name=='nt'": "NumPy|a,b|<2,>=1.2|os_name=='nt'",
		"x (==1.0)": "x||==1.0|",
		"y @ https://h/y-1.0.tar.gz ; python_version<'3'": "y|||python_version<'3'",
	} {
		r, ok := ParseRequirement(in)
		got := fmt.Sprintf("%s|%s|%s|%s", r.Name, strings.Join(r.Extras, ","), r.Specifier, r.Marker)
		if !ok || got != want {
			t.Errorf("ParseRequirement(%q) = %q, want %q", in, got, want)
		}
	}
	if _, ok := ParseRequirement("  ==1.0"); ok {
		t.Error("nameless requirement accepted")
	}
}

func TestPins(t *testing.T) {
	const sha = "0123456789abcdef0123456789abcdef01234567"
	for s, want := range map[string]PinKind{
		"x==1.2.3": Exact, "x===1.0": Exact, "x==1.2.*": Range, "x>=1": Range, "x": Unpinned, "x~=1.4": Range,
		// Direct references: pipreq's verdict, as in requirements files.
		"x @ git+https://h/o/r@" + sha:             Exact,
		"x @ git+https://h/o/r@" + sha + sha[:24]:  Exact, // a SHA-256 repository
		"x @ git+https://h/o/r@v1.0":               Unpinned,
		"x @ https://h/x-1.0.tar.gz":               Unpinned, // no hash: the server can serve other bytes
		"x @ https://h/x-1.0-py3-none-any.whl":     Unpinned,
		"x @ https://h/x-1.0.tar.gz#sha256=" + sha: Exact,
		"x @ file:///opt/x":                        Local,
		"x @ ./vendor/x":                           Unpinned, // not a URL: pip rejects it
		"x (==1.0)":                                Exact,
	} {
		if got := pinOf(s); got != want {
			t.Errorf("pinOf(%q) = %v, want %v", s, got, want)
		}
	}
	for spec, want := range map[string]PinKind{
		"1.2.3": Exact, "==1.2.3": Exact, "^1.2": Range, "~1.2": Range, "*": Unpinned, "1.2.*": Range, ">=1,<2": Range,
	} {
		if got := poetryVersionPin(spec); got != want {
			t.Errorf("poetryVersionPin(%q) = %v, want %v", spec, got, want)
		}
	}
}

// TestUVSources: uv installs a dependency from its [tool.uv.sources]
// entry whatever its version range says.
func TestUVSources(t *testing.T) {
	const sha = "0123456789abcdef0123456789abcdef01234567"
	src := `[project]
name = "app"
dependencies = ["lab-common", "Lab_Train>=0.1", "vendored", "mylib", "pinned-lib", "torch>=2", "both"]
[project.optional-dependencies]
extra = ["lab-common"]
[tool.uv]
dev-dependencies = ["tooling"]
[tool.uv.sources]
lab-common = { workspace = true }
lab-train = { workspace = true }
vendored = { path = "vendor/vendored", editable = true }
mylib = { git = "https://h/o/mylib", branch = "main" }
pinned-lib = { git = "https://h/o/pinned", rev = "` + sha + `" }
torch = { index = "pytorch-cu121" }
tooling = { path = "tools/tooling" }
both = [{ path = "vendor/both", marker = "sys_platform == 'linux'" }, { git = "https://h/o/both", tag = "v1" }]
`
	p, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]PinKind{"lab-common": Local, "Lab_Train": Local, "vendored": Local, "mylib": Unpinned,
		"pinned-lib": Exact, "torch": Range, "tooling": Local, "both": Unpinned}
	for _, d := range p.Deps {
		if w, ok := want[d.Name]; ok && d.Pin != w {
			t.Errorf("%s (%s): %v, want %v", d.Name, d.Group, d.Pin, w)
		}
	}
	if len(p.Deps) != 9 {
		t.Errorf("%d dependencies, want 9: %+v", len(p.Deps), p.Deps)
	}
}

func TestParsePipfile(t *testing.T) {
	pf, err := ParsePipfile([]byte(`[[source]]
url = "https://example.invalid/simple"
verify_ssl = true
name = "pypi"

[packages]
requests = "*"
numpy = "==1.26.4"
flask = {version = ">=3"}

[dev-packages]
pytest = "==8.0.0"

[requires]
python_version = "3.11"
`))
	if err != nil {
		t.Fatal(err)
	}
	if pf.PythonVersion != "3.11" || pf.PythonVersionLine != 15 {
		t.Errorf("python %q line %d", pf.PythonVersion, pf.PythonVersionLine)
	}
	var got []string
	for _, d := range pf.Deps {
		got = append(got, fmt.Sprintf("%s %s %d %s", d.Group, d.Name, d.Line, d.Pin))
	}
	want := "dev-packages pytest 12 exact\npackages flask 9 range\npackages numpy 8 exact\npackages requests 7 unpinned"
	if strings.Join(got, "\n") != want {
		t.Errorf("got\n%s", strings.Join(got, "\n"))
	}
}

func TestSyntaxErrorLine(t *testing.T) {
	_, err := Parse([]byte("[project]\nname = \"x\"\ndependencies = [\n  \"a\",\n  oops\n]\n"))
	e, ok := err.(*Error)
	if !ok || e.Line != 5 {
		t.Fatalf("err = %v, want a line-5 *Error", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("[packages]\na = {version = \"*\"}\n[[source]]\nurl='x'\n"))
	f.Add([]byte("a.b.c = [[1, {x = [\"y\"]}], []]\n[[t]]\n[[t]]\nk = 1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if p, err := Parse(data); err == nil {
			_ = p.IsLibrary()
		}
		_, _ = ParsePipfile(data)
		_ = BuildIndex(data)
	})
}

func TestIndexArrayTables(t *testing.T) {
	ix := BuildIndex([]byte("[[package]]\nname = \"a\"\n\n[[package]]\nname = \"b\"\n[package.metadata]\nrequires-dist = [\n  \"x\",\n]\n[[package.wheels]]\nurl = \"u\"\n[[package]]\nname = \"c\"\n"))
	for path, want := range map[string]int{
		Path("package", "0", "name"): 2, Path("package", "1"): 4, Path("package", "1", "metadata", "requires-dist"): 7,
		Path("package", "1", "metadata", "requires-dist", "0"): 8, Path("package", "1", "wheels", "0", "url"): 11,
		Path("package", "2", "name"): 13,
	} {
		if got := ix[path]; got != want {
			t.Errorf("%q: line %d, want %d", path, got, want)
		}
	}
}

func TestSources(t *testing.T) {
	src := `[project]
name = "app"
dependencies = ["core @ file:///${PROJECT_ROOT}/../core", "util @ file:../util", "abs @ file:///opt/abs", "numpy==1.26.4"]

[tool.poetry.dependencies]
feat = { path = "../feat", develop = true }
wheel = { path = "dist/w-1.0-py3-none-any.whl" }

[tool.poetry.group.dev.dependencies]
tools = { path = "./tools" }

[tool.uv.sources]
svc = { path = "../svc" }
lib = { workspace = true }

[tool.uv.workspace]
members = ["packages/*", "apps/web"]
exclude = ["./packages/legacy"]

[tool.setuptools.packages.find]
where = ["src"]
`
	p, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	s := p.Sources()
	want := Sources{
		PackageDirs:   []string{"src"},
		PathDeps:      []string{"../feat", "tools", "../svc", "../core", "../util"},
		Members:       []string{"packages/*", "apps/web"},
		WorkspaceDeps: []string{"lib"},
		Excludes:      []string{"packages/legacy"},
	}
	if fmt.Sprint(s) != fmt.Sprint(want) {
		t.Errorf("got %+v\nwant %+v", s, want)
	}
}
