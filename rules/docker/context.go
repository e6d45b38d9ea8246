package docker

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/bytesize"
	"github.com/git-repro/git-repro/parse/dockerfile"
	"github.com/git-repro/git-repro/parse/dockerignore"
	"github.com/git-repro/git-repro/rules/artifact"
	"github.com/git-repro/git-repro/rules/internal/wording"
	"github.com/git-repro/git-repro/snapshot"
)

// contentSize is the size a file has in a checkout: for a Git LFS pointer,
// the size of the real object (the build context holds the smudged file).
func contentSize(f snapshot.FileInfo) int64 {
	if f.LFS != nil {
		return f.LFS.Size
	}
	return f.Size
}

// contextItem is one kind of unwanted content found in a build context,
// with the .dockerignore pattern that keeps it out.
type contextItem struct {
	rule    string
	pattern string // as it should be written in .dockerignore
	label   string // what it is, for the message
	paths   []string
	wheres  []string // distinct directories ("x/") or files
	size    int64
	minSize int64 // reported only from this total size on
}

var (
	dataDirNames     = []string{"data", "datasets", "dataset"}
	artifactDirNames = []string{"wandb", "mlruns", "lightning_logs", "tb_logs", "checkpoints"}
	cacheDirNames    = []string{"__pycache__", ".ipynb_checkpoints", ".pytest_cache", ".mypy_cache", ".ruff_cache",
		".tox", ".nox", "node_modules", ".hypothesis"}
	venvDirNames      = []string{".venv", "venv", ".virtualenv", "virtualenv", ".conda"}
	secretBaseNames   = []string{".netrc", ".pypirc", ".git-credentials", "credentials.json", "kaggle.json", ".htpasswd", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "secrets.json", "secrets.yaml", "secrets.yml", "service-account.json"}
	secretExts        = []string{".pem", ".key", ".p12", ".pfx", ".jks", ".keystore"}
	secretDirNames    = []string{".ssh", ".aws", ".gnupg", ".docker"}
	envExampleSuffix  = []string{".example", ".sample", ".template", ".dist", ".defaults"}
	dockerignoreTrivN = 10
)

// anywhere makes a pattern for a name that may occur at any depth: the
// name itself at the context root, "**/name" below it.
func anywhere(rel, name string) string {
	if rel == name || strings.HasPrefix(rel, name+"/") {
		return name
	}
	return "**/" + name
}

// isEnvFile reports whether base is a dotenv file (.env, .env.prod, ...)
// that is not an example.
func isEnvFile(base string) bool {
	if base != ".env" && !strings.HasPrefix(base, ".env.") {
		return false
	}
	for _, s := range envExampleSuffix {
		if strings.HasSuffix(base, s) {
			return false
		}
	}
	return true
}

// pathClass is the verdict on one context file: the rule, the pattern that
// keeps it out, what it is, and where (a directory "x/" or the file).
// minSize is the total size below which the files of the same pattern
// are not worth reporting (data files beside code: label lists, samples).
type pathClass struct {
	rule, pattern, label, where string
	minSize                     int64
}

// contextIndex is what the classification of a context's files needs to
// know about the context as a whole, from the snapshot's files (those the
// .dockerignore excludes included): where the virtualenvs, the Python
// packages and the code are.
type contextIndex struct {
	venvs    map[string]bool // directories with a pyvenv.cfg
	pkgDirs  map[string]bool // directories with an __init__.py
	codeDirs map[string]bool // directories holding code or configuration at any depth
	// dirs holds what classifyContextPath found for the directories of
	// each parent directory seen (dirVerdicts), so that each directory is
	// classified once rather than once per file under it.
	dirs map[string]*dirVerdict
}

func newContextIndex(ctx string, files []snapshot.FileInfo) *contextIndex {
	ix := &contextIndex{venvs: map[string]bool{}, pkgDirs: map[string]bool{}, codeDirs: map[string]bool{},
		dirs: map[string]*dirVerdict{}}
	for _, fi := range files {
		rel := relTo(ctx, fi.Path)
		switch path.Base(rel) {
		case "pyvenv.cfg":
			ix.venvs[path.Dir(rel)] = true
		case "__init__.py":
			ix.pkgDirs[path.Dir(rel)] = true
		}
		// A file's kind only marks its directories: skip it when they
		// are marked already.
		if d := parentDir(rel); d != "" && !ix.codeDirs[d] && fileKind(rel) == kindCode {
			for d := parentDir(rel); d != "" && !ix.codeDirs[d]; d = parentDir(d) {
				ix.codeDirs[d] = true
			}
		}
	}
	return ix
}

// minMixedData is the size from which data files that sit beside code in
// a data-named directory are reported.
const minMixedData = 1 << 20

// A file's kind, by its name: what tells a folder of dataset scripts
// ("datasets/coco.py", "datasets/prepare.sh") from a folder of data.
type kind int

const (
	kindData        kind = iota // anything else: tables, arrays, images, archives, text
	kindCode                    // programs and configuration
	kindDoc                     // documentation
	kindPlaceholder             // files that keep an empty directory in git
)

var (
	codeNames       = []string{"makefile", "dockerfile", "cmakelists.txt", "justfile"}
	docExts         = []string{".md", ".rst", ".adoc"}
	docPrefixes     = []string{"readme", "license", "licence", "notice", "changelog", "authors"}
	placeholderName = []string{".gitkeep", ".keep", ".gitignore", ".gitattributes", ".dockerignore", ".placeholder"}
)

// isCodeExt reports whether a lower-case extension is one of programs or
// configuration (a switch: fileKind runs for every file of a context).
func isCodeExt(ext string) bool {
	switch ext {
	case ".py", ".pyi", ".pyx", ".pxd", ".ipynb", ".sh", ".bash", ".zsh", ".fish", ".ps1", ".bat",
		".c", ".cc", ".cpp", ".cxx", ".h", ".hpp", ".cu", ".cuh", ".js", ".ts", ".go", ".rs", ".java", ".scala",
		".kt", ".r", ".jl", ".lua", ".pl", ".rb", ".m", ".mk", ".cmake", ".proto",
		".yaml", ".yml", ".toml", ".cfg", ".ini", ".conf", ".gin", ".jsonnet":
		return true
	}
	return false
}

// fileKind classifies a file by its name.
func fileKind(rel string) kind {
	base := strings.ToLower(path.Base(rel))
	ext := path.Ext(base)
	switch {
	case slices.Contains(placeholderName, base):
		return kindPlaceholder
	case isCodeExt(ext) || slices.Contains(codeNames, base) || IsDockerfile(base):
		return kindCode
	case slices.Contains(docExts, ext):
		return kindDoc
	}
	for _, p := range docPrefixes {
		if strings.HasPrefix(base, p) && (ext == "" || ext == ".txt") {
			return kindDoc
		}
	}
	return kindData
}

// dataClass classifies a file below the data-named directory dir by
// content: a directory without code is a data directory as a whole (its
// README and .gitkeep included: the data it describes sits there in a
// working copy); in a directory of code (dataset scripts, configs) only
// the data files are, under their outermost subdirectory without code, or
// by extension when they sit beside the code.
func (ix *contextIndex) dataClass(rel, dir string) (pathClass, bool) {
	if ix == nil || !ix.codeDirs[dir] {
		return pathClass{"REPRO-DOCKER-033", dir + "/", "data directory", dir + "/", 0}, true
	}
	if fileKind(rel) != kindData {
		return pathClass{}, false
	}
	for d := parentDir(rel); d != dir && d != ""; d = parentDir(d) {
		if !ix.codeDirs[d] && (parentDir(d) == dir || ix.codeDirs[parentDir(d)]) {
			return pathClass{"REPRO-DOCKER-033", d + "/", "data directory", d + "/", minMixedData}, true
		}
	}
	pattern := rel
	if ext := path.Ext(rel); ext != "" {
		pattern = path.Dir(rel) + "/*" + ext
	}
	return pathClass{"REPRO-DOCKER-033", pattern, "data files", pattern, minMixedData}, true
}

// dirsOf returns the directories of rel, outermost first, as (name,
// path) pairs; slices of rel, no copies.
func dirsOf(rel string, yield func(name, dir string) bool) {
	start := 0
	for {
		j := strings.IndexByte(rel[start:], '/')
		if j < 0 {
			return
		}
		end := start + j
		if !yield(rel[start:end], rel[:end]) {
			return
		}
		start = end + 1
	}
}

// classifyContextPath says whether a context file should be kept out,
// and under which pattern. rel is relative to the context root.
func classifyContextPath(rel string, size, largeFile int64, ix *contextIndex) (pathClass, bool) {
	base := path.Base(rel)
	file := func(rule, pattern, label string) (pathClass, bool) {
		return pathClass{rule, pattern, label, rel, 0}, true
	}
	if ix == nil {
		ix = &contextIndex{}
	}
	// Secrets.
	if isEnvFile(base) {
		name := ".env"
		if base != ".env" {
			name = ".env.*"
		}
		return file("REPRO-DOCKER-032", anywhere(rel, name), "dotenv file")
	}
	if slices.Contains(secretBaseNames, base) {
		return file("REPRO-DOCKER-032", anywhere(rel, base), "credentials file")
	}
	if ext := strings.ToLower(path.Ext(base)); slices.Contains(secretExts, ext) {
		return file("REPRO-DOCKER-032", anywhere(rel, "*"+ext), "private key or certificate store")
	}
	v := ix.dirVerdictOf(rel)
	if v.ok {
		return v.cl, true
	}
	if ext := path.Ext(base); ext == ".pyc" || ext == ".pyo" {
		return file("REPRO-DOCKER-034", "**/*"+ext, "compiled python file")
	}
	for _, m := range v.later {
		if m.dataDir == "" {
			return m.cl, true
		}
		if cl, ok := ix.dataClass(rel, m.dataDir); ok {
			return cl, ok
		}
	}
	// Model weights, as the model-card and large-files rules tell them
	// (rules/artifact): an extension that always means a model is kept out
	// everywhere; a .bin, .pkl ... only inside its model directory
	// ("models/**/*.bin": models/ often holds code too) or by its name.
	if _, model := artifact.ModelFramework(rel); model {
		ext := strings.ToLower(path.Ext(base))
		switch dir, inDir := artifact.ModelDir(rel); {
		case slices.Contains(artifact.ModelExtensions(), ext):
			return file("REPRO-DOCKER-033", "**/*"+ext, "model weights")
		case inDir && ext != "":
			return file("REPRO-DOCKER-033", dir+"/**/*"+ext, "model weights")
		default:
			return file("REPRO-DOCKER-033", rel, "model weights")
		}
	}
	if size >= largeFile {
		return file("REPRO-DOCKER-033", rel, "large file")
	}
	return pathClass{}, false
}

// dirVerdict is what the directories of a path say about it, outermost
// first: a credentials directory, a virtualenv or a cache (cl, ok), else
// the data-named, run-artifact and DVC-cache directories in order (later),
// the last of which, unless it is data-named, decides.
type dirVerdict struct {
	cl    pathClass
	ok    bool
	later []dirMatch
}

// dirMatch is a data-named directory (dataDir: which files of it are data
// depends on the file, see dataClass) or a directory that decides (cl).
type dirMatch struct {
	dataDir string
	cl      pathClass
}

// dirVerdictOf returns the verdict of rel's directories, computed once per
// parent directory. The patterns depend only on the directories: anywhere
// gives "name" for an outermost directory, whatever the file below it.
func (ix *contextIndex) dirVerdictOf(rel string) *dirVerdict {
	parent := parentDir(rel)
	if parent == "" {
		return &dirVerdict{}
	}
	if v := ix.dirs[parent]; v != nil {
		return v
	}
	v := &dirVerdict{}
	inDir := func(rule, pattern, label, dir string) pathClass {
		return pathClass{rule, pattern, label, dir + "/", 0}
	}
	dirs := parent + "/" // dirsOf yields the same directories as for rel
	// Secrets.
	dirsOf(dirs, func(name, dir string) bool {
		if slices.Contains(secretDirNames, name) {
			v.cl, v.ok = inDir("REPRO-DOCKER-032", dir, "credentials directory", dir), true
		}
		return !v.ok
	})
	// Virtualenvs and caches.
	if !v.ok {
		dirsOf(dirs, func(name, dir string) bool {
			switch {
			case ix.venvs[dir]:
				v.cl, v.ok = inDir("REPRO-DOCKER-034", dir, "virtualenv", dir), true
			case slices.Contains(venvDirNames, name):
				v.cl, v.ok = inDir("REPRO-DOCKER-034", anywhere(dirs, name), "virtualenv", dir), true
			case slices.Contains(cacheDirNames, name):
				v.cl, v.ok = inDir("REPRO-DOCKER-034", anywhere(dirs, name), "cache directory", dir), true
			}
			return !v.ok
		})
	}
	// Data, run artifacts.
	if !v.ok {
		dirsOf(dirs, func(name, dir string) bool {
			switch {
			case isDataDirName(name) && !ix.pkgDirs[dir]:
				v.later = append(v.later, dirMatch{dataDir: dir})
			case slices.Contains(artifactDirNames, name):
				v.later = append(v.later, dirMatch{cl: inDir("REPRO-DOCKER-033", anywhere(dirs, name), "experiment logs or checkpoints", dir)})
				return false
			case dir == ".dvc/cache" || dir == ".dvc/tmp":
				v.later = append(v.later, dirMatch{cl: inDir("REPRO-DOCKER-033", dir, "DVC cache", dir)})
				return false
			}
			return true
		})
	}
	if ix.dirs != nil {
		ix.dirs[parent] = v
	}
	return v
}

func isDataDirName(name string) bool {
	for _, d := range dataDirNames {
		if strings.EqualFold(name, d) {
			return true
		}
	}
	return false
}

// overlaps reports whether root-relative path p is inside, or contains,
// one of the explicit COPY sources (globs are matched too).
func overlaps(p string, explicit []string) bool {
	for _, s := range explicit {
		if p == s || strings.HasPrefix(p, s+"/") || strings.HasPrefix(s, p+"/") {
			return true
		}
		if hasGlob(s) {
			if ok, _ := path.Match(s, p); ok {
				return true
			}
		}
	}
	return false
}

// contextReport is the outcome of one build context analysis; the init
// template uses it too.
type contextReport struct {
	ctx      string
	ignore   *dockerignore.File
	included []snapshot.FileInfo
	total    int64
	gitIn    bool
	// copyAll is the first COPY or ADD of the whole context ("COPY . .",
	// "ADD * /app/") of the Dockerfiles, as "Dockerfile:3"; "" when they
	// copy named paths only.
	copyAll  string
	items    []*contextItem
	explicit []string // root-relative explicit COPY/ADD sources
}

// analyzeContext computes what a build with context ctx, .dockerignore
// ign (nil: none) and the given Dockerfiles sends, and what of it should
// be kept out.
func analyzeContext(r *repo, ctx string, ign *dockerignore.File, dfs []string) *contextReport {
	rep := &contextReport{ctx: ctx, ignore: ign}
	for _, df := range dfs {
		f := r.dockerfile(df)
		if f == nil {
			continue
		}
		if line, ok := wholeContextCopy(f); ok && rep.copyAll == "" {
			rep.copyAll = fmt.Sprintf("%s:%d", df, line)
		}
		for _, s := range localSources(f) {
			if s == "*" {
				continue
			}
			if p := joinRel(ctx, s); !slices.Contains(rep.explicit, p) {
				rep.explicit = append(rep.explicit, p)
			}
		}
	}
	files := r.under(ctx)
	ix := newContextIndex(ctx, files)
	byKey := map[string]*contextItem{}
	rep.included = make([]snapshot.FileInfo, 0, len(files))
	for _, fi := range files {
		rel := relTo(ctx, fi.Path)
		if ign.Excluded(rel) {
			continue
		}
		size := contentSize(fi)
		rep.included = append(rep.included, fi)
		rep.total += size
		cl, ok := classifyContextPath(rel, size, r.cfg.LargeFileLimit(), ix)
		if !ok || IsDockerfile(rel) || isDockerignore(rel) {
			continue
		}
		if cl.rule == "REPRO-DOCKER-033" && overlaps(fi.Path, rep.explicit) {
			continue // the Dockerfile copies its data or weights on purpose
		}
		k := cl.rule + "\x00" + cl.pattern
		it := byKey[k]
		if it == nil {
			it = &contextItem{rule: cl.rule, pattern: cl.pattern, label: cl.label, minSize: cl.minSize}
			byKey[k] = it
			rep.items = append(rep.items, it)
		}
		it.paths = append(it.paths, rel)
		if !slices.Contains(it.wheres, cl.where) {
			it.wheres = append(it.wheres, cl.where)
		}
		it.size += size
	}
	rep.items = slices.DeleteFunc(rep.items, func(it *contextItem) bool { return it.size < it.minSize })
	rep.gitIn = ctx == "" && !ign.Excluded(".git")
	return rep
}

// wholeContextCopy returns the line of the first COPY or ADD whose source
// is the whole build context ("." or "/", or "*", which matches dotfiles
// too), if any.
func wholeContextCopy(f *dockerfile.File) (int, bool) {
	for _, st := range f.Stages {
		for _, c := range st.Commands {
			srcs, _ := copySources(c)
			for _, s := range srcs {
				if isURL(s) || dockerfile.Dynamic(s) {
					continue
				}
				if rel := cleanRel(s); rel == "" || rel == "*" {
					return c.Line, true
				}
			}
		}
	}
	return 0, false
}

// biggest returns the largest top-level entries of the included files.
func (rep *contextReport) biggest(n int) string {
	sizes := map[string]int64{}
	for _, fi := range rep.included {
		rel := relTo(rep.ctx, fi.Path)
		top := rel // a file at the top, or its directory with the slash
		if i := strings.IndexByte(rel, '/'); i >= 0 {
			top = rel[:i+1]
		}
		sizes[top] += contentSize(fi)
	}
	keys := make([]string, 0, len(sizes))
	for k := range sizes {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if sizes[keys[i]] != sizes[keys[j]] {
			return sizes[keys[i]] > sizes[keys[j]]
		}
		return keys[i] < keys[j]
	})
	var out []string
	for i, k := range keys {
		if i == n {
			break
		}
		out = append(out, fmt.Sprintf("%s %s", k, bytesize.Format(sizes[k])))
	}
	return strings.Join(out, ", ")
}

// trivial reports whether the context holds only a few small files
// besides what REPRO-DOCKER-031 to 034 report (.git, secrets, data and
// weights, caches), not counting Dockerfiles and ignore files: then a
// .dockerignore would keep out nothing those findings do not already name.
func (rep *contextReport) trivial() bool {
	reported := map[string]bool{}
	for _, it := range rep.items {
		for _, p := range it.paths {
			reported[p] = true
		}
	}
	n := 0
	var size int64
	for _, fi := range rep.included {
		if IsDockerfile(fi.Path) || isDockerignore(fi.Path) || reported[relTo(rep.ctx, fi.Path)] {
			continue
		}
		n++
		size += contentSize(fi)
	}
	return n <= dockerignoreTrivN && size <= 1<<20
}

func quoteDockerfiles(dfs []string) string {
	return wording.QuoteList(dfs, 2)
}

// checkContext reports what a build context would send that it should
// not, and COPY sources the .dockerignore excludes.
func checkContext(a *analysis, r *repo, ctx, ip string, dfs []string) {
	ign := r.ignore(ip)
	if ign != nil {
		for _, e := range ign.Errors {
			a.addf("REPRO-DOCKER-001", checks.Pos{Path: ip, Line: e.Line, Col: 1}, "%s: docker rejects a .dockerignore with an invalid pattern", e.Msg)
		}
	}
	rep := analyzeContext(r, ctx, ign, dfs)
	where := fmt.Sprintf("the build context %q of %s", displayDir(ctx), quoteDockerfiles(dfs))
	summary := fmt.Sprintf("%s, %s", wording.Plural(len(rep.included), "file"), bytesize.Format(rep.total))
	if rep.gitIn {
		summary += " plus .git"
	}
	big := rep.biggest(3)
	// .git in the context is said once: by REPRO-DOCKER-030 when there is
	// no .dockerignore at all (its fix, writing one, starts with .git), by
	// REPRO-DOCKER-031 when one exists and misses it; "COPY . ." makes it
	// a leak into the image, which the finding says.
	leak := ""
	if rep.gitIn && rep.copyAll != "" {
		leak = fmt.Sprintf(", and the copy of the whole context at %s puts .git into the image", rep.copyAll)
	}
	if ign == nil && (rep.gitIn || !rep.trivial()) {
		msg := fmt.Sprintf("no .dockerignore for %s: it sends %s%s", where, summary, leak)
		if big != "" {
			msg += "; biggest: " + big
		}
		a.Add("REPRO-DOCKER-030", checks.Diag{Pos: checks.Pos{Path: ip}, Key: "noignore\x00" + ctx, Message: msg})
	}
	if ign != nil && rep.total > r.cfg.MaxContextLimit() {
		msg := fmt.Sprintf("%s is large after .dockerignore: %s", where, summary)
		if big != "" {
			msg += "; biggest: " + big
		}
		a.Add("REPRO-DOCKER-035", checks.Diag{Pos: checks.Pos{Path: ip}, Key: "large\x00" + ctx, Message: msg})
	}
	if ign != nil && rep.gitIn {
		a.Add("REPRO-DOCKER-031", checks.Diag{Pos: checks.Pos{Path: ip}, Key: "git\x00" + ctx,
			Message: fmt.Sprintf(".git (the repository's history) is in %s%s: add %q to %s", where, leak, ".git", path.Base(ip))})
	}
	for _, it := range rep.items {
		var what string
		if len(it.wheres) == 1 {
			what = fmt.Sprintf("%q (%s", it.wheres[0], it.label)
		} else {
			what = fmt.Sprintf("%s (%s", wording.QuoteList(it.wheres, 3), it.label)
		}
		if strings.HasSuffix(it.wheres[0], "/") || len(it.paths) > 1 {
			what += ": " + wording.Plural(len(it.paths), "file")
		}
		what += ", " + bytesize.Format(it.size) + ")"
		add := fmt.Sprintf("%q", it.pattern)
		lines := it.pattern
		if keep := keepFor(rep, it.pattern); len(keep) > 0 {
			add += " and then " + wording.QuoteList(keep, 3)
			lines += "\n" + strings.Join(keep, "\n")
		}
		a.Add(it.rule, checks.Diag{Pos: checks.Pos{Path: ip}, Key: "item\x00" + ctx + "\x00" + it.pattern,
			Message: fmt.Sprintf("%s would enter the build context %q: add %s to %s", what, displayDir(ctx), add, path.Base(ip)),
			Hint:    fmt.Sprintf("add %s to %s, or run \"git repro init --dockerignore\"", add, ip)})
	}
	if ign != nil {
		for _, df := range dfs {
			checkCopyIgnored(a, r, ctx, ip, ign, df)
		}
	}
}

// checkCopyIgnored reports COPY/ADD sources the .dockerignore excludes
// (BuildKit's CopyIgnoredFile), judged against the files of the context
// so that "!" exceptions count.
func checkCopyIgnored(a *analysis, r *repo, ctx, ip string, ign *dockerignore.File, df string) {
	f := r.dockerfile(df)
	if f == nil {
		return
	}
	for _, st := range f.Stages {
		for _, c := range st.Commands {
			srcs, isAdd := copySources(c)
			for _, src := range srcs {
				if isURL(src) || dockerfile.Dynamic(src) {
					continue
				}
				rel := cleanRel(src)
				if rel == "" || rel == "*" {
					continue
				}
				// Only files below the source's fixed prefix can match it.
				files := r.under(joinRel(ctx, globPrefix(rel)))
				if !sourceIgnored(ign, ctx, rel, files, r) {
					continue
				}
				cmd := "COPY"
				if isAdd {
					cmd = "ADD"
				}
				why := ".dockerignore"
				if p, ok := ign.ExcludedBy(firstMatch(ctx, rel, files)); ok {
					why = fmt.Sprintf("%s line %d (%q)", path.Base(ip), p.Line, p.Text)
				}
				a.Add("REPRO-DOCKER-036", checks.Diag{
					Pos:     locate(df, f, c.Line, src),
					Message: fmt.Sprintf("%s source %q is excluded by %s: the build fails or copies less than it says", cmd, src, why),
					Hint:    fmt.Sprintf("remove that pattern or add %q at the end of %s", "!"+rel, ip),
				})
			}
		}
	}
}

// sourceIgnored decides whether a COPY source is excluded: a file that is
// excluded; a directory or glob all of whose files are; or, when the
// listing has nothing there, a path the patterns exclude.
func sourceIgnored(ign *dockerignore.File, ctx, rel string, files []snapshot.FileInfo, r *repo) bool {
	matched, excluded := 0, 0
	for _, fi := range files {
		frel := relTo(ctx, fi.Path)
		if !sourceMatches(rel, frel) {
			continue
		}
		matched++
		if ign.Excluded(frel) {
			excluded++
		}
	}
	if matched > 0 {
		return excluded == matched
	}
	if hasGlob(rel) {
		return false
	}
	return ign.Excluded(rel)
}

// sourceMatches reports whether file frel is copied by source rel (a
// path, a directory or a glob).
func sourceMatches(rel, frel string) bool {
	if frel == rel || strings.HasPrefix(frel, rel+"/") {
		return true
	}
	if hasGlob(rel) {
		for p := frel; p != "." && p != ""; p = path.Dir(p) {
			if ok, _ := path.Match(rel, p); ok {
				return true
			}
			if !strings.Contains(p, "/") {
				break
			}
		}
	}
	return false
}

func firstMatch(ctx, rel string, files []snapshot.FileInfo) string {
	for _, fi := range files {
		frel := relTo(ctx, fi.Path)
		if sourceMatches(rel, frel) {
			return frel
		}
	}
	return rel
}

// keepFor returns the "!" exceptions needed so that pattern does not
// exclude a source the Dockerfiles copy explicitly.
func keepFor(rep *contextReport, pattern string) []string {
	ig := dockerignore.New(pattern)
	var keep []string
	for _, src := range rep.explicit {
		rel := relTo(rep.ctx, src)
		if rep.ctx != "" && !strings.HasPrefix(src, rep.ctx+"/") {
			continue
		}
		if !hasGlob(rel) && ig.Excluded(rel) {
			keep = append(keep, "!"+rel)
		}
	}
	return keep
}

// globPrefix returns the directories of a source before its first glob
// character ("configs/*.yaml" -> "configs"), or the whole source's parent
// for a plain path.
func globPrefix(rel string) string {
	if i := strings.IndexAny(rel, "*?["); i >= 0 {
		rel = rel[:i]
		if j := strings.LastIndexByte(rel, '/'); j >= 0 {
			return rel[:j]
		}
		return ""
	}
	return parentDir(rel)
}
