package setuppy

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func addSeeds(f *testing.F, ext string) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*"+ext))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

// lineCount is the number of lines a position may name.
func lineCount(src []byte) int { return bytes.Count(src, []byte("\n")) + 1 }

func checkLines(t *testing.T, src []byte, s *Setup) {
	t.Helper()
	n := lineCount(src)
	in := func(what string, l int) {
		if l < 0 || l > n {
			t.Fatalf("%s at line %d of a %d-line input", what, l, n)
		}
	}
	in("setup", s.Line)
	in("ext_modules", s.ExtModulesLine)
	if s.Name != nil {
		in("name", s.Name.Line)
	}
	for k, l := range s.Keywords {
		in("keyword "+k, l)
	}
	for _, f := range []*Field{s.InstallRequires, s.ExtrasRequire} {
		if f == nil {
			continue
		}
		in("field", f.Line)
		for _, r := range f.Requirements {
			in("requirement "+r.Text, r.Line)
			if r.Text != strings.TrimSpace(r.Text) || (r.Text == "" && r.Err == nil) {
				t.Fatalf("requirement text %q is not trimmed, or empty and valid", r.Text)
			}
			_ = r.Unpinned()
		}
		for _, fr := range f.Files {
			in("file "+fr.Path, fr.Line)
		}
	}
	for _, e := range s.Extensions {
		in("extension", e.Line)
	}
	for _, e := range s.Errors {
		in("error", e.Line)
	}
}

func FuzzSetupPy(f *testing.F) {
	addSeeds(f, ".py")
	for _, s := range []string{
		"setup(install_requires=['a'])",
		"x = ['a']\nx += ['b']\nsetup(install_requires=x, extras_require={'a': x, **y})",
		"with open('r.txt') as f: r = f.read()\nsetup(install_requires=r)",
		"setup(install_requires=\"\"\"\na\n# c\n\"\"\")",
		"a = b\nb = a\nsetup(install_requires=a, python_requires=b)",
		"setup(install_requires=((((['a'])))), extras_require=dict(x=['b'], **z))",
		"P = {'a': ['*.txt'], '*': 'x'}\nsetup(name=N, package_data=P, include_package_data=(True))",
		"setup(package_data=dict(a=, b=[1, 'x']), package_data={1: 2, 'c': ()})",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := ParseSetupPy(src)
		if err != nil {
			return
		}
		checkLines(t, src, s)
	})
}

func FuzzSetupCfg(f *testing.F) {
	addSeeds(f, ".cfg")
	for _, s := range []string{
		"[options]\ninstall_requires =\n  a\n  b\n",
		"[options]\ninstall_requires = a; b\n[options.extras_require]\nx = file: r.txt, s.txt\n",
		"[metadata]\nname =\n[options]\ninclude_package_data = maybe\n[options.package_data]\n* = ,a,\n  b\n",
		"x\n[\n]\n[[a]]\n = \n:\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkLines(t, src, ParseSetupCfg(src))
	})
}
