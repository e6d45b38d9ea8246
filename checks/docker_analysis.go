package checks

import (
	"path"
	"sort"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/git-repro/git-repro/parse/dockerfile"
	"github.com/git-repro/git-repro/parse/dockerignore"
	"github.com/git-repro/git-repro/parse/pipreq"
	"github.com/git-repro/git-repro/snapshot"
)

// dockerRepo gives the docker family cached access to the snapshot: the
// file listing (read once, only when a relevant file is a target), parsed
// Dockerfiles, .dockerignore files and compose files.
type dockerRepo struct {
	tree   snapshot.Tree
	cfg    *DockerConfig
	listed bool
	files  []snapshot.FileInfo // sorted by path

	dfs      map[string]*dockerfile.File
	ignores  map[string]*dockerignore.File // nil value: no such file
	composes map[string]*dkComposeFile
	// composeRefs maps a Dockerfile path to the build contexts compose
	// files give it.
	composeRefs map[string][]string
	loader      *pipreq.Loader
}

func newDockerRepo(tree snapshot.Tree, cfg *DockerConfig) *dockerRepo {
	return &dockerRepo{
		tree: tree, cfg: cfg,
		dfs: map[string]*dockerfile.File{}, ignores: map[string]*dockerignore.File{},
		composes: map[string]*dkComposeFile{},
	}
}

// listing returns every file of the snapshot (once per run).
func (r *dockerRepo) listing() []snapshot.FileInfo {
	if r.listed {
		return r.files
	}
	r.listed = true
	files, err := r.tree.Files()
	if err != nil {
		return nil
	}
	r.files = files
	if !sort.SliceIsSorted(files, func(i, j int) bool { return files[i].Path < files[j].Path }) {
		r.files = append([]snapshot.FileInfo(nil), files...)
		sort.Slice(r.files, func(i, j int) bool { return r.files[i].Path < r.files[j].Path })
	}
	return r.files
}

func (r *dockerRepo) exists(p string) bool {
	_, err := r.tree.Stat(p)
	return err == nil
}

// isFile reports whether p is a file of the listing.
func (r *dockerRepo) isFile(p string) bool {
	files := r.listing()
	i := sort.Search(len(files), func(i int) bool { return files[i].Path >= p })
	return i < len(files) && files[i].Path == p
}

// isDir reports whether p (relative to the root, "" for the root) is a
// directory of the listing: some file lies below it.
func (r *dockerRepo) isDir(p string) bool {
	if p == "" {
		return true
	}
	return len(r.under(p)) > 0
}

// under returns the listed files inside directory dir ("" = root).
func (r *dockerRepo) under(dir string) []snapshot.FileInfo {
	files := r.listing()
	if dir == "" {
		return files
	}
	// The paths below dir sort between "dir/" and "dir0" ('0' follows '/').
	lo, hi := dir+"/", dir+"0"
	i := sort.Search(len(files), func(i int) bool { return files[i].Path >= lo })
	j := i + sort.Search(len(files)-i, func(k int) bool { return files[i+k].Path >= hi })
	return files[i:j]
}

func (r *dockerRepo) dockerfile(p string) *dockerfile.File {
	if f, ok := r.dfs[p]; ok {
		return f
	}
	var f *dockerfile.File
	if b, err := r.tree.ReadFile(p); err == nil {
		f = dockerfile.Parse(b)
	}
	r.dfs[p] = f
	return f
}

// ignore returns the parsed .dockerignore at p, or nil when there is none.
func (r *dockerRepo) ignore(p string) *dockerignore.File {
	if f, ok := r.ignores[p]; ok {
		return f
	}
	var f *dockerignore.File
	if b, err := r.tree.ReadFile(p); err == nil {
		f = dockerignore.Parse(b)
	}
	r.ignores[p] = f
	return f
}

// ignoreFor returns where the .dockerignore of a build of dockerfile with
// context ctx lives: "<Dockerfile>.dockerignore" beside it when that
// exists (BuildKit prefers it), else "<ctx>/.dockerignore". The second
// value reports whether the file exists.
func (r *dockerRepo) ignoreFor(df, ctx string) (string, bool) {
	if df != "" {
		if own := df + ".dockerignore"; r.exists(own) {
			return own, true
		}
	}
	p := dkJoinRel(ctx, ".dockerignore")
	return p, r.exists(p)
}

// contextsFor returns the build context directories of a Dockerfile: the
// one .repro.yaml names, those compose files give, or else the nearest
// directory (its own, then its parents) in which its COPY/ADD sources
// exist.
func (r *dockerRepo) contextsFor(df string) []string {
	if c, ok := r.cfg.Contexts[df]; ok {
		return []string{dkCleanRel(c)}
	}
	r.loadComposeRefs()
	if cs := r.composeRefs[df]; len(cs) > 0 {
		return cs
	}
	dir := dkCleanRel(path.Dir(df))
	f := r.dockerfile(df)
	if f == nil {
		return []string{dir}
	}
	srcs := dkLocalSources(f)
	if len(srcs) == 0 {
		return []string{dir}
	}
	for c := dir; ; c = dkParentDir(c) {
		ok := true
		for _, s := range srcs {
			if !r.sourceExists(c, s) {
				ok = false
				break
			}
		}
		if ok {
			return []string{c}
		}
		if c == "" {
			break
		}
	}
	return []string{dir}
}

// sourceExists reports whether a COPY source (possibly a glob) names
// something in context ctx.
func (r *dockerRepo) sourceExists(ctx, src string) bool {
	p := dkJoinRel(ctx, src)
	if dkHasGlob(src) {
		for _, f := range r.under(ctx) {
			if ok, _ := path.Match(p, f.Path); ok {
				return true
			}
			if ok, _ := path.Match(p, path.Dir(f.Path)); ok {
				return true
			}
		}
		return false
	}
	if p == "" {
		return true
	}
	return r.isFile(p) || r.isDir(p)
}

func (r *dockerRepo) loadComposeRefs() {
	if r.composeRefs != nil {
		return
	}
	r.composeRefs = map[string][]string{}
	for _, f := range r.listing() {
		if !IsComposeFile(f.Path) {
			continue
		}
		cf := r.compose(f.Path)
		if cf == nil {
			continue
		}
		for _, b := range cf.builds {
			if b.remote {
				continue
			}
			if !dkContains(r.composeRefs[b.dockerfile], b.context) {
				r.composeRefs[b.dockerfile] = append(r.composeRefs[b.dockerfile], b.context)
			}
		}
	}
}

// dkLocalSources returns the COPY/ADD sources of a Dockerfile that come
// from the build context (not --from, not URLs, not heredocs, no
// variables), cleaned and relative to the context root.
func dkLocalSources(f *dockerfile.File) []string {
	var out []string
	for _, st := range f.Stages {
		for _, c := range st.Commands {
			for _, s := range dkContextSources(c) {
				if s != "" && !dkContains(out, s) {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// dkContextSources returns a command's sources that are read from the build
// context; "" stands for the context root ("." or "/").
func dkContextSources(c dockerfile.Command) []string {
	srcs, _ := dkCopySources(c)
	if rc, ok := c.Inst.(*instructions.RunCommand); ok {
		for _, b := range dockerfile.ContextBinds(rc) {
			if b.Source != "" && b.Source != "." && b.Source != "/" {
				srcs = append(srcs, b.Source)
			}
		}
	}
	var out []string
	for _, s := range srcs {
		if dkIsURL(s) || dockerfile.Dynamic(s) {
			continue
		}
		out = append(out, dkCleanRel(s))
	}
	return out
}

func dkIsURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "git@") || strings.HasPrefix(l, "git://")
}

func dkHasGlob(s string) bool { return strings.ContainsAny(s, "*?[") }

// dkCleanRel cleans a context-relative path: "./src/" -> "src", "." and
// "/" -> "".
func dkCleanRel(p string) string {
	p = path.Clean("/" + strings.TrimSpace(p))
	p = strings.TrimPrefix(p, "/")
	return p
}

func dkJoinRel(dir, p string) string {
	return dkCleanRel(path.Join(dir, p))
}

func dkParentDir(p string) string {
	d := path.Dir(p)
	if d == "." || d == "/" {
		return ""
	}
	return d
}

// dkRelTo returns p relative to dir (both root-relative, dir "" = root).
func dkRelTo(dir, p string) string {
	if dir == "" {
		return p
	}
	return strings.TrimPrefix(p, dir+"/")
}

func dkContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// dkDisplayDir shows a context directory: "" is ".".
func dkDisplayDir(d string) string {
	if d == "" {
		return "."
	}
	return d
}

// analyzeDocker runs the whole family once: it decides which Dockerfiles,
// build contexts and compose files this run concerns, then checks them.
func analyzeDocker(p *Pass) *dockerAnalysis {
	a := &dockerAnalysis{diags: map[string][]Diag{}, seen: map[string]bool{}}
	cfg := dockerSettings.Get(p.Config)
	r := newDockerRepo(p.Tree, cfg)

	var lint, composeFiles, ignoreFiles []string
	consider := func(fp string) {
		switch {
		case dkIsDockerignore(fp):
			ignoreFiles = append(ignoreFiles, fp)
		case IsComposeFile(fp):
			composeFiles = append(composeFiles, fp)
		case IsDockerfile(fp):
			lint = append(lint, fp)
		}
	}
	// With --all the targets are every file (less .repro.yaml's ignore
	// globs); otherwise the staged, changed or given files.
	for _, f := range p.Targets {
		consider(f.Path)
	}
	if len(lint)+len(composeFiles)+len(ignoreFiles) == 0 {
		return a
	}

	// Builds whose context this run analyses: (Dockerfile, context).
	type build struct{ df, ctx, from string }
	var builds []build
	addBuild := func(b build) {
		for _, x := range builds {
			if x.df == b.df && x.ctx == b.ctx {
				return
			}
		}
		builds = append(builds, b)
	}
	for _, df := range lint {
		f := r.dockerfile(df)
		if f == nil {
			continue
		}
		dkCheckDockerfile(a, r, df, f)
		for _, ctx := range r.contextsFor(df) {
			addBuild(build{df: df, ctx: ctx})
		}
	}
	for _, cp := range composeFiles {
		cf := r.compose(cp)
		if cf == nil {
			continue
		}
		dkCheckCompose(a, cfg, cp, cf)
		for _, b := range cf.builds {
			if b.remote || b.inline {
				continue
			}
			if !r.exists(b.dockerfile) {
				continue
			}
			addBuild(build{df: b.dockerfile, ctx: b.context, from: cp})
		}
	}
	for _, ip := range ignoreFiles {
		f := r.ignore(ip)
		if f == nil {
			continue
		}
		for _, e := range f.Errors {
			a.addf("REPRO-DOCKER-001", Pos{Path: ip, Line: e.Line, Col: 1}, "%s: docker rejects a .dockerignore with an invalid pattern", e.Msg)
		}
		if strings.HasSuffix(ip, ".dockerignore") && path.Base(ip) != ".dockerignore" {
			df := strings.TrimSuffix(ip, ".dockerignore")
			if r.exists(df) {
				for _, ctx := range r.contextsFor(df) {
					addBuild(build{df: df, ctx: ctx})
				}
			}
			continue
		}
		dir := dkCleanRel(path.Dir(ip))
		for _, f := range r.listing() {
			if !IsDockerfile(f.Path) || r.exists(f.Path+".dockerignore") {
				continue
			}
			for _, ctx := range r.contextsFor(f.Path) {
				if ctx == dir {
					addBuild(build{df: f.Path, ctx: ctx})
				}
			}
		}
	}

	// One context analysis per (context, ignore file); the Dockerfiles
	// that share it pool their explicit COPY sources.
	type ctxKey struct{ ctx, ignore string }
	groups := map[ctxKey][]build{}
	var order []ctxKey
	for _, b := range builds {
		ip, _ := r.ignoreFor(b.df, b.ctx)
		k := ctxKey{b.ctx, ip}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], b)
	}
	for _, k := range order {
		var dfs []string
		for _, b := range groups[k] {
			dfs = append(dfs, b.df)
		}
		dkCheckContext(a, r, k.ctx, k.ignore, dfs)
	}
	return a
}
