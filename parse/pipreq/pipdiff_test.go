package pipreq

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/internal/testenv"
)

// pipDiffCorpus are requirements files whose parse must agree with pip's
// own parser (testdata/pipdiff.py). Local paths are left out: pip consults
// the file system for those.
var pipDiffCorpus = []string{
	"numpy\npandas>=2.0\ntorch==2.0.*\nscikit-learn==1.2.2\n-e git+https://example.invalid/org/x.git@main#egg=x\n" +
		"git+https://example.invalid/org/y.git@0123456789abcdef0123456789abcdef01234567#egg=y\n",
	"docopt == 0.6.1             # Version Matching. Must be version 0.6.1\nkeyring >= 4.1.1\ncoverage != 3.5\nMopidy-Dirble ~= 1.1\n",
	"SomeProject\nSomeProject == 1.3\nSomeProject >= 1.2, < 2.0\nSomeProject[foo, bar]\nSomeProject ~= 1.4.2\n" +
		"SomeProject == 5.4 ; python_version < '3.8'\nSomeProject ; sys_platform == 'win32'\n" +
		"requests [security] >= 2.8.1, == 2.8.* ; python_version < \"2.7\"\n",
	"FooProject == 1.2 --hash=sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824 \\\n" +
		"                  --hash=sha256:486ea46224d1bb4fb680f34f7c9ad96a8f24ec88be73ea8e5a6c65260e9cb8a7\n",
	"#\n# comment \\\nfoo==1\nbar \\\n  >=2 \\\n  # trailing comment\nbaz\n",
	"https://example.invalid/pkg-1.0.tar.gz#egg=pkg\npip @ https://example.invalid/pip-23.0-py3-none-any.whl\n" +
		"x @ git+https://example.invalid/o/x.git@v1 ; python_version >= '3'\n",
	"-i https://example.invalid/simple\n--extra-index-url=https://example.invalid/x\n--pre\n--trusted-host example.invalid\n" +
		"--only-binary :all:\n--no-binary=foo\n--prefer-binary\n--require-hashes\nfoo==1.0 --hash=sha256:ab\n",
	"FooProject >= 1.2 --global-option=\"--no-user-cfg\" --config-settings=\"--build-option=--no-user-cfg\"\n",
	"foo==${VERSION}\ngit+https://${TOKEN}@example.invalid/o/r.git@${REV}#egg=r\n",
	"foo\nbar==${lower}\n", // legacy
	"numpy=1.0\nfoo\n",
	"foo\n--install-option=x\n",
	"foo\nbar==1.0 --hash=md5:abc\n",
	"foo\n-r\n",
	"foo\nbar==2.0#comment-less\n", // legacy
	"foo\nbaz; bogus_var == '1'\n",
	"foo\nqux~=1\n",
	"foo\nquux>=1.0.*\n", // legacy
	"foo\n-e https://example.invalid/not-vcs.tar.gz\n",
	"foo (>=1,<2)\nbar[a,b]==1.0;python_version>\"3.6\"\nBaz_Qux.Z===1.0.weird\n",
	"  indented==1.0  \n\tTabbed==2.0\n",
	"foo==1.0+local.7\nbar==1!2.0.post3.dev4\nbaz==v1.0RC1\n",
	"foo\\\n==1.0\n",
	"foo==1.0 \\\n",
	"\ufefffoo==1.0\r\nbar>=1\r\n",
	"foo ; python_version >= '3' and (os_name == 'posix' or platform_machine not in 'x86_64')\n",
	"--use-feature=truststore\nfoo==1\n",
	"foo==1.0 --config-settings x=y -C a=b\n",
	"svn+https://svn.example.invalid/repo/trunk@1234#egg=z\nhg+https://hg.example.invalid/repo@default#egg=w\n",
	"foo\n--hash=sha256:abc\nbar\n",
	"foo --pre\nbar\n",
	"foo;\nbar ; \n",
	"Foo_Bar.baz-e git+https://example.invalid/o/r.git@v1#egg=r\n",
	"git+https://example.invalid/o/r.git@0123456789abcdef0123456789abcdef01234567#egg=q'\n",
	"-e git+https://example.invalid/o/r.git@v1#egg=r$V; python_version>'3'\n",
	"==-i https://example.invalid/s\n",
	"x @ https://example.invalid/p-1.0-py3-none-any.whl;python_version>'3'\ny @ git+https://example.invalid/o/r@main;\n",
	"git+https://example.invalid/o/r.git@v1#egg=q!=1.*\n", // legacy
}

type pipDiffReq struct {
	Line     int      `json:"line"`
	Name     *string  `json:"name"`
	Editable bool     `json:"editable"`
	Specs    []string `json:"specs"`
	URL      *string  `json:"url"`
	Hashes   int      `json:"hashes"`
}

type pipDiffResult struct {
	Reqs       []pipDiffReq `json:"reqs"`
	ErrorLine  *int         `json:"error_line"`
	ErrorAfter *int         `json:"error_after"`
	Error      *string      `json:"error"`
}

// sincePip are corpus entries where pipreq follows a newer pip than some
// installed ones, with the first pip version (major*100+minor) that agrees;
// the comparison is skipped with an older pip:
//   - 23.1 added --config-settings to requirements files and removed
//     --install-option;
//   - before 24.1 pip's packaging fell back to LegacySpecifier for
//     versions that are not PEP 440 ("==${lower}", "==2.0#x", ">=1.0.*");
//   - before 25.0 pip read "#egg=" as a whole requirement (deprecated).
var sincePip = map[string]int{
	"FooProject >= 1.2 --global-option=\"--no-user-cfg\" --config-settings=\"--build-option=--no-user-cfg\"\n": 2301,
	"foo\n--install-option=x\n":                           2301,
	"foo==1.0 --config-settings x=y -C a=b\n":             2301,
	"foo\nbar==${lower}\n":                                2401,
	"foo\nbar==2.0#comment-less\n":                        2401,
	"foo\nquux>=1.0.*\n":                                  2401,
	"git+https://example.invalid/o/r.git@v1#egg=q!=1.*\n": 2500,
}

// pipOlder reports whether pip version v is older than major*100+minor.
func pipOlder(v string, than int) bool {
	var major, minor int
	fmt.Sscanf(v, "%d.%d", &major, &minor)
	return major*100+minor < than
}

var diffEnv = map[string]string{"VERSION": "1.2.3", "TOKEN": "tok", "REV": "0123456789abcdef0123456789abcdef01234567"}

// TestAgainstPip compares ParseFile with pip's parser on the corpus: the
// same requirement lines (line, name, editable, specifiers, URL, hash
// count) up to pip's first error, and an error on the same line. It runs
// when python3 with pip is installed and is skipped otherwise.
func TestAgainstPip(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns python")
	}
	py, err := exec.LookPath("python3")
	if err != nil || exec.Command(py, "-c", "import pip._internal.req.req_file").Run() != nil {
		testenv.Missing(t, "python3 with pip is not installed")
	}
	in, _ := json.Marshal(pipDiffCorpus)
	cmd := exec.Command(py, "testdata/pipdiff.py")
	cmd.Stdin = bytes.NewReader(in)
	cmd.Env = []string{"PATH=/usr/bin:/bin", "PIP_NO_INDEX=1", "PIP_DISABLE_PIP_VERSION_CHECK=1"}
	for k, v := range diffEnv {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pipdiff.py: %v\n%s", err, stderr.String())
	}
	var res struct {
		Pip     string          `json:"pip"`
		Results []pipDiffResult `json:"results"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatal(err)
	}
	want := res.Results
	t.Logf("comparing with pip %s", res.Pip)
	for i, src := range pipDiffCorpus {
		if v, ok := sincePip[src]; ok && pipOlder(res.Pip, v) {
			continue
		}
		f := ParseFile("requirements.txt", []byte(src), &Options{Getenv: func(k string) (string, bool) { v, ok := diffEnv[k]; return v, ok }})
		firstErr := 0
		if len(f.Errors) > 0 {
			firstErr = f.Errors[0].Line
		}
		pipErr := 0
		if want[i].ErrorLine != nil {
			pipErr = *want[i].ErrorLine
		}
		if a := want[i].ErrorAfter; a != nil && firstErr > *a {
			pipErr = firstErr // pip does not say which line; any after *a agrees
		}
		if firstErr != pipErr {
			errMsg := ""
			if want[i].Error != nil {
				errMsg = *want[i].Error
			}
			t.Errorf("corpus %d: first error on line %d, pip: line %d (%s)\n%v\n%q", i, firstErr, pipErr, errMsg, f.Errors, src)
		}
		var got []pipDiffReq
		for _, l := range f.Requirements() {
			if pipErr > 0 && l.Line >= pipErr {
				break
			}
			got = append(got, goDiffReq(l))
		}
		var exp []pipDiffReq
		for _, r := range want[i].Reqs {
			exp = append(exp, normPipReq(r))
		}
		if !reflect.DeepEqual(got, exp) {
			t.Errorf("corpus %d differs from pip:\n got  %s\n pip  %s\n%q", i, dump(got), dump(exp), src)
		}
	}
}

func goDiffReq(l Line) pipDiffReq {
	r := l.Req
	d := pipDiffReq{Line: l.Line, Editable: r.Editable, Hashes: len(r.Hashes), Specs: []string{}}
	if n := r.Name; n != "" {
		c := CanonicalName(n)
		d.Name = &c
	}
	for _, s := range r.Specifiers {
		d.Specs = append(d.Specs, s.Op+s.Version)
	}
	sort.Strings(d.Specs)
	if r.URL != "" {
		u := r.URL
		d.URL = &u
	}
	return d
}

func normPipReq(r pipDiffReq) pipDiffReq {
	if r.Name != nil {
		c := CanonicalName(*r.Name)
		r.Name = &c
	}
	if r.Specs == nil {
		r.Specs = []string{}
	}
	for i, s := range r.Specs {
		r.Specs[i] = strings.ReplaceAll(s, " ", "")
	}
	sort.Strings(r.Specs)
	return r
}

func dump(rs []pipDiffReq) string {
	var b strings.Builder
	for _, r := range rs {
		name, url := "<nil>", "<nil>"
		if r.Name != nil {
			name = *r.Name
		}
		if r.URL != nil {
			url = *r.URL
		}
		fmt.Fprintf(&b, "{%d %s e=%v %v %s h=%d} ", r.Line, name, r.Editable, r.Specs, url, r.Hashes)
	}
	return b.String()
}
