package docker

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/internal/yamlerr"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/dockerfile"
	"github.com/git-repro/git-repro/rules/internal/wording"
)

// composeFile is what the docker rules read from a compose file.
type composeFile struct {
	errLine int
	errMsg  string
	images  []composeImage
	builds  []composeBuild
}

type composeImage struct {
	service   string
	ref       string // as written
	line, col int
	hasBuild  bool // the service builds the image; image: only names it
}

type composeBuild struct {
	service    string
	context    string // root-relative directory
	dockerfile string // root-relative path
	line       int
	// ctxRaw and dfRaw are the values as written ("." and "Dockerfile"
	// when absent); ctxAt and dfAt where they are written (the build key
	// when absent).
	ctxRaw, dfRaw string
	ctxAt, dfAt   checks.Pos
	remote        bool // a git or URL context, an absolute path, a variable without default, outside the repository
	inline        bool // dockerfile_inline
	// partial is set for a build in an override file (compose.override.yaml,
	// docker-compose.prod.yml) that leaves out context or dockerfile: the
	// merged configuration takes them from the file it overrides.
	partial bool
}

// compose parses a compose file (cached); nil when it cannot be read.
func (r *repo) compose(p string) *composeFile {
	if cf, ok := r.composes[p]; ok {
		return cf
	}
	var cf *composeFile
	if b, err := r.tree.ReadFile(p); err == nil {
		cf = parseCompose(p, b)
	}
	r.composes[p] = cf
	return cf
}

func parseCompose(p string, b []byte) (cf *composeFile) {
	cf = &composeFile{}
	defer func() {
		if v := recover(); v != nil {
			cf = &composeFile{errLine: 1, errMsg: fmt.Sprintf("the YAML parser failed: %v", v)}
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		cf.errLine, cf.errMsg = yamlerr.Of(err)
		return cf
	}
	if len(doc.Content) == 0 {
		return cf
	}
	services := mapGet(doc.Content[0], "services")
	if services == nil || services.Kind != yaml.MappingNode {
		return cf
	}
	dir := cleanRel(path.Dir(p))
	override := isComposeOverride(p)
	for i := 0; i+1 < len(services.Content); i += 2 {
		name := services.Content[i].Value
		svc := services.Content[i+1]
		if svc.Kind != yaml.MappingNode {
			continue
		}
		build := mapGet(svc, "build")
		if img := mapGet(svc, "image"); img != nil && img.Kind == yaml.ScalarNode {
			cf.images = append(cf.images, composeImage{service: name, ref: img.Value, line: img.Line, col: img.Column, hasBuild: build != nil})
		}
		if build == nil {
			continue
		}
		b := composeBuild{service: name, line: build.Line}
		at := func(n *yaml.Node) checks.Pos { return checks.Pos{Path: p, Line: n.Line, Col: n.Column} }
		b.ctxAt, b.dfAt = at(build), at(build)
		ctx, dfile := ".", "Dockerfile"
		switch build.Kind {
		case yaml.ScalarNode:
			ctx = build.Value
		case yaml.MappingNode:
			b.ctxAt, b.dfAt = at(mapKey(svc, "build")), at(mapKey(svc, "build"))
			if n := mapGet(build, "context"); n != nil && n.Kind == yaml.ScalarNode {
				ctx, b.ctxAt = n.Value, at(n)
			} else {
				b.partial = override
			}
			if n := mapGet(build, "dockerfile"); n != nil && n.Kind == yaml.ScalarNode {
				dfile, b.dfAt = n.Value, at(n)
			} else {
				b.partial = b.partial || override && mapGet(build, "dockerfile_inline") == nil
			}
			if mapGet(build, "dockerfile_inline") != nil {
				b.inline = true
			}
		default:
			continue
		}
		b.ctxRaw, b.dfRaw = ctx, dfile
		ctx, ok1 := interpolate(ctx)
		dfile, ok2 := interpolate(dfile)
		if !ok1 || !ok2 || isURL(ctx) || strings.Contains(ctx, "://") || strings.HasPrefix(ctx, "/") || strings.HasPrefix(dfile, "/") {
			b.remote = true
			cf.builds = append(cf.builds, b)
			continue
		}
		b.context = joinRel(dir, ctx)
		if strings.HasPrefix(path.Clean(path.Join(dir, ctx)), "..") {
			b.remote = true // outside the repository
		}
		b.dockerfile = joinRel(b.context, dfile)
		cf.builds = append(cf.builds, b)
	}
	return cf
}

// isComposeOverride reports whether a compose file is one that is merged
// over another (compose.override.yaml, docker-compose.prod.yml) rather
// than a project's main file.
func isComposeOverride(p string) bool {
	switch lowerBase(p) {
	case "compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml":
		return false
	}
	return true
}

// mapKey returns the key node of key in mapping n, or n.
func mapKey(n *yaml.Node, key string) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i]
		}
	}
	return n
}

func mapGet(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

var composeVarRe = lazyre.New(`\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)`)

// interpolate applies compose variable defaults ("${TAG:-3.11}" -> "3.11",
// "$$" -> "$"). ok is false when a variable without a default is used:
// the value is only known from the environment of whoever runs compose.
func interpolate(s string) (string, bool) {
	ok := true
	out := composeVarRe().ReplaceAllStringFunc(s, func(m string) string {
		if m == "$$" {
			return "$"
		}
		sm := composeVarRe().FindStringSubmatch(m)
		if sm[2] == ":-" || sm[2] == "-" {
			return sm[3]
		}
		ok = false
		return m
	})
	return out, ok
}

// checkCompose applies the image pin rules to a compose file's images.
func checkCompose(a *analysis, r *repo, cp string, cf *composeFile) {
	if cf.errMsg != "" {
		a.addf("REPRO-DOCKER-001", checks.Pos{Path: cp, Line: cf.errLine}, "compose file does not parse: %s", cf.errMsg)
		return
	}
	for _, im := range cf.images {
		if im.hasBuild {
			continue // the name the built image is tagged with
		}
		ref, ok := interpolate(im.ref)
		if !ok || ref == "" {
			continue
		}
		subject := fmt.Sprintf("image %q of service %q", ref, im.service)
		checkImageRef(a, r, checks.Pos{Path: cp, Line: im.line, Col: im.col}, subject, dockerfile.ParseImage(ref))
	}
}

// checkComposeBuild reports a build of a compose service that cannot work
// (REPRO-DOCKER-037), by compose's rules: the context is relative to the
// compose file's directory, the dockerfile relative to the context. A
// context that is a URL, an absolute path, outside the repository, in a
// git submodule, or ignored by git is not judged; nor is a COPY source
// that the repository does not hold anywhere (it may be generated before
// the build).
func checkComposeBuild(a *analysis, r *repo, b composeBuild) {
	if b.remote || b.partial || r.inSubmodule(b.context) {
		return
	}
	if !r.isDir(b.context) {
		if !r.tree.Ignored(b.context) {
			a.addf("REPRO-DOCKER-037", b.ctxAt, "service %q builds from context %q, which resolves to %q (relative to the compose file's directory) and is not a directory of the repository: \"docker compose build\" fails; point build.context at the directory the build needs",
				b.service, b.ctxRaw, displayDir(b.context))
		}
		return
	}
	if b.inline {
		return
	}
	if !r.isFile(b.dockerfile) {
		if r.tree.Ignored(b.dockerfile) || r.inSubmodule(b.dockerfile) {
			return
		}
		msg := fmt.Sprintf("service %q names dockerfile %q, which is not in its build context %q (it is looked up as %q, relative to the context): \"docker compose build\" fails",
			b.service, b.dfRaw, b.ctxRaw, b.dockerfile)
		if others := dockerfilesIn(r, b.context); len(others) == 1 {
			msg += fmt.Sprintf("; the context has %q: name it, or add %q", others[0], b.dfRaw)
		} else if len(others) > 1 {
			msg += fmt.Sprintf("; the context has %s: name one of them, or add %q", wording.QuoteList(others, 3), b.dfRaw)
		} else {
			msg += "; add the file or fix build.dockerfile"
		}
		a.addf("REPRO-DOCKER-037", b.dfAt, "%s", msg)
		return
	}
	f := r.dockerfile(b.dockerfile)
	if f == nil {
		return
	}
	var missing []string
	var lines []int
	for _, st := range f.Stages {
		for _, c := range st.Commands {
			for _, src := range contextSources(c) {
				if src == "" || slices.Contains(missing, src) || r.sourceExists(b.context, src) {
					continue
				}
				if !hasGlob(src) && r.tree.Ignored(joinRel(b.context, src)) {
					continue // made there before the build, and ignored by git
				}
				missing = append(missing, src)
				lines = append(lines, c.Line)
			}
		}
	}
	// Only sources that the repository holds higher up are reported:
	// the context is too narrow for them (a source found nowhere may be
	// generated before the build).
	var found []string
	var at []int
	above := ""
	for i, src := range missing {
		if where, ok := r.sourceAbove(b.context, src); ok {
			found = append(found, src)
			at = append(at, lines[i])
			if above == "" || len(where) < len(above) {
				above = where
			}
		}
	}
	if len(found) == 0 {
		return
	}
	at = slices.Compact(at)
	what := fmt.Sprintf("%q (line %d), which is", found[0], at[0])
	if len(found) > 1 {
		what = fmt.Sprintf("%s (%s %s), which are", wording.QuoteList(found, 3), wording.Noun(len(at), "line", "lines"), joinInts(at, 3))
	}
	msg := fmt.Sprintf("service %q builds %q with context %q, but the Dockerfile copies %s outside that context: \"docker compose build\" fails with \"not found\"",
		b.service, b.dockerfile, b.ctxRaw, what)
	composeDir := cleanRel(path.Dir(b.ctxAt.Path))
	var hint string
	if holder, ok := r.contextHolding(b.context, localSources(f)); ok {
		msg += fmt.Sprintf("; set build.context to %q (it holds every source) and build.dockerfile to %q", relPath(composeDir, holder), relPath(holder, b.dockerfile))
		hint = fmt.Sprintf("set build.context to %q and build.dockerfile to %q (the context is relative to the compose file, the dockerfile to the context)",
			relPath(composeDir, holder), relPath(holder, b.dockerfile))
	} else {
		msg += fmt.Sprintf("; move %s into %q, or build from %q and change the COPY paths to match", wording.QuoteList(found, 3), displayDir(b.context), relPath(cleanRel(path.Dir(b.ctxAt.Path)), above))
		hint = fmt.Sprintf("the sources are in %q; the build context must hold every COPY source", displayDir(above))
	}
	a.Add("REPRO-DOCKER-037", checks.Diag{Pos: b.ctxAt, Message: msg, Hint: hint})
}

// sourceAbove returns the nearest directory above ctx in which a COPY
// source exists ("" for the root).
func (r *repo) sourceAbove(ctx, src string) (string, bool) {
	return r.contextHolding(ctx, []string{src})
}

// contextHolding returns the nearest directory above ctx in which every
// source exists.
func (r *repo) contextHolding(ctx string, srcs []string) (string, bool) {
	if ctx == "" {
		return "", false
	}
	return r.holderFrom(parentDir(ctx), srcs)
}

// relPath returns root-relative path p relative to directory dir, in the
// form compose files use ("." for dir itself, "../x" above it).
func relPath(dir, p string) string {
	if dir == p {
		return "."
	}
	up := ""
	for d := dir; d != ""; d = parentDir(d) {
		if strings.HasPrefix(p, d+"/") {
			return up + strings.TrimPrefix(p, d+"/")
		}
		up += "../"
	}
	if p == "" {
		return strings.TrimSuffix(up, "/")
	}
	return up + p
}

// dockerfilesIn lists the Dockerfiles directly in a context directory.
func dockerfilesIn(r *repo, dir string) []string {
	var out []string
	for _, fi := range r.under(dir) {
		rel := relTo(dir, fi.Path)
		if !strings.Contains(rel, "/") && IsDockerfile(rel) {
			out = append(out, rel)
		}
	}
	return out
}

// inSubmodule reports whether a path lies in a git submodule (by
// .gitmodules), whose files a snapshot of this repository does not hold.
func (r *repo) inSubmodule(p string) bool {
	if r.submodules == nil {
		r.submodules = []string{}
		if b, err := r.tree.ReadFile(".gitmodules"); err == nil && len(b) <= maxScriptSize {
			for _, m := range submodulePathRe().FindAllStringSubmatch(string(b), -1) {
				r.submodules = append(r.submodules, cleanRel(m[1]))
			}
		}
	}
	for _, s := range r.submodules {
		if s != "" && (p == s || strings.HasPrefix(p, s+"/")) {
			return true
		}
	}
	return false
}

var submodulePathRe = lazyre.New(`(?m)^\s*path\s*=\s*(.+?)\s*$`)

func joinInts(ns []int, max int) string {
	var ss []string
	for i, n := range ns {
		if i == max {
			ss = append(ss, "...")
			break
		}
		ss = append(ss, strconv.Itoa(n))
	}
	return strings.Join(ss, ", ")
}
