package docker

import (
	"fmt"
	"slices"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/dockerignore"
	"github.com/git-repro/git-repro/snapshot"
)

// What "git repro init --dockerignore" needs from the docker family: the
// same analysis of a build context that the context rules
// (REPRO-DOCKER-030..034) report from, so that applying the generated
// .dockerignore makes their findings go away without creating
// REPRO-DOCKER-036 ones.

// ContextPlan is one build context as the context rules see it.
type ContextPlan struct {
	// Context is the context directory, relative to the root ("" for the
	// root).
	Context string
	// Dockerfiles are the Dockerfiles that build from it.
	Dockerfiles []string
	// Unwanted are the .dockerignore patterns that keep out what the
	// context rules report (data, large files, other environments,
	// secrets), in the order found.
	Unwanted []string

	r   *repo
	rep *contextReport
}

// PlanContext analyses the build context contextDir ("" or "." for the
// root) of the repository as it is, with cfg's docker.contexts and
// docker.large-file settings (cfg nil: defaults).
func PlanContext(tree snapshot.Tree, cfg *checks.Config, contextDir string) (*ContextPlan, error) {
	ctx := cleanRel(contextDir)
	r := newRepo(tree, settings.Get(cfg))
	files := r.listing()
	if files == nil {
		if _, err := tree.Files(); err != nil {
			return nil, fmt.Errorf("listing the repository: %w", err)
		}
	}
	plan := &ContextPlan{Context: ctx, r: r}
	for _, f := range files {
		if IsDockerfile(f.Path) && slices.Contains(r.contextsFor(f.Path), ctx) {
			plan.Dockerfiles = append(plan.Dockerfiles, f.Path)
		}
	}
	plan.rep = analyzeContext(r, ctx, nil, plan.Dockerfiles)
	for _, it := range plan.rep.items {
		plan.Unwanted = append(plan.Unwanted, it.pattern)
	}
	return plan, nil
}

// Exceptions returns the "!" lines that keep, under the given .dockerignore
// patterns, every source the Dockerfiles COPY or ADD explicitly. Secrets
// and caches stay out even inside a copied directory.
func (c *ContextPlan) Exceptions(patterns []string) []string {
	ctx := c.Context
	ign := dockerignore.New(patterns...)
	var keep []string
	for _, src := range c.rep.explicit {
		rel := relTo(ctx, src)
		if ctx != "" && !strings.HasPrefix(src, ctx+"/") && src != ctx {
			continue
		}
		var excluded []string
		matched := 0
		for _, fi := range c.r.under(ctx) {
			frel := relTo(ctx, fi.Path)
			if !sourceMatches(rel, frel) {
				continue
			}
			matched++
			if !ign.Excluded(frel) {
				continue
			}
			if cl, ok := classifyContextPath(frel, 0, 1<<62, nil); ok && cl.rule != "REPRO-DOCKER-033" && frel != rel {
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
		case hasGlob(rel) || len(excluded) > 20 || (len(excluded) == matched && matched > 1):
			keep = append(keep, "!"+rel)
		default:
			for _, e := range excluded {
				keep = append(keep, "!"+e)
			}
		}
	}
	return keep
}
