package docker

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/dockerfile"
	"github.com/git-repro/git-repro/rules/internal/wording"
)

// maxParseErrors caps the parse-error findings of one Dockerfile.
const maxParseErrors = 3

// checkDockerfile runs the instruction-level rules over one Dockerfile.
func checkDockerfile(a *analysis, r *repo, df string, f *dockerfile.File) {
	// A few parse errors are worth one finding each; a file that is mostly
	// errors (not a Dockerfile after all, or badly broken) gets the first
	// ones and a count, not a finding per line.
	for i, e := range f.Errors {
		if i == maxParseErrors-1 && len(f.Errors) > maxParseErrors {
			a.addf("REPRO-DOCKER-001", checks.Pos{Path: df, Line: e.Line}, "dockerfile does not parse: %s (and %d more errors)", e.Msg, len(f.Errors)-i-1)
			break
		}
		a.addf("REPRO-DOCKER-001", checks.Pos{Path: df, Line: e.Line}, "dockerfile does not parse: %s", e.Msg)
	}
	checkEncoding(a, df, f)
	for _, arg := range f.MetaArgs {
		checkSecretName(a, df, f, arg.Line, "ARG", arg.Name)
	}
	images := map[*dockerfile.Stage]*imageFS{}
	for _, st := range f.Stages {
		checkBase(a, r, df, f, st)
		images[st] = checkStage(a, r, df, f, st, images)
	}
	if last := f.LastStage(); last != nil {
		var user *dockerfile.Command
		for i := range last.Commands {
			if _, ok := last.Commands[i].Inst.(*instructions.UserCommand); ok {
				user = &last.Commands[i]
			}
		}
		if user != nil {
			u := user.Inst.(*instructions.UserCommand).User
			name, _, _ := strings.Cut(u, ":")
			if name == "root" || name == "0" {
				a.addf("REPRO-DOCKER-019", locate(df, f, user.Line, u),
					"the final stage's last USER is %q: the container runs as root", u)
			}
		}
	}
}

// checkEncoding reports the lines that are not UTF-8 text (comments
// aside), once per file: Docker passes their bytes on, but the rules read
// them as U+FFFD and cannot check those words as written.
func checkEncoding(a *analysis, df string, f *dockerfile.File) {
	var bad []dockerfile.Error
	for _, e := range f.Encoding {
		if e.Line >= 1 && e.Line <= len(f.Lines) && strings.HasPrefix(strings.TrimSpace(f.Lines[e.Line-1]), "#") {
			continue
		}
		bad = append(bad, e)
	}
	if len(bad) == 0 {
		return
	}
	more := ""
	if n := len(bad) - 1; n > 0 {
		more = fmt.Sprintf(" (and %d more %s)", n, wording.Noun(n, "line", "lines"))
	}
	a.Add("REPRO-DOCKER-001", checks.Diag{Pos: checks.Pos{Path: df, Line: bad[0].Line},
		Message: fmt.Sprintf("the line holds %s%s: the docker rules read it as U+FFFD and cannot check the line's words as written; save the file as UTF-8", bad[0].Msg, more),
		Hint:    fmt.Sprintf("convert the file to UTF-8, e.g. \"iconv -f latin1 -t utf-8 %s\"", path.Base(df))})
}

// checkBase applies the image pin rules to a FROM line.
func checkBase(a *analysis, r *repo, df string, f *dockerfile.File, st *dockerfile.Stage) {
	if st.Parent != nil || st.Image.Scratch() {
		return
	}
	pos := locate(df, f, st.Line, st.BaseRaw)
	if len(st.Unresolved) > 0 && !dockerfile.PlausibleRef(st.Base) {
		a.addf("REPRO-DOCKER-005", pos, "base image %q depends on build arg %q, which has no default: the Dockerfile does not say what it builds on",
			st.BaseRaw, st.Unresolved[0])
		return
	}
	subject := fmt.Sprintf("base image %q", st.Base)
	if st.BaseRaw != st.Base {
		subject = fmt.Sprintf("base image %q (the ARG default behind %q)", st.Base, st.BaseRaw)
	}
	checkImageRef(a, r, pos, subject, st.Image)
}

// checkImageRef applies REPRO-DOCKER-002/003/004 to one image reference.
// subject names it in messages ("base image \"python:3.11\""). An image
// the repository builds itself is not pinned: see builtImages.
func checkImageRef(a *analysis, r *repo, pos checks.Pos, subject string, im dockerfile.Image) {
	if im.Name == "" {
		return
	}
	if im.Digest != "" {
		if !dockerfile.ValidDigest(im.Digest) && !dockerfile.Dynamic(im.Digest) {
			a.addf("REPRO-DOCKER-001", pos, "%s has an invalid digest %q: docker rejects it (a digest is \"sha256:\" and 64 hex digits)", subject, im.Digest)
		}
		return
	}
	if r.builtHere(im) {
		return
	}
	example := im.Name + ":<version>@sha256:<digest>"
	if im.Tag == "" {
		a.Add("REPRO-DOCKER-002", checks.Diag{Pos: pos,
			Message: fmt.Sprintf("%s has no tag, so it means %q: whatever the registry serves on the day of the build", subject, im.Name+":latest"),
			Hint:    fmt.Sprintf("name a version and its digest: %q", example)})
		return
	}
	if strings.EqualFold(im.Tag, "latest") {
		a.Add("REPRO-DOCKER-002", checks.Diag{Pos: pos,
			Message: fmt.Sprintf("%s uses the %q tag: whatever the registry serves on the day of the build", subject, im.Tag),
			Hint:    fmt.Sprintf("name a version and its digest: %q", example)})
		return
	}
	hint := fmt.Sprintf("add the digest: %q (\"docker buildx imagetools inspect %s\" prints it)", im.Name+":"+im.Tag+"@sha256:<digest>", im.Name+":"+im.Tag)
	if r.cfg.RequireDigest {
		a.Add("REPRO-DOCKER-004", checks.Diag{Pos: pos, Hint: hint,
			Message: fmt.Sprintf("%s is not pinned by digest, and .repro.yaml sets docker.require-digest", subject)})
		return
	}
	if exactTag(im) {
		a.Add("REPRO-DOCKER-006", checks.Diag{Pos: pos, Hint: hint,
			Message: fmt.Sprintf("%s names an exact release (%q) but no digest: the tag can still be re-pushed with rebuilt layers; pin the digest too for byte-identical builds", subject, im.Tag)})
		return
	}
	a.Add("REPRO-DOCKER-003", checks.Diag{Pos: pos, Hint: hint,
		Message: fmt.Sprintf("%s is pinned by tag only: tags are re-pushed, so a rebuild can get a different image", subject)})
}

var (
	// leadingVersionRe is the version a tag starts with: "3.11.9" of
	// "3.11.9-slim", "2.1.2" of "2.1.2-cuda12.1-cudnn8-runtime".
	leadingVersionRe = lazyre.New(`^v?([0-9]+(?:\.[0-9]+)*)(?:$|[-_+])`)
	// dateStampRe is a build date in a tag ("jammy-20240227").
	dateStampRe = lazyre.New(`(?:^|[-_.])20[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])(?:$|[-_.])`)
)

// exactTag reports whether an image tag names one release of the software
// (REPRO-DOCKER-006) rather than a series that follows new releases
// (REPRO-DOCKER-003): a version of three or more parts ("3.11.9-slim",
// "2.13.0-gpu", "12.1.1-cudnn8-devel-ubuntu22.04", "7.2.4-alpine"), a
// monthly release named YY.MM as NVIDIA's NGC containers are ("23.10-py3";
// not Ubuntu's "22.04", which follows its point releases), or a build
// date ("jammy-20240227"). "3.10", "3.11-slim", "3", "bookworm" and
// "slim" are series.
func exactTag(im dockerfile.Image) bool {
	tag := strings.ToLower(im.Tag)
	if dateStampRe().MatchString(tag) {
		return true
	}
	m := leadingVersionRe().FindStringSubmatch(tag)
	if m == nil {
		return false
	}
	parts := strings.Split(m[1], ".")
	switch {
	case len(parts) >= 3:
		return true
	case len(parts) == 2 && len(parts[0]) == 2 && len(parts[1]) == 2:
		yy, mm := atoi(parts[0]), atoi(parts[1])
		return yy >= 17 && mm >= 1 && mm <= 12 && path.Base(strings.ToLower(im.Name)) != "ubuntu"
	}
	return false
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// stageState is what the rules remember while walking a stage.
type stageState struct {
	// env are the ENV and ARG values RUN lines see (and variables in
	// WORKDIR and COPY expand to).
	env map[string]string
	// fs is what the stage's image holds so far.
	fs *imageFS
	// broadCopy is the first "COPY . ." of the stage, if any.
	broadCopy *dockerfile.Command
	// aptUpdateLine is the line of the last RUN with apt-get update.
	aptUpdateLine int
	// foreignShell is set after a SHELL instruction that selects a
	// non-POSIX shell (PowerShell, cmd): RUN lines are then not sh.
	foreignShell bool
}

// checkStage checks the instructions of a stage and returns what its
// image holds (images holds the earlier stages').
func checkStage(a *analysis, r *repo, df string, f *dockerfile.File, st *dockerfile.Stage, images map[*dockerfile.Stage]*imageFS) *imageFS {
	vars := f.StageVars(st)
	s := &stageState{env: vars.Map(), fs: newImageFS(images[st.Parent])}
	stageFS := func(ref string) *imageFS {
		if from := f.StageByRef(ref); from != nil {
			return images[from]
		}
		return nil
	}
	// A secret ARG that an ENV copies ("ARG HF_TOKEN" then "ENV
	// HUGGING_FACE_HUB_TOKEN=${HF_TOKEN}") is one leak: it is reported
	// at the ENV, which keeps it in the image's configuration, naming the
	// ARG; an ARG no ENV copies is reported at the end of the stage.
	secretArgs := map[string]int{} // name -> line
	var argOrder []string
	for i := range st.Commands {
		c := &st.Commands[i]
		switch inst := c.Inst.(type) {
		case *instructions.ArgCommand:
			for _, kv := range inst.Args {
				if secretName(kv.Key) {
					if _, ok := secretArgs[kv.Key]; !ok {
						argOrder = append(argOrder, kv.Key)
					}
					secretArgs[kv.Key] = c.Line
				}
			}
			vars.Apply(*c)
		case *instructions.EnvCommand:
			for _, kv := range inst.Env {
				from := ""
				for _, name := range argOrder {
					if line, ok := secretArgs[name]; ok && refersTo(kv.Value, name) {
						from = fmt.Sprintf(" (it copies build arg %q of line %d)", name, line)
						delete(secretArgs, name)
					}
				}
				if from != "" || secretName(kv.Key) {
					reportSecretName(a, df, f, c.Line, "ENV", kv.Key, from)
				}
			}
			vars.Apply(*c)
		case *instructions.WorkdirCommand:
			s.fs.setWorkdir(f.Expand(inst.Path, s.env))
		case *instructions.AddCommand:
			for _, src := range inst.SourcePaths {
				l := strings.ToLower(src)
				if (strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")) && !isGitURL(l) && inst.Checksum == "" {
					a.addf("REPRO-DOCKER-017", locate(df, f, c.Line, src),
						"ADD %q without --checksum: the build takes whatever the server returns", src)
				}
			}
			s.fs.add(f, *c, s.env, stageFS)
			noteBroadCopy(s, c)
		case *instructions.CopyCommand:
			if inst.From != "" && f.StageByRef(inst.From) == nil && !dockerfile.Dynamic(inst.From) {
				im := dockerfile.ParseImage(inst.From)
				checkImageRef(a, r, locate(df, f, c.Line, inst.From), fmt.Sprintf("COPY --from image %q", inst.From), im)
			}
			s.fs.add(f, *c, s.env, stageFS)
			noteBroadCopy(s, c)
		case *instructions.ShellCommand:
			s.foreignShell = len(inst.Shell) == 0 || !dockerfile.IsShell(strings.TrimSuffix(strings.ToLower(path.Base(strings.ReplaceAll(inst.Shell[0], "\\", "/"))), ".exe"))
		case *instructions.RunCommand:
			if s.foreignShell && inst.PrependShell {
				continue // a PowerShell or cmd line: not ours to parse
			}
			checkRun(a, r, df, f, s, c, inst)
		}
	}
	for _, name := range argOrder {
		if line, ok := secretArgs[name]; ok {
			checkSecretName(a, df, f, line, "ARG", name)
		}
	}
	return s.fs
}

// refersTo reports whether an instruction's value uses the variable
// name: $NAME, ${NAME}, ${NAME:-x}.
func refersTo(value, name string) bool {
	for i := 0; i < len(value); i++ {
		if value[i] != '$' {
			continue
		}
		rest := value[i+1:]
		if strings.HasPrefix(rest, "{") {
			rest = rest[1:]
		}
		if strings.HasPrefix(rest, name) {
			after := rest[len(name):]
			if after == "" || !(after[0] == '_' || after[0] >= 'A' && after[0] <= 'Z' || after[0] >= 'a' && after[0] <= 'z' || after[0] >= '0' && after[0] <= '9') {
				return true
			}
		}
	}
	return false
}

func isGitURL(l string) bool {
	u, _, _ := strings.Cut(l, "#")
	return strings.HasSuffix(u, ".git")
}

// noteBroadCopy remembers the first COPY/ADD of the whole context.
func noteBroadCopy(s *stageState, c *dockerfile.Command) {
	if s.broadCopy != nil {
		return
	}
	srcs, _ := copySources(*c)
	for _, src := range srcs {
		if cs := cleanRel(src); cs == "" || cs == "*" {
			s.broadCopy = c
			return
		}
	}
}

// copySources returns the sources of a COPY or ADD read from the build
// context (nil for COPY --from), and whether it is an ADD.
func copySources(c dockerfile.Command) ([]string, bool) {
	switch inst := c.Inst.(type) {
	case *instructions.CopyCommand:
		if inst.From != "" {
			return nil, false
		}
		return inst.SourcePaths, false
	case *instructions.AddCommand:
		return inst.SourcePaths, true
	}
	return nil, false
}

// locate is where word is written in the instruction of Dockerfile df
// that starts on line.
func locate(df string, f *dockerfile.File, line int, word string) checks.Pos {
	p := f.Locate(line, word)
	return checks.Pos{Path: df, Line: p.Line, Col: p.Col}
}

var (
	secretWordRe = lazyre.New(`(?i)(?:_|^)(?:apikey|api_key|access_key|secret_key|auth|authtoken|credential|credentials|key|password|passwd|pword|pass|passphrase|secret|token)(?:_|$)`)
	secretAllow  = lazyre.New(`(?i)(?:_|^)(?:public|file|version|path|dir|url|name|gpg|type|size|length|id_file)(?:_|$)`)
)

// secretName reports whether an ARG/ENV name looks like it holds a
// secret, by BuildKit's word rules (a word of the name is token, key,
// secret, password, ...) with a few more harmless words allowed.
func secretName(name string) bool {
	return secretWordRe().MatchString(name) && !secretAllow().MatchString(name)
}

func checkSecretName(a *analysis, df string, f *dockerfile.File, line int, kind, name string) {
	if !secretName(name) {
		return
	}
	reportSecretName(a, df, f, line, kind, name, "")
}

// reportSecretName reports an ARG or ENV that holds a secret; from names
// the build arg an ENV copies it from.
func reportSecretName(a *analysis, df string, f *dockerfile.File, line int, kind, name, from string) {
	id := strings.ToLower(name)
	what := "looks like a secret"
	if !secretName(name) {
		what = "holds a secret"
	}
	a.Add("REPRO-DOCKER-020", checks.Diag{
		Pos:     locate(df, f, line, name),
		Message: fmt.Sprintf("%s %q %s%s: build args and ENV values are kept in the image's history and metadata", kind, name, what, from),
		Hint:    fmt.Sprintf("pass it as a build secret: \"RUN --mount=type=secret,id=%s,env=%s ...\" and \"docker build --secret id=%s,env=%s\"", id, name, id, name),
	})
}

// runFacts is what one RUN instruction does, as far as the rules care.
type runFacts struct {
	aptUpdate    *dockerfile.Call // the first apt-get update
	listsRemoved bool
	aptInstalls  []dockerfile.Call
	installsDeps bool
	installLine  int // the line of the first dependency install
}

// installs notes a dependency install on a line.
func (rf *runFacts) installs(line int) {
	if !rf.installsDeps || line < rf.installLine {
		rf.installsDeps, rf.installLine = true, line
	}
}

// runEnv is where a call of a RUN line runs.
type runEnv struct {
	r     *repo
	df    string
	st    *stageState
	binds []dockerfile.BindMount
	cwd   string // absolute; "" when it is only known at build time
}

func checkRun(a *analysis, r *repo, df string, f *dockerfile.File, s *stageState, c *dockerfile.Command, rc *instructions.RunCommand) {
	mounts := dockerfile.Mounts(rc)
	binds := dockerfile.ContextBinds(rc)
	cacheAt := func(prefixes ...string) bool {
		for _, m := range mounts {
			if m == nil || m.Type != instructions.MountTypeCache {
				continue
			}
			for _, p := range prefixes {
				if strings.HasPrefix(path.Clean(m.Target), p) {
					return true
				}
			}
		}
		return false
	}
	var calls []dockerfile.Call
	for _, sc := range f.Scripts(*c) {
		script, err := sc.Parse()
		if err != nil {
			line, msg := c.Line, err.Error()
			if e, ok := err.(dockerfile.Error); ok {
				msg = e.Msg
				if e.Line >= c.Line && e.Line <= max(c.EndLine, c.Line) {
					line = e.Line
				}
			}
			a.addf("REPRO-DOCKER-001", checks.Pos{Path: df, Line: line}, "RUN is not valid shell: %s", msg)
			continue
		}
		calls = append(calls, script.Calls...)
		reportPipes(a, df, script.Pipes)
	}

	var facts runFacts
	// pip and conda installs, as parse/shellcmd reads them for every
	// family (the directory each runs in included).
	used := make([]bool, len(calls))
	for _, inst := range r.installsIn(df, f, *c) {
		in := runEnv{r: r, df: df, st: s, binds: binds, cwd: imageDir(inst.Dir)}
		pl := placer{df: df, inst: inst}
		for i := range calls {
			if !used[i] && slices.Equal(calls[i].Args, inst.Args) {
				used[i], pl.call = true, &calls[i]
				break
			}
		}
		switch {
		case !inst.Conda():
			if checkPipInstall(a, in, pl, cacheAt("/root/.cache", "/home", "/tmp/pip", "/.cache")) {
				facts.installs(inst.Line)
			}
		default:
			checkCondaInstall(a, in, pl)
			facts.installs(inst.Line)
		}
	}
	for _, call := range calls {
		name := call.Name()
		switch {
		case name == "apt-get" || name == "apt" || name == "aptitude":
			switch sub, _ := aptSubcommand(call.Args); sub {
			case "update":
				if facts.aptUpdate == nil {
					facts.aptUpdate = &call
				}
			case "install":
				facts.aptInstalls = append(facts.aptInstalls, call)
				facts.installs(call.Line)
			}
		case name == "apk" && len(call.Args) > 1 && call.Args[1] == "add":
			checkOSPackages(a, df, call, "apk add", 2, []string{"-t", "--virtual", "-X", "--repository", "-p", "--root", "--arch", "--cache-dir", "--keys-dir"})
		case name == "rm":
			for _, arg := range call.Args[1:] {
				if strings.HasPrefix(arg, "/var/lib/apt/lists") {
					facts.listsRemoved = true
				}
			}
		}
		if isOtherDepsInstall(call) {
			facts.installs(call.Line)
		}
	}

	for _, call := range facts.aptInstalls {
		_, sub := aptSubcommand(call.Args)
		checkOSPackages(a, df, call, aptName(call)+" install", sub+1, []string{"-o", "--option", "-t", "--target-release", "--default-release", "-c", "--config-file"})
		if facts.aptUpdate == nil {
			msg := fmt.Sprintf("%q runs without %q in the same RUN: the package index comes from an older cached layer, or is missing", aptName(call)+" install", aptName(call)+" update")
			if s.aptUpdateLine > 0 {
				msg = fmt.Sprintf("%q runs in a different RUN from %q (line %d): the cached update layer is reused, so packages come from a stale index", aptName(call)+" install", aptName(call)+" update", s.aptUpdateLine)
			}
			a.addf("REPRO-DOCKER-013", wordPos(df, call, sub), "%s", msg)
		}
	}
	if up := facts.aptUpdate; up != nil {
		s.aptUpdateLine = up.Line
		if !facts.listsRemoved && !cacheAt("/var/lib/apt") {
			_, sub := aptSubcommand(up.Args)
			a.addf("REPRO-DOCKER-014", wordPos(df, *up, sub),
				"RUN with apt-get update does not remove /var/lib/apt/lists: the package lists stay in the layer")
		}
	}
	if facts.installsDeps && s.broadCopy != nil {
		bc := s.broadCopy
		srcs, _ := copySources(*bc)
		a.addf("REPRO-DOCKER-018", locate(df, f, bc.Line, srcs[0]),
			"the whole build context is copied (line %d) before the dependency install at line %d: every source change re-runs the install", bc.Line, facts.installLine)
		s.broadCopy = nil // one finding per COPY
	}
}

// reportPipes reports "curl | sh" pipelines.
func reportPipes(a *analysis, df string, pipes []dockerfile.PipeToShell) {
	for _, p := range pipes {
		at := 0
		for i, arg := range p.Fetch.Args {
			if i > 0 && strings.Contains(arg, "://") {
				at = i
				break
			}
		}
		what := p.Fetch.Name()
		if at > 0 {
			what += " " + p.Fetch.Args[at]
		}
		a.addf("REPRO-DOCKER-016", wordPos(df, p.Fetch, at),
			"%q is piped into %q: the build runs whatever the server returns, unverified", what, p.Shell.Name())
	}
}

// wordPos is where word i of a call is written in Dockerfile df (the
// call's line when i is out of range).
func wordPos(df string, call dockerfile.Call, i int) checks.Pos {
	p := call.ArgPos(i)
	return checks.Pos{Path: df, Line: p.Line, Col: p.Col}
}

func aptName(c dockerfile.Call) string { return c.Name() }

// aptSubcommand returns the first non-option word after apt-get and its
// index (-1 when there is none).
func aptSubcommand(args []string) (string, int) {
	for i := 1; i < len(args); i++ {
		a := args[i]
		if a == "-o" || a == "-c" || a == "-t" {
			i++
			continue
		}
		if !strings.HasPrefix(a, "-") {
			return a, i
		}
	}
	return "", -1
}

// checkOSPackages reports packages installed without "=version"; the
// packages are the words of call from index from on.
func checkOSPackages(a *analysis, df string, call dockerfile.Call, what string, from int, valued []string) {
	var bad []string
	first := -1
	for i := max(from, 1); i < len(call.Args); i++ {
		w := call.Args[i]
		if strings.HasPrefix(w, "-") {
			if slices.Contains(valued, w) {
				i++
			}
			continue
		}
		if dockerfile.Dynamic(w) || strings.Contains(w, "=") || strings.HasSuffix(w, ".deb") || strings.HasSuffix(w, ".apk") ||
			strings.HasPrefix(w, "/") || strings.HasPrefix(w, "./") {
			continue
		}
		if first < 0 {
			first = i
		}
		bad = append(bad, w)
	}
	if len(bad) == 0 {
		return
	}
	a.Add("REPRO-DOCKER-012", checks.Diag{
		Pos:     wordPos(df, call, first),
		Message: fmt.Sprintf("%q installs %s without a version: each build gets whatever the index has that day", what, wording.QuoteList(bad, 5)),
		Hint:    fmt.Sprintf("pin each package to a version: %q (\"apt-cache policy %s\" lists them)", bad[0]+"=<version>", bad[0]),
	})
}

// isOtherDepsInstall recognises dependency installs the family does not
// check for pins but that matter for layer order (pip and conda installs
// come from parse/shellcmd).
func isOtherDepsInstall(c dockerfile.Call) bool {
	args := c.Args
	if len(args) < 2 {
		return false
	}
	switch c.Name() {
	case "poetry", "pipenv", "pdm":
		return args[1] == "install" || args[1] == "sync"
	case "uv":
		return args[1] == "sync"
	case "npm", "yarn", "pnpm":
		return args[1] == "ci" || args[1] == "install"
	}
	return false
}
