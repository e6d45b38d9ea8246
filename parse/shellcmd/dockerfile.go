package shellcmd

import (
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"mvdan.cc/sh/v3/syntax"

	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/dockerfile"
)

// Dockerfile reads the RUN instructions of a parsed Dockerfile. Each RUN
// runs in its own shell, in the directory the WORKDIR instructions before
// it set, their variables expanded from the stage's ARG and ENV values (a
// stage built FROM an earlier stage starts where that one ended, any other
// at "/", as the base image's own WORKDIR is not known here). The file is one script for the questions that span commands, so
// "RUN git clone ..." followed by "RUN git -C dir checkout <sha>" is
// pinned, and a download in one RUN verified in the next is verified.
// Commands keep their own lines: a RUN continued over several lines
// reports each command on its line.
func Dockerfile(f *dockerfile.File) *Result {
	a := newAnalyzer().opaque()
	if f == nil {
		return a.done()
	}
	backtick := escapeBacktick(f.Lines)
	ends := map[*dockerfile.Stage]string{}
	for _, st := range f.Stages {
		a.cwd = "/"
		if d, ok := ends[st.Parent]; ok && st.Parent != nil {
			a.cwd = d
		}
		vars := f.StageVars(st)
		for _, c := range st.Commands {
			vars.Apply(c)
			switch inst := c.Inst.(type) {
			case *instructions.WorkdirCommand:
				// "WORKDIR $APP_HOME" is expanded from the stage's ARG and
				// ENV values, as the builder does.
				if dir, ok := f.Expand(inst.Path, vars.Map()); ok {
					a.cd([]string{dir})
				} else {
					a.cwd = Unknown
				}
			case *instructions.RunCommand:
				for _, chunk := range runChunks(f, c, inst, backtick) {
					a.chunk(chunk, false)
				}
			}
		}
		ends[st] = a.cwd
	}
	return a.done()
}

var (
	runPrefixRe = lazyre.New(`(?i)^\s*RUN(?:\s+--\S+)*\s+`)
	escapeRe    = lazyre.New("^#\\s*escape\\s*=\\s*`")
)

// escapeBacktick reports whether the Dockerfile's parser directives make
// "`" the escape character (Windows Dockerfiles): its RUN lines then do
// not continue with "\" and are read as the parser joined them.
func escapeBacktick(lines []string) bool {
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if !strings.HasPrefix(t, "#") {
			return false
		}
		if escapeRe().MatchString(t) {
			return true
		}
	}
	return false
}

// runChunks returns the shell scripts one RUN runs, with their lines in
// the Dockerfile: the command line as written (comment lines inside a
// continued RUN, which Docker drops, left out), the bodies of heredoc
// scripts, or the exec form's argv quoted as one line.
func runChunks(f *dockerfile.File, c dockerfile.Command, rc *instructions.RunCommand, backtick bool) [][]Line {
	scripts := dockerfile.RunScripts(rc)
	if len(rc.Files) == 0 && rc.PrependShell && !backtick && c.Line >= 1 && c.EndLine <= len(f.Lines) && c.Line <= c.EndLine {
		var lines []Line
		for n := c.Line; n <= c.EndLine; n++ {
			text := f.Lines[n-1]
			l := Line{N: n, Text: text}
			if n == c.Line {
				m := runPrefixRe().FindString(text)
				if m == "" {
					break // not the "RUN" line we expected: use the parser's text
				}
				lines = append(lines, l.suffix(text[len(m):]))
				continue
			}
			if t := strings.TrimSpace(text); t == "" || strings.HasPrefix(t, "#") {
				continue
			}
			lines = append(lines, l)
		}
		if len(lines) > 0 {
			return [][]Line{lines}
		}
	}
	var out [][]Line
	for _, s := range scripts {
		switch {
		case s.Exec:
			words := make([]string, len(s.Args))
			for i, w := range s.Args {
				q, err := syntax.Quote(w, syntax.LangBash)
				if err != nil {
					q = "$UNQUOTABLE"
				}
				words[i] = q
			}
			out = append(out, []Line{{N: c.Line, Text: strings.Join(words, " "), noCols: true}})
		case s.Heredoc:
			body := strings.Split(strings.TrimSuffix(s.Src, "\n"), "\n")
			first := c.Line + 1
			if len(body) > 0 {
				first = f.FindLine(c.Line+1, c.EndLine, body[0])
			}
			out = append(out, splitLines(strings.Join(body, "\n"), first))
		default:
			out = append(out, []Line{{N: c.Line, Text: strings.ReplaceAll(s.Src, "\n", " "), rewritten: true}})
		}
	}
	return out
}
