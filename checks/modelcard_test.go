package checks_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/gitx"
	"github.com/git-repro/git-repro/internal/gittest"
	"github.com/git-repro/git-repro/snapshot"
)

// cardLargeSecretRules are the families of issue 6.
func cardLargeSecretRules() []*checks.Rule {
	var rs []*checks.Rule
	for _, f := range checks.Families() {
		switch f.Name {
		case "modelcard", "largefiles", "secrets":
			rs = append(rs, f.Rules...)
		}
	}
	return rs
}

func requireGitLFS(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git-lfs"); err != nil {
		t.Skip("git-lfs not installed")
	}
}

// findingsOf formats findings one per line: "path RULE message".
func findingsOf(fs []checks.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.Path + " " + f.Rule + " " + f.Message + "\n")
	}
	return b.String()
}

func rulesAt(fs []checks.Finding, path string) []string {
	var out []string
	for _, f := range fs {
		if f.Path == path {
			out = append(out, f.Rule)
		}
	}
	return out
}

func has(rules []string, prefix string) bool {
	for _, r := range rules {
		if strings.HasPrefix(r, prefix) {
			return true
		}
	}
	return false
}

// TestIssue6MustShow builds a real repository with the real git-lfs client
// and checks the index, as the pre-commit hook does.
func TestIssue6MustShow(t *testing.T) {
	requireGitLFS(t)
	gittest.Hermetic(t)
	r := gittest.New(t)
	r.Git("lfs", "install", "--local")

	r.Write(".gitattributes", "*.safetensors filter=lfs diff=lfs merge=lfs -text\n*.bin filter=lfs diff=lfs merge=lfs -text\n")
	// models/bert/model.safetensors goes through the real clean filter.
	r.Write("models/bert/model.safetensors", strings.Repeat("w", 3<<20))
	// models/classifier.pkl: a raw 6 MB blob.
	r.Write("models/classifier.pkl", strings.Repeat("p", 6_000_000))
	const secret = "sk-live-0123456789abcdefSECRET"
	r.Write(".env", "OPENAI_API_KEY="+secret+"\n")
	r.Git("add", ".gitattributes", "models", ".env")
	// data/raw.bin matches *.bin but is staged raw, as happens when it was
	// added before the pattern or where git-lfs is not installed.
	r.Write("data/raw.bin", strings.Repeat("r", 4096))
	blob := r.Git("hash-object", "-w", "--no-filters", "data/raw.bin")
	r.Git("update-index", "--add", "--cacheinfo", "100644,"+blob+",data/raw.bin")
	if got := r.Git("lfs", "ls-files", "-n"); !strings.Contains(got, "models/bert/model.safetensors") {
		t.Fatalf("git-lfs did not store the safetensors file: %q", got)
	}

	repo, err := gitx.Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	idx := repo.Index()
	files, err := idx.Files()
	if err != nil {
		t.Fatal(err)
	}
	res := checks.Run(checks.Options{Tree: idx, Targets: files, Full: true, Rules: cardLargeSecretRules()})
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	all := findingsOf(res.Findings)

	pkl := rulesAt(res.Findings, "models/classifier.pkl")
	if !has(pkl, "REPRO-CARD-001") || !has(pkl, "REPRO-LARGE-001") {
		t.Errorf("models/classifier.pkl: want a model-card and a large-files finding, got %v\n%s", pkl, all)
	}
	bert := rulesAt(res.Findings, "models/bert/model.safetensors")
	if !has(bert, "REPRO-CARD-001") || has(bert, "REPRO-LARGE") {
		t.Errorf("models/bert/model.safetensors (LFS): want a model-card finding and no large-files one, got %v\n%s", bert, all)
	}
	if raw := rulesAt(res.Findings, "data/raw.bin"); !has(raw, "REPRO-LARGE-003") {
		t.Errorf("data/raw.bin matches filter=lfs but is raw: want REPRO-LARGE-003, got %v\n%s", raw, all)
	}
	for _, f := range res.Findings {
		if f.Rule == "REPRO-LARGE-003" && f.Severity != checks.Error {
			t.Errorf("filter=lfs stored raw must be an error: %+v", f)
		}
	}
	if env := rulesAt(res.Findings, ".env"); !has(env, "REPRO-SECRET-001") {
		t.Errorf(".env committed: want REPRO-SECRET-001, got %v\n%s", env, all)
	}
	for _, f := range res.Findings {
		if strings.Contains(f.Message, secret) || strings.Contains(f.Hint, secret) || strings.Contains(f.Message, "sk-live") {
			t.Errorf("finding prints the secret: %+v", f)
		}
	}

	// The hook's view: only the staged pickle is a target; the rules
	// still find that it has no card (consulting the tree) and is large.
	staged := []snapshot.FileInfo{}
	for _, f := range files {
		if f.Path == "models/classifier.pkl" {
			staged = append(staged, f)
		}
	}
	res = checks.Run(checks.Options{Tree: idx, Targets: staged, Rules: cardLargeSecretRules()})
	if got := rulesAt(res.Findings, "models/classifier.pkl"); !has(got, "REPRO-CARD-001") || !has(got, "REPRO-LARGE-001") || len(res.Findings) != 2 {
		t.Errorf("staged pickle only: got\n%s", findingsOf(res.Findings))
	}

	// Adding a good card beside it clears the model-card finding.
	good, err := os.ReadFile(filepath.Join("testdata", "modelcard", "ok", "full-card", "models", "MODEL_CARD.md"))
	if err != nil {
		t.Fatal(err)
	}
	r.Write("models/MODEL_CARD.md", string(good))
	r.Git("add", "models/MODEL_CARD.md")
	repo2, err := gitx.Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo2.Close()
	idx2 := repo2.Index()
	files2, _ := idx2.Files()
	res = checks.Run(checks.Options{Tree: idx2, Targets: files2, Full: true, Rules: cardLargeSecretRules()})
	for _, f := range res.Findings {
		if strings.HasPrefix(f.Rule, "REPRO-CARD") {
			t.Errorf("with a full card, unexpected %s", f)
		}
	}
}

// TestLargeFileModified: a file that grows past the limit in a later
// commit is reported when the modification is staged (pre-commit-hooks'
// check-added-large-files only looks at added files).
func TestLargeFileModified(t *testing.T) {
	gittest.Hermetic(t)
	r := gittest.New(t)
	r.Commit("small", map[string]string{"results/table.txt": "tiny\n"})
	r.Write("results/table.txt", strings.Repeat("row\n", 2<<20)) // 8 MiB
	r.Git("add", "results/table.txt")
	repo, err := gitx.Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	idx := repo.Index()
	staged, err := repo.Staged(idx)
	if err != nil {
		t.Fatal(err)
	}
	res := checks.Run(checks.Options{Tree: idx, Targets: staged, Rules: cardLargeSecretRules()})
	if got := rulesAt(res.Findings, "results/table.txt"); len(got) != 1 || got[0] != "REPRO-LARGE-001" {
		t.Errorf("modified large file: got\n%s", findingsOf(res.Findings))
	}
}

// TestGeneratedLargeFiles writes big files in a temporary directory (no
// large fixture is committed) and checks the default thresholds.
func TestGeneratedLargeFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(p string, n int) {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, bytes.Repeat([]byte("x"), n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("models/classifier.pkl", 6_000_000) // model format, over 5 MiB: LARGE-001
	write("data/train.parquet", 2<<20)        // data format, over 1 MiB: LARGE-002
	write("notebooks/eda.txt", 3<<20)         // ordinary file under 5 MiB: nothing
	write("data/tiny.csv", 100<<10)           // data under 1 MiB: nothing
	tree := gitx.Dir(dir)
	files, err := tree.Files()
	if err != nil {
		t.Fatal(err)
	}
	res := checks.Run(checks.Options{Tree: tree, Targets: files, Full: true, Rules: cardLargeSecretRules()})
	var got []string
	for _, f := range res.Findings {
		if strings.HasPrefix(f.Rule, "REPRO-LARGE") {
			got = append(got, f.Path+" "+f.Rule)
		}
	}
	want := "data/train.parquet REPRO-LARGE-002,models/classifier.pkl REPRO-LARGE-001"
	if strings.Join(got, ",") != want {
		t.Errorf("got %q, want %q", strings.Join(got, ","), want)
	}
}

// TestDocsModelCardExamples runs the examples of docs/model-cards.md: each
// group of "<!-- example: PATH -->" blocks is a mini repository whose
// findings (model-card, large-files and secrets rules, or the families
// named in "<!-- findings: docs -->") must equal the following findings
// block. The rule table must list every rule of the four families.
func TestDocsModelCardExamples(t *testing.T) {
	b, err := os.ReadFile("../docs/model-cards.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	var start int // first line of the last block read
	block := func(i int) (string, int) {
		for i++; i < len(lines) && !strings.HasPrefix(lines[i], "```"); i++ {
		}
		start = i + 1
		for i = start; i < len(lines) && !strings.HasPrefix(lines[i], "```"); i++ {
		}
		if i >= len(lines) {
			t.Fatalf("unterminated block after line %d", start)
		}
		return strings.Join(lines[start:i], "\n") + "\n", i
	}
	families := map[string][]*checks.Rule{}
	for _, f := range checks.Families() {
		families[f.Name] = f.Rules
	}
	files := map[string]string{}
	examples := 0
	updated := false
	for i := 0; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if p, ok := strings.CutPrefix(l, "<!-- example: "); ok {
			var body string
			body, i = block(i)
			files[strings.TrimSuffix(p, " -->")] = body
			continue
		}
		if fams, ok := strings.CutPrefix(l, "<!-- findings"); ok {
			names := []string{"modelcard", "largefiles", "secrets"}
			if fams = strings.Trim(strings.TrimSuffix(fams, "-->"), ": "); fams != "" {
				names = strings.Split(fams, ",")
			}
			var rules []*checks.Rule
			for _, n := range names {
				rules = append(rules, families[n]...)
			}
			var want string
			want, i = block(i)
			dir := t.TempDir()
			for p, c := range files {
				full := filepath.Join(dir, filepath.FromSlash(p))
				if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got := RunCase(t, dir, rules)
			if *update {
				// -update rewrites the findings block in place.
				var repl []string
				if got != "" {
					repl = strings.Split(strings.TrimSuffix(got, "\n"), "\n")
				}
				lines = append(lines[:start:start], append(repl, lines[i:]...)...)
				i = start + len(repl)
				updated = true
			} else if got != want {
				t.Errorf("docs example ending at line %d:\n--- got\n%s--- docs say\n%s", i+1, got, want)
			}
			files = map[string]string{}
			examples++
		}
	}
	if examples < 6 {
		t.Errorf("found %d examples", examples)
	}
	if updated {
		if err := os.WriteFile("../docs/model-cards.md", []byte(strings.Join(lines, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range []string{"modelcard", "largefiles", "secrets", "docs"} {
		for _, r := range families[n] {
			row := fmt.Sprintf("| `%s` | %s | %s |", r.ID, r.Severity, r.Title)
			if !strings.Contains(string(b), row) {
				t.Errorf("docs/model-cards.md lacks the row %s", row)
			}
		}
	}
}
