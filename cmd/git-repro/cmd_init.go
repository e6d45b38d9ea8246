package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/cmd/git-repro/templates"
	"github.com/git-repro/git-repro/gitx"
	"github.com/git-repro/git-repro/internal/atomicfile"
	"github.com/git-repro/git-repro/rules"
)

type initOpts struct {
	force        bool
	dockerignore bool
	modelCard    string
	envExample   bool
}

var initCommand = &Command{
	Name:  "init",
	Usage: "init [flags]",
	Short: "write .repro.yaml and, on request, templates (.dockerignore, MODEL_CARD.md, .env.example)",
	Long: `Write .repro.yaml at the repository root with every setting at its default,
commented. On request, also write:
  --dockerignore        a .dockerignore for the repository as it is: .git, secrets,
                        data, weights, virtualenvs and caches out; the Dockerfiles'
                        own COPY/ADD sources kept in
  --model-card PATH     a MODEL_CARD.md beside the model artifact PATH, pre-filled
                        with what the repository reveals (format, size, sha256)
  --env-example         a .env.example from .env with every value removed
Existing files are never overwritten without --force.`,
	SetFlags: func(fs *pflag.FlagSet) any {
		o := &initOpts{}
		fs.BoolVar(&o.force, "force", false, "overwrite files that exist")
		fs.BoolVar(&o.dockerignore, "dockerignore", false, "also write .dockerignore")
		fs.StringVar(&o.modelCard, "model-card", "", "also write MODEL_CARD.md for the artifact at `PATH`")
		fs.BoolVar(&o.envExample, "env-example", false, "also write .env.example from .env")
		return o
	},
	Run: runInit,
}

func runInit(c *CLI, opts any, args []string) int {
	o := opts.(*initOpts)
	if len(args) > 0 {
		return c.fail(usageErrorf("init takes no arguments"))
	}
	cwd, err := os.Getwd()
	if err != nil {
		return c.fail(err)
	}
	repo, err := gitx.OpenContext(c.ctx(), cwd)
	if err != nil {
		if errors.Is(err, gitx.ErrNotRepo) {
			return c.fail(usageErrorf("%v", err))
		}
		return c.fail(err)
	}
	defer repo.Close()
	tree := repo.Worktree()

	type file struct {
		path    string
		content func() ([]byte, error)
	}
	files := []file{{checks.ConfigFile, func() ([]byte, error) { return templates.ReproConfigTemplate(rules.Families()), nil }}}
	if o.dockerignore {
		cfg, err := loadConfig(repo.Root, "")
		if err != nil {
			return c.fail(err)
		}
		files = append(files, file{".dockerignore", func() ([]byte, error) { return templates.DockerignoreTemplate(tree, cfg, "") }})
	}
	if o.modelCard != "" {
		rel, err := repoRelative(repo, cwd, o.modelCard)
		if err != nil {
			return c.fail(err)
		}
		files = append(files, file{path.Join(path.Dir(rel), "MODEL_CARD.md"), func() ([]byte, error) { return templates.ModelCardTemplate(tree, rel) }})
	}
	if o.envExample {
		files = append(files, file{".env.example", func() ([]byte, error) {
			b, err := gitx.Dir(repo.Root).ReadFile(".env") // a regular file inside the repository, capped
			if err != nil {
				return nil, usageErrorf("--env-example: %v", err)
			}
			return templates.EnvExampleFromEnv(b), nil
		}})
	}

	code := ExitClean
	for _, f := range files {
		dst := filepath.Join(repo.Root, filepath.FromSlash(f.path))
		if _, err := os.Stat(dst); err == nil && !o.force {
			if f.path != checks.ConfigFile || len(files) == 1 {
				fmt.Fprintf(c.Stderr, "git-repro: %s exists; not overwritten (use --force)\n", f.path)
				code = ExitUsage
			}
			continue
		} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return c.fail(err)
		}
		b, err := f.content()
		if err != nil {
			return c.fail(err)
		}
		// An interrupted init never leaves a half-written file.
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return c.fail(err)
		}
		if err := atomicfile.WriteFile(dst, b, 0o644); err != nil {
			return c.fail(err)
		}
		fmt.Fprintf(c.Stdout, "wrote %s\n", f.path)
	}
	return code
}

func repoRelative(repo *gitx.Repo, cwd, p string) (string, error) {
	abs := p
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(cwd, p)
	}
	rel, err := filepath.Rel(repo.Root, abs)
	if err != nil || rel == ".." || len(rel) > 2 && rel[:3] == ".."+string(filepath.Separator) {
		return "", usageErrorf("%s is outside the repository", p)
	}
	return filepath.ToSlash(rel), nil
}
