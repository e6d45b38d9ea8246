package pipreq

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseRequirementPinned(t *testing.T) {
	sha := "0123456789abcdef0123456789abcdef01234567"
	tests := []struct {
		in     string
		kind   Kind
		name   string
		pinned bool
		reason string // substring of Unpinned()
	}{
		{"numpy", KindName, "numpy", false, "no version specifier"},
		{"numpy==1.26.4", KindName, "numpy", true, ""},
		{"numpy == 1.26.4", KindName, "numpy", true, ""},
		{"NumPy==1.26", KindName, "NumPy", true, ""},
		{"pandas>=2.0", KindName, "pandas", false, `">=2.0" allows more than one version`},
		{"torch==2.0.*", KindName, "torch", false, "wildcard"},
		{"torch!=2.0.1", KindName, "torch", false, "allows"},
		{"requests~=2.31", KindName, "requests", false, "allows"},
		{"foo===1.0-custom", KindName, "foo", true, ""},
		{"foo>=1,<2", KindName, "foo", false, `">=1,<2"`},
		{"foo (>=1, <2)", KindName, "foo", false, "allows"},
		{"foo>=1,==1.5", KindName, "foo", true, ""},
		{"scikit-learn==1.2.2", KindName, "scikit-learn", true, ""},
		{"torch==2.0.1+cu118", KindName, "torch", true, ""},
		{"foo==1.0.post1.dev2", KindName, "foo", true, ""},
		{"foo==v1.0rc1", KindName, "foo", true, ""},
		{"foo==1!2.0", KindName, "foo", true, ""},
		{"requests[security,socks]==2.31.0", KindName, "requests", true, ""},
		{"requests [security] >= 2.8.1, == 2.8.* ; python_version < \"2.7\"", KindName, "requests", false, `">=2.8.1,==2.8.*" allows`},
		{`foo==1.0; python_version >= "3.8" and sys_platform != 'win32'`, KindName, "foo", true, ""},
		{`foo; os_name=="posix"`, KindName, "foo", false, "no version"},
		// A wheel's file name names a version, but the server can serve
		// other bytes under it: a direct URL pins only with a hash.
		{"pip @ https://example.invalid/pip-23.0-py3-none-any.whl", KindURL, "pip", false, "hash"},
		{"pip @ https://example.invalid/pip-23.0-py3-none-any.whl#sha256=abcd", KindURL, "pip", true, ""},
		{"pip @ https://example.invalid/pip-23.0.tar.gz", KindURL, "pip", false, "hash"},
		{"pip @ https://example.invalid/pip-23.0.tar.gz#sha256=abcd", KindURL, "pip", true, ""},
		{"https://example.invalid/foo-1.0.tar.gz#egg=foo", KindURL, "foo", false, "hash"},
		{"git+https://example.invalid/org/repo.git@main#egg=x", KindVCS, "x", false, `revision "main"`},
		{"git+https://example.invalid/org/repo.git@" + sha + "#egg=x", KindVCS, "x", true, ""},
		{"git+https://example.invalid/org/repo.git#egg=x", KindVCS, "x", false, "no revision"},
		{"git+https://example.invalid/org/repo.git@abc1234#egg=x", KindVCS, "x", false, "short hash"},
		{"x @ git+https://example.invalid/org/repo.git@" + sha, KindVCS, "x", true, ""},
		{"x @ git+https://example.invalid/org/repo.git@" + sha + sha[:24], KindVCS, "x", true, ""}, // SHA-256 repository
		{"x @ git+ssh://git@example.invalid/org/repo.git@v1.0", KindVCS, "x", false, `"v1.0"`},
		{"svn+https://svn.example.invalid/repo/trunk@1234#egg=z", KindVCS, "z", true, ""},
		{"hg+https://hg.example.invalid/repo@default#egg=z", KindVCS, "z", false, "default"},
		{"./local/pkg", KindPath, "", true, ""},
		{".", KindPath, "", true, ""},
		{"./pkg[dev]", KindPath, "", true, ""},
		{"dist/mypkg-1.0.tar.gz", KindPath, "", true, ""},
		{"wheels/torch-2.0.0-cp310-cp310-linux_x86_64.whl", KindPath, "torch", true, ""},
		{"file:///opt/wheels/foo-1.0-py3-none-any.whl", KindPath, "foo", true, ""},
		{"foo-1.0.tar.gz", KindPath, "", true, ""},
	}
	for _, tt := range tests {
		r, err := ParseRequirement(tt.in)
		if err != nil {
			t.Errorf("ParseRequirement(%q): %v", tt.in, err)
			continue
		}
		if r.Kind != tt.kind || r.Name != tt.name {
			t.Errorf("ParseRequirement(%q) = kind %v name %q, want %v %q", tt.in, r.Kind, r.Name, tt.kind, tt.name)
		}
		if r.Pinned() != tt.pinned {
			t.Errorf("ParseRequirement(%q).Pinned() = %v (%s), want %v", tt.in, r.Pinned(), r.Unpinned(), tt.pinned)
		}
		if !strings.Contains(r.Unpinned(), tt.reason) {
			t.Errorf("ParseRequirement(%q).Unpinned() = %q, want it to contain %q", tt.in, r.Unpinned(), tt.reason)
		}
	}
}

func TestParseRequirementFields(t *testing.T) {
	r, err := ParseRequirement(`requests [security , socks] (>= 2.8.1, == 2.8.*) ; python_version < "2.7"`)
	if err != nil {
		t.Fatal(err)
	}
	want := Requirement{
		Raw: r.Raw, Kind: KindName, Name: "requests", Extras: []string{"security", "socks"},
		Specifiers: []Specifier{{">=", "2.8.1"}, {"==", "2.8.*"}},
		Marker:     `python_version < "2.7"`,
	}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("got %+v\nwant %+v", r, want)
	}

	r, err = ParseRequirement("git+https://user@example.invalid/org/repo.git@v1.2.3#egg=pkg&subdirectory=sub")
	if err != nil {
		t.Fatal(err)
	}
	if r.VCS != "git" || r.Repo != "https://user@example.invalid/org/repo.git" || r.Ref != "v1.2.3" || r.Name != "pkg" {
		t.Errorf("vcs parts = %q %q %q %q", r.VCS, r.Repo, r.Ref, r.Name)
	}
	// A URL requirement takes a marker only after "; ".
	r, err = ParseRequirement(`https://example.invalid/x-1.0-py3-none-any.whl; sys_platform == "linux"`)
	if err != nil || r.Marker != `sys_platform == "linux"` || r.Name != "x" {
		t.Errorf("url with marker: %+v %v", r, err)
	}
	if CanonicalName("Scikit_Learn.Extra") != "scikit-learn-extra" {
		t.Errorf("CanonicalName = %q", CanonicalName("Scikit_Learn.Extra"))
	}
}

func TestParseRequirementErrors(t *testing.T) {
	bad := []string{
		"",
		"numpy>=",
		"numpy=1.0",
		"numpy==1.0,",
		"numpy==abc",
		"numpy~=1",
		"numpy>=1.0.*",
		"numpy==1.0 extra",
		"numpy[",
		"numpy[a b]",
		"foo (>=1.0",
		"foo; bogus_var == '1'",
		"foo; python_version >",
		"foo; python_version == '3' and",
		"foo; (python_version == '3'",
		"foo; python_version == '3",
		"foo @",
		"foo @ notaurl",
		"git+git@example.invalid:org/repo.git@0123456789abcdef0123456789abcdef01234567#egg=y", // pip: not a url
		"-e .",
		"$PKG",
	}
	for _, in := range bad {
		if r, err := ParseRequirement(in); err == nil {
			t.Errorf("ParseRequirement(%q) = %+v, want an error", in, r)
		}
	}
}

func TestMarkers(t *testing.T) {
	good := []string{
		`python_version >= "3.8"`,
		`python_version >= "3.8" and (sys_platform == "linux" or sys_platform == "darwin")`,
		`"linux" in sys_platform`,
		`platform_machine not in "x86_64 aarch64"`,
		`extra == 'test'`,
		`os.name == "posix"`,
		`implementation_name=="cpython"and python_version<"3.12"`,
	}
	for _, m := range good {
		if err := validateMarker(m); err != nil {
			t.Errorf("validateMarker(%q): %v", m, err)
		}
	}
	bad := []string{`python_version`, `python_version >= `, `foo == "1"`, `python_version == "3" or`, `not in "x"`, `(python_version == "3"))`, `python_version notin "3"`}
	for _, m := range bad {
		if err := validateMarker(m); err == nil {
			t.Errorf("validateMarker(%q) = nil, want an error", m)
		}
	}
}

func TestEditable(t *testing.T) {
	tests := []struct {
		in     string
		kind   Kind
		pinned bool
		err    bool
	}{
		{".", KindPath, true, false},
		{"./pkg[dev]", KindPath, true, false},
		{"path/to/project", KindPath, true, false},
		{"git+https://example.invalid/o/r.git@main#egg=x", KindVCS, false, false},
		{"git+https://example.invalid/o/r.git@0123456789abcdef0123456789abcdef01234567#egg=x", KindVCS, true, false},
		{"git://example.invalid/o/r.git@main#egg=x", KindVCS, false, false},
		{"https://example.invalid/x.tar.gz", KindURL, false, true},
		{"", KindName, false, true},
	}
	for _, tt := range tests {
		r, err := ParseEditable(tt.in)
		if (err != nil) != tt.err {
			t.Errorf("ParseEditable(%q) error = %v, want error %v", tt.in, err, tt.err)
			continue
		}
		if err != nil {
			continue
		}
		if !r.Editable || r.Kind != tt.kind || r.Pinned() != tt.pinned {
			t.Errorf("ParseEditable(%q) = editable %v kind %v pinned %v, want %v %v", tt.in, r.Editable, r.Kind, r.Pinned(), tt.kind, tt.pinned)
		}
	}
}

func TestIsFullCommit(t *testing.T) {
	for _, tt := range []struct {
		vcs, ref string
		want     bool
	}{
		{"git", strings.Repeat("a", 40), true},
		{"git", strings.Repeat("A", 64), true},
		{"git", strings.Repeat("a", 39), false},
		{"git", strings.Repeat("g", 40), false},
		{"hg", strings.Repeat("0", 40), true},
		{"svn", "r1234", true},
		{"svn", "trunk", false},
		{"bzr", "42", false},
	} {
		if got := IsFullCommit(tt.vcs, tt.ref); got != tt.want {
			t.Errorf("IsFullCommit(%q, %q) = %v", tt.vcs, tt.ref, got)
		}
	}
}
