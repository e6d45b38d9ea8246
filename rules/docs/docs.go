package docs

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/modelcard"
)

// Family is the docs family: the README checklist (setup, Python version,
// hardware, data, usage), configured by the docs: section of .repro.yaml.
var Family = checks.Family{Name: "docs", Rules: rules, Settings: settings}

// settings is the docs: section of .repro.yaml.
var settings = checks.SectionOf[Config]("docs")

// Config is the docs: section of .repro.yaml.
type Config struct {
	// Readme is the README to check, relative to the root. Default: the
	// first of README.md, README.rst, README.txt, README at the root
	// (any letter case).
	Readme string `yaml:"readme"`
}

// readmeNames are looked for at the repository root, in this order.
var readmeNames = []string{"README.md", "README.rst", "README.txt", "README", "readme.md", "Readme.md", "README.markdown", "readme.rst"}

// docItem is one entry of the README checklist.
type docItem struct {
	heading func() *regexp.Regexp // matched against normalised headings
	content func() *regexp.Regexp // matched against the text
}

var docItems = map[string]docItem{
	"setup": {
		heading: lazyre.New(`\b(install|installation|installing|setup|set up|getting started|quick ?start)\b|安装|快速开始|インストール|環境構築|설치`),
		content: lazyre.New(`(?im)\b(pip3? install|python3? -m pip install|conda (env )?create|conda env update|mamba (env )?create|poetry install|uv sync|uv pip install|pipenv install|pdm (install|sync)|pixi (install|shell|run)|micromamba (env )?create|conda-lock install|rye sync|hatch env create|nix develop|docker (build|compose up|run)|make (install|setup|env))\b`),
	},
	"python": {
		// Also a shields.io badge (".../badge/python-3.10-blue") and the
		// commands that install one version (pyenv, uv, conda, virtualenv).
		content: lazyre.New(`(?i)\bpython\s*(version\s*)?(:|>=|==|~=|≥|=)?\s*v?3\.\d{1,2}\b|\bpython3\.\d{1,2}\b|\bpy3\d{1,2}\b|requires-python|python_requires|\.python-version|python=3\.\d|\bpython-v?3\.\d{1,2}\b|--python[= ]3\.\d{1,2}\b|\b(?:pyenv (?:install|local|global|shell)|uv python (?:install|pin)) 3\.\d{1,2}\b`),
	},
	"hardware": {
		heading: lazyre.New(`\b(hardware|compute|gpu|system requirements|resources)\b|硬件|ハードウェア|하드웨어`),
		content: lazyre.New(`(?i)\b(gpus?|cuda|vram|tpus?|a100|h100|h200|v100|p100|k80|a10g?|a30|a40|a6000|l4|l40s?|t4|mi[23]\d0x?|tesla|quadro|geforce|rtx ?a?\d{4}|cpu[- ]only|runs on (a )?cpu|\d+\s*(gb|gib)\s*(of\s+)?(ram|memory|vram|gpu memory)|(ram|memory)\s*[:≥>=]*\s*\d+\s*(gb|gib)|apple silicon|mps)\b`),
	},
	"data": {
		heading: lazyre.New(`\b(data|dataset|datasets|data sources?|download|downloading)\b|数据|データ|데이터`),
		content: lazyre.New(`(?i)\b(dvc pull|dvc import|kaggle (datasets|competitions) download|load_dataset\(|tfds\.load\(|download[_-]?data|download\.(sh|py)|get[_-]data|fetch[_-]data|prepare[_-]?data|download the (data|dataset)|dataset (is|are) (available|hosted|from)|data (is|are) (available|hosted|downloaded) from|zenodo\.org|doi\.org|huggingface-cli download|hf download|--repo-type[= ]dataset|gdown\b|gsutil (-m )?(cp|rsync)|aws s3 (cp|sync)|azcopy copy|(wget|curl)\b[^\n]*\.(zip|tar|tar\.gz|tgz|jsonl?|csv|parquet|h5|hdf5|npz)\b)`),
	},
	"usage": {
		heading: lazyre.New(`\b(usage|training|train|evaluation|evaluate|evaluating|reproduc\w*|running|run|inference|how to use|experiments?)\b|训练|评估|测试|推理|使用|复现|学習|評価|推論|使い方|학습|평가|추론|사용법`),
		content: lazyre.New(`(?im)(python3? (-m )?[\w./-]*(train|fine_?tune|fit|eval|evaluate|score|bench|main|run|predict|infer)\w*(\.py)?\b|make (train|eval|evaluate|reproduce|all)\b|dvc repro\b|bash [\w./-]*(train|eval|run)\w*\.sh|accelerate launch|torchrun )`),
	},
}

var rules = []*checks.Rule{
	{
		ID: "REPRO-DOCS-001", Category: checks.CatDocs, Severity: checks.Warning,
		Title:       "no readme",
		Doc:         `A repository without a README gives nobody the steps to set up, get the data, train and evaluate: reproducing it means reverse-engineering the code.`,
		Remediation: "add README.md with sections: Installation, Requirements (Python version, hardware), Data, Usage (train and evaluate)",
		Run:         runDocsMissingReadme,
	},
	{
		ID: "REPRO-DOCS-002", Category: checks.CatDocs, Severity: checks.Warning,
		Title: "readme has no setup instructions",
		Doc: `The README should say how to create the environment: the install command and the file that pins the dependencies. ` +
			`An "Installation", "Setup" or "Getting started" heading counts; a "Requirements" or "Dependencies" section counts only when it names the manifest or the environment tool, or pins an exact version of every item it lists: a bare list of package names is not setup instructions.`,
		Remediation: "add `## Installation` with the commands, e.g. `python -m venv .venv && pip install -r requirements.txt`",
		Run:         docsCheck("setup", "README has no setup or installation instructions: add an %q section with the commands that create the environment"),
	},
	{
		ID: "REPRO-DOCS-003", Category: checks.CatDocs, Severity: checks.Info,
		Title:       "readme does not state the python version",
		Doc:         `Results can change between Python versions (and most ML wheels exist only for some); the README should name the version the results were produced with.`,
		Remediation: "state it, e.g. \"Requires Python 3.11\" (and pin it in .python-version or requires-python)",
		Run:         docsCheck("python", "README does not state the Python version: say which one the results were produced with in %q"),
	},
	{
		ID: "REPRO-DOCS-004", Category: checks.CatDocs, Severity: checks.Info,
		Title:       "readme does not state hardware requirements",
		Doc:         `Training and evaluation may need a GPU, a given amount of GPU memory or RAM, and the results may depend on it (non-deterministic GPU kernels). The README should say what was used.`,
		Remediation: "add `## Hardware`: GPU model and memory, RAM, and the training time on it (or that a CPU suffices)",
		Run:         docsCheck("hardware", "README does not state hardware requirements (GPU, RAM): add a %q section"),
	},
	{
		ID: "REPRO-DOCS-005", Category: checks.CatDocs, Severity: checks.Warning,
		Title: "readme does not say where the data comes from",
		Doc: `Without the data there is nothing to reproduce: the README should name the data sources (with versions or DOIs) or the script / "dvc pull" that fetches them. ` +
			`A "Data" heading, a download command, a link to the dataset (a dataset host, a Hugging Face dataset, a link about data), a sentence such as "trained on [ImageNet-1k](...)" or a ` +
			`flag such as "--dataset_name wikitext" or "--data_path org/name" all count, in the README or in the documents it leans on (INSTALL.md, GETTING_STARTED.md, datasets/README.md, the local documents it links). ` +
			`So do plain sentences: a well-known data set by name ("non-IID CIFAR-10"), where the data is downloaded, exported or pulled from ("logs are exported nightly from the warehouse table analytics.events"), a bucket or a table, data that is generated, "no dataset is needed"; and for reinforcement learning, the environment the agent learns from when a program imports the simulator. ` +
			`Not checked for a repository whose code trains and evaluates nothing and is a library, a command-line tool, a demo or a server (it has no training data to source).`,
		Remediation: "add `## Data`: where it comes from, its version, and the command that downloads it (e.g. `dvc pull` or `python scripts/download_data.py`)",
		Run:         docsCheck("data", "README does not say where the data comes from: add a %q section with the source and the download command"),
	},
	{
		ID: "REPRO-DOCS-006", Category: checks.CatDocs, Severity: checks.Warning,
		Title: "readme does not show how to train and evaluate",
		Doc: `The README should give the exact commands that train the model and evaluate it, so that someone else can rerun them and compare numbers. ` +
			`Checked when the repository trains or evaluates a model (a train/finetune/eval script or notebook, or code that fits, steps an optimiser or builds a Trainer) or has no code to tell; not for a library, a command-line tool, a demo, a server or a data-preparation repository whose code trains nothing.`,
		Remediation: "add `## Usage` with the commands, e.g. `python train.py --config configs/base.yaml` and `python evaluate.py`",
		Run:         docsCheck("usage", "README does not show how to train and evaluate: add a %q section with the commands"),
	},
}

var docSectionNames = map[string]string{"setup": "Installation", "python": "Requirements", "hardware": "Hardware", "data": "Data", "usage": "Usage"}

// findReadme returns the README to check, or "".
func findReadme(p *checks.Pass) string {
	return p.Memo("docs-readme", func() any {
		if r := settings.Get(p.Config).Readme; r != "" {
			if _, err := p.Tree.Stat(r); err == nil {
				return r
			}
			return ""
		}
		for _, n := range readmeNames {
			if _, err := p.Tree.Stat(n); err == nil {
				return n
			}
		}
		return ""
	}).(string)
}

// readmeRelevant reports whether this run should check the README: when
// every file is a target, or when the README itself or one of the
// documents it leans on (companionDocs) is one.
func readmeRelevant(p *checks.Pass, readme string) bool {
	if p.Full || readme == "" {
		return p.Full
	}
	if p.IsTarget(readme) {
		return true
	}
	for _, d := range companionDocs(p, readme) {
		if p.IsTarget(d) {
			return true
		}
	}
	return false
}

func runDocsMissingReadme(p *checks.Pass) {
	if !p.Full || findReadme(p) != "" {
		return
	}
	want := settings.Get(p.Config).Readme
	if want == "" {
		want = "README.md"
	}
	p.Reportf(checks.Pos{Path: want}, "repository has no %q: add one with setup, Python version, hardware, data and usage sections", want)
}

// readmeText is the README split into normalised headings and its text.
type readmeText struct {
	headings []string
	// lists are the sections whose heading names what is needed
	// (requirementsHeadingRe), with their bodies.
	lists []string
	text  string
}

// requirementsHeadingRe are headings that often hold a bare list of what
// is needed ("Requirements: Python 3, PyTorch, torchvision"): they count as
// setup instructions only when their section says how to install it
// (requirementsSetupRe) or pins every item of its list.
var requirementsHeadingRe = lazyre.New(`\b(requirements|dependencies|prerequisites?|environment)\b|环境|依赖|必要条件|要件|요구 ?사항`)

// requirementsSetupRe: a manifest or an environment tool named in a
// requirements section ("pip install -r requirements.txt" is matched by the
// setup content already).
var requirementsSetupRe = lazyre.New(`(?i)\brequirements[\w.-]*\.(?:txt|in|lock)\b|\benvironment[\w.-]*\.ya?ml\b|\bpyproject\.toml\b|\bsetup\.(?:py|cfg)\b|\bPipfile\b|\b(?:poetry|uv|pixi|conda-lock)\.lock\b|\bDockerfile\b|\bconda\b|\bvenv\b|\bvirtualenv\b|\.python-version\b`)

// pinnedItemRe is a list item that names an exact version ("torch==2.1.2",
// "PyTorch 2.1.2").
var (
	listItemRe   = lazyre.New(`^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s+(.*)$`)
	pinnedItemRe = lazyre.New(`===?\s*\d|\b\d+\.\d+\.\d+\b`)
)

// requirementsSetup reports whether a requirements section is setup
// instructions: it names a manifest or an environment tool, or every item
// of its list pins an exact version.
func requirementsSetup(body string) bool {
	if docItems["setup"].content().MatchString(body) || requirementsSetupRe().MatchString(body) {
		return true
	}
	items, pinned := 0, 0
	for _, line := range strings.Split(body, "\n") {
		if m := listItemRe().FindStringSubmatch(line); m != nil {
			items++
			if pinnedItemRe().MatchString(m[1]) {
				pinned++
			}
		}
	}
	return items > 0 && pinned == items
}

// maxDocSize bounds each document read for the checklist.
const maxDocSize = 512 << 10

// parsedReadme reads the README and the documents it leans on into one
// checklist text: a README that says "see INSTALL.md" and "see
// GETTING_STARTED.md" covers what those say.
func parsedReadme(p *checks.Pass, f string) *readmeText {
	return p.Memo("docs-text:"+f, func() any {
		rt := &readmeText{}
		for i, name := range append([]string{f}, companionDocs(p, f)...) {
			if fi, err := p.Tree.Stat(name); err != nil || fi.LFS != nil || fi.Size > maxDocSize {
				if i == 0 {
					return (*readmeText)(nil)
				}
				continue
			}
			b, err := p.Tree.ReadFile(name)
			if err != nil {
				if i == 0 {
					return (*readmeText)(nil)
				}
				continue
			}
			rt.text += string(b) + "\n"
			doc := modelcard.Parse(b)
			for _, sec := range doc.Sections {
				rt.add(modelcard.Normalize(sec.Text), sec.Body)
			}
			if strings.EqualFold(path.Ext(name), ".rst") {
				for _, sec := range rstSections(doc.Lines) {
					rt.add(sec[0], sec[1])
				}
			}
		}
		return rt
	}).(*readmeText)
}

// isRSTUnderline reports whether line is a run of one punctuation
// character (at least three), as reStructuredText underlines titles.
func isRSTUnderline(line string) bool {
	t := strings.TrimRight(line, " \t")
	if len(t) < 3 || !strings.ContainsRune("=-~^\"'*+#<>_:.`", rune(t[0])) {
		return false
	}
	return strings.Trim(t, t[:1]) == ""
}

// add records one section: its normalised heading, and the body of a
// requirements section.
func (rt *readmeText) add(heading, body string) {
	rt.headings = append(rt.headings, heading)
	if requirementsHeadingRe().MatchString(heading) {
		rt.lists = append(rt.lists, body)
	}
}

// rstSections finds reStructuredText section titles (a line underlined
// with punctuation), normalised, each with the text up to the next title.
func rstSections(lines []string) [][2]string {
	var out [][2]string
	var body []string
	for i := 0; i < len(lines); i++ {
		if i+1 < len(lines) && isRSTUnderline(lines[i+1]) && strings.TrimSpace(lines[i]) != "" && !isRSTUnderline(lines[i]) {
			if len(out) > 0 {
				out[len(out)-1][1] = strings.Join(body, "\n")
			}
			out = append(out, [2]string{modelcard.Normalize(lines[i]), ""})
			body = nil
			i++
			continue
		}
		body = append(body, lines[i])
	}
	if len(out) > 0 {
		out[len(out)-1][1] = strings.Join(body, "\n")
	}
	return out
}

// has reports whether the README covers the checklist item, by a heading
// or by its content.
func (rt *readmeText) has(item string) bool {
	it := docItems[item]
	if it.heading != nil {
		for _, h := range rt.headings {
			if item == "usage" && (strings.Contains(h, "data") || strings.Contains(h, "数据") || strings.Contains(h, "データ") || strings.Contains(h, "데이터")) {
				continue // "Training data" is not usage
			}
			if it.heading().MatchString(h) {
				return true
			}
		}
	}
	if it.content != nil && it.content().MatchString(rt.text) {
		return true
	}
	if item == "setup" {
		for _, body := range rt.lists {
			if requirementsSetup(body) {
				return true
			}
		}
	}
	return item == "data" && (namesDataSource(rt.text) || namesDataInProse(rt.text))
}

func docsCheck(item, format string) func(*checks.Pass) {
	return func(p *checks.Pass) {
		readme := findReadme(p)
		if readme == "" || !readmeRelevant(p, readme) {
			return
		}
		rt := parsedReadme(p, readme)
		if rt == nil || rt.has(item) {
			return
		}
		// the code is read only for a README that lacks the item
		switch prof := profile(p); {
		case item == "data" && !prof.dataApplies(), item == "usage" && !prof.usageApplies():
			return // a library, a tool, a demo or a server: nothing trained here
		}
		if item == "data" && envMentionRe().MatchString(rt.text) && rlEnvProgram(p) != "" {
			return // reinforcement learning: the data is the environment the README names
		}
		p.Report(checks.Diag{Pos: checks.Pos{Path: readme}, Message: fmt.Sprintf(format, docSectionNames[item])})
	}
}
