package docker

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/snapshot"
)

var (
	filepathGlob = filepath.Glob
	readFile     = os.ReadFile
)

func runDocker(t testing.TB, tree *snapshot.MapTree, targets []string, cfg *checks.Config) []checks.Finding {
	t.Helper()
	var ts []snapshot.FileInfo
	full := targets == nil
	if full {
		ts, _ = tree.Files()
	} else {
		for _, p := range targets {
			ts = append(ts, snapshot.FileInfo{Path: p})
		}
	}
	res := checks.Run(checks.Options{Tree: tree, Targets: ts, Full: full, Rules: rules, Config: cfg})
	for _, err := range res.Errors {
		t.Errorf("engine error: %v", err)
	}
	return res.Findings
}

// summary renders findings as "path:line RULE" lines.
func summary(fs []checks.Finding) string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s:%d %s", f.Path, f.Line, f.Rule))
	}
	return strings.Join(out, "\n")
}

const testDigest = "sha256:abababababababababababababababababababababababababababababababab"

func TestDockerNames(t *testing.T) {
	for p, want := range map[string]bool{
		"Dockerfile": true, "docker/Dockerfile": true, "train.Dockerfile": true, "Dockerfile.gpu": true,
		"Containerfile": true, "dockerfile": true, "Dockerfile.dockerignore": false, "Dockerfile.md": false,
		"Dockerfile.j2": false, "docs/dockerfiles.md": false, "DockerfileX": false,
	} {
		if got := IsDockerfile(p); got != want {
			t.Errorf("IsDockerfile(%q) = %v", p, got)
		}
	}
	for p, want := range map[string]bool{
		"docker-compose.yml": true, "compose.yaml": true, "deploy/docker-compose.prod.yml": true,
		"compose.override.yaml": true, "composer.yml": false, "docker-compose.json": false,
	} {
		if got := IsComposeFile(p); got != want {
			t.Errorf("IsComposeFile(%q) = %v", p, got)
		}
	}
}

func TestDockerSecretNames(t *testing.T) {
	for name, want := range map[string]bool{
		"HF_TOKEN": true, "GITHUB_TOKEN": true, "api_key": true, "WANDB_API_KEY": true, "PASSWORD": true,
		"DB_PASSWD": true, "secret": true, "AWS_SECRET_ACCESS_KEY": true, "AUTH": true, "KEY": true,
		"GPG_KEY": false, "PUBLIC_KEY": false, "KEY_FILE": false, "TOKENIZERS_PARALLELISM": false,
		"MONKEY": false, "PYTHON_VERSION": false, "KEYBOARD": false, "SSH_KEY_PATH": false,
	} {
		if got := secretName(name); got != want {
			t.Errorf("dockerSecretName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestDockerConfigSizes(t *testing.T) {
	cfg, err := checks.ParseConfig(checks.ConfigFile, []byte("docker:\n  large-file: 5MiB\n  max-context: 1.5G\n  require-digest: true\n  contexts:\n    docker/Dockerfile: .\n"), []checks.Family{Family})
	if err != nil {
		t.Fatal(err)
	}
	d := settings.Get(cfg)
	if d.LargeFileLimit() != 5<<20 || d.MaxContextLimit() != 3<<29 || !d.RequireDigest || d.Contexts["docker/Dockerfile"] != "." {
		t.Errorf("config = %+v", d)
	}
	if _, err := checks.ParseConfig(checks.ConfigFile, []byte("docker:\n  large-file: lots\n"), []checks.Family{Family}); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("bad size: %v", err)
	}
	if _, err := checks.ParseConfig(checks.ConfigFile, []byte("docker:\n  unknown: 1\n"), []checks.Family{Family}); err == nil {
		t.Error("unknown key accepted")
	}
	def := settings.Get(checks.DefaultConfig())
	if def.LargeFileLimit() != 20<<20 || def.MaxContextLimit() != 200<<20 {
		t.Errorf("defaults: %d %d", def.LargeFileLimit(), def.MaxContextLimit())
	}
}

func TestComposeInterpolate(t *testing.T) {
	for in, want := range map[string]string{
		"python:${TAG:-3.11}": "python:3.11", "a:${T-1}": "a:1", "$$HOME": "$HOME", "plain": "plain",
	} {
		if got, ok := interpolate(in); !ok || got != want {
			t.Errorf("interpolate(%q) = %q %v", in, got, ok)
		}
	}
	if _, ok := interpolate("img:${TAG}"); ok {
		t.Error("a variable without default is resolved")
	}
}

// Which files a run concerns: only Dockerfile, .dockerignore and compose
// targets start the family, and a staged Dockerfile alone still gets the
// repository-wide context findings.
func TestDockerRelevance(t *testing.T) {
	tree := &snapshot.MapTree{Content: map[string]string{
		"Dockerfile":          "FROM python:3.11@" + testDigest + "\nCOPY app.py /app/\n",
		"app.py":              "print(1)\n",
		".env":                "X=1\n",
		"svc/Dockerfile":      "FROM python:latest\nCOPY . /s\n",
		"svc/main.py":         "print(2)\n",
		"compose.yaml":        "services:\n  a:\n    image: redis\n",
		"notes/Dockerfile.j2": "{{ template }}\n",
	}}
	if fs := runDocker(t, tree, []string{"app.py"}, nil); len(fs) != 0 {
		t.Errorf("unrelated target:\n%s", summary(fs))
	}
	got := summary(runDocker(t, tree, []string{"Dockerfile"}, nil))
	// No .dockerignore: REPRO-DOCKER-030 says .git is in the context (031
	// does not repeat it), and .env is 032.
	want := ".dockerignore:0 REPRO-DOCKER-030\n.dockerignore:0 REPRO-DOCKER-032"
	if got != want {
		t.Errorf("Dockerfile target:\n%s\nwant\n%s", got, want)
	}
	got = summary(runDocker(t, tree, []string{"compose.yaml"}, nil))
	if got != "compose.yaml:3 REPRO-DOCKER-002" {
		t.Errorf("compose target:\n%s", got)
	}
	got = summary(runDocker(t, tree, []string{"svc/Dockerfile"}, nil))
	if got != "svc/Dockerfile:1 REPRO-DOCKER-002" {
		t.Errorf("svc target (its context is trivial):\n%s", got)
	}
	// A .dockerignore target re-checks the builds that use it.
	tree.Content[".dockerignore"] = "app.py\n"
	got = summary(runDocker(t, tree, []string{".dockerignore"}, nil))
	want = ".dockerignore:0 REPRO-DOCKER-031\n.dockerignore:0 REPRO-DOCKER-032\nDockerfile:2 REPRO-DOCKER-036"
	if got != want {
		t.Errorf(".dockerignore target:\n%s\nwant\n%s", got, want)
	}
}

// A Dockerfile in a subdirectory whose COPY sources exist only at the
// root is built with the root as context; .repro.yaml can say so too.
func TestDockerContextInference(t *testing.T) {
	tree := &snapshot.MapTree{Content: map[string]string{
		"docker/train.Dockerfile": "FROM python:3.11@" + testDigest + "\nCOPY requirements.txt /app/\n",
		"docker/serve.Dockerfile": "FROM python:3.11@" + testDigest + "\nCOPY serve.py /app/\n",
		"docker/serve.py":         "print(1)\n",
		"requirements.txt":        "x==1\n",
		".env":                    "X=1\n",
	}}
	r := newRepo(tree, &Config{})
	if got := r.contextsFor("docker/train.Dockerfile"); len(got) != 1 || got[0] != "" {
		t.Errorf("train context = %q", got)
	}
	if got := r.contextsFor("docker/serve.Dockerfile"); len(got) != 1 || got[0] != "docker" {
		t.Errorf("serve context = %q", got)
	}
	r = newRepo(tree, &Config{Contexts: map[string]string{"docker/serve.Dockerfile": "./"}})
	if got := r.contextsFor("docker/serve.Dockerfile"); len(got) != 1 || got[0] != "" {
		t.Errorf("configured context = %q", got)
	}
	// Named ignore file beside the Dockerfile wins over the context's.
	tree.Content["docker/train.Dockerfile.dockerignore"] = ".git\n**/.env\n"
	tree.Content[".dockerignore"] = ""
	if fs := runDocker(t, tree, []string{"docker/train.Dockerfile"}, nil); len(fs) != 0 {
		t.Errorf("named .dockerignore ignored:\n%s", summary(fs))
	}
}

func TestDockerCompose(t *testing.T) {
	tree := &snapshot.MapTree{Content: map[string]string{
		"deploy/docker-compose.yml": "services:\n  api:\n    build:\n      context: ../api\n      dockerfile: api.Dockerfile\n  x:\n    build: https://github.com/org/repo.git\n  y:\n    image: [not, a, string]\n",
		"api/api.Dockerfile":        "FROM python:3.11@" + testDigest + "\nCOPY . /app\n",
		"api/.env":                  "X=1\n",
	}}
	for i := 0; i < 12; i++ {
		tree.Content[fmt.Sprintf("api/m%d.py", i)] = "x\n"
	}
	got := summary(runDocker(t, tree, []string{"deploy/docker-compose.yml"}, nil))
	want := "api/.dockerignore:0 REPRO-DOCKER-030\napi/.dockerignore:0 REPRO-DOCKER-032"
	if got != want {
		t.Errorf("compose build context:\n%s\nwant\n%s", got, want)
	}
	// The compose file also tells the Dockerfile's own run its context.
	r := newRepo(tree, &Config{})
	if cs := r.contextsFor("api/api.Dockerfile"); len(cs) != 1 || cs[0] != "api" {
		t.Errorf("context from compose = %q", cs)
	}
}

// LFS pointers count with the size of the real object: the build
// context holds the checked-out file.
func TestDockerContextLFSSize(t *testing.T) {
	ptr := "version https://git-lfs.github.com/spec/v1\noid sha256:" + strings.Repeat("a", 64) + "\nsize 3000000000\n"
	tree := &snapshot.MapTree{Content: map[string]string{
		"Dockerfile":     "FROM python:3.11@" + testDigest + "\nCOPY app.py /app/\n",
		"app.py":         "x\n",
		"assets/big.bin": ptr,
		".dockerignore":  ".git\n",
	}}
	fs := runDocker(t, tree, nil, nil)
	if got := summary(fs); got != ".dockerignore:0 REPRO-DOCKER-033\n.dockerignore:0 REPRO-DOCKER-035" {
		t.Fatalf("findings:\n%s", got)
	}
	if !strings.Contains(fs[0].Message, "2.8 GiB") || !strings.Contains(fs[1].Message, "biggest: assets/ 2.8 GiB") {
		t.Errorf("sizes: %s / %s", fs[0].Message, fs[1].Message)
	}
}

// FuzzDockerFindings drives the whole family (Dockerfile parse, RUN shell
// analysis, pip/conda parsing through pipreq, build context, compose)
// with arbitrary Dockerfile, .dockerignore and compose content: no rule
// may panic, and every Dockerfile finding points inside the file.
func FuzzDockerFindings(f *testing.F) {
	matches, _ := filepathGlob("testdata/*/*/Dockerfile")
	for _, m := range matches {
		if b, err := readFile(m); err == nil {
			f.Add(string(b), ".git\ndata\n!data/a.csv\n", "services:\n  a:\n    build: .\n    image: x\n")
		}
	}
	f.Add("FROM a\nRUN pip install -r requirements.txt\n", "[", "services: [")
	f.Add("FROM ${X:-python}\nRUN <<EOF\nconda install -f x\nEOF\n", "!", "services:\n  a:\n    build:\n      context: ../..\n")
	f.Fuzz(func(t *testing.T, dockerfile, ignore, compose string) {
		tree := &snapshot.MapTree{Content: map[string]string{
			"Dockerfile":       dockerfile,
			".dockerignore":    ignore,
			"compose.yaml":     compose,
			"requirements.txt": "numpy\n-r other.txt\n",
			"other.txt":        "-r requirements.txt\nscipy>=1\n",
			"src/app.py":       "print(1)\n",
			"data/a.csv":       "1\n",
			".env":             "X=1\n",
		}}
		files, _ := tree.Files()
		res := checks.Run(checks.Options{Tree: tree, Targets: files, Full: true, Rules: rules})
		for _, err := range res.Errors {
			t.Fatalf("engine error: %v", err)
		}
		n := strings.Count(dockerfile, "\n") + 1
		for _, fd := range res.Findings {
			if fd.Path == "Dockerfile" && (fd.Line < 0 || fd.Line > n) {
				t.Fatalf("finding outside the file (%d lines): %s", n, fd)
			}
		}
	})
}

// TestDocsDockerExamples runs the examples of docs/docker.md: each group
// of "<!-- example: PATH -->" blocks is a mini repository whose docker
// findings must equal the following "<!-- findings -->" block; and the
// rule table lists every rule of the family with its severity.
func TestDockerForeignShell(t *testing.T) {
	tree := &snapshot.MapTree{Content: map[string]string{
		"Dockerfile": "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022@" + testDigest + "\n" +
			"SHELL [\"powershell\", \"-Command\", \"$ErrorActionPreference = 'Stop';\"]\n" +
			"RUN [Environment]::SetEnvironmentVariable('PATH', $env:PATH + ';C:\\y') `\n    ; Remove-Item y.zip\n" +
			"SHELL [\"/bin/bash\", \"-c\"]\nRUN pip install flask\n",
		".dockerignore": ".git\n",
	}}
	if got := summary(runDocker(t, tree, nil, nil)); got != "Dockerfile:7 REPRO-DOCKER-015\nDockerfile:7 REPRO-DOCKER-010" {
		t.Errorf("findings:\n%s", got)
	}
}

// Dockerfiles under .repro.yaml's ignore globs are not checked, even with
// --all, but their files still count in a build context (Docker sends them).
func TestDockerConfigIgnore(t *testing.T) {
	tree := &snapshot.MapTree{Content: map[string]string{
		"testdata/case/Dockerfile": "FROM python:latest\n",
		"Dockerfile":               "FROM python:3.11@" + testDigest + "\nCOPY app.py /\n",
		"app.py":                   "x\n",
		".dockerignore":            ".git\n",
	}}
	cfg, err := checks.ParseConfig(checks.ConfigFile, []byte("ignore: [\"testdata/**\"]\n"), []checks.Family{Family})
	if err != nil {
		t.Fatal(err)
	}
	if fs := runDocker(t, tree, nil, cfg); len(fs) != 0 {
		t.Errorf("ignored Dockerfile checked:\n%s", summary(fs))
	}
	if fs := runDocker(t, tree, nil, nil); summary(fs) != "testdata/case/Dockerfile:1 REPRO-DOCKER-002" {
		t.Errorf("without the ignore glob:\n%s", summary(fs))
	}
}

// dep001Off is a configuration that turns REPRO-DEP-001 off.
var dep001Off = &checks.Config{Rules: map[string]checks.RuleConfig{"REPRO-DEP-001": {Off: true}}}

// TestRequirementsLeftToPip: the unpinned lines of a requirements file a
// RUN installs are REPRO-DEP-001's (at their own lines); REPRO-DOCKER-010
// reports them only when that rule is off, and always reports what it
// alone sees: packages on the command line, a pip-tools .in installed
// instead of its lock, a file by another name.
func TestRequirementsLeftToPip(t *testing.T) {
	tree := &snapshot.MapTree{Content: map[string]string{
		"Dockerfile": "FROM python:3.11@" + testDigest + "\nWORKDIR /app\nCOPY requirements.txt requirements.in deps.txt ./\n" +
			"RUN pip install --no-cache-dir -r requirements.txt\nRUN pip install --no-cache-dir -r requirements.in\n" +
			"RUN pip install --no-cache-dir -r deps.txt rich\nUSER 1000\n",
		"requirements.txt": "numpy\n", "requirements.in": "pandas\n", "deps.txt": "scipy\n", ".dockerignore": ".git\n",
	}}
	var on, off []string
	for _, f := range runDocker(t, tree, nil, nil) {
		if f.Rule == "REPRO-DOCKER-010" {
			on = append(on, fmt.Sprintf("%d %s", f.Line, f.Message))
		}
	}
	for _, f := range runDocker(t, tree, nil, dep001Off) {
		if f.Rule == "REPRO-DOCKER-010" {
			off = append(off, fmt.Sprintf("%d", f.Line))
		}
	}
	if len(on) != 3 || strings.Contains(strings.Join(on, "\n"), "numpy") || !strings.Contains(on[0], "pandas") {
		t.Errorf("REPRO-DEP-001 on: %q; want requirements.in (pandas), deps.txt (scipy) and rich, not numpy", on)
	}
	if strings.Join(off, ",") != "4,5,6,6" {
		t.Errorf("REPRO-DEP-001 off: lines %q, want 4,5,6,6", off)
	}
}

// TestImageFSResolution checks which repository file a "pip install -r"
// reads, through what the stage's COPY and ADD lines put into the image.
func TestImageFSResolution(t *testing.T) {
	base := "FROM python:3.11@" + testDigest + " AS first\n"
	files := map[string]string{
		"requirements.txt":              "rootpkg\n",
		"requirements/requirements.txt": "globpkg\n",
		"requirements/dev.txt":          "devpkg\n",
		"deps/prod.txt":                 "prodpkg\n",
		"deps/nested/extra.txt":         "extrapkg\n",
		"svc/requirements.txt":          "svcpkg\n",
		".dockerignore":                 ".git\n",
	}
	for _, tc := range []struct {
		name, dockerfile, want string // want: the unpinned package reported, "" for none
	}{
		{"plain copy into workdir", "WORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n", "rootpkg"},
		{"copy without trailing slash into an existing directory", "WORKDIR /app\nCOPY requirements.txt /app\nRUN pip install --no-cache-dir -r /app/requirements.txt\n", "rootpkg"},
		{"renamed on copy", "COPY deps/prod.txt /opt/req.txt\nRUN pip install --no-cache-dir -r /opt/req.txt\n", "prodpkg"},
		{"glob flattens", "WORKDIR /app\nCOPY requirements/* ./\nRUN pip install --no-cache-dir -r requirements.txt\n", "globpkg"},
		{"glob matching directories copies their contents", "WORKDIR /app\nCOPY dep* ./\nRUN pip install --no-cache-dir -r nested/extra.txt\n", "extrapkg"},
		{"directory contents", "COPY deps/ /install/\nRUN pip install --no-cache-dir -r /install/nested/extra.txt\n", "extrapkg"},
		{"--parents keeps the path", "COPY --parents deps/nested/extra.txt /src/\nRUN pip install --no-cache-dir -r /src/deps/nested/extra.txt\n", "extrapkg"},
		{"later copy wins", "WORKDIR /app\nCOPY requirements.txt .\nCOPY svc/requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n", "svcpkg"},
		{"relative workdir and cd", "WORKDIR /srv\nWORKDIR app\nCOPY deps/ ./deps/\nRUN cd deps && pip install --no-cache-dir -r prod.txt\n", "prodpkg"},
		{"workdir from ENV", "ENV HOME_DIR=/h\nWORKDIR $HOME_DIR/x\nCOPY deps/prod.txt .\nRUN pip install --no-cache-dir -r /h/x/prod.txt\n", "prodpkg"},
		{"from an earlier stage", "WORKDIR /b\nCOPY requirements/ req/\nFROM python:3.11@" + testDigest + "\nCOPY --from=0 /b/req/dev.txt /r/\nRUN pip install --no-cache-dir -r /r/dev.txt\n", "devpkg"},
		{"a stage built from a stage keeps its files and workdir", "WORKDIR /w\nCOPY deps/prod.txt .\nFROM first AS next\nRUN pip install --no-cache-dir -r prod.txt\n", "prodpkg"},
		{"bind mount", "RUN --mount=type=bind,source=deps,target=/mnt/deps pip install --no-cache-dir -r /mnt/deps/prod.txt\n", "prodpkg"},
		{"written by the RUN itself", "WORKDIR /app\nRUN pip freeze > requirements.txt && pip install --no-cache-dir -r requirements.txt\n", ""},
		{"not copied to that path", "WORKDIR /app\nCOPY deps/prod.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n", ""},
		{"an inline heredoc file", "WORKDIR /app\nCOPY <<EOF requirements.txt\nnumpy==1.26.4\nEOF\nRUN pip install --no-cache-dir -r requirements.txt\n", ""},
		{"from an outside image", "COPY --from=ghcr.io/org/deps:1@" + testDigest + " /requirements.txt /app/\nRUN pip install --no-cache-dir -r /app/requirements.txt\n", ""},
		{"unknown workdir falls back to the context", "ARG DIR\nWORKDIR $DIR\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n", "rootpkg"},
	} {
		content := map[string]string{"Dockerfile": base + tc.dockerfile + "USER 1000\n"}
		for k, v := range files {
			content[k] = v
		}
		// With REPRO-DEP-001 off, the requirement files' lines are this
		// rule's to report (with it on, REPRO-DEP-001 reports them at
		// their own lines and names the RUN: TestDockerInstallsNamed in
		// rules/pip).
		var got []string
		for _, f := range runDocker(t, &snapshot.MapTree{Content: content}, nil, dep001Off) {
			if f.Rule == "REPRO-DOCKER-010" {
				got = append(got, f.Message)
			}
		}
		switch {
		case tc.want == "" && len(got) > 0:
			t.Errorf("%s: want nothing, got %q", tc.name, got)
		case tc.want != "" && (len(got) != 1 || !strings.Contains(got[0], `"`+tc.want+`"`)):
			t.Errorf("%s: want %q reported, got %q", tc.name, tc.want, got)
		}
	}
}

func TestTaggedImages(t *testing.T) {
	src := "IMAGE ?= org/base\nTAG := v1\nFULL = $(IMAGE):$(TAG)\n" +
		"build:\n\tdocker build -t $(FULL) \\\n\t  -f docker/base.Dockerfile .\n" +
		"\tdocker buildx build --tag=x/y:${TAG} --tag ghcr.io/o/z:2 .\n" +
		"\tpodman build -tshort:1 .\n" +
		"\tdocker tag org/base:v1 registry.local/base:v1\n" +
		"\t# docker build -t commented:1 .\n" +
		"\tdocker pull pulled:1\n" +
		"\tdocker build -t $(UNSET) .\n" +
		"\tdocker compose build\n"
	got := taggedImages(src, false)
	want := []string{"org/base:v1", "x/y:v1", "ghcr.io/o/z:2", "short:1", "registry.local/base:v1"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("taggedImages = %q, want %q", got, want)
	}
	if got := taggedImages(`target "a" { tags = ["a:1", "${REG}/a:2", "b"] }`+"\nREG = \"r.io\"\n", true); strings.Join(got, " ") != "a:1 r.io/a:2 b" {
		t.Errorf("bake tags = %q", got)
	}
	wf := "jobs:\n  b:\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          tags: |\n            a/b:1\n            ${{ steps.meta.outputs.tags }}\n      - uses: docker/build-push-action@v6\n        with:\n          tags: c:2,d:3\n      - uses: other/action@v1\n        with:\n          tags: e:4\n"
	if got := buildPushTags([]byte(wf)); strings.Join(got, " ") != "a/b:1 c:2 d:3" {
		t.Errorf("build-push-action tags = %q", got)
	}
	for ref, want := range map[string]string{"python": "python:latest", "docker.io/library/python:3": "python:3", "Org/X:1": "org/x:1", "ghcr.io/a/b:2@sha256:00": "ghcr.io/a/b:2"} {
		if got := normImage(ref); got != want {
			t.Errorf("normImage(%q) = %q, want %q", ref, got, want)
		}
	}
}

func TestRelPathAndFileKind(t *testing.T) {
	for _, tc := range [][3]string{{"", "", "."}, {"", "app/Dockerfile", "app/Dockerfile"}, {"deploy", "", ".."}, {"deploy", "api/x", "../api/x"}, {"a/b", "a/c", "../c"}, {"a", "a/b", "b"}} {
		if got := relPath(tc[0], tc[1]); got != tc[2] {
			t.Errorf("relPath(%q, %q) = %q, want %q", tc[0], tc[1], got, tc[2])
		}
	}
	for name, want := range map[string]kind{
		"datasets/coco.py": kindCode, "data/coco.yaml": kindCode, "data/README.md": kindDoc, "data/LICENSE": kindDoc,
		"data/.gitkeep": kindPlaceholder, "data/train.csv": kindData, "data/labels.json": kindData, "data/x": kindData,
		"data/prepare.sh": kindCode, "data/Dockerfile": kindCode, "data/readme.txt": kindDoc, "data/readings.txt": kindData,
	} {
		if got := fileKind(name); got != want {
			t.Errorf("fileKind(%q) = %d, want %d", name, got, want)
		}
	}
}

// FuzzTaggedImages: the build-command scanner never panics and returns
// plausible references only.
func FuzzTaggedImages(f *testing.F) {
	f.Add("IMAGE ?= a\nx:\n\tdocker build -t $(IMAGE):1 .\n", false)
	f.Add("tags = [\"a:1\", \"${X}\"]\nX = y\n", true)
	f.Add("A=$B\nB=$A\ndocker build -t $A .\n", false)
	f.Fuzz(func(t *testing.T, src string, bake bool) {
		for _, ref := range taggedImages(src, bake) {
			if ref == "" || strings.ContainsAny(ref, " \t$") {
				t.Fatalf("implausible reference %q", ref)
			}
		}
	})
}

// A staged Dockerfile re-checks the compose builds that use it; a staged
// Python file does not start the family.
func TestComposeBuildOnStagedDockerfile(t *testing.T) {
	tree := &snapshot.MapTree{Content: map[string]string{
		"compose.yaml":      "services:\n  trainer:\n    build:\n      context: ./app\n",
		"app/Dockerfile":    "FROM python:3.11@" + testDigest + "\nCOPY requirements.txt .\nUSER 1000\n",
		"app/.dockerignore": ".git\n",
		"app/train.py":      "print(1)\n",
		"requirements.txt":  "numpy==1.26.4\n",
	}}
	if got := summary(runDocker(t, tree, []string{"app/Dockerfile"}, nil)); got != "compose.yaml:4 REPRO-DOCKER-037" {
		t.Errorf("staged Dockerfile:\n%s", got)
	}
	if got := summary(runDocker(t, tree, []string{"app/train.py"}, nil)); got != "" {
		t.Errorf("staged Python file:\n%s", got)
	}
}
