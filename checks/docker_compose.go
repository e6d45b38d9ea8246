package checks

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/git-repro/git-repro/parse/dockerfile"
	"gopkg.in/yaml.v3"
)

// dkComposeFile is what the docker rules read from a compose file.
type dkComposeFile struct {
	errLine int
	errMsg  string
	images  []dkComposeImage
	builds  []dkComposeBuild
}

type dkComposeImage struct {
	service   string
	ref       string // as written
	line, col int
	hasBuild  bool // the service builds the image; image: only names it
}

type dkComposeBuild struct {
	service    string
	context    string // root-relative directory
	dockerfile string // root-relative path
	line       int
	remote     bool // a git or URL context
	inline     bool // dockerfile_inline
}

// compose parses a compose file (cached); nil when it cannot be read.
func (r *dockerRepo) compose(p string) *dkComposeFile {
	if cf, ok := r.composes[p]; ok {
		return cf
	}
	var cf *dkComposeFile
	if b, err := r.tree.ReadFile(p); err == nil {
		cf = dkParseCompose(p, b)
	}
	r.composes[p] = cf
	return cf
}

var dkYamlLineRe = regexp.MustCompile(`line (\d+)`)

func dkParseCompose(p string, b []byte) (cf *dkComposeFile) {
	cf = &dkComposeFile{}
	defer func() {
		if v := recover(); v != nil {
			cf = &dkComposeFile{errLine: 1, errMsg: fmt.Sprintf("the YAML parser failed: %v", v)}
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		cf.errMsg = strings.TrimPrefix(err.Error(), "yaml: ")
		if m := dkYamlLineRe.FindStringSubmatch(cf.errMsg); m != nil {
			fmt.Sscan(m[1], &cf.errLine)
		}
		return cf
	}
	if len(doc.Content) == 0 {
		return cf
	}
	services := dkMapGet(doc.Content[0], "services")
	if services == nil || services.Kind != yaml.MappingNode {
		return cf
	}
	dir := dkCleanRel(path.Dir(p))
	for i := 0; i+1 < len(services.Content); i += 2 {
		name := services.Content[i].Value
		svc := services.Content[i+1]
		if svc.Kind != yaml.MappingNode {
			continue
		}
		build := dkMapGet(svc, "build")
		if img := dkMapGet(svc, "image"); img != nil && img.Kind == yaml.ScalarNode {
			cf.images = append(cf.images, dkComposeImage{service: name, ref: img.Value, line: img.Line, col: img.Column, hasBuild: build != nil})
		}
		if build == nil {
			continue
		}
		b := dkComposeBuild{service: name, line: build.Line}
		ctx, dfile := ".", "Dockerfile"
		switch build.Kind {
		case yaml.ScalarNode:
			ctx = build.Value
		case yaml.MappingNode:
			if n := dkMapGet(build, "context"); n != nil && n.Kind == yaml.ScalarNode {
				ctx = n.Value
			}
			if n := dkMapGet(build, "dockerfile"); n != nil && n.Kind == yaml.ScalarNode {
				dfile = n.Value
			}
			if dkMapGet(build, "dockerfile_inline") != nil {
				b.inline = true
			}
		default:
			continue
		}
		ctx, ok1 := dkInterpolate(ctx)
		dfile, ok2 := dkInterpolate(dfile)
		if !ok1 || !ok2 || dkIsURL(ctx) || strings.Contains(ctx, "://") || strings.HasPrefix(ctx, "/") || strings.HasPrefix(dfile, "/") {
			b.remote = true
			cf.builds = append(cf.builds, b)
			continue
		}
		b.context = dkJoinRel(dir, ctx)
		if strings.HasPrefix(path.Clean(path.Join(dir, ctx)), "..") {
			b.remote = true // outside the repository
		}
		b.dockerfile = dkJoinRel(b.context, dfile)
		cf.builds = append(cf.builds, b)
	}
	return cf
}

func dkMapGet(n *yaml.Node, key string) *yaml.Node {
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

var dkComposeVarRe = regexp.MustCompile(`\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)`)

// dkInterpolate applies compose variable defaults ("${TAG:-3.11}" -> "3.11",
// "$$" -> "$"). ok is false when a variable without a default is used:
// the value is only known from the environment of whoever runs compose.
func dkInterpolate(s string) (string, bool) {
	ok := true
	out := dkComposeVarRe.ReplaceAllStringFunc(s, func(m string) string {
		if m == "$$" {
			return "$"
		}
		sm := dkComposeVarRe.FindStringSubmatch(m)
		if sm[2] == ":-" || sm[2] == "-" {
			return sm[3]
		}
		ok = false
		return m
	})
	return out, ok
}

// dkCheckCompose applies the image pin rules to a compose file's images.
func dkCheckCompose(a *dockerAnalysis, cfg *DockerConfig, cp string, cf *dkComposeFile) {
	if cf.errMsg != "" {
		a.addf("REPRO-DOCKER-001", Pos{Path: cp, Line: cf.errLine}, "compose file does not parse: %s", cf.errMsg)
		return
	}
	for _, im := range cf.images {
		if im.hasBuild {
			continue // the name the built image is tagged with
		}
		ref, ok := dkInterpolate(im.ref)
		if !ok || ref == "" {
			continue
		}
		subject := fmt.Sprintf("image %q of service %q", ref, im.service)
		dkCheckImageRef(a, cfg, Pos{Path: cp, Line: im.line, Col: im.col}, subject, dockerfile.ParseImage(ref))
	}
}
