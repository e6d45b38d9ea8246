package templates

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/dockerignore"
	"github.com/git-repro/git-repro/rules/artifact"
	"github.com/git-repro/git-repro/rules/docker"
	"github.com/git-repro/git-repro/snapshot"
)

type dockerignoreSection struct {
	title    string
	patterns []string
}

// dockerignoreSections are the patterns every generated .dockerignore
// carries, whether or not the files exist now: git-ignored files (a local
// .env, a .venv) are not in the repository's listing but are in a real
// build context.
func dockerignoreSections() []dockerignoreSection {
	weights := []string{"**/wandb", "**/mlruns", "**/lightning_logs"}
	for _, e := range artifact.ModelExtensions() {
		weights = append(weights, "**/*"+e)
	}
	return []dockerignoreSection{
		{"Version control: the history never belongs in an image", []string{".git", ".dvc/cache", ".dvc/tmp"}},
		{"Secrets: pass them at run time or with RUN --mount=type=secret", []string{
			"**/.env", "**/.env.*", "!**/.env.example", "!**/.env.sample", "!**/.env.template",
			"**/*.pem", "**/*.key", "**/id_rsa", "**/id_ed25519", "**/.netrc", "**/.pypirc", "**/.git-credentials",
			"**/kaggle.json", "**/.ssh", "**/.aws"}},
		{"Environments and caches: machine-specific, rebuilt inside the image", []string{
			"**/.venv", "**/venv", "**/__pycache__", "**/*.pyc", "**/*.pyo", "**/.ipynb_checkpoints",
			"**/.pytest_cache", "**/.mypy_cache", "**/.ruff_cache", "**/.tox", "**/.nox", "**/.hypothesis",
			"**/node_modules", "**/.DS_Store"}},
		{"Experiment logs and model weights: fetch or COPY them explicitly", weights},
	}
}

// DockerignoreTemplate writes a .dockerignore for the build context
// contextDir ("" or "." for the repository root) of the repository as it
// is: the standard exclusions (.git, secrets, virtualenvs, caches, model
// weights, experiment logs), the data directories and large files found
// in the context, and "!" exceptions that keep every source the
// Dockerfiles building from that context COPY or ADD explicitly. cfg may
// be nil (defaults); its docker.contexts and docker.large-file settings
// are honoured.
//
// It backs "git repro init --dockerignore"; applying its output makes the
// context findings (REPRO-DOCKER-030..034) go away without creating
// REPRO-DOCKER-036 ones.
func DockerignoreTemplate(tree snapshot.Tree, cfg *checks.Config, contextDir string) ([]byte, error) {
	plan, err := docker.PlanContext(tree, cfg, contextDir)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	var lines []string
	emit := func(p string) {
		if !slices.Contains(lines, p) {
			lines = append(lines, p)
			b.WriteString(p + "\n")
		}
	}
	dir := plan.Context
	if dir == "" {
		dir = "."
	}
	fmt.Fprintf(&b, "# .dockerignore for the build context %q, written by \"git repro init --dockerignore\".\n", dir)
	b.WriteString("# Docker sends every file not excluded here to the builder, and \"COPY . .\" puts it in the\n")
	b.WriteString("# image. Patterns use Docker's syntax: \"**\" matches any depth, \"!\" re-includes, the last\n")
	b.WriteString("# matching line wins. Check it with: git repro check --all\n")
	for _, sec := range dockerignoreSections() {
		b.WriteString("\n# " + sec.title + "\n")
		for _, p := range sec.patterns {
			emit(p)
		}
	}
	var found []string
	for _, p := range plan.Unwanted {
		if !slices.Contains(lines, p) {
			found = append(found, p)
		}
	}
	sort.Strings(found)
	if len(found) > 0 {
		b.WriteString("\n# Found in this repository: data, large files, other environments\n")
		for _, p := range found {
			emit(p)
		}
	}
	// Keep what the Dockerfiles copy on purpose.
	if keep := plan.Exceptions(lines); len(keep) > 0 {
		b.WriteString("\n# Copied by the Dockerfiles (" + strings.Join(plan.Dockerfiles, ", ") + "): keep\n")
		for _, p := range keep {
			emit(p)
		}
	}
	out := []byte(b.String())
	// The result must parse cleanly with Docker's rules.
	if f := dockerignore.Parse(out); len(f.Errors) > 0 {
		return out, fmt.Errorf("generated .dockerignore has an invalid pattern: %v", f.Errors[0])
	}
	return out, nil
}
