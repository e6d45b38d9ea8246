package docker

import (
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/dockerfile"
	"github.com/git-repro/git-repro/parse/dockerignore"
	"github.com/git-repro/git-repro/parse/pipreq"
	"github.com/git-repro/git-repro/parse/shellcmd"
	"github.com/git-repro/git-repro/snapshot"
)

// repo gives the docker family cached access to the snapshot: the
// file listing (read once, only when a relevant file is a target), parsed
// Dockerfiles, .dockerignore files and compose files.
type repo struct {
	tree   snapshot.Tree
	cfg    *Config
	listed bool
	files  []snapshot.FileInfo // sorted by path

	dfs      map[string]*dockerfile.File
	ignores  map[string]*dockerignore.File // nil value: no such file
	composes map[string]*composeFile
	// composeRefs maps a Dockerfile path to the build contexts compose
	// files give it.
	composeRefs map[string][]string
	loader      *pipreq.Loader
	commands    map[string]*shellcmd.Result // parse/shellcmd's reading of each Dockerfile's RUN lines
	built       map[string]bool             // see builtImages
	submodules  []string                    // paths of .gitmodules, see inSubmodule
	// dep001 says REPRO-DEP-001 reports the unpinned lines of requirements
	// files in this run's configuration (it is not turned off), so
	// REPRO-DOCKER-010 leaves them to it.
	dep001 bool
}

func newRepo(tree snapshot.Tree, cfg *Config) *repo {
	return &repo{
		tree: tree, cfg: cfg,
		dfs: map[string]*dockerfile.File{}, ignores: map[string]*dockerignore.File{},
		composes: map[string]*composeFile{}, commands: map[string]*shellcmd.Result{},
	}
}

// listing returns every file of the snapshot (once per run).
func (r *repo) listing() []snapshot.FileInfo {
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

func (r *repo) exists(p string) bool {
	_, err := r.tree.Stat(p)
	return err == nil
}

// isFile reports whether p is a file of the listing.
func (r *repo) isFile(p string) bool {
	files := r.listing()
	i := sort.Search(len(files), func(i int) bool { return files[i].Path >= p })
	return i < len(files) && files[i].Path == p
}

// isDir reports whether p (relative to the root, "" for the root) is a
// directory of the listing: some file lies below it.
func (r *repo) isDir(p string) bool {
	if p == "" {
		return true
	}
	return len(r.under(p)) > 0
}

// under returns the listed files inside directory dir ("" = root).
func (r *repo) under(dir string) []snapshot.FileInfo {
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

func (r *repo) dockerfile(p string) *dockerfile.File {
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

// installsIn returns the pip and conda installs of one RUN instruction of
// Dockerfile df, as parse/shellcmd reads the whole file (WORKDIR and cd
// followed) for every family.
func (r *repo) installsIn(df string, f *dockerfile.File, c dockerfile.Command) []shellcmd.Install {
	res, ok := r.commands[df]
	if !ok {
		res = shellcmd.Dockerfile(f)
		r.commands[df] = res
	}
	var out []shellcmd.Install
	for _, in := range res.Installs {
		if in.Line >= c.Line && in.Line <= max(c.EndLine, c.Line) {
			out = append(out, in)
		}
	}
	return out
}

// imageDir is the image directory of a command that shellcmd says runs in
// d: absolute, or "" when it is known only at build time.
func imageDir(d string) string {
	if !path.IsAbs(d) {
		return ""
	}
	return d
}

// ignore returns the parsed .dockerignore at p, or nil when there is none.
func (r *repo) ignore(p string) *dockerignore.File {
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
func (r *repo) ignoreFor(df, ctx string) (string, bool) {
	if df != "" {
		if own := df + ".dockerignore"; r.exists(own) {
			return own, true
		}
	}
	p := joinRel(ctx, ".dockerignore")
	return p, r.exists(p)
}

// contextsFor returns the build context directories of a Dockerfile: the
// one .repro.yaml names, those compose files give, or else the nearest
// directory (its own, then its parents) in which its COPY/ADD sources
// exist.
func (r *repo) contextsFor(df string) []string {
	if c, ok := r.cfg.Contexts[df]; ok {
		return []string{cleanRel(c)}
	}
	r.loadComposeRefs()
	if cs := r.composeRefs[df]; len(cs) > 0 {
		return cs
	}
	dir := cleanRel(path.Dir(df))
	f := r.dockerfile(df)
	if f == nil {
		return []string{dir}
	}
	srcs := localSources(f)
	if len(srcs) == 0 {
		return []string{dir}
	}
	if c, ok := r.holderFrom(dir, srcs); ok {
		return []string{c}
	}
	return []string{dir}
}

// holderFrom returns the nearest directory, from dir upward to the root,
// in which every COPY source exists.
func (r *repo) holderFrom(dir string, srcs []string) (string, bool) {
	for c := dir; ; c = parentDir(c) {
		if !slices.ContainsFunc(srcs, func(s string) bool { return !r.sourceExists(c, s) }) {
			return c, true
		}
		if c == "" {
			return "", false
		}
	}
}

// sourceExists reports whether a COPY source (possibly a glob) names
// something in context ctx.
func (r *repo) sourceExists(ctx, src string) bool {
	p := joinRel(ctx, src)
	if hasGlob(src) {
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

func (r *repo) loadComposeRefs() {
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
			if b.remote || b.partial {
				continue
			}
			if !slices.Contains(r.composeRefs[b.dockerfile], b.context) {
				r.composeRefs[b.dockerfile] = append(r.composeRefs[b.dockerfile], b.context)
			}
		}
	}
}

// localSources returns the COPY/ADD sources of a Dockerfile that come
// from the build context (not --from, not URLs, not heredocs, no
// variables), cleaned and relative to the context root.
func localSources(f *dockerfile.File) []string {
	var out []string
	for _, st := range f.Stages {
		for _, c := range st.Commands {
			for _, s := range contextSources(c) {
				if s != "" && !slices.Contains(out, s) {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// contextSources returns a command's sources that are read from the build
// context; "" stands for the context root ("." or "/").
func contextSources(c dockerfile.Command) []string {
	srcs, _ := copySources(c)
	if rc, ok := c.Inst.(*instructions.RunCommand); ok {
		for _, b := range dockerfile.ContextBinds(rc) {
			if b.Source != "" && b.Source != "." && b.Source != "/" {
				srcs = append(srcs, b.Source)
			}
		}
	}
	var out []string
	for _, s := range srcs {
		if isURL(s) || dockerfile.Dynamic(s) {
			continue
		}
		out = append(out, cleanRel(s))
	}
	return out
}

func isURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "git@") || strings.HasPrefix(l, "git://")
}

func hasGlob(s string) bool { return strings.ContainsAny(s, "*?[") }

// cleanRel cleans a context-relative path: "./src/" -> "src", "." and
// "/" -> "".
func cleanRel(p string) string {
	p = path.Clean("/" + strings.TrimSpace(p))
	p = strings.TrimPrefix(p, "/")
	return p
}

func joinRel(dir, p string) string {
	return cleanRel(path.Join(dir, p))
}

func parentDir(p string) string {
	i := strings.LastIndexByte(p, '/')
	if i <= 0 {
		return ""
	}
	return p[:i] // p is a clean slash path: path.Dir without cleaning it again
}

// relTo returns p relative to dir (both root-relative, dir "" = root).
func relTo(dir, p string) string {
	if dir == "" {
		return p
	}
	return strings.TrimPrefix(p, dir+"/")
}

// displayDir shows a context directory: "" is ".".
func displayDir(d string) string {
	if d == "" {
		return "."
	}
	return d
}

// analyze runs the whole family once: it decides which Dockerfiles,
// build contexts and compose files this run concerns, then checks them.
func analyze(p *checks.Pass) *analysis {
	a := &analysis{}
	cfg := settings.Get(p.Config)
	r := newRepo(p.Tree, cfg)
	r.dep001 = p.Config == nil || p.Config.Enabled("REPRO-DEP-001")

	var lint, composeFiles, ignoreFiles []string
	consider := func(fp string) {
		switch {
		case isDockerignore(fp):
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
		checkDockerfile(a, r, df, f)
		for _, ctx := range r.contextsFor(df) {
			addBuild(build{df: df, ctx: ctx})
		}
	}
	// A staged Dockerfile re-checks the compose builds that use it: a new
	// COPY may need more than their context holds.
	if len(lint) > 0 {
		for _, fi := range r.listing() {
			if !IsComposeFile(fi.Path) || slices.Contains(composeFiles, fi.Path) {
				continue
			}
			if cf := r.compose(fi.Path); cf != nil && cf.errMsg == "" {
				for _, b := range cf.builds {
					if slices.Contains(lint, b.dockerfile) {
						checkComposeBuild(a, r, b)
					}
				}
			}
		}
	}
	for _, cp := range composeFiles {
		cf := r.compose(cp)
		if cf == nil {
			continue
		}
		checkCompose(a, r, cp, cf)
		for _, b := range cf.builds {
			checkComposeBuild(a, r, b)
			if b.remote || b.inline || b.partial {
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
			a.addf("REPRO-DOCKER-001", checks.Pos{Path: ip, Line: e.Line, Col: 1}, "%s: docker rejects a .dockerignore with an invalid pattern", e.Msg)
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
		dir := cleanRel(path.Dir(ip))
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
		checkContext(a, r, k.ctx, k.ignore, dfs)
	}
	return a
}
