package docker

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/git-repro/git-repro/checks"

	"gopkg.in/yaml.v3"

	"github.com/git-repro/git-repro/parse/dockerfile"
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
	remote     bool // a git or URL context
	inline     bool // dockerfile_inline
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

var yamlLineRe = regexp.MustCompile(`line (\d+)`)

func parseCompose(p string, b []byte) (cf *composeFile) {
	cf = &composeFile{}
	defer func() {
		if v := recover(); v != nil {
			cf = &composeFile{errLine: 1, errMsg: fmt.Sprintf("the YAML parser failed: %v", v)}
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		cf.errMsg = strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLineRe.FindStringSubmatch(cf.errMsg); m != nil {
			fmt.Sscan(m[1], &cf.errLine)
		}
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
		ctx, dfile := ".", "Dockerfile"
		switch build.Kind {
		case yaml.ScalarNode:
			ctx = build.Value
		case yaml.MappingNode:
			if n := mapGet(build, "context"); n != nil && n.Kind == yaml.ScalarNode {
				ctx = n.Value
			}
			if n := mapGet(build, "dockerfile"); n != nil && n.Kind == yaml.ScalarNode {
				dfile = n.Value
			}
			if mapGet(build, "dockerfile_inline") != nil {
				b.inline = true
			}
		default:
			continue
		}
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

var composeVarRe = regexp.MustCompile(`\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)`)

// interpolate applies compose variable defaults ("${TAG:-3.11}" -> "3.11",
// "$$" -> "$"). ok is false when a variable without a default is used:
// the value is only known from the environment of whoever runs compose.
func interpolate(s string) (string, bool) {
	ok := true
	out := composeVarRe.ReplaceAllStringFunc(s, func(m string) string {
		if m == "$$" {
			return "$"
		}
		sm := composeVarRe.FindStringSubmatch(m)
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
