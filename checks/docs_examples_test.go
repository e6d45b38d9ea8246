package checks

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/snapshot"
)

// docExample is one mini repository from a doc page, written as
// "<!-- example: PATH -->" fenced blocks, and the findings the page says it
// yields, in the fenced block after "<!-- findings -->" (an empty block:
// none).
type docExample struct {
	Line  int // the line of the findings block's closing fence
	Files map[string]string
	Want  string
}

// readDocExamples reads a doc page and its examples.
func readDocExamples(t *testing.T, page string) (string, []docExample) {
	t.Helper()
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	block := func(i int) (string, int) { // the fenced block starting after line i
		for i++; i < len(lines) && !strings.HasPrefix(lines[i], "```"); i++ {
		}
		start := i + 1
		for i = start; i < len(lines) && !strings.HasPrefix(lines[i], "```"); i++ {
		}
		if i >= len(lines) {
			t.Fatalf("%s: unterminated block after line %d", page, start)
		}
		if i == start {
			return "", i
		}
		return strings.Join(lines[start:i], "\n") + "\n", i
	}
	var exs []docExample
	files := map[string]string{}
	for i := 0; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if p, ok := strings.CutPrefix(l, "<!-- example: "); ok {
			var body string
			body, i = block(i)
			files[strings.TrimSuffix(p, " -->")] = body
			continue
		}
		if strings.HasPrefix(l, "<!-- findings") {
			var want string
			want, i = block(i)
			exs = append(exs, docExample{Line: i + 1, Files: files, Want: want})
			files = map[string]string{}
		}
	}
	return string(b), exs
}

// findingLines formats findings as the doc pages show them.
func findingLines(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "%s:%d:%d: %s: %s [%s]\n", f.Path, f.Line, f.Column, f.Severity, f.Message, f.Rule)
	}
	return b.String()
}

// runDocExample runs rules over an example's files, all of them targets.
func runDocExample(t *testing.T, ex docExample, rules []*Rule) string {
	t.Helper()
	tree := &snapshot.MapTree{Content: ex.Files}
	ts, _ := tree.Files()
	res := Run(Options{Tree: tree, Targets: ts, Full: true, Rules: rules})
	for _, e := range res.Errors {
		t.Error(e)
	}
	return findingLines(res.Findings)
}
