package ini

import (
	"fmt"
	"strings"
	"testing"
)

// dump renders a file as "[section]@line key@line=value lines".
func dump(f *File) string {
	var b strings.Builder
	for _, s := range f.Sections {
		fmt.Fprintf(&b, "[%s]@%d\n", s.Name, s.Line)
		for _, o := range s.Options {
			fmt.Fprintf(&b, "  %s@%d", o.Key, o.Line)
			for _, l := range o.Lines {
				fmt.Fprintf(&b, " %d:%d=%q", l.N, l.Col, l.Text)
			}
			b.WriteString("\n")
		}
	}
	for _, e := range f.Errors {
		fmt.Fprintf(&b, "error %s\n", e)
	}
	return b.String()
}

func TestConfigParser(t *testing.T) {
	src := "# comment\n[metadata]\nName = demo\n[options]\ninstall_requires =\n    torch==2.1.0\n\n    ; a comment\n    numpy\npython_requires: >=3.9\n[options]\nx = 1\n"
	want := `[metadata]@2
  name@3 3:8="demo"
[options]@4
  install_requires@5 6:5="torch==2.1.0" 9:5="numpy"
  python_requires@10 10:18=">=3.9"
[options]@11
  x@12 12:5="1"
error line 11: section [options] is defined twice
`
	if got := dump(Parse(src, ConfigParser)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestThincKeepsCase(t *testing.T) {
	src := "[components.transformer.model]\n@architectures = \"spacy-transformers.TransformerModel.v3\"\nname = \"roberta-base\"\nL2 = 0.01\n"
	f := Parse(src, Thinc)
	s := f.Section("components.transformer.model")
	if s == nil || s.Option("@architectures") == nil || s.Option("L2") == nil || s.Option("name").Value() != `"roberta-base"` {
		t.Fatalf("got\n%s", dump(f))
	}
	if Parse(src, ConfigParser).Sections[0].Option("l2") == nil {
		t.Errorf("configparser lower-cases keys")
	}
}

func TestConfigObj(t *testing.T) {
	src := "top = 1\n[core]\n    remote = storage  # the default\n['remote \"storage\"']\n    url = s3://bucket/path\n    secret_access_key = 'abc # not a comment'\n    \"quoted key\" = \"v\"\n    empty =\n    note = \"\"\"one\ntwo\"\"\"\n    after = x\n[[nested]]\nbad line\n[unclosed\n"
	want := `[]@0
  top@1 1:7="1"
[core]@2
  remote@3 3:14="storage"
[remote "storage"]@4
  url@5 5:11="s3://bucket/path"
  secret_access_key@6 6:26="abc # not a comment"
  "quoted key"@7
`
	got := dump(Parse(src, ConfigObj))
	// the quoted key is unquoted
	want = strings.Replace(want, `  "quoted key"@7
`, `  quoted key@7 7:21="v"
  empty@8
  note@9 9:12="one\ntwo"
  after@11 11:13="x"
[nested]@12
error line 13: "bad line" is neither a [section] nor a key = value option
error line 14: "[unclosed" is not a section header
`, 1)
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestNoPanicOnOddInput(t *testing.T) {
	for _, src := range []string{"", "[", "]", "=", "'", "\"\"\"", "[a]\n'k'", "[a]\n\"k\" x", "key = '''\n", "[['x']]", "['x'", "[  ]", "\r\n\r\n"} {
		for _, d := range []Dialect{ConfigParser, Thinc, ConfigObj} {
			_ = dump(Parse(src, d))
		}
	}
}
