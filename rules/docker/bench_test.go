package docker

import (
	"fmt"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/snapshot"
)

// BenchmarkDockerFamily measures one full run of the family over a small
// repository with a multi-stage Dockerfile, a compose file and a build
// context.
func BenchmarkDockerFamily(b *testing.B) {
	tree := &snapshot.MapTree{Content: map[string]string{
		"Dockerfile":       "ARG BASE=python:3.11-slim\nFROM ${BASE} AS build\nRUN apt-get update && apt-get install -y gcc && rm -rf /var/lib/apt/lists/*\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nFROM python:3.11-slim\nCOPY --from=build /x /x\nCOPY . /app\nUSER app\n",
		"requirements.txt": "numpy==1.26.4\npandas\n",
		"compose.yaml":     "services:\n  app:\n    build: .\n  db:\n    image: postgres:16\n",
		".env":             "X=1\n",
	}}
	for i := 0; i < 200; i++ {
		tree.Content["src/pkg/m"+string(rune('a'+i%26))+string(rune('a'+i/26))+".py"] = "x\n"
	}
	files, _ := tree.Files()
	cfg := checks.DefaultConfig()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		checks.Run(checks.Options{Tree: tree, Targets: files, Full: true, Rules: rules, Config: cfg})
	}
}

// BenchmarkDockerStagedLargeRepo is the pre-commit case on a 100,000-file
// repository where only the root Dockerfile is staged: the family lists
// the repository once and classifies every file of the build context.
func BenchmarkDockerStagedLargeRepo(b *testing.B) {
	content := map[string]string{
		"Dockerfile":       "FROM python:3.11-slim@sha256:abababababababababababababababababababababababababababababababab\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY src/ /app/src/\n",
		"requirements.txt": "numpy==1.26.4\n",
		".dockerignore":    ".git\ndata/\n",
	}
	for i := 0; i < 100000; i++ {
		content[fmt.Sprintf("src/pkg%03d/mod%03d.py", i/1000, i%1000)] = "x"
	}
	tree := &snapshot.MapTree{Content: content}
	files, _ := tree.Files()
	cached := &listedTree{MapTree: tree, files: files}
	cfg := checks.DefaultConfig()
	targets := []snapshot.FileInfo{{Path: "Dockerfile"}}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		checks.Run(checks.Options{Tree: cached, Targets: targets, Rules: rules, Config: cfg})
	}
}

// listedTree serves a precomputed listing, so the benchmark measures the
// family rather than MapTree's sort.
type listedTree struct {
	*snapshot.MapTree
	files []snapshot.FileInfo
}

func (t *listedTree) Files() ([]snapshot.FileInfo, error) { return t.files, nil }
