package dockerfile

import (
	"os"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// FuzzParse feeds arbitrary bytes through the Dockerfile parser, the RUN
// script extraction and the shell parser: nothing may panic, nothing may
// be written to os.Stderr, and every error carries a line inside the file
// (or 0).
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"FROM python:3.10-slim\nRUN pip install numpy\n",
		"ARG B=python:3.11\nFROM ${B} AS x\nFROM x\nCOPY --from=x /a /b\n",
		"FROM a\nRUN <<EOF\napt-get update\nEOF\n",
		"FROM a\nRUN [\"sh\", \"-c\", \"curl x | sh\"]\n",
		"# escape=`\nFROM a\nRUN echo `\n  hi\n",
		"FROM a\nRUN --mount=type=cache,target=/x echo\nADD --checksum=sha256:00 https://x /y\n",
		"FROM a\nRUN apt-get update \\\n# c\n\n && pip install \\\n  x\n",
		"FROM a\nRUN bash <<A && sh -c 'pip install \\\n y'\necho\nA\n",
		"FROM\n", "RUN x\n", "FROM a b c d\n", "\xef\xbb\xbfFROM a\n",
		"FROM a\nRUN <<EOF \xff\nx\nEOF\n", "ARG B=\x00\nFROM ${B}\n",
	} {
		f.Add([]byte(s))
	}
	// What the parsers print goes to a file that must stay empty.
	stderr, err := os.CreateTemp(f.TempDir(), "stderr")
	if err != nil {
		f.Fatal(err)
	}
	saved := os.Stderr
	os.Stderr = stderr
	f.Cleanup(func() { os.Stderr = saved })
	f.Fuzz(func(t *testing.T, src []byte) {
		defer func() {
			if fi, err := stderr.Stat(); err == nil && fi.Size() > 0 {
				b, _ := os.ReadFile(stderr.Name())
				t.Errorf("%q: wrote %q to os.Stderr", src, b)
			}
		}()
		df := Parse(src)
		for _, e := range df.Errors {
			if e.Line < 0 || e.Line > len(df.Lines)+1 {
				t.Errorf("error line %d outside the file (%d lines): %v", e.Line, len(df.Lines), e)
			}
		}
		for _, st := range df.Stages {
			_ = ParseImage(st.Base).String()
			for _, c := range st.Commands {
				if rc, ok := c.Inst.(*instructions.RunCommand); ok {
					_ = Mounts(rc)
					for _, s := range RunScripts(rc) {
						if !s.Exec {
							_, _ = ParseShell(s.Src)
						}
					}
					// Every word maps inside its instruction.
					for _, rs := range df.Scripts(c) {
						sc, err := rs.Parse()
						if err != nil {
							if e := err.(Error); e.Line < c.Line || e.Line > c.EndLine {
								t.Errorf("RUN at lines %d-%d: error at line %d", c.Line, c.EndLine, e.Line)
							}
							continue
						}
						for _, call := range sc.Calls {
							for i := range call.Args {
								if p := call.ArgPos(i); p.Line < c.Line || p.Line > c.EndLine || p.Col < 0 {
									t.Errorf("RUN at lines %d-%d: %q at %+v", c.Line, c.EndLine, call.Args[i], p)
								}
							}
						}
					}
				}
				_ = df.Locate(c.Line, "x")
			}
		}
	})
}

// FuzzParseShell checks the shell side alone.
func FuzzParseShell(f *testing.F) {
	for _, s := range []string{
		"apt-get update && apt-get install -y x", "sh -c \"sh -c 'curl x | sh'\"", "pip install 'a>=1' b<2",
		"cat <<EOF\nx\nEOF", "bash <(curl x)", "for i in 1 2; do pip install $i; done",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		s, err := ParseShell(src)
		if err == nil && s == nil {
			t.Fatal("nil script without error")
		}
	})
}
