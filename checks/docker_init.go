package checks

import (
	"fmt"
	"sort"
	"strings"

	"github.com/git-repro/git-repro/parse/dockerignore"
	"github.com/git-repro/git-repro/snapshot"
)

// dkTemplateSections are the patterns every generated .dockerignore
// carries, whether or not the files exist now: git-ignored files (a local
// .env, a .venv) are not in the repository's listing but are in a real
// build context.
var dkTemplateSections = []struct {
	title    string
	patterns []string
}{
	{"Version control: the history never belongs in an image", []string{".git", ".dvc/cache", ".dvc/tmp"}},
	{"Secrets: pass them at run time or with RUN --mount=type=secret", []string{
		"**/.env", "**/.env.*", "!**/.env.example", "!**/.env.sample", "!**/.env.template",
		"**/*.pem", "**/*.key", "**/id_rsa", "**/id_ed25519", "**/.netrc", "**/.pypirc", "**/.git-credentials",
		"**/kaggle.json", "**/.ssh", "**/.aws"}},
	{"Environments and caches: machine-specific, rebuilt inside the image", []string{
		"**/.venv", "**/venv", "**/__pycache__", "**/*.pyc", "**/*.pyo", "**/.ipynb_checkpoints",
		"**/.pytest_cache", "**/.mypy_cache", "**/.ruff_cache", "**/.tox", "**/.nox", "**/.hypothesis",
		"**/node_modules", "**/.DS_Store"}},
	{"Experiment logs and model weights: fetch or COPY them explicitly", append([]string{
		"**/wandb", "**/mlruns", "**/lightning_logs"}, dkWeightPatterns()...)},
}

func dkWeightPatterns() []string {
	var out []string
	for _, e := range dkWeightExts {
		out = append(out, "**/*"+e)
	}
	return out
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
func DockerignoreTemplate(tree snapshot.Tree, cfg *Config, contextDir string) ([]byte, error) {
	if cfg == nil {
		cfg = DefaultConfig()
	}
	ctx := dkCleanRel(contextDir)
	r := newDockerRepo(tree, dockerSettings.Get(cfg))
	files := r.listing()
	if files == nil {
		if _, err := tree.Files(); err != nil {
			return nil, fmt.Errorf("listing the repository: %w", err)
		}
	}
	// The Dockerfiles that build from this context.
	var dfs []string
	for _, f := range files {
		if IsDockerfile(f.Path) && dkContains(r.contextsFor(f.Path), ctx) {
			dfs = append(dfs, f.Path)
		}
	}
	rep := dkAnalyzeContext(r, ctx, nil, dfs)

	var b strings.Builder
	var lines []string
	emit := func(p string) {
		if !dkContains(lines, p) {
			lines = append(lines, p)
			b.WriteString(p + "\n")
		}
	}
	fmt.Fprintf(&b, "# .dockerignore for the build context %q, written by \"git repro init --dockerignore\".\n", dkDisplayDir(ctx))
	b.WriteString("# Docker sends every file not excluded here to the builder, and \"COPY . .\" puts it in the\n")
	b.WriteString("# image. Patterns use Docker's syntax: \"**\" matches any depth, \"!\" re-includes, the last\n")
	b.WriteString("# matching line wins. Check it with: git repro check --all\n")
	for _, sec := range dkTemplateSections {
		b.WriteString("\n# " + sec.title + "\n")
		for _, p := range sec.patterns {
			emit(p)
		}
	}
	var found []string
	for _, it := range rep.items {
		if !dkContains(lines, it.pattern) {
			found = append(found, it.pattern)
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
	ign := dockerignore.New(lines...)
	var keep []string
	for _, src := range rep.explicit {
		rel := dkRelTo(ctx, src)
		if ctx != "" && !strings.HasPrefix(src, ctx+"/") && src != ctx {
			continue
		}
		var excluded []string
		matched := 0
		for _, fi := range r.under(ctx) {
			frel := dkRelTo(ctx, fi.Path)
			if !dkSourceMatches(rel, frel) {
				continue
			}
			matched++
			if !ign.Excluded(frel) {
				continue
			}
			// Secrets and caches stay out even inside a copied directory.
			if cl, ok := dkClassifyContextPath(frel, 0, 1<<62, nil, nil); ok && cl.rule != "REPRO-DOCKER-033" && frel != rel {
				continue
			}
			excluded = append(excluded, frel)
		}
		switch {
		case matched == 0:
			if ign.Excluded(rel) {
				keep = append(keep, "!"+rel)
			}
		case len(excluded) == 0:
		case dkHasGlob(rel) || len(excluded) > 20 || (len(excluded) == matched && matched > 1):
			keep = append(keep, "!"+rel)
		default:
			for _, e := range excluded {
				keep = append(keep, "!"+e)
			}
		}
	}
	if len(keep) > 0 {
		b.WriteString("\n# Copied by the Dockerfiles (" + strings.Join(dfs, ", ") + "): keep\n")
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
