package rulestest

import (
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/snapshot"
)

// DocExample is one mini repository from a doc page, written as
// "<!-- example: PATH -->" fenced blocks, and the findings the page says it
// yields, in the fenced block after "<!-- findings -->" (an empty block:
// none). Findings blocks may name the families whose rules they show:
// "<!-- findings: modelcard,secrets -->".
type DocExample struct {
	Start, End int // the findings block's content: lines[Start:End] (0-based)
	Families   []string
	Files      map[string]string
	Want       string
}

// Line is the 1-based line of the findings block's closing fence.
func (ex DocExample) Line() int { return ex.End + 1 }

// DocExamples reads a doc page: its lines and its examples.
func DocExamples(t testing.TB, page string) ([]string, []DocExample) {
	t.Helper()
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	block := func(i int) (string, int, int) { // the fenced block starting after line i
		for i++; i < len(lines) && !strings.HasPrefix(lines[i], "```"); i++ {
		}
		start := i + 1
		for i = start; i < len(lines) && !strings.HasPrefix(lines[i], "```"); i++ {
		}
		if i >= len(lines) {
			t.Fatalf("%s: unterminated block after line %d", page, start)
		}
		if i == start {
			return "", start, i
		}
		return strings.Join(lines[start:i], "\n") + "\n", start, i
	}
	var exs []DocExample
	files := map[string]string{}
	for i := 0; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if p, ok := strings.CutPrefix(l, "<!-- example: "); ok {
			var body string
			body, _, i = block(i)
			files[strings.TrimSuffix(p, " -->")] = body
			continue
		}
		if fams, ok := strings.CutPrefix(l, "<!-- findings"); ok {
			ex := DocExample{Files: files}
			if fams = strings.Trim(strings.TrimSuffix(fams, "-->"), ": "); fams != "" {
				ex.Families = strings.Split(fams, ",")
			}
			ex.Want, ex.Start, i = block(i)
			ex.End = i
			exs = append(exs, ex)
			files = map[string]string{}
		}
	}
	return lines, exs
}

// RunDocExample runs rules over an example's files, all of them targets.
func RunDocExample(t testing.TB, ex DocExample, rs []*checks.Rule) string {
	t.Helper()
	tree := &snapshot.MapTree{Content: ex.Files}
	ts, _ := tree.Files()
	res := checks.Run(checks.Options{Tree: tree, Targets: ts, Full: true, Rules: rs})
	for _, e := range res.Errors {
		t.Error(e)
	}
	return Lines(res.Findings)
}

// CheckDocExamples runs every example of a doc page through run and
// compares what it returns (Lines of the findings) with the page's
// findings block; with -update it rewrites the blocks in place. It returns
// the page's text and how many examples it has.
func CheckDocExamples(t *testing.T, page string, run func(DocExample) string) (string, int) {
	t.Helper()
	lines, exs := DocExamples(t, page)
	var out []string // with -update: the page with the new findings blocks
	last := 0
	for _, ex := range exs {
		got := run(ex)
		if *Update {
			out = append(out, lines[last:ex.Start]...)
			if got != "" {
				out = append(out, strings.Split(strings.TrimSuffix(got, "\n"), "\n")...)
			}
			last = ex.End
			continue
		}
		if got != ex.Want {
			t.Errorf("%s: example ending at line %d (files %s):\n--- got\n%s--- the page says\n%s", page, ex.Line(), strings.Join(slices.Sorted(maps.Keys(ex.Files)), ", "), got, ex.Want)
		}
	}
	if *Update && len(exs) > 0 {
		out = append(out, lines[last:]...)
		if err := os.WriteFile(page, []byte(strings.Join(out, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
		lines = out
	}
	return strings.Join(lines, "\n"), len(exs)
}
