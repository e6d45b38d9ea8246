package docker

import (
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/dockerfile"
)

// Images the repository builds itself. "FROM myproject-base:v1" where a
// sibling Dockerfile is built and tagged "myproject-base:v1" (by a compose
// service with build: and image:, "docker build -t" in a Makefile, a
// script or a workflow, a docker/build-push-action step's tags, a
// docker-bake target) names the repository's own
// image, not a registry image: its digest changes with every build of the
// sibling, so there is nothing to pin; the sibling's own FROM is checked.

// maxScriptSize bounds the scripts read for build commands.
const maxScriptSize = 1 << 20

// builtImages returns the references the repository's build files tag
// images with, normalised by normImage (computed once per run, and only
// when a reference would otherwise be reported).
func (r *repo) builtImages() map[string]bool {
	if r.built != nil {
		return r.built
	}
	r.built = map[string]bool{}
	for _, fi := range r.listing() {
		p := fi.Path
		lb := lowerBase(p)
		switch {
		case isComposeBase(lb):
			if cf := r.compose(p); cf != nil {
				for _, im := range cf.images {
					if ref, ok := interpolate(im.ref); ok && im.hasBuild {
						r.built[normImage(ref)] = true
					}
				}
			}
			continue
		case !buildScript(p, lb) || fi.Size > maxScriptSize:
			continue
		}
		b, err := r.tree.ReadFile(p)
		if err != nil || len(b) > maxScriptSize {
			continue
		}
		refs := taggedImages(string(b), strings.HasSuffix(p, ".hcl"))
		if strings.HasPrefix(p, ".github/workflows/") {
			refs = append(refs, buildPushTags(b)...)
		}
		for _, ref := range refs {
			r.built[normImage(ref)] = true
		}
	}
	return r.built
}

// builtHere reports whether an image reference names an image the
// repository builds itself.
func (r *repo) builtHere(im dockerfile.Image) bool {
	if im.Digest != "" || im.Name == "" {
		return false
	}
	return r.builtImages()[normImage(im.String())]
}

// buildScript reports whether a file may hold image build commands: a
// Makefile, a shell script, a justfile, a GitHub workflow, a bake file
// (b is the lower-cased base name of p).
func buildScript(p, b string) bool {
	switch {
	case b == "makefile" || b == "gnumakefile" || b == "justfile" || strings.HasSuffix(b, ".mk"):
		return true
	case strings.HasSuffix(b, ".sh") || strings.HasSuffix(b, ".bash"):
		return true
	case strings.HasPrefix(b, "docker-bake") && strings.HasSuffix(b, ".hcl"):
		return true
	case strings.HasPrefix(p, ".github/workflows/") && (strings.HasSuffix(b, ".yml") || strings.HasSuffix(b, ".yaml")):
		return true
	}
	return false
}

// normImage normalises a reference for comparison: Docker Hub's implicit
// "docker.io/" and "library/" dropped, "latest" for a missing tag.
func normImage(ref string) string {
	im := dockerfile.ParseImage(ref)
	name := strings.TrimPrefix(strings.TrimPrefix(im.Name, "docker.io/"), "index.docker.io/")
	name = strings.TrimPrefix(name, "library/")
	tag := im.Tag
	if tag == "" {
		tag = "latest"
	}
	return strings.ToLower(name) + ":" + tag
}

var (
	// "docker build", "docker buildx build", "docker image build", "podman
	// build", "buildah bud", "docker tag", ... and the words after it.
	buildCmdRe = lazyre.New(`(?:^|[\s;&|(])(?:docker|podman|nerdctl|buildah)(?:\s+(?:buildx|image))?\s+(build|bud|tag)\s+(.*)$`)
	// NAME=value, export NAME=value, NAME := value, NAME ?= value, and
	// "NAME: value" (workflow env).
	assignRe = lazyre.New(`^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*(?:=|:=|::=|\?=|:)\s*(.*?)\s*$`)
	// tags = ["a:1", "b:2"] in a bake file.
	bakeTagsRe = lazyre.New(`\btags\s*=\s*\[([^\]]*)\]`)
	varRefRe   = lazyre.New(`\$\(([A-Za-z_][A-Za-z0-9_]*)\)|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)`)
)

// taggedImages returns the image references a script, Makefile, workflow
// or bake file tags builds with. Variables are expanded from the file's
// own assignments; a reference that still depends on one is left out.
func taggedImages(src string, bake bool) []string {
	lines := joinContinuations(src)
	vars := map[string]string{}
	for _, l := range lines {
		if m := assignRe().FindStringSubmatch(l); m != nil {
			if _, seen := vars[m[1]]; !seen {
				vars[m[1]] = strings.Trim(m[2], `"'`)
			}
		}
	}
	var out []string
	add := func(ref string) {
		ref = strings.Trim(ref, `"'`)
		if v, ok := expandVars(ref, vars, 0); ok && dockerfile.PlausibleRef(v) {
			out = append(out, v)
		}
	}
	for _, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "#") {
			continue
		}
		if bake {
			for _, m := range bakeTagsRe().FindAllStringSubmatch(l, -1) {
				for _, t := range strings.Split(m[1], ",") {
					if t = strings.TrimSpace(t); t != "" {
						add(t)
					}
				}
			}
			continue
		}
		m := buildCmdRe().FindStringSubmatch(l)
		if m == nil {
			continue
		}
		words := strings.Fields(m[2])
		if m[1] == "tag" {
			// docker tag SOURCE TARGET
			var pos []string
			for _, w := range words {
				if !strings.HasPrefix(w, "-") {
					pos = append(pos, w)
				}
			}
			if len(pos) >= 2 {
				add(pos[1])
			}
			continue
		}
		for i := 0; i < len(words); i++ {
			w := words[i]
			switch {
			case (w == "-t" || w == "--tag") && i+1 < len(words):
				add(words[i+1])
				i++
			case strings.HasPrefix(w, "--tag="):
				add(strings.TrimPrefix(w, "--tag="))
			case strings.HasPrefix(w, "-t") && len(w) > 2 && !strings.HasPrefix(w, "--"):
				add(w[2:])
			}
		}
	}
	return out
}

// joinContinuations returns the lines of src with "\" continuations
// joined.
func joinContinuations(src string) []string {
	var out []string
	var cur strings.Builder
	for _, l := range strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n") {
		if t, ok := strings.CutSuffix(strings.TrimRight(l, " \t"), `\`); ok {
			cur.WriteString(t + " ")
			continue
		}
		cur.WriteString(l)
		out = append(out, cur.String())
		cur.Reset()
	}
	return out
}

// expandVars expands $(V), ${V}, ${V:-default} and $V from vars; ok is
// false when a variable is unknown.
func expandVars(s string, vars map[string]string, depth int) (string, bool) {
	ok := true
	out := varRefRe().ReplaceAllStringFunc(s, func(m string) string {
		sm := varRefRe().FindStringSubmatch(m)
		name := sm[1] + sm[2] + sm[4]
		v, found := vars[name]
		switch {
		case found && depth < 8:
			if e, eok := expandVars(v, vars, depth+1); eok {
				return e
			}
		case !found && strings.Contains(m, "-") && sm[2] != "":
			return sm[3] // ${V:-default}
		}
		ok = false
		return m
	})
	return out, ok && !strings.Contains(out, "$")
}

// buildPushTags returns the tags of docker/build-push-action steps in a
// workflow ("with: tags:", one per line or comma-separated); tags made of
// expressions (${{ steps.meta.outputs.tags }}) are left out.
func buildPushTags(b []byte) (out []string) {
	defer func() {
		if recover() != nil {
			out = nil
		}
	}()
	var doc yaml.Node
	if yaml.Unmarshal(b, &doc) != nil {
		return nil
	}
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		if n == nil || depth > 64 {
			return
		}
		if n.Kind == yaml.MappingNode {
			if u := mapGet(n, "uses"); u != nil && strings.HasPrefix(u.Value, "docker/build-push-action") {
				if t := mapGet(mapGet(n, "with"), "tags"); t != nil && t.Kind == yaml.ScalarNode {
					for _, tag := range strings.FieldsFunc(t.Value, func(r rune) bool { return r == '\n' || r == ',' }) {
						if tag = strings.TrimSpace(tag); tag != "" && !strings.Contains(tag, "${{") && dockerfile.PlausibleRef(tag) {
							out = append(out, tag)
						}
					}
				}
			}
		}
		for _, c := range n.Content {
			walk(c, depth+1)
		}
	}
	walk(&doc, 0)
	return out
}
