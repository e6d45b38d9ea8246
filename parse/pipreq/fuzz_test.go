package pipreq

import (
	"strings"
	"testing"
)

var fuzzSeeds = []string{
	"numpy\npandas>=2.0\ntorch==2.0.*\nscikit-learn==1.2.2\n-e git+https://h/o/x.git@main#egg=x\n",
	"certifi==2024.2.2 \\\n    --hash=sha256:0569 \\\n    --hash=sha256:dc38\n    # via requests\n",
	"-r base.txt\n-c constraints.txt\n--require-hashes\n-i https://h/simple\n--extra-index-url=https://h/x\n",
	"requests [security] >= 2.8.1, == 2.8.* ; python_version < \"2.7\"\n",
	"foo @ https://h/foo-1.0-py3-none-any.whl ; sys_platform == 'linux' and (extra == \"x\" or os_name != 'nt')\n",
	"git+https://${TOKEN}@h/o/r.git@0123456789abcdef0123456789abcdef01234567#egg=r&subdirectory=s\n",
	"./pkg[dev]\n-e .\nfile:///x/y-1.0-py3-none-any.whl\n\"unterminated\n-r\n--hash\n\\\n",
	"foo (>=1, <2)\nbar~=1.4.2\nbaz===weird\nq; platform_machine not in 'x86_64'\n",
}

// FuzzParseFile: any content parses without panicking, line numbers stay
// within the file, and every requirement has a pin verdict.
func FuzzParseFile(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		file := ParseFile("requirements.txt", []byte(src), &Options{Getenv: func(k string) (string, bool) { return "v" + k, true }})
		n := strings.Count(src, "\n") + 1
		for _, l := range file.Lines {
			if l.Line < 1 || l.EndLine < l.Line || l.EndLine > n || l.Col < 1 {
				t.Fatalf("bad line span %d-%d col %d (file has %d lines)", l.Line, l.EndLine, l.Col, n)
			}
			if l.Req != nil {
				_ = l.Req.Unpinned()
			}
		}
		for _, e := range file.Errors {
			if e.Line < 1 || e.Line > n {
				t.Fatalf("error on line %d of %d: %v", e.Line, n, e)
			}
		}
		// Includes resolve without panicking and never escape the root.
		for _, inc := range file.Includes {
			if p, prob := Resolve("requirements.txt", inc.Target); prob == EdgeOK && (strings.HasPrefix(p, "../") || strings.HasPrefix(p, "/")) {
				t.Fatalf("Resolve(%q) = %q escapes the repository", inc.Target, p)
			}
		}
	})
}

// FuzzParseRequirement: any string parses or errors without panicking;
// a pinned name requirement has an exact specifier.
func FuzzParseRequirement(f *testing.F) {
	for _, s := range fuzzSeeds {
		for _, line := range strings.Split(s, "\n") {
			f.Add(line)
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRequirement(s)
		if err != nil {
			return
		}
		if r.Kind == KindName && r.Pinned() {
			exact := false
			for _, sp := range r.Specifiers {
				exact = exact || sp.Op == "===" || (sp.Op == "==" && !sp.Wildcard())
			}
			if !exact {
				t.Fatalf("%q pinned without an exact specifier: %+v", s, r.Specifiers)
			}
		}
		_, _ = ParseEditable(s)
		_ = ParseInstallArgs(strings.Fields(s))
	})
}

// FuzzLoad: include graphs of arbitrary content terminate.
func FuzzLoad(f *testing.F) {
	f.Add("-r b.txt\nfoo\n", "-r a.txt\n-c a.txt\n-r ../x\n")
	f.Fuzz(func(t *testing.T, a, b string) {
		files := map[string]string{"a.txt": a, "b.txt": b, "d/a.txt": b}
		read, _ := mapReader(files)
		s, err := (&Loader{Read: read}).Load("a.txt", false)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Files) > len(files) {
			t.Fatalf("%d files visited", len(s.Files))
		}
		_, _ = s.HashMode()
		_ = s.ConstraintPins()
	})
}

// FuzzVersion: ParseVersion never panics and Compare is a consistent
// order (antisymmetric, reflexive) on what parses.
func FuzzVersion(f *testing.F) {
	for _, s := range []string{"1.0", "1.0a1", "1!2.0.post3.dev4+ubuntu.1", "v1.0-1", "1.0.DEV", "2.0+5"} {
		f.Add(s, "1.0")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		va, errA := ParseVersion(a)
		vb, errB := ParseVersion(b)
		if errA != nil || errB != nil {
			return
		}
		if Compare(va, va) != 0 {
			t.Fatalf("Compare(%q, itself) != 0", a)
		}
		if Compare(va, vb) != -Compare(vb, va) {
			t.Fatalf("Compare(%q, %q) not antisymmetric", a, b)
		}
		for _, op := range specOps {
			_ = Specifier{Op: op, Version: b}.Contains(va)
			_ = Specifier{Op: op, Version: b + ".*"}.Contains(va)
		}
	})
}
