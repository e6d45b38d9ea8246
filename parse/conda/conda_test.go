package conda

import (
	"fmt"
	"strings"
	"testing"
)

func TestParseMatchSpec(t *testing.T) {
	for in, want := range map[string]string{
		"numpy":                               "|numpy|||unpinned",
		"numpy=1.24":                          "|numpy|=1.24||fuzzy",
		"numpy=1.24.*":                        "|numpy|=1.24.*||fuzzy",
		"numpy=1.24.3":                        "|numpy|=1.24.3||exact",
		"numpy=1.24=py311_0":                  "|numpy|=1.24|py311_0|exact",
		"numpy==1.24.3":                       "|numpy|==1.24.3||exact",
		"numpy==1.24.3=py311h64a7726_0":       "|numpy|==1.24.3|py311h64a7726_0|exact",
		"numpy==1.24.*":                       "|numpy|==1.24.*||fuzzy",
		"numpy >=1.24":                        "|numpy|>=1.24||range",
		"numpy>=1.2,<2":                       "|numpy|>=1.2,<2||range",
		"numpy 1.24|1.25":                     "|numpy|1.24|1.25||range",
		"numpy 1.24.3 py311_0":                "|numpy|1.24.3|py311_0|exact",
		"numpy 1.24*":                         "|numpy|1.24*||fuzzy",
		"conda-forge::numpy=1.24.3":           "conda-forge|numpy|=1.24.3||exact",
		"numpy[version='>=1.2', build=py3_0]": "|numpy|>=1.2|py3_0|range",
		"python=3.10":                         "|python|=3.10||fuzzy",
		"pytorch::pytorch-cuda=12.1":          "pytorch|pytorch-cuda|=12.1||exact", // only 11.8, 12.1, 12.4 ... exist
		"cuda-version=12.4":                   "|cuda-version|=12.4||exact",
		"tzdata=2024a":                        "|tzdata|=2024a||exact",
		"pytorch-cuda=12.*":                   "|pytorch-cuda|=12.*||fuzzy",
		"numpy  # a comment":                  "|numpy|||unpinned",
	} {
		m, ok := ParseMatchSpec(in)
		got := fmt.Sprintf("%s|%s|%s|%s|%s", m.Channel, m.Name, m.Version, m.Build, m.Pin)
		if !ok || got != want {
			t.Errorf("ParseMatchSpec(%q) = %s, want %s", in, got, want)
		}
	}
	if _, ok := ParseMatchSpec(">=1"); ok {
		t.Error("nameless spec accepted")
	}
}

func TestParseEnv(t *testing.T) {
	env, err := Parse([]byte(`name: ml
channels:
  - conda-forge
  - defaults
dependencies:
  - python=3.10
  - numpy
  - pip
  - pip: [transformers, wandb==0.15.0]
  - pip:
      - -r requirements.txt
`))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range env.Deps {
		got = append(got, fmt.Sprintf("%s@%d:%d", d.Value, d.Line, d.Col))
	}
	for _, d := range env.Pip {
		got = append(got, fmt.Sprintf("pip %s@%d:%d", d.Value, d.Line, d.Col))
	}
	want := "python=3.10@6:5 numpy@7:5 pip@8:5 pip transformers@9:11 pip wandb==0.15.0@9:25 pip -r requirements.txt@11:9"
	if strings.Join(got, " ") != want || env.ChannelsLine != 2 || len(env.Channels) != 2 || env.PipLine != 10 {
		t.Errorf("got %s (channels line %d, pip line %d)\nwant %s", strings.Join(got, " "), env.ChannelsLine, env.PipLine, want)
	}
}

func TestParseErrors(t *testing.T) {
	for in, line := range map[string]int{
		"name: x\ndependencies:\n  - a\n  - [b\n": 4, // the line of the open flow sequence (yaml.v3 says 3: it counts its parser errors from 0)
		"- a\n- b\n":                      1,
		"dependencies:\n  - conda: [x]\n": 2,
		"dependencies: numpy\n":           1,
	} {
		_, err := Parse([]byte(in))
		e, ok := err.(*Error)
		if !ok || e.Line != line {
			t.Errorf("Parse(%q) = %v, want an error on line %d", in, err, line)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("name: x\nchannels: [conda-forge]\ndependencies:\n  - numpy=1.24\n  - pip:\n    - torch==2.0\n"))
	f.Add([]byte("dependencies:\n  - conda-forge::numpy[version='>=1', build=x]\n  - a 1.2 b\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		env, err := Parse(data)
		if err != nil {
			return
		}
		for _, d := range env.Deps {
			ParseMatchSpec(d.Value)
		}
	})
}

func FuzzMatchSpec(f *testing.F) {
	for _, s := range []string{"numpy", "a=1=b", "c::d[version='1']", "x 1|2", "==", "=", "a["} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, ok := ParseMatchSpec(s)
		if ok && m.Name == "" {
			t.Fatal("ok without a name")
		}
	})
}

func TestLooksLikeEnv(t *testing.T) {
	for _, c := range []struct {
		src  string
		want bool
	}{
		{"name: x\nchannels: [conda-forge]\ndependencies: [numpy]\n", true},
		{"name: x\ndependencies:\n  - python=3.10\n  - mfcc\n", true},
		{"dependencies:\n  - numpy==1.26.4\n", true},
		{"dependencies:\n  - pip:\n    - torch==2.2.1\n", true},
		{"name: kws\ndependencies: [mfcc, specaugment]\n", false},                          // words, nothing only conda says
		{"defaults: [model]\nchannels: [a]\ndependencies: [python=3.10]\n", false},         // a key conda does not know
		{"name: x\nchannels: [conda-forge]\n", false},                                      // no dependencies
		{"name: x\nchannels: [conda-forge]\ndependencies: []\nvariables: {A: b}\n", false}, // empty
	} {
		env, err := Parse([]byte(c.src))
		if err != nil {
			t.Fatalf("%q: %v", c.src, err)
		}
		if got := env.LooksLikeEnv(); got != c.want {
			t.Errorf("%q: LooksLikeEnv() = %v, want %v", c.src, got, c.want)
		}
	}
}
