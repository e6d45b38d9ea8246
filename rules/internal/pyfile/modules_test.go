package pyfile

import (
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/snapshot"
)

// countingTree counts the repository listings.
type countingTree struct {
	snapshot.MapTree
	listings int
}

func (t *countingTree) Files() ([]snapshot.FileInfo, error) {
	t.listings++
	return t.MapTree.Files()
}

// findAll runs FindModule for each (importer, name) in one pass.
func findAll(t *testing.T, tree snapshot.Tree, queries [][2]string) []string {
	t.Helper()
	out := make([]string, len(queries))
	rule := &checks.Rule{ID: "TEST-001", Category: checks.CatSeeds, Run: func(p *checks.Pass) {
		for i, q := range queries {
			out[i] = FindModule(p, q[0], q[1])
		}
	}}
	res := checks.Run(checks.Options{Tree: tree, Rules: []*checks.Rule{rule}})
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	return out
}

// TestFindModuleMonorepo: a module of a monorepo package imports its own
// package by its absolute name and a sibling package that its
// pyproject.toml (or the root's) installs from a path: Poetry path
// dependencies, uv path sources, PEP 508 file: references, uv workspace
// members by name or by glob, and a src/ layout.
func TestFindModuleMonorepo(t *testing.T) {
	const train = "packages/train/acme_train/train.py"
	for _, c := range []struct {
		name  string
		files map[string]string
		query string
		want  string
	}{
		{"own package by its absolute name", map[string]string{
			"packages/train/acme_train/__init__.py": "", "packages/train/acme_train/data.py": ""},
			"acme_train.data", "packages/train/acme_train/data.py"},
		{"Poetry path dependency of the package", map[string]string{
			"packages/train/pyproject.toml":         "[tool.poetry]\nname = \"acme-train\"\n[tool.poetry.dependencies]\nacme-core = { path = \"../core\", develop = true }\n",
			"packages/core/acme_core/__init__.py":   "",
			"packages/core/acme_core/seeding.py":    "",
			"packages/train/acme_train/__init__.py": ""},
			"acme_core.seeding", "packages/core/acme_core/seeding.py"},
		{"Poetry path dependency of the root, src layout", map[string]string{
			"pyproject.toml":                            "[tool.poetry]\npackage-mode = false\n[tool.poetry.group.dev.dependencies]\nacme-core = { path = \"libs/core\" }\n",
			"libs/core/pyproject.toml":                  "[tool.poetry]\nname = \"acme-core\"\npackages = [{ include = \"acme_core\", from = \"src\" }]\n",
			"libs/core/src/acme_core/__init__.py":       "",
			"libs/core/src/acme_core/seeding.py":        "",
			"packages/train/acme_train/__init__.py":     "",
			"packages/train/pyproject.toml":             "[project]\nname = \"acme-train\"\n",
			"packages/train/acme_train/unrelated.py":    "",
			"packages/unrelated/acme_core/seeding.py":   "",
			"packages/unrelated/acme_core/__init__.py":  "",
			"packages/unrelated/pyproject.toml":         "[project]\nname = \"other\"\n",
			"packages/unrelated/acme_other/__init__.py": ""},
			"acme_core.seeding", "libs/core/src/acme_core/seeding.py"},
		{"uv path source", map[string]string{
			"packages/train/pyproject.toml":       "[project]\nname = \"acme-train\"\ndependencies = [\"acme-core\"]\n[tool.uv.sources]\nacme-core = { path = \"../core\", editable = true }\n",
			"packages/core/acme_core/__init__.py": "", "packages/core/acme_core/seeding.py": ""},
			"acme_core.seeding", "packages/core/acme_core/seeding.py"},
		{"PEP 508 file reference", map[string]string{
			"packages/train/pyproject.toml":       "[project]\nname = \"acme-train\"\ndependencies = [\"acme-core @ file:///${PROJECT_ROOT}/../core\"]\n",
			"packages/core/acme_core/__init__.py": "", "packages/core/acme_core/seeding.py": ""},
			"acme_core.seeding", "packages/core/acme_core/seeding.py"},
		{"uv workspace member by glob", map[string]string{
			"pyproject.toml":                      "[project]\nname = \"ws\"\n[tool.uv.workspace]\nmembers = [\"packages/*\"]\n",
			"packages/train/pyproject.toml":       "[project]\nname = \"acme-train\"\ndependencies = [\"acme-core\"]\n[tool.uv.sources]\nacme-core = { workspace = true }\n",
			"packages/core/pyproject.toml":        "[project]\nname = \"acme-core\"\n",
			"packages/core/src/acme_core/seed.py": "", "packages/core/src/acme_core/__init__.py": ""},
			"acme_core.seed", "packages/core/src/acme_core/seed.py"},
		{"not a dependency: not on the import path", map[string]string{
			"packages/train/pyproject.toml":       "[project]\nname = \"acme-train\"\n",
			"packages/core/acme_core/__init__.py": "", "packages/core/acme_core/seeding.py": ""},
			"acme_core.seeding", ""},
		{"a third-party name is not looked for in a workspace", map[string]string{
			"pyproject.toml":                "[project]\nname = \"ws\"\n[tool.uv.workspace]\nmembers = [\"packages/*\"]\n",
			"packages/train/pyproject.toml": "[project]\nname = \"acme-train\"\n[tool.uv.sources]\nacme-core = { workspace = true }\n",
			"packages/x/pandas/__init__.py": ""},
			"pandas", ""},
	} {
		tree := &countingTree{MapTree: snapshot.MapTree{Content: c.files}}
		tree.Content[train] = "import x\n"
		got := findAll(t, tree, [][2]string{{train, c.query}})[0]
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
		if c.query == "pandas" && tree.listings > 0 {
			t.Errorf("%s: listed the repository for a third-party import", c.name)
		}
	}
}
