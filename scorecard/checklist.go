package scorecard

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/rules/artifact"
	"github.com/git-repro/git-repro/rules/modelcard"
	"github.com/git-repro/git-repro/snapshot"
)

// Checklist items, in display order. IDs are stable (JSON, badges, tests).
// Each item is judged by its own method: from its findings first, then
// from the snapshot's files.
var itemTitles = []struct {
	id, title string
	judge     func(v *view, it *Item, fs []checks.Finding)
}{
	{"pinned-deps", "Dependencies pinned", (*view).judgePinnedDeps},
	{"seeds", "Random seeds set", (*view).judgeSeeds},
	{"python-version", "Python version documented", (*view).judgePythonVersion},
	{"environment-file", "Environment file", (*view).judgeEnvironmentFile},
	{"docker", "Docker setup", (*view).judgeDocker},
	{"data-sources", "Data sources documented", (*view).judgeDataSources},
	{"sample-data", "Sample data or download script", (*view).judgeSampleData},
	{"readme-setup", "README with setup steps", (*view).judgeReadmeSetup},
	{"ci", "CI installs from scratch", (*view).judgeCI},
	{"hardware", "Hardware documented", (*view).judgeHardware},
	{"config-files", "Config files", (*view).judgeConfigFiles},
	{"version-control", "Version control", (*view).judgeVersionControl},
	{"model-cards", "Model cards", (*view).judgeModelCards},
	{"large-files", "Large files in LFS/DVC", (*view).judgeLargeFiles},
	{"no-secrets", "No secrets committed", (*view).judgeNoSecrets},
	{"dockerignore", ".dockerignore", (*view).judgeDockerignore},
}

// ItemIDs lists the checklist's item ids in order.
func ItemIDs() []string {
	ids := make([]string, len(itemTitles))
	for i, t := range itemTitles {
		ids[i] = t.id
	}
	return ids
}

// view answers questions about one Side's files.
type view struct {
	side   *Side
	byPath map[string]snapshot.FileInfo
	cache  map[string][]byte

	// Computed once: every item asks.
	hasPy       bool
	manifests   []string
	dockerfiles []string
}

func newView(s *Side) *view {
	v := &view{side: s, byPath: map[string]snapshot.FileInfo{}, cache: map[string][]byte{}}
	for _, f := range s.Files {
		v.byPath[f.Path] = f
	}
	v.hasPy = len(v.find(pyCodeGlobs...)) > 0
	v.manifests = v.find(manifestGlobs...)
	v.dockerfiles = v.find(dockerfileGlobs...)
	return v
}

func (v *view) has(p string) bool { _, ok := v.byPath[p]; return ok }

// read returns a small file's content ("" when missing or over 1 MiB).
func (v *view) read(p string) string {
	if b, ok := v.cache[p]; ok {
		return string(b)
	}
	var b []byte
	if fi, ok := v.byPath[p]; ok && fi.Size <= 1<<20 && fi.LFS == nil {
		b, _ = v.side.Tree.ReadFile(p)
	}
	v.cache[p] = b
	return string(b)
}

// find returns the paths whose base name matches a glob (case-insensitive).
func (v *view) find(globs ...string) []string {
	var out []string
	for _, f := range v.side.Files {
		if baseMatch(f.Path, globs...) {
			out = append(out, f.Path)
		}
	}
	return out
}

// findPath returns the paths matching a predicate.
func (v *view) findPath(match func(string) bool) []string {
	var out []string
	for _, f := range v.side.Files {
		if match(f.Path) {
			out = append(out, f.Path)
		}
	}
	return out
}

// readme returns the top-level README's path, or "".
func (v *view) readme() string {
	for _, f := range v.side.Files {
		if !strings.Contains(f.Path, "/") && baseMatch(f.Path, "readme", "readme.*") {
			return f.Path
		}
	}
	return ""
}

// docs returns the README plus documentation files (docs/, *.md at the top).
func (v *view) docText() string {
	var b strings.Builder
	for _, f := range v.side.Files {
		top := !strings.Contains(f.Path, "/")
		inDocs := strings.HasPrefix(strings.ToLower(f.Path), "docs/")
		ext := strings.ToLower(path.Ext(f.Path))
		if (top || inDocs) && (ext == ".md" || ext == ".rst" || ext == ".txt" && baseMatch(f.Path, "readme*")) || top && baseMatch(f.Path, "readme") {
			b.WriteString(v.read(f.Path))
			b.WriteByte('\n')
		}
	}
	return b.String()
}

var (
	pyCodeGlobs   = []string{"*.py", "*.ipynb"}
	manifestGlobs = []string{"requirements*.txt", "requirements*.in", "constraints*.txt", "environment.yml", "environment.yaml",
		"conda.yml", "conda.yaml", "pyproject.toml", "pipfile", "setup.py", "setup.cfg", "*.conda-lock.yml", "conda-lock.yml"}
	lockGlobs = []string{"poetry.lock", "pipfile.lock", "uv.lock", "pdm.lock", "conda-lock.yml", "*.conda-lock.yml",
		"pixi.lock", "requirements.lock", "requirements-dev.lock", "pylock.toml", "pylock.*.toml"}
	dockerfileGlobs = []string{"dockerfile", "*.dockerfile", "dockerfile.*", "containerfile"}
	ciPaths         = func(p string) bool {
		l := strings.ToLower(p)
		return strings.HasPrefix(l, ".github/workflows/") && (strings.HasSuffix(l, ".yml") || strings.HasSuffix(l, ".yaml")) ||
			l == ".gitlab-ci.yml" || l == ".circleci/config.yml" || l == "jenkinsfile" || l == "azure-pipelines.yml" ||
			l == ".travis.yml" || l == "bitbucket-pipelines.yml" || strings.HasPrefix(l, ".buildkite/")
	}
	installRe  = lazyre.New(`(?i)\b(pip3? install|python -m pip install|conda (env )?(create|update)|mamba (env )?(create|update)|micromamba (create|install)|uv (sync|pip install)|poetry install|pipenv (install|sync)|pdm (install|sync)|docker (compose )?build|setup-micromamba|setup-miniconda|make (install|env|setup))`)
	setupHdrRe = lazyre.New(`(?im)^(#{1,4}\s*|)(setup|set up|install(ation|ing)?|getting started|quick ?start|usage|environment|requirements|how to run|running)\b.*$|^#{1,4}\s*.*(安装|环境|依赖|快速开始|使用|インストール|環境構築|使い方|설치|사용법)`)
	hwRe       = lazyre.New(`(?i)\b(gpus?|cpus?|vram|ram|cuda|hardware|tpus?|a100|h100|v100|t4|rtx ?\d{3,4}|nvidia|apple (m1|m2|m3)|\d+ ?gb (of )?(ram|memory|vram))\b|硬件|显卡|显存|ハードウェア|하드웨어`)
	dataRe     = lazyre.New(`(?im)^#{1,4}\s*(data|datasets?|data ?sources?|training data|download(ing)? (the )?data)\b|^#{1,4}\s*.*(数据|データ|데이터)|\b(dataset|data) (is|are|was|were) (available|downloaded|taken|obtained|from)\b|\bdownloaded from\b|\bhuggingface\.co/datasets/|\bkaggle\b|\bzenodo\b`)
	pyVerRe    = lazyre.New(`(?i)\bpython\s*(version\s*)?(>=|==|~=|:)?\s*3\.\d+`)
)

// Checklist judges one snapshot.
func Checklist(s *Side) []Item {
	v := newView(s)
	byItem := classify(s.Findings, s.Rules)
	items := make([]Item, 0, len(itemTitles))
	for _, t := range itemTitles {
		it := Item{ID: t.id, Title: t.title}
		it.Findings = len(byItem[t.id])
		t.judge(v, &it, byItem[t.id])
		items = append(items, it)
	}
	return items
}

// classify maps findings (warning and above) to checklist items by their
// category, and within a category by words of the rule's title (of the
// message when the rule is not among rules).
func classify(fs []checks.Finding, rules []*checks.Rule) map[string][]checks.Finding {
	out := map[string][]checks.Finding{}
	for _, f := range fs {
		if f.Severity < checks.Warning {
			continue
		}
		title := strings.ToLower(f.Message)
		if r := checks.FindRule(rules, f.Rule); r != nil {
			title = strings.ToLower(r.Title)
		}
		var id string
		switch f.Category {
		case checks.CatDeps:
			id = "pinned-deps"
			if strings.Contains(title, "python version") || strings.Contains(title, "requires-python") || strings.Contains(title, "python-version") {
				id = "python-version"
			}
		case checks.CatSeeds:
			id = "seeds"
		case checks.CatDocker:
			id = "docker"
			if strings.Contains(title, "dockerignore") || strings.HasSuffix(f.Path, ".dockerignore") {
				id = "dockerignore"
			}
		case checks.CatModelCard:
			id = "model-cards"
		case checks.CatLargeFiles:
			id = "large-files"
		case checks.CatSecrets:
			id = "no-secrets"
		case checks.CatCI:
			if f.Severity >= checks.Error {
				id = "ci"
			}
		case checks.CatDocs:
			switch {
			case strings.Contains(title, "python"):
				id = "python-version"
			case strings.Contains(title, "hardware") || strings.Contains(title, "gpu"):
				id = "hardware"
			case strings.Contains(title, "data"):
				id = "data-sources"
			default:
				id = "readme-setup"
			}
		}
		if id != "" {
			out[id] = append(out[id], f)
		}
	}
	return out
}

// failWith sets it to Fail because of findings.
func failWith(it *Item, fs []checks.Finding) {
	it.Status = Fail
	rules := map[string]bool{}
	var ids []string
	for _, f := range fs {
		if !rules[f.Rule] {
			rules[f.Rule] = true
			ids = append(ids, f.Rule)
		}
	}
	sort.Strings(ids)
	word := "findings"
	if len(fs) == 1 {
		word = "finding"
	}
	it.Detail = fmt.Sprintf("%d %s (%s)", len(fs), word, strings.Join(ids, ", "))
}

func list(paths []string, max int) string {
	if len(paths) <= max {
		return strings.Join(paths, ", ")
	}
	return strings.Join(paths[:max], ", ") + fmt.Sprintf(" and %d more", len(paths)-max)
}

// judgePinnedDeps judges pinned-deps: no pin findings, and a manifest wherever there is Python code.
func (v *view) judgePinnedDeps(it *Item, fs []checks.Finding) {
	hasPy, manifests := v.hasPy, v.manifests
	switch {
	case len(fs) > 0:
		failWith(it, fs)
	case len(manifests) == 0 && !hasPy:
		it.Status, it.Detail = NA, "no Python code or dependency manifest"
	case len(manifests) == 0:
		it.Status, it.Detail = Fail, "no dependency manifest to pin (add requirements.txt, environment.yml or pyproject.toml)"
	default:
		it.Status, it.Detail = Pass, v.pinnedDetail()
	}
}

// judgeSeeds judges seeds: no seed findings in Python code or notebooks.
func (v *view) judgeSeeds(it *Item, fs []checks.Finding) {
	hasPy := v.hasPy
	switch {
	case len(fs) > 0:
		failWith(it, fs)
	case !hasPy:
		it.Status, it.Detail = NA, "no Python code or notebooks"
	default:
		it.Status, it.Detail = Pass, "no unseeded randomness found"
	}
}

// judgePythonVersion judges python-version: a declaration in a file, or in the README.
func (v *view) judgePythonVersion(it *Item, fs []checks.Finding) {
	hasPy, manifests := v.hasPy, v.manifests
	if len(fs) > 0 {
		failWith(it, fs)
		return
	}
	if !hasPy && len(manifests) == 0 {
		it.Status, it.Detail = NA, "no Python code"
		return
	}
	if src := pythonVersionSource(v); src != "" {
		it.Status, it.Detail = Pass, "declared in "+src
		return
	}
	it.Status, it.Detail = Fail, "no Python version declared (add .python-version, requires-python, or python= in environment.yml)"
}

// judgeEnvironmentFile judges environment-file: a dependency manifest (or a Dockerfile that defines the environment).
func (v *view) judgeEnvironmentFile(it *Item, fs []checks.Finding) {
	hasPy, manifests, dockerfiles := v.hasPy, v.manifests, v.dockerfiles
	switch {
	case len(manifests) > 0:
		it.Status, it.Detail = Pass, list(manifests, 3)
	case !hasPy && len(dockerfiles) == 0:
		it.Status, it.Detail = NA, "no Python code"
	case len(dockerfiles) > 0 && !hasPy:
		it.Status, it.Detail = Pass, "environment defined by "+list(dockerfiles, 2)
	default:
		it.Status, it.Detail = Fail, "no requirements.txt, environment.yml or pyproject.toml"
	}
}

// judgeDocker judges docker: a Dockerfile without docker findings.
func (v *view) judgeDocker(it *Item, fs []checks.Finding) {
	dockerfiles := v.dockerfiles
	switch {
	case len(dockerfiles) == 0:
		it.Status, it.Detail = Fail, "no Dockerfile (a container pins the whole system, not only Python packages)"
	case len(fs) > 0:
		failWith(it, fs)
	default:
		it.Status, it.Detail = Pass, list(dockerfiles, 3)
	}
}

// judgeDataSources judges data-sources: DVC files, a data document, a data README or a data section in the docs.
func (v *view) judgeDataSources(it *Item, fs []checks.Finding) {
	if len(fs) > 0 {
		failWith(it, fs)
		return
	}
	if dvc := v.findPath(func(p string) bool { return strings.HasSuffix(p, ".dvc") || path.Base(p) == "dvc.yaml" }); len(dvc) > 0 {
		it.Status, it.Detail = Pass, "data tracked by DVC ("+list(dvc, 2)+")"
		return
	}
	if docs := v.find("data.md", "datasets.md", "datasheet*.md", "data_card.md", "datacard.md"); len(docs) > 0 {
		it.Status, it.Detail = Pass, list(docs, 2)
		return
	}
	if p := v.findPath(func(p string) bool {
		return strings.Count(p, "/") == 1 && strings.HasPrefix(strings.ToLower(p), "data/") && baseMatch(p, "readme*")
	}); len(p) > 0 {
		it.Status, it.Detail = Pass, p[0]
		return
	}
	if dataRe().MatchString(v.docText()) {
		it.Status, it.Detail = Pass, "described in the README/docs"
		return
	}
	it.Status, it.Detail = Fail, "no data section in the README, no data README, no DVC files"
}

// judgeSampleData judges sample-data: a download script, one the README names, sample files, or a Makefile data target.
func (v *view) judgeSampleData(it *Item, fs []checks.Finding) {
	if scripts := v.findPath(v.isDownloadScript); len(scripts) > 0 {
		it.Status, it.Detail = Pass, "download script "+list(scripts, 2)
		return
	}
	if scripts := v.readmeDataScripts(); len(scripts) > 0 {
		it.Status, it.Detail = Pass, "script named in the README's data section: "+list(scripts, 2)
		return
	}
	samples := v.findPath(func(p string) bool {
		l := strings.ToLower(p)
		return strings.Contains(path.Base(l), "sample") || strings.Contains(path.Base(l), "example") && strings.HasPrefix(l, "data/") ||
			strings.HasPrefix(l, "data/sample") || strings.HasPrefix(l, "sample_data/") || strings.HasPrefix(l, "tests/data/") ||
			strings.HasPrefix(l, "tests/fixtures/") || strings.HasSuffix(l, ".dvc")
	})
	if len(samples) > 0 {
		it.Status, it.Detail = Pass, list(samples, 2)
		return
	}
	if mk := v.read("Makefile"); makeDataRe().MatchString(mk) {
		it.Status, it.Detail = Pass, "Makefile data target"
		return
	}
	it.Status, it.Detail = Fail, "no sample data, download script or DVC data"
}

// judgeReadmeSetup judges readme-setup: a README with setup steps.
func (v *view) judgeReadmeSetup(it *Item, fs []checks.Finding) {
	if len(fs) > 0 {
		failWith(it, fs)
		return
	}
	rd := v.readme()
	if rd == "" {
		it.Status, it.Detail = Fail, "no README"
		return
	}
	text := v.read(rd)
	if setupHdrRe().MatchString(text) || installRe().MatchString(text) {
		it.Status, it.Detail = Pass, rd+" has setup steps"
		return
	}
	it.Status, it.Detail = Fail, rd+" has no setup or installation section"
}

// judgeCI judges ci: a CI configuration that installs the environment.
func (v *view) judgeCI(it *Item, fs []checks.Finding) {
	cis := v.findPath(ciPaths)
	if len(cis) == 0 {
		it.Status, it.Detail = Fail, "no CI configuration"
		return
	}
	if len(fs) > 0 {
		failWith(it, fs)
		return
	}
	for _, p := range cis {
		if installRe().MatchString(v.read(p)) {
			it.Status, it.Detail = Pass, p+" installs the environment"
			return
		}
	}
	it.Status, it.Detail = Fail, "CI ("+list(cis, 2)+") never installs the environment from scratch"
}

// judgeHardware judges hardware: the README or docs say which hardware the results need.
func (v *view) judgeHardware(it *Item, fs []checks.Finding) {
	if len(fs) > 0 {
		failWith(it, fs)
		return
	}
	if hwRe().MatchString(v.docText()) {
		it.Status, it.Detail = Pass, "described in the README/docs"
		return
	}
	it.Status, it.Detail = Fail, "the README does not say which hardware (GPU, RAM) the results need"
}

// judgeConfigFiles judges config-files: hyperparameters in config files rather than code.
func (v *view) judgeConfigFiles(it *Item, fs []checks.Finding) {
	hasPy := v.hasPy
	cfgs := v.findPath(func(p string) bool {
		l := strings.ToLower(p)
		ext := path.Ext(l)
		if ext != ".yaml" && ext != ".yml" && ext != ".toml" && ext != ".json" && ext != ".cfg" && ext != ".ini" {
			return false
		}
		if ciPaths(p) || strings.HasPrefix(l, ".") || strings.Contains(l, "/.") {
			return false
		}
		b := path.Base(l)
		return strings.HasPrefix(l, "configs/") || strings.HasPrefix(l, "config/") || strings.HasPrefix(l, "conf/") ||
			strings.Contains(l, "/configs/") || strings.Contains(l, "/conf/") || strings.HasPrefix(b, "config") ||
			strings.HasPrefix(b, "params") || strings.HasPrefix(b, "hparams") || strings.HasPrefix(b, "hyperparam")
	})
	switch {
	case len(cfgs) > 0:
		it.Status, it.Detail = Pass, list(cfgs, 3)
	case !hasPy:
		it.Status, it.Detail = NA, "no Python code"
	default:
		it.Status, it.Detail = Fail, "no config files (configs/, params.yaml): hyperparameters live in code"
	}
}

// judgeVersionControl judges version-control: the snapshot comes from git.
func (v *view) judgeVersionControl(it *Item, fs []checks.Finding) {
	if v.side.VersionControlled {
		it.Status, it.Detail = Pass, "git"
		if v.has(".gitignore") {
			it.Detail = "git, with .gitignore"
		}
	} else {
		it.Status, it.Detail = Fail, "not a git repository"
	}
}

// judgeModelCards judges model-cards: every model artifact has its card.
func (v *view) judgeModelCards(it *Item, fs []checks.Finding) {
	arts := v.modelArtifacts()
	switch {
	case len(fs) > 0:
		failWith(it, fs)
	case len(arts) == 0:
		it.Status, it.Detail = NA, "no model artifacts"
	default:
		it.Status, it.Detail = Pass, fmt.Sprintf("no model-card findings for %d model artifact(s)", len(arts))
		if cards := v.cardsFor(arts); len(cards) > 0 {
			it.Detail = list(cards, 3)
		}
	}
}

// judgeLargeFiles judges large-files: no large-file findings.
func (v *view) judgeLargeFiles(it *Item, fs []checks.Finding) {
	if len(fs) > 0 {
		failWith(it, fs)
		return
	}
	lfs := 0
	for _, f := range v.side.Files {
		if f.LFS != nil {
			lfs++
		}
	}
	it.Status, it.Detail = Pass, "no large binaries in git"
	if lfs > 0 {
		it.Detail += fmt.Sprintf("; %d file(s) in LFS", lfs)
	}
}

// judgeNoSecrets judges no-secrets: no secret findings.
func (v *view) judgeNoSecrets(it *Item, fs []checks.Finding) {
	if len(fs) > 0 {
		failWith(it, fs)
		return
	}
	it.Status, it.Detail = Pass, "no secrets found"
}

// judgeDockerignore judges dockerignore: a .dockerignore beside the Dockerfiles.
func (v *view) judgeDockerignore(it *Item, fs []checks.Finding) {
	dockerfiles := v.dockerfiles
	switch {
	case len(fs) > 0:
		failWith(it, fs)
	case len(dockerfiles) == 0:
		it.Status, it.Detail = NA, "no Dockerfile"
	case v.has(".dockerignore"):
		it.Status, it.Detail = Pass, ".dockerignore"
	default:
		it.Status, it.Detail = Fail, "no .dockerignore: .git, data and secrets go into the build context"
	}
}

// pythonVersionSource names the first file that declares a Python version.
func pythonVersionSource(v *view) string {
	for _, p := range []string{".python-version", "runtime.txt", ".tool-versions"} {
		if v.has(p) && strings.TrimSpace(v.read(p)) != "" {
			return p
		}
	}
	vers := pythonVersions(v.side.Tree, v.side.Files)
	keys := make([]string, 0, len(vers))
	for k := range vers {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) > 0 {
		return keys[0]
	}
	if rd := v.readme(); rd != "" && pyVerRe().MatchString(v.read(rd)) {
		return rd
	}
	return ""
}

// scriptExts are the extensions of scripts people run.
var scriptExts = map[string]bool{".py": true, ".sh": true, ".bash": true, ".zsh": true, ".ps1": true,
	".bat": true, ".cmd": true, ".r": true, ".jl": true, ".ipynb": true}

// isDownloadScript reports whether p is, by its name, a script that fetches
// data: download*, fetch*, get_* (get_imagenet.sh, scripts/fetch_era5.py),
// prepare_data*, make_dataset*. A get_*.py inside a Python package
// (get_config.py next to an __init__.py) is a module, not a script.
func (v *view) isDownloadScript(p string) bool {
	b := strings.ToLower(path.Base(p))
	switch {
	case strings.HasPrefix(b, "download") || strings.HasPrefix(b, "fetch_data") || strings.HasPrefix(b, "get_data") ||
		strings.HasPrefix(b, "prepare_data") || strings.HasPrefix(b, "make_dataset"):
		return true
	case !scriptExts[path.Ext(b)]:
		return false
	case strings.HasPrefix(b, "fetch"):
		return true
	case strings.HasPrefix(b, "get_") || strings.HasPrefix(b, "get-"):
		return path.Ext(b) != ".py" || !v.has(path.Join(path.Dir(p), "__init__.py"))
	}
	return false
}

var (
	mdHeadingRe = lazyre.New(`^(#{1,6})\s+(.*?)[\s#]*$`)
	// dataHeadingRe matches a README heading about data, in the languages
	// the docs family knows (REPRO-DOCS-005).
	dataHeadingRe = lazyre.New(`(?i)\b(data|datasets?|data ?sources?|download(ing)?)\b|数据|データ|데이터`)
	scriptRefRe   = lazyre.New(`[\w./-]+\.(?i:py|sh|bash|zsh|ps1|bat|cmd|r|jl|ipynb)\b`)
	// makeDataRe matches a Makefile target that fetches data.
	makeDataRe = lazyre.New(`(?m)^(data|download|dataset)[a-z_-]*:`)
)

// readmeDataScripts returns the files of the snapshot that the top-level
// README names in its data section ("## Data": "`scripts/fetch_era5.py`
// downloads the sample into data/", or a command in a code block there).
func (v *view) readmeDataScripts() []string {
	rd := v.readme()
	if rd == "" {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	level, fence := 0, false // level > 0: inside a data section of that heading level
	for _, line := range strings.Split(v.read(rd), "\n") {
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = !fence
			continue
		}
		if m := mdHeadingRe().FindStringSubmatch(line); m != nil && !fence {
			n := len(m[1])
			if level > 0 && n <= level {
				level = 0
			}
			if level == 0 && dataHeadingRe().MatchString(m[2]) {
				level = n
			}
			continue
		}
		if level == 0 {
			continue
		}
		for _, ref := range scriptRefRe().FindAllString(line, -1) {
			p := path.Clean(strings.TrimPrefix(ref, "./"))
			if v.has(p) && !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return out
}

// models are the model artifacts of a side as the model-card rules see
// them (rules/artifact: by extension and model directory, the configured
// model-card artifact globs, DVC outputs of models).
func models(s *Side) map[string]bool {
	out := map[string]bool{}
	for _, a := range modelcard.Artifacts(s.Tree, s.Files, s.Config) {
		out[a.Path] = true
	}
	return out
}

// modelArtifacts lists the snapshot's model artifacts as the model-card
// rules see them (files by name or configured glob, and DVC outputs that
// are models), without those under test directories.
func (v *view) modelArtifacts() []artifact.Artifact {
	var out []artifact.Artifact
	for _, a := range modelcard.Artifacts(v.side.Tree, v.side.Files, v.side.Config) {
		if !artifact.InTestDir(a.Path) {
			out = append(out, a)
		}
	}
	return out
}

// cardsFor returns the model cards that cover the artifacts: the nearest
// card in each artifact's directory or a parent (for a directory output,
// also inside it).
func (v *view) cardsFor(arts []artifact.Artifact) []string {
	cards := modelCards(v.side.Tree, v.side.Files)
	byDir := map[string]string{}
	for p := range cards {
		d := path.Dir(p)
		if q, ok := byDir[d]; !ok || p < q {
			byDir[d] = p
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, a := range arts {
		start := path.Dir(a.Path)
		if a.Dir {
			start = a.Path
		}
		for d := start; ; d = path.Dir(d) {
			if c, ok := byDir[d]; ok {
				if !seen[c] {
					seen[c] = true
					out = append(out, c)
				}
				break
			}
			if d == "." || d == "/" {
				break
			}
		}
	}
	sort.Strings(out)
	return out
}

// compiledHeaderRe matches the header of a requirements file that a tool
// wrote from a manifest: pip-compile, uv pip compile and uv export ("This
// file was autogenerated by uv"), pdm export; the tool is group 1 or 2.
var compiledHeaderRe = lazyre.New(`(?mi)^#\s*This file (?:is|was) (?:autogenerated|@?generated) by (pip-compile|uv|PDM)\b|^#\s+(pip-compile|uv pip compile|uv export|poetry export|pdm export)\b`)

// compiledBy returns the tool that compiled requirements file p, or "".
func (v *view) compiledBy(p string) string {
	if !isRequirementsFile(p) || strings.HasSuffix(p, ".in") {
		return ""
	}
	head := v.read(p)
	if len(head) > 4096 {
		head = head[:4096]
	}
	m := compiledHeaderRe().FindStringSubmatch(head)
	switch {
	case m == nil:
		return ""
	case m[1] != "":
		return strings.ToLower(m[1])
	}
	return m[2]
}

// pinnedDetail says where the pins are: the manifests, without the
// pip-compile inputs whose compiled .txt is there (unpinned by design) and
// without the lock files, which are named apart: poetry.lock, uv.lock,
// pixi.lock, conda-lock.yml ..., and requirements files compiled by
// pip-compile, uv or pdm (their header says so).
func (v *view) pinnedDetail() string {
	var locks, shown []string
	isLock := map[string]bool{}
	for _, p := range v.find(lockGlobs...) {
		isLock[p] = true
		locks = append(locks, p)
	}
	for _, f := range v.side.Files {
		if tool := v.compiledBy(f.Path); tool != "" && !isLock[f.Path] {
			isLock[f.Path] = true
			locks = append(locks, f.Path+" ("+tool+")")
		}
	}
	for _, p := range v.manifests {
		if isLock[p] || strings.HasSuffix(p, ".in") && v.has(strings.TrimSuffix(p, ".in")+".txt") {
			continue
		}
		shown = append(shown, p)
	}
	word := "lock file "
	if len(locks) > 1 {
		word = "lock files "
	}
	switch {
	case len(locks) == 0:
		return "no unpinned dependency in " + list(v.manifests, 3)
	case len(shown) == 0:
		return "no unpinned dependency; " + word + list(locks, 3)
	}
	return "no unpinned dependency in " + list(shown, 3) + "; " + word + list(locks, 3)
}
