package scorecard

import (
	"testing"

	"github.com/git-repro/git-repro/checks"
)

// baseMatch must agree with checks.BaseMatch (path.Match) on the patterns
// the report uses.
func TestBaseMatchAgreesWithPathMatch(t *testing.T) {
	var pats [][]string
	pats = append(pats, pyCodeGlobs, manifestGlobs, lockGlobs, dockerfileGlobs, requirementsGlobs,
		[]string{"readme", "readme.*", "readme*", "data.md", "datasheet*.md"})
	names := []string{"a/Requirements-dev.TXT", "requirements.txt", "requirementstxt", "x/dockerfile", "Dockerfile.gpu",
		"gpu.Dockerfile", "Containerfile", "env.conda-lock.yml", "conda-lock.yml", "README", "readme.md", "README.rst",
		"readmex", "datasheet.md", "datasheet-v2.md", "datasheet.mdx", "train.py", "nb.ipynb", "py", ".py", "pyproject.toml", "uv.lock"}
	for _, ps := range pats {
		for _, n := range names {
			if got, want := baseMatch(n, ps...), checks.BaseMatch(n, ps...); got != want {
				t.Errorf("baseMatch(%q, %q) = %v, path.Match says %v", n, ps, got, want)
			}
		}
	}
}
