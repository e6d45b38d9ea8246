package checks

import "testing"

// BenchmarkDockerFamily measures one full run of the family over a small
// repository with a multi-stage Dockerfile, a compose file and a build
// context.
func BenchmarkDockerFamily(b *testing.B) {
	tree := &MapTree{Content: map[string]string{
		"Dockerfile":       "ARG BASE=python:3.11-slim\nFROM ${BASE} AS build\nRUN apt-get update && apt-get install -y gcc && rm -rf /var/lib/apt/lists/*\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nFROM python:3.11-slim\nCOPY --from=build /x /x\nCOPY . /app\nUSER app\n",
		"requirements.txt": "numpy==1.26.4\npandas\n",
		"compose.yaml":     "services:\n  app:\n    build: .\n  db:\n    image: postgres:16\n",
		".env":             "X=1\n",
	}}
	for i := 0; i < 200; i++ {
		tree.Content["src/pkg/m"+string(rune('a'+i%26))+string(rune('a'+i/26))+".py"] = "x\n"
	}
	files, _ := tree.Files()
	cfg := DefaultConfig()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Run(Options{Tree: tree, Targets: files, Full: true, Rules: dockerRules, Config: cfg})
	}
}
