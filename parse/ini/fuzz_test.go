package ini

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"[metadata]\nname = x\n[options]\ninstall_requires =\n  a\n  b\n",
		"[core]\n    remote = s\n['remote \"s\"']\n    url = s3://b/p\n    password = 'x # y'\n",
		"top = 1\n[[a]]\nk = \"\"\"\nmulti\n\"\"\"\n",
		"x\n[\n]\n[[a]]\n = \n:\n'k' = v\n\"k\n",
		"//registry.example.com/:_authToken=${TOKEN}\n; c\n# c\n",
		"[components.transformer.model]\n@architectures = \"spacy-transformers.TransformerModel.v3\"\nname = ${paths.model}\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		n := strings.Count(src, "\n") + 1
		for _, d := range []Dialect{ConfigParser, Thinc, ConfigObj} {
			file := Parse(src, d)
			for _, s := range file.Sections {
				if s.Line < 0 || s.Line > n {
					t.Fatalf("section %q at line %d of %d", s.Name, s.Line, n)
				}
				for _, o := range s.Options {
					if o.Line < 1 || o.Line > n || o.Line < s.Line {
						t.Fatalf("option %q at line %d (section at %d) of %d", o.Key, o.Line, s.Line, n)
					}
					for _, l := range o.Lines {
						if l.N < o.Line || l.N > n || l.Col < 1 {
							t.Fatalf("value line %d:%d of option at %d (%d lines)", l.N, l.Col, o.Line, n)
						}
						if d != ConfigObj && utf8.ValidString(src) {
							// configparser values are whole lines' text, found at Col
							line := []rune(strings.Split(src, "\n")[l.N-1])
							if l.Col-1+utf8.RuneCountInString(l.Text) > len(line) || string(line[l.Col-1:l.Col-1+utf8.RuneCountInString(l.Text)]) != l.Text {
								t.Fatalf("value %q is not at %d:%d of %q", l.Text, l.N, l.Col, string(line))
							}
						}
					}
				}
			}
			for _, e := range file.Errors {
				if e.Line < 1 || e.Line > n {
					t.Fatalf("error at line %d of %d", e.Line, n)
				}
			}
		}
	})
}
