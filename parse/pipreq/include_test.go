package pipreq

import (
	"errors"
	"io/fs"
	"reflect"
	"testing"
)

func mapReader(files map[string]string) (ReadFunc, *int) {
	n := 0
	return func(p string) ([]byte, error) {
		n++
		c, ok := files[p]
		if !ok {
			return nil, &fs.PathError{Op: "read", Path: p, Err: fs.ErrNotExist}
		}
		if c == "<unreadable>" {
			return nil, errors.New("permission denied")
		}
		return []byte(c), nil
	}, &n
}

func TestLoadIncludes(t *testing.T) {
	read, reads := mapReader(map[string]string{
		"requirements.txt":                 "-r requirements/base.txt\n-c constraints.txt\nnumpy\n",
		"requirements/base.txt":            "-r common.txt\n-r ../requirements/common.txt\npandas\n-r missing.txt\n",
		"requirements/common.txt":          "six==1.16.0\n-r ../../outside.txt\n-r https://example.invalid/r.txt\n-r /etc/r.txt\n-r locked.txt\n",
		"requirements/locked.txt":          "<unreadable>",
		"constraints.txt":                  "numpy==1.26.4\npandas>=2\n-r requirements/from-constraint.txt\n",
		"requirements/from-constraint.txt": "attrs==23.1.0\n",
	})
	l := &Loader{Read: read}
	s, err := l.Load("requirements.txt", false)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, f := range s.Files {
		files = append(files, f.Path)
	}
	wantFiles := []string{"requirements.txt", "requirements/base.txt", "requirements/common.txt", "constraints.txt", "requirements/from-constraint.txt"}
	if !reflect.DeepEqual(files, wantFiles) {
		t.Errorf("files = %q", files)
	}
	type edge struct {
		From, Resolved string
		Line           int
		Problem        EdgeProblem
	}
	var edges []edge
	for _, e := range s.Edges {
		edges = append(edges, edge{e.From, e.Resolved, e.Line, e.Problem})
	}
	wantEdges := []edge{
		{"requirements.txt", "requirements/base.txt", 1, EdgeOK},
		{"requirements/base.txt", "requirements/common.txt", 1, EdgeOK},
		{"requirements/common.txt", "../outside.txt", 2, EdgeOutside},
		{"requirements/common.txt", "https://example.invalid/r.txt", 3, EdgeRemote},
		{"requirements/common.txt", "/etc/r.txt", 4, EdgeOutside},
		{"requirements/common.txt", "requirements/locked.txt", 5, EdgeUnreadable},
		{"requirements/base.txt", "requirements/common.txt", 2, EdgeOK},
		{"requirements/base.txt", "requirements/missing.txt", 4, EdgeMissing},
		{"requirements.txt", "constraints.txt", 2, EdgeOK},
		{"constraints.txt", "requirements/from-constraint.txt", 3, EdgeOK},
	}
	if !reflect.DeepEqual(edges, wantEdges) {
		t.Errorf("edges:\n got  %+v\n want %+v", edges, wantEdges)
	}
	if !s.Constraint["constraints.txt"] || s.Requirement["constraints.txt"] {
		t.Errorf("constraints.txt roles: %v %v", s.Constraint, s.Requirement)
	}
	// pip: "-r" inside a constraints file reads a requirements file.
	if !s.Requirement["requirements/from-constraint.txt"] {
		t.Errorf("from-constraint.txt should be a requirements file: %v", s.Requirement)
	}
	pins := s.ConstraintPins()
	if !pins["numpy"] || pins["pandas"] {
		t.Errorf("constraint pins = %v", pins)
	}
	if hm, _ := s.HashMode(); hm {
		t.Error("hash mode without hashes")
	}
	// A second root reuses the parsed files.
	before := *reads
	if _, err := l.Load("requirements/base.txt", false); err != nil {
		t.Fatal(err)
	}
	if *reads != before {
		t.Errorf("second load read %d more files", *reads-before)
	}
	if _, err := l.Load("nope.txt", false); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing root: %v", err)
	}
}

func TestLoadCycle(t *testing.T) {
	read, _ := mapReader(map[string]string{
		"a.txt":     "-r b.txt\nfoo==1\n",
		"b.txt":     "-r sub/c.txt\n",
		"sub/c.txt": "-r ../a.txt\n-r c.txt\n",
	})
	s, err := (&Loader{Read: read}).Load("a.txt", false)
	if err != nil {
		t.Fatal(err)
	}
	var cycles [][]string
	for _, e := range s.Edges {
		if e.Problem == EdgeCycle {
			cycles = append(cycles, e.Chain)
		}
	}
	want := [][]string{{"a.txt", "b.txt", "sub/c.txt", "a.txt"}, {"sub/c.txt", "sub/c.txt"}}
	if !reflect.DeepEqual(cycles, want) {
		t.Errorf("cycles = %q", cycles)
	}
}

func TestHashMode(t *testing.T) {
	read, _ := mapReader(map[string]string{
		"r.txt":   "-r inc.txt\nfoo==1.0\n",
		"inc.txt": "bar==2.0 --hash=sha256:abcd\n",
		"q.txt":   "-c c.txt\nfoo==1.0\n",
		"c.txt":   "--require-hashes\n",
		"n.txt":   "-c hc.txt\nfoo==1.0\n",
		"hc.txt":  "foo==1.0 --hash=sha256:abcd\n",
	})
	l := &Loader{Read: read}
	for root, want := range map[string]bool{"r.txt": true, "q.txt": true, "n.txt": false} {
		s, err := l.Load(root, false)
		if err != nil {
			t.Fatal(err)
		}
		if got, why := s.HashMode(); got != want {
			t.Errorf("%s: HashMode = %v (%s), want %v", root, got, why, want)
		}
	}
}
