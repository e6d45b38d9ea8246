package docs

import (
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/lazyre"
)

// Companion documents: many READMEs keep setup, usage and data in their
// own files (detectron2's INSTALL.md, GETTING_STARTED.md and
// datasets/README.md) and link them. What those say counts for the
// README's checklist.

// maxCompanions bounds the documents read beside the README.
const maxCompanions = 12

// wellKnownDocs are looked for at the root and in docs/ whether or not the
// README links them, in any of the usual spellings.
var wellKnownDocs = []string{
	"INSTALL", "INSTALLATION", "GETTING_STARTED", "QUICKSTART", "QUICK_START", "USAGE", "TRAINING",
	"DATA", "DATASET", "DATASETS", "DATA_PREPARATION", "PREPARE_DATA", "REPRODUCE", "REPRODUCIBILITY",
}

// linkTargetRe finds the targets of markdown links ([text](target),
// [ref]: target) and of HTML href attributes.
var linkTargetRe = lazyre.New(`\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)|^\s*\[[^\]]+\]:\s*(\S+)|href="([^"]+)"`)

// docExt are the extensions of the documents read ("" is a directory,
// whose README is read).
var docExt = map[string]bool{".md": true, ".markdown": true, ".rst": true, ".txt": true, "": true}

// companionDocs returns the documents the README leans on: local
// documents it links (a link to a directory means its README), and the
// well-known ones at the root and in docs/, sorted, at most maxCompanions.
func companionDocs(p *checks.Pass, readme string) []string {
	return p.Memo("docs-companions:"+readme, func() any {
		exists := func(f string) bool { _, err := p.Tree.Stat(f); return err == nil }
		set := map[string]bool{}
		if b, err := p.Tree.ReadFile(readme); err == nil && len(b) <= maxDocSize {
			for _, line := range strings.Split(string(b), "\n") {
				for _, m := range linkTargetRe().FindAllStringSubmatch(line, -1) {
					if t := localTarget(readme, m[1]+m[2]+m[3]); t != "" {
						set[t] = true
					}
				}
			}
		}
		for _, n := range wellKnownDocs {
			for _, dir := range []string{"", "docs/"} {
				for _, name := range []string{n + ".md", strings.ToLower(n) + ".md", n + ".rst", strings.ToLower(n) + ".rst"} {
					set[dir+name] = true
				}
			}
		}
		for _, d := range []string{"datasets/README.md", "data/README.md", "docs/README.md"} {
			set[d] = true
		}
		var out []string
		for f := range set {
			if f == readme {
				continue
			}
			if ext := path.Ext(f); ext != "" && exists(f) && !licenseLike(f) {
				out = append(out, f)
				continue
			}
			// A link to a directory: its README.
			for _, n := range []string{"README.md", "README.rst", "readme.md"} {
				if r := joinPath(f, n); r != readme && exists(r) {
					out = append(out, r)
					break
				}
			}
		}
		sort.Strings(out)
		if len(out) > maxCompanions {
			out = out[:maxCompanions]
		}
		return out
	}).([]string)
}

// localTarget resolves a link target to a repository document path, or
// "" for URLs, anchors, images and paths outside the repository.
func localTarget(readme, t string) string {
	t = strings.TrimSpace(t)
	if t == "" || strings.HasPrefix(t, "#") || strings.Contains(t, "://") || strings.HasPrefix(t, "mailto:") || strings.HasPrefix(t, "//") {
		return ""
	}
	if i := strings.IndexAny(t, "#?"); i >= 0 {
		t = t[:i]
	}
	if u, err := url.PathUnescape(t); err == nil {
		t = u
	}
	if !docExt[strings.ToLower(path.Ext(t))] {
		return ""
	}
	base := path.Dir(readme)
	if strings.HasPrefix(t, "/") {
		base, t = ".", strings.TrimPrefix(t, "/")
	}
	r := path.Clean(path.Join(base, t))
	if r == "." || r == ".." || strings.HasPrefix(r, "../") {
		return ""
	}
	return r
}

// licenseLike reports the documents that never hold setup, data or usage.
func licenseLike(f string) bool {
	b := strings.ToUpper(path.Base(f))
	for _, p := range []string{"LICENSE", "LICENCE", "COPYING", "NOTICE", "CHANGELOG", "CHANGES", "HISTORY", "CITATION", "CODE_OF_CONDUCT", "CONTRIBUTING", "SECURITY", "AUTHORS", "REQUIREMENTS"} {
		if strings.HasPrefix(b, p) {
			return true
		}
	}
	return false
}

func joinPath(dir, name string) string {
	if dir == "." || dir == "" {
		return name
	}
	return dir + "/" + name
}

// Data sources named in prose, links and commands.
var (
	// datasetHosts serve datasets (a link to them names one).
	datasetHostRe = lazyre.New(`(?i)^(?:[\w-]+\.)*(?:zenodo\.org|figshare\.com|doi\.org|datadryad\.org|kaggle\.com|image-net\.org|cocodataset\.org|physionet\.org|openml\.org|archive\.ics\.uci\.edu|data\.mendeley\.com|osf\.io|commoncrawl\.org|registry\.opendata\.aws|cityscapes-dataset\.com|commonvoice\.mozilla\.org|opendatalab\.com)$|^dataverse\.`)
	// markdownLinkRe and bareURLRe find links in text.
	markdownLinkRe = lazyre.New(`\[([^\]]*)\]\((https?://[^)\s]+)\)`)
	bareURLRe      = lazyre.New(`https?://[^\s)>\]"'` + "`" + `]+`)
	// dataWordRe names data in a link's text or a URL's path.
	dataWordRe = lazyre.New(`(?i)(?:^|[^a-z])(?:data|datasets?|corpus|corpora|benchmarks?)(?:[^a-z]|$)`)
	// trainedOnRe finds "trained on X", "fine-tunes Y on X", "evaluated on
	// X": X is a link, a code span or a capitalised name.
	trainedOnRe = lazyre.New(`(?i:\b(?:train(?:ed|s|ing)?|fine-?tun(?:e|es|ed|ing)|pre-?train(?:ed|s|ing)?|evaluat(?:e|ed|es|ing)|benchmark(?:ed|s)?)\b)[^.\n]{0,80}?\b(?i:on)\s+(?:the\s+)?(\[[^\]]+\]\([^)]+\)|` + "`[^`]+`" + `|[A-Z][\w.-]*(?:[ -][A-Z0-9][\w.-]*)*)`)
	// notDataRe are what one trains "on" that is not data: machines,
	// systems and services.
	notDataRe = lazyre.New(`(?i)^(?:linux|ubuntu|debian|centos|windows|mac(?:os)?|os ?x|apple|m[123]\b|colab|google colab|aws|gcp|azure|slurm|kubernetes|docker|nvidia|amd|intel|cpu|gpu|tpu|cuda|python|pytorch|tensorflow|jax)`)
	// datasetFlagRe is a command-line flag that names a dataset; a Hub id
	// ("org/name") or a dataset name, not a local path.
	datasetFlagRe  = lazyre.New(`--(?:dataset[-_]?(?:name|id)?|data[-_]?set[-_]?name|hf[-_]dataset)[= ]+["']?([^\s"'\\]+)`)
	dataPathFlagRe = lazyre.New(`--data(?:set)?(?:[-_]?(?:path|dir|root|files?|name|id))?[= ]+["']?([A-Za-z0-9][\w.-]*/[\w.-]+)(?:["'\s\\]|$)`)
	// hubIDRe is a Hugging Face repository id written alone.
	hubIDRe = lazyre.New(`^[A-Za-z0-9][\w.-]*/[\w.-]+$`)
	// fileExtRe is a file extension: a path, not a Hub id.
	fileExtRe = lazyre.New(`\.(?:json|jsonl|csv|tsv|txt|parquet|arrow|npy|npz|h5|hdf5|pkl|pt|pth|zip|tar|gz|tgz|ya?ml|py|sh|png|jpe?g)$`)
)

// localDirWords start a relative path rather than a Hub id ("data/train"
// is a directory, "tatsu-lab/alpaca" a dataset on the Hub).
var localDirWords = map[string]bool{
	"data": true, "datasets": true, "dataset": true, "input": true, "inputs": true, "raw": true, "processed": true,
	"cache": true, "tmp": true, "temp": true, "out": true, "output": true, "outputs": true, "runs": true,
	"checkpoints": true, "ckpt": true, "work_dirs": true, "images": true, "imgs": true, "train": true, "val": true, "test": true,
}

// namesDataSource reports whether text says where data comes from: a link
// to a dataset host or a link about data, a "trained on <Name>" sentence,
// or a command-line flag that names a dataset or a Hub dataset id.
func namesDataSource(text string) bool {
	for _, m := range markdownLinkRe().FindAllStringSubmatch(text, -1) {
		if dataLink(m[1], m[2]) {
			return true
		}
	}
	for _, u := range bareURLRe().FindAllString(text, -1) {
		if dataLink("", u) {
			return true
		}
	}
	for _, m := range trainedOnRe().FindAllStringSubmatch(text, -1) {
		obj := strings.Trim(m[1], "`")
		if strings.HasPrefix(obj, "[") {
			if i := strings.Index(obj, "]"); i > 0 {
				obj = obj[1:i]
			}
		}
		if obj != "" && !notDataRe().MatchString(obj) && !docItems["hardware"].content().MatchString(obj) {
			return true
		}
	}
	for _, m := range datasetFlagRe().FindAllStringSubmatch(text, -1) {
		if v := m[1]; !strings.ContainsAny(v[:1], "./~$<{") && !fileExtRe().MatchString(v) {
			return true
		}
	}
	for _, m := range dataPathFlagRe().FindAllStringSubmatch(text, -1) {
		if hubIDRe().MatchString(m[1]) && !fileExtRe().MatchString(m[1]) && !localDirWords[strings.ToLower(strings.SplitN(m[1], "/", 2)[0])] {
			return true
		}
	}
	return false
}

// dataLink reports whether a link points at a dataset: a dataset host, the
// Hub's datasets, or data named in its text or path.
func dataLink(text, raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return false
	}
	if datasetHostRe().MatchString(u.Hostname()) {
		return true
	}
	if strings.HasSuffix(u.Hostname(), "huggingface.co") && strings.HasPrefix(u.Path, "/datasets/") {
		return true
	}
	return dataWordRe().MatchString(text) || dataWordRe().MatchString(u.Path)
}
