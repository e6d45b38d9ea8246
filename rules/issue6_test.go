package rules_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/gittest"
	"github.com/git-repro/git-repro/internal/rulestest"
	"github.com/git-repro/git-repro/internal/testenv"
	"github.com/git-repro/git-repro/rules"
	"github.com/git-repro/git-repro/snapshot"
)

// Tests of the families of issue 6 together (model cards, large files,
// secrets, the README checklist), as a repository meets them.

// familyRules returns the rules of the named families of the registry.
func familyRules(names ...string) []*checks.Rule {
	var rs []*checks.Rule
	for _, f := range rules.Families() {
		if slices.Contains(names, f.Name) {
			rs = append(rs, f.Rules...)
		}
	}
	return rs
}

// cardLargeSecretRules are the families of issue 6.
func cardLargeSecretRules() []*checks.Rule {
	return familyRules("modelcard", "largefiles", "secrets")
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
	testenv.Tool(t, "git-lfs")
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

	idx := rulestest.Index(t, r.Dir)
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
	good, err := os.ReadFile(filepath.Join("modelcard", "testdata", "ok", "full-card", "models", "MODEL_CARD.md"))
	if err != nil {
		t.Fatal(err)
	}
	r.Write("models/MODEL_CARD.md", string(good))
	r.Git("add", "models/MODEL_CARD.md")
	idx2 := rulestest.Index(t, r.Dir)
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
	idx, staged := rulestest.Staged(t, r.Dir)
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
	tree := rulestest.Dir(dir)
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
	families := map[string]checks.Family{}
	for _, f := range rules.Families() {
		families[f.Name] = f
	}
	page, n := rulestest.CheckDocExamples(t, "../docs/model-cards.md", func(ex rulestest.DocExample) string {
		names := ex.Families
		if names == nil {
			names = []string{"modelcard", "largefiles", "secrets"}
		}
		var fams []checks.Family
		for _, n := range names {
			fams = append(fams, families[n])
		}
		dir := t.TempDir()
		for p, c := range ex.Files {
			full := filepath.Join(dir, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return rulestest.RunCase(t, dir, fams)
	})
	if n < 6 {
		t.Errorf("found %d examples", n)
	}
	for _, name := range []string{"modelcard", "largefiles", "secrets", "docs"} {
		for _, r := range families[name].Rules {
			row := fmt.Sprintf("| `%s` | %s | %s |", r.ID, r.Severity, r.Title)
			if !strings.Contains(page, row) {
				t.Errorf("docs/model-cards.md lacks the row %s", row)
			}
		}
	}
}

// listCountingTree counts repository-wide listings.
type listCountingTree struct {
	*snapshot.MapTree
	files int
}

func (c *listCountingTree) Files() ([]snapshot.FileInfo, error) { c.files++; return c.MapTree.Files() }

// TestHookPathNoListing: a pre-commit run over a few staged files never
// lists the whole repository, whatever those files are (artifacts, cards,
// DVC files, secrets, the README), except for a README with card sections
// and no explicit marker, whose models must be looked up.
func TestHookPathNoListing(t *testing.T) {
	content := map[string]string{
		"models/clf.pkl":       "x",
		"models/MODEL_CARD.md": "# Model card\n## Limitations\nnone\n",
		"data.csv.dvc":         "outs:\n- path: data.csv\n",
		"dvc.yaml":             "stages:\n  a:\n    cmd: x\n    deps: [data.csv, src]\n",
		".env":                 "A=1\n",
		"README.md":            "# X\n",
		"big.bin":              string(make([]byte, 6<<20)),
	}
	for i := 0; i < 2000; i++ {
		content["src/f"+strconv.Itoa(i)+".py"] = "x = 1\n"
	}
	tree := &listCountingTree{MapTree: &snapshot.MapTree{Content: content}}
	var targets []snapshot.FileInfo
	for _, p := range []string{"models/clf.pkl", "models/MODEL_CARD.md", "data.csv.dvc", ".env", "README.md", "big.bin"} {
		fi, _ := tree.Stat(p)
		targets = append(targets, fi)
	}
	rs := familyRules("modelcard", "largefiles", "secrets", "docs")
	res := checks.Run(checks.Options{Tree: tree, Targets: targets, Rules: rs})
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	if tree.files != 0 {
		t.Errorf("hook run listed the repository %d times", tree.files)
	}
	if len(res.Findings) == 0 {
		t.Error("expected findings")
	}
	// dvc.yaml staged with a directory dependency: one listing, memoised.
	fi, _ := tree.Stat("dvc.yaml")
	checks.Run(checks.Options{Tree: tree, Targets: append(targets, fi), Rules: rs})
	if tree.files != 1 {
		t.Errorf("directory dependency lookup listed the repository %d times, want 1", tree.files)
	}
}

// BenchmarkFullRun runs the four families over a 20,000-file repository.
func BenchmarkFullRun(b *testing.B) {
	content := map[string]string{"README.md": "# X\npip install .\n", "models/m.onnx": "x", "models/MODEL_CARD.md": "# Model card\n"}
	for i := 0; i < 20000; i++ {
		content["pkg"+strconv.Itoa(i%50)+"/f"+strconv.Itoa(i)+".py"] = "import os\nx = 1\n"
	}
	tree := &snapshot.MapTree{Content: content}
	files, _ := tree.Files()
	rs := familyRules("modelcard", "largefiles", "secrets", "docs")
	b.ResetTimer()
	for b.Loop() {
		checks.Run(checks.Options{Tree: tree, Targets: files, Full: true, Rules: rs})
	}
}

// FuzzFamilyRules feeds one input to every file kind the issue-6 families
// parse (card, README, dvc.yaml, .dvc, dvc.lock, .env) and fails if any rule
// panics (the engine turns a panic into a Result error).
func FuzzFamilyRules(f *testing.F) {
	f.Add("---\nlicense: other\nmodel-index: [{results: [{}]}]\n---\n# Card\n## Uses\n[More Information Needed]\n")
	f.Add("stages:\n  a:\n    cmd: x\n    deps: [missing]\n    outs: [{m.pkl: {cache: false}}]\n")
	f.Add("outs:\n- path: ../../x\n")
	f.Fuzz(func(t *testing.T, s string) {
		tree := &snapshot.MapTree{Content: map[string]string{
			"models/MODEL_CARD.md": s, "README.md": s, "dvc.yaml": s, "dvc.lock": s,
			"data.dvc": s, ".env": s, "models/m.onnx": "x", "app.py": s,
		}}
		files, _ := tree.Files()
		res := checks.Run(checks.Options{Tree: tree, Targets: files, Full: true, Rules: familyRules("modelcard", "largefiles", "secrets", "docs")})
		for _, err := range res.Errors {
			t.Fatal(err)
		}
	})
}
