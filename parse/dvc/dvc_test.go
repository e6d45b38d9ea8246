package dvc

import (
	"reflect"
	"testing"
)

func TestParseFile(t *testing.T) {
	f, err := ParseFile([]byte(`outs:
- md5: a304afb96060aad90176268345e10355.dir
  size: 1234
  nfiles: 3
  hash: md5
  path: images
`))
	if err != nil {
		t.Fatal(err)
	}
	want := []Out{{Path: "images", Line: 6, MD5: "a304afb96060aad90176268345e10355.dir", Size: 1234}}
	if !reflect.DeepEqual(f.Outs, want) || !f.Outs[0].IsDir() {
		t.Fatalf("outs = %+v", f.Outs)
	}
}

func TestParsePipeline(t *testing.T) {
	p, err := ParsePipeline([]byte(`stages:
  prepare:
    cmd: python src/prepare.py
    deps:
    - data/raw.csv
    - src/prepare.py
    outs:
    - data/prepared
  train:
    cmd: python train.py
    wdir: src
    deps:
    - ../data/prepared
    outs:
    - ../models/model.pkl:
        cache: false
    metrics:
    - ../eval/metrics.json:
        cache: false
  sweep:
    foreach: [a, b]
    do:
      cmd: echo ${item}
      deps:
      - data/${item}.csv
artifacts:
  clf:
    path: models/model.pkl
    type: model
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Stages) != 3 {
		t.Fatalf("stages = %+v", p.Stages)
	}
	tr := p.Stages[1]
	if tr.Name != "train" || tr.Line != 9 || tr.Wdir != "src" || len(tr.Outs) != 2 || !tr.Outs[0].NoCache || tr.Outs[0].Line != 15 {
		t.Errorf("train = %+v", tr)
	}
	if !p.Stages[2].Templated || p.Stages[2].Deps[0].Path != "data/${item}.csv" {
		t.Errorf("foreach = %+v", p.Stages[2])
	}
	if len(p.Artifacts) != 1 || p.Artifacts[0].Path != "models/model.pkl" || p.Artifacts[0].Type != "model" {
		t.Errorf("artifacts = %+v", p.Artifacts)
	}
	if got, ok := Resolve("", tr.Wdir, tr.Deps[0].Path); !ok || got != "data/prepared" {
		t.Errorf("Resolve = %q %v", got, ok)
	}
}

func TestParseErrors(t *testing.T) {
	for src, line := range map[string]int{
		"stages:\n  a:\n    deps: data.csv\n": 3,
		"stages: [a]\n":                       1,
		"outs:\n- path: x\n  md5: [1\n":       3,
		// yaml.v3 names the start of the enclosing block here.
		"stages:\n  a:\n    cmd: x\n   bad: 1\n": 2,
	} {
		_, err := ParsePipeline([]byte(src))
		if e, ok := err.(*Error); !ok || e.Line != line {
			t.Errorf("%q: err = %v, want line %d", src, err, line)
		}
	}
}

func TestResolve(t *testing.T) {
	for _, c := range []struct {
		dir, wdir, p, want string
		ok                 bool
	}{
		{"", "", "data/x.csv", "data/x.csv", true},
		{"sub", "", "../data", "data", true},
		{"", "", "../outside", "", false},
		{"", "", "s3://bucket/x", "", false},
		{"", "", "/abs", "", false},
		{"", "", "data/${item}", "", false},
	} {
		got, ok := Resolve(c.dir, c.wdir, c.p)
		if got != c.want || ok != c.ok {
			t.Errorf("Resolve(%q,%q,%q) = %q,%v", c.dir, c.wdir, c.p, got, ok)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("stages:\n  a:\n    deps: [x]\n    outs:\n    - y: {cache: false}\n"))
	f.Add([]byte("outs:\n- path: a\n  md5: b\n"))
	f.Add([]byte("artifacts:\n  m: {path: m.pkl, type: model}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, parse := range []func([]byte) error{
			func(b []byte) error { _, err := ParseFile(b); return err },
			func(b []byte) error { _, err := ParsePipeline(b); return err },
		} {
			if err := parse(b); err != nil {
				if e, ok := err.(*Error); !ok || e.Line < 1 {
					t.Fatalf("bad error %v", err)
				}
			}
		}
	})
}
