package docker

import (
	"path"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/git-repro/git-repro/parse/dockerfile"
)

// imageFS is what a build stage's COPY and ADD instructions have put into
// its image so far, with Docker's semantics: a file source lands at the
// destination (inside it when the destination is a directory), a
// directory source has its contents copied, a glob copies each match, a
// relative destination is relative to the WORKDIR, COPY --from reads
// another stage's image, and a stage built FROM an earlier one starts
// with that one's files. It answers one question: which repository file
// is the file at an image path (the requirements file a RUN line reads).
type imageFS struct {
	parent  *imageFS // the stage this one is built FROM
	workdir string   // absolute; "" when it is only known at build time
	entries []fsEntry
	// uncertain is set when something was put into the image at a place
	// or from a source that cannot be known statically (a variable, an
	// image outside the Dockerfile): an answer of "nothing there" is then
	// not trusted.
	uncertain bool
}

// fsEntry is one source of one COPY/ADD.
type fsEntry struct {
	dest string // absolute image path
	// destDir is set when dest is certainly a directory (a trailing "/",
	// several sources, a glob, a directory source); otherwise a file
	// source lands either at dest or, when dest is an existing directory,
	// inside it, and both are answered.
	destDir bool
	src     string   // context-relative source, or a path in from's image
	from    *imageFS // COPY --from=<stage>
	parents bool     // COPY --parents: the source's path is kept
	inline  bool     // a heredoc file (COPY <<EOF): not from the repository
	opaque  bool     // content from a URL, an archive or an outside image
}

func newImageFS(parent *imageFS) *imageFS {
	fs := &imageFS{parent: parent, workdir: "/"}
	if parent != nil {
		fs.workdir, fs.uncertain = parent.workdir, parent.uncertain
	}
	return fs
}

// abs resolves an image path against the working directory; "" when it
// cannot be known.
func (fs *imageFS) abs(p string) string {
	if strings.HasPrefix(p, "/") {
		return path.Clean(p)
	}
	if fs.workdir == "" {
		return ""
	}
	return path.Join(fs.workdir, p)
}

// setWorkdir applies a WORKDIR whose variables are already expanded (ok
// false: they could not be).
func (fs *imageFS) setWorkdir(p string, ok bool) {
	if !ok {
		fs.workdir = ""
		return
	}
	fs.workdir = fs.abs(p)
}

// add records a COPY or ADD. vars expand its destination; stageFS
// returns the image of an earlier stage named by --from.
func (fs *imageFS) add(f *dockerfile.File, c dockerfile.Command, vars map[string]string, stageFS func(string) *imageFS) {
	var sd instructions.SourcesAndDest
	var from string
	var parents, isAdd bool
	switch inst := c.Inst.(type) {
	case *instructions.CopyCommand:
		sd, from, parents = inst.SourcesAndDest, inst.From, inst.Parents
	case *instructions.AddCommand:
		sd, isAdd = inst.SourcesAndDest, true
	default:
		return
	}
	destRaw, ok := f.Expand(sd.DestPath, vars)
	dest := ""
	if ok {
		dest = fs.abs(destRaw)
	}
	if dest == "" {
		fs.uncertain = true
		return
	}
	destDir := strings.HasSuffix(destRaw, "/") || destRaw == "." || len(sd.SourcePaths)+len(sd.SourceContents) > 1
	var src *imageFS
	if from != "" {
		if src = stageFS(from); src == nil {
			// An outside image or a named build context.
			fs.entries = append(fs.entries, fsEntry{dest: dest, destDir: destDir, opaque: true})
			return
		}
	}
	for _, sc := range sd.SourceContents {
		fs.entries = append(fs.entries, fsEntry{dest: dest, destDir: destDir, src: sc.Path, inline: true})
	}
	for _, s := range sd.SourcePaths {
		e := fsEntry{dest: dest, destDir: destDir || hasGlob(s), parents: parents, from: src}
		switch {
		case dockerfile.Dynamic(s):
			fs.uncertain = true
			continue
		case isURL(s) || isAdd && isArchive(s):
			e.opaque = true
		case src != nil:
			e.src = path.Clean("/" + s)
		default:
			e.src = cleanRel(s)
		}
		fs.entries = append(fs.entries, e)
	}
}

func isArchive(s string) bool {
	l := strings.ToLower(s)
	for _, ext := range []string{".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar.zst"} {
		if strings.HasSuffix(l, ext) {
			return true
		}
	}
	return false
}

// lookupResult is what an image path holds, as far as the Dockerfile says.
type lookupResult int

const (
	notFound lookupResult = iota // no COPY put it there
	fromRepo                     // a repository file (the path is returned)
	notRepo                      // inline content, a download, an outside image
)

// lookup returns the repository file at image path p (absolute), for
// builds from the contexts ctxs.
func (fs *imageFS) lookup(r *repo, ctxs []string, p string) (string, lookupResult) {
	return fs.lookupDepth(r, ctxs, path.Clean(p), 0)
}

func (fs *imageFS) lookupDepth(r *repo, ctxs []string, p string, depth int) (string, lookupResult) {
	if fs == nil || depth > 16 {
		return "", notFound
	}
	for i := len(fs.entries) - 1; i >= 0; i-- {
		e := fs.entries[i]
		rel, ok := e.covers(p)
		if !ok {
			continue
		}
		switch {
		case e.opaque:
			return "", notRepo
		case e.inline:
			if rel == "" && !e.destDir || rel == path.Base(e.src) {
				return "", notRepo
			}
			continue
		case e.from != nil:
			for _, q := range e.fromPaths(rel) {
				if got, res := e.from.lookupDepth(r, ctxs, q, depth+1); res != notFound {
					return got, res
				}
			}
			continue
		}
		for _, ctx := range ctxs {
			if got, ok := e.repoFile(r, ctx, rel); ok {
				return got, fromRepo
			}
		}
	}
	return fs.parent.lookupDepth(r, ctxs, p, depth+1)
}

// covers reports whether image path p can come from the entry, and p
// relative to its destination ("" for the destination itself).
func (e fsEntry) covers(p string) (string, bool) {
	if p == e.dest {
		return "", true
	}
	if e.dest == "/" {
		return strings.TrimPrefix(p, "/"), true
	}
	return strings.CutPrefix(p, e.dest+"/")
}

// fromPaths are the paths in the --from stage's image that the image path
// at rel below the entry's destination can come from.
func (e fsEntry) fromPaths(rel string) []string {
	if rel == "" {
		if e.destDir {
			return nil
		}
		return []string{e.src}
	}
	out := []string{path.Join(e.src, rel)} // a directory's contents
	if rel == path.Base(e.src) {
		out = append(out, e.src) // a file copied into the directory
	}
	return out
}

// repoFile returns the repository file that lands at rel below the
// entry's destination in a build from context ctx.
func (e fsEntry) repoFile(r *repo, ctx, rel string) (string, bool) {
	file := func(p string) (string, bool) {
		if p != "" && r.isFile(p) {
			return p, true
		}
		return "", false
	}
	if hasGlob(e.src) {
		for _, fi := range r.under(joinRel(ctx, globPrefix(e.src))) {
			frel := relTo(ctx, fi.Path)
			if e.parents {
				if sourceMatches(e.src, frel) && frel == rel {
					return fi.Path, true
				}
				continue
			}
			if ok, _ := path.Match(e.src, frel); ok && path.Base(frel) == rel {
				return fi.Path, true
			}
			// A matched directory has its contents copied.
			for d := parentDir(frel); d != ""; d = parentDir(d) {
				if ok, _ := path.Match(e.src, d); ok && frel == d+"/"+rel {
					return fi.Path, true
				}
			}
		}
		return "", false
	}
	src := joinRel(ctx, e.src)
	if e.parents {
		if rel == e.src || strings.HasPrefix(rel, e.src+"/") {
			return file(joinRel(ctx, rel))
		}
		return "", false
	}
	switch {
	case rel == "" && !e.destDir:
		return file(src) // COPY requirements.txt /app/reqs.txt
	case rel == path.Base(e.src) && r.isFile(src):
		return src, true // COPY requirements.txt /app/
	case rel != "" && (e.src == "" || r.isDir(src)):
		return file(joinRel(src, rel)) // COPY requirements/ /app/
	}
	return "", false
}
