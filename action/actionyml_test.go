package action

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/git-repro/git-repro/internal/testenv"
)

type actionMeta struct {
	Name     string
	Branding struct{ Icon, Color string }
	Inputs   map[string]struct {
		Description string
		Default     string
	}
	Outputs map[string]struct{ Value string }
	Runs    struct {
		Using string
		Steps []struct {
			ID   string
			Uses string
			Run  string
			Env  map[string]string
		}
	}
}

var pinnedRe = regexp.MustCompile(`^[\w.-]+/[\w./-]+@[0-9a-f]{40}$`)

// TestActionMetadata holds action.yml to the contract: a composite
// action, every action pinned by full commit SHA, inputs reaching scripts
// only through env:, and outputs that are exactly what Publish writes.
func TestActionMetadata(t *testing.T) {
	b, err := os.ReadFile("../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var m actionMeta
	if err := yaml.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.Runs.Using != "composite" || m.Branding.Icon == "" || m.Branding.Color == "" {
		t.Errorf("runs.using %q, branding %+v", m.Runs.Using, m.Branding)
	}
	var inputs []string
	for k := range m.Inputs {
		inputs = append(inputs, k)
	}
	sort.Strings(inputs)
	if got := strings.Join(inputs, " "); got != "base-ref comment config event-path fail-on sarif-file token working-directory" {
		t.Errorf("inputs: %s", got)
	}
	usesSetupGo := false
	for _, st := range m.Runs.Steps {
		if st.Uses != "" {
			if !pinnedRe.MatchString(st.Uses) {
				t.Errorf("step uses %q: not pinned to a commit SHA", st.Uses)
			}
			usesSetupGo = usesSetupGo || strings.HasPrefix(st.Uses, "actions/setup-go@")
		}
		if strings.Contains(st.Run, "${{") {
			t.Errorf("a run script interpolates an expression (use env:):\n%s", st.Run)
		}
	}
	if !usesSetupGo {
		t.Error("no actions/setup-go step")
	}
	// Outputs: the ones Publish writes, from the step that runs it.
	out, err := Publish(context.Background(), testReport(headSHA, 1, 0, 0), Settings{})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, o := range out.Outputs {
		want = append(want, o.Name)
		if v := m.Outputs[o.Name].Value; v != "${{ steps.repro.outputs."+o.Name+" }}" {
			t.Errorf("output %s: value %q", o.Name, v)
		}
	}
	if len(m.Outputs) != len(want) {
		t.Errorf("action.yml declares %d outputs, Publish writes %v", len(m.Outputs), want)
	}
	// The workflow in the docs and the self-test pin every action too.
	for _, p := range []string{"../.github/workflows/self-test.yml", "../docs/action.md", "../README.md"} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range regexp.MustCompile(`(?m)^\s*(?:-\s+)?uses:\s*(\S+)`).FindAllStringSubmatch(string(b), -1) {
			if u[1] != "./" && !strings.HasPrefix(u[1], "git-repro/git-repro@") && !pinnedRe.MatchString(u[1]) {
				t.Errorf("%s: uses %s is not pinned to a commit SHA", p, u[1])
			}
		}
	}
}

// docWorkflows returns the workflows (```yaml blocks with jobs:) of a
// markdown file.
func docWorkflows(t *testing.T, path string) []string {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(string(b), -1) {
		if strings.Contains(m[1], "\njobs:") {
			out = append(out, m[1])
		}
	}
	return out
}

// TestActionlint runs actionlint (CI installs it) on the repository: it
// checks the self-test workflow and, through its "uses: ./", action.yml;
// and on the workflows the README and docs/action.md tell users to copy.
func TestActionlint(t *testing.T) {
	bin := testenv.Tool(t, "actionlint")
	cmd := exec.Command(bin)
	cmd.Dir = filepath.Join("..")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("actionlint: %v\n%s", err, out)
	}
	dir := t.TempDir()
	wf := filepath.Join(dir, ".github", "workflows")
	if err := os.MkdirAll(wf, 0o755); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, doc := range []string{"../README.md", "../docs/action.md"} {
		for _, y := range docWorkflows(t, doc) {
			n++
			// Our own action resolves to this checkout's action.yml, so
			// actionlint checks the inputs the docs use.
			y = strings.ReplaceAll(y, "uses: git-repro/git-repro@v1", "uses: ./")
			writeFile(t, wf, fmt.Sprintf("doc%d.yml", n), y)
		}
	}
	if n < 4 {
		t.Fatalf("found %d workflows in the docs, want the README's, the copy-paste one and the two stages", n)
	}
	writeFile(t, dir, "action.yml", string(mustRead(t, "../action.yml")))
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil { // the project root
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(wf, "*.yml"))
	cmd = exec.Command(bin, files...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("actionlint on the docs' workflows: %v\n%s", err, out)
	}
}
