package docs

import (
	"regexp"
	"strings"
)

// Data sources named in plain sentences: a well-known public data set
// ("on non-IID CIFAR-10"), a sentence that says where the data is taken
// from ("interaction logs are exported nightly from the warehouse table
// analytics.interactions_v3", "CIFAR-10 is downloaded by torchvision"), a
// bucket or table named as the source, data that is generated rather than
// collected, and "no data set is needed".

// wellKnownDatasetRe names public data sets that anyone can fetch by name
// (the loaders of torchvision, tfds, Hugging Face datasets, PyG, OpenML or
// the data set's own site know them). Case-sensitive, as they are written.
var wellKnownDatasetRe = regexp.MustCompile(`(?:^|[^\w-])(` +
	// images
	`(?:Fashion-|K|E)?MNIST|CIFAR-?10|CIFAR-?100|SVHN|STL-?10|ImageNet(?:-?1[kK]|-?21[kK]|-?22[kK]|-?V2|-?R|-?A|-?Sketch)?|Tiny[- ]ImageNet|CelebA(?:-HQ)?|FFHQ|LSUN|(?:MS[- ]?)?COCO|Pascal VOC|VOC ?20(?:07|12)|ADE20[kK]|Cityscapes|KITTI|nuScenes|Waymo Open|Places365|Food-?101|Oxford(?:-IIIT)? Pets?|Oxford Flowers(?:-?102)?|Flowers-?102|tf_flowers|Caltech-?(?:101|256)|CUB-?200(?:-2011)?|Stanford Cars|iNaturalist|OpenImages|Open Images|Objects365|LVIS|WIDER ?FACE|DOTA(?:-v\d\.\d)?|SKU-?110K|LAION(?:-\w+)?|CC3M|CC12M|Conceptual Captions|Visual Genome|Flickr30[kK]|Flickr8[kK]|VQAv2|ShapeNet|ModelNet ?40|ScanNet|Human3\.6M|MPII|DTU|LLFF|Mip-NeRF 360|` +
	// video and audio
	`Kinetics(?:-\d{3})?|UCF-?101|HMDB-?51|Something-Something|LibriSpeech|LibriTTS|LJ ?Speech|Common Voice|VCTK|AudioSet|ESC-50|Speech ?Commands|GTZAN|VoxCeleb\d?|` +
	// text
	`GLUE|SuperGLUE|SQuAD(?: ?v?2(?:\.0)?)?|MNLI|SST-2|IMDB|AG News|Yelp|WikiText(?:-103|-2)?|Penn Treebank|C4|The Pile|OpenWebText|RedPajama|FineWeb(?:-Edu)?|BookCorpus|MS MARCO|Natural Questions|TriviaQA|HellaSwag|MMLU|GSM8K|HumanEval|MBPP|Alpaca|Dolly|OpenAssistant|OASST\d?|UltraChat|TinyStories|Tiny Shakespeare|enwik8|text8|CC-NEWS|Common Crawl|The Stack|CoNLL-?20\d\d|WMT\d\d|XSum|CNN/DailyMail|` +
	// graphs, tabular, time series, science, medicine, RL offline data
	`Planetoid|Cora|CiteSeer|ogbn-\w+|OGB|MovieLens(?:-\w+)?|Netflix Prize|Criteo|Amazon Reviews|Titanic|California Housing|Adult Census|Covertype|Higgs|M[45] (?:[Ff]orecasting|[Cc]ompetition)|ETTh\d|ETTm\d|QM9|ZINC|UniProt|Protein Data Bank|BraTS(?: ?20\d\d)?|CheXpert|ChestX-ray14|MIMIC-(?:III|IV|CXR)|ISIC(?: ?20\d\d)?|LIDC-IDRI|D4RL|Open X-Embodiment` +
	`)(?:$|[^\w-])`)

// pretrainedNameRe follows a data set's name when the sentence is about a
// model trained on it elsewhere ("an ImageNet-pretrained ResNet",
// "COCO weights"), not about the data this repository uses.
var pretrainedNameRe = regexp.MustCompile(`(?i)^[\s-]*(?:pre-?trained|weights|checkpoints?|initiali[sz]ed|initiali[sz]ation|normali[sz]ation|statistics|mean|means|classes|labels|class names|style|format|template|prompts?)\b`)

// dataNoun is what a sentence about the data is about.
const dataNoun = `(?:data|dataset|datasets|data set|data sets|corpus|corpora|logs|images|photos|pictures|videos|recordings|audio|clips|transcripts|texts|documents|records|events|clicks|interactions|annotations|splits|graphs|trajectories|demonstrations|scans)`

var (
	// sourceSentenceRe: the data "is downloaded by", "are exported from",
	// "is hosted on", "comes from" a named place (the place is the
	// submatch, judged by localObjectRe).
	sourceSentenceRe = regexp.MustCompile(`(?i)\b` + dataNoun + `\b[^.;!?]{0,60}?(?:` +
		`\b(?:downloaded|fetched)\b[^.;!?]{0,30}?\b(?:from|by|via|through|with|using|out of|off)|` +
		`\b(?:exported|pulled|scraped|crawled|mirrored|dumped|queried|loaded|read|streamed|taken|collected|sourced|extracted|obtained|copied)\b[^.;!?]{0,30}?\b(?:from|out of|off)|` +
		`\b(?:hosted|published|released|available|provided|distributed)\b[^.;!?]{0,30}?\b(?:on|at|from|by|via|through)|` +
		`\b(?:comes?|came|originates?)\s+from)` +
		`\s+(?:the\s+|a\s+|an\s+|our\s+)?([^\s,;]+)`)
	// autoDownloadRe: "the data is downloaded automatically (on first run)".
	autoDownloadRe = regexp.MustCompile(`(?i)\b` + dataNoun + `\b[^.;!?]{0,40}?\b(?:is|are|gets?|get|will be)\s+(?:automatically\s+|auto-?)downloaded\b|\b` + dataNoun + `\b[^.;!?]{0,40}?\b(?:is|are|gets?|get|will be)\s+downloaded\s+automatically\b`)
	// loaderRe: the README names the loader that downloads the data.
	loaderRe = regexp.MustCompile(`\b(?:torchvision\.datasets\.\w|keras\.datasets\.\w|sklearn\.datasets\.(?:fetch|load)_\w|fetch_openml\(|torch_geometric\.datasets\.\w|tfds\.builder\()`)
	// storeRe names a warehouse table or a bucket as the source.
	storeRe = regexp.MustCompile(`(?i)\b(?:warehouse|data ?lake|lakehouse|bigquery|snowflake|redshift|hive|athena|databricks|postgres(?:ql)?|mysql|feature store)\b[^.;!?\n]{0,40}?\btable\b|\btable\s+` + "`?" + `[A-Za-z_][\w-]*\.[A-Za-z_][\w.-]*` + "`?" + `|\b(?:s3|gs|gcs|az|abfss?|wasbs?|hdfs|bq|oss)://[\w.-]+`)
	// generatedDataRe: the data is synthetic or simulated, made by the
	// repository ("the data is generated by make_data.py").
	generatedDataRe = regexp.MustCompile(`(?i)\bsynthetic (?:data|dataset|data set|corpus)\b|\b(?:data|dataset|data set|corpus|trajectories|demonstrations)\s+(?:is|are)\s+(?:synthetic|simulated|generated|synthesi[sz]ed|procedurally generated)\b`)
	// noDataNeededRe: "no dataset is needed", "does not need any data",
	// "the agent learns from the simulator".
	noDataNeededRe = regexp.MustCompile(`(?i)\bno (?:external |training |offline )?(?:data ?sets?|data|downloads?)\s+(?:is |are )?(?:needed|required|necessary)\b|\b(?:does not|doesn't|do not|don't) (?:need|require) (?:a |any )?(?:external |training )?(?:data ?sets?|data)\b|\b(?:learns?|learning|collects?|collected|gathers?|generates?|generated|interacts?|interacting)\b[^.;!?]{0,40}?\b(?:from|with) (?:the |a |its |an )?(?:simulat(?:or|ion)s?|environments?|envs?|emulator|physics engine)(?:[^\w]|$)`)
	// envMentionRe names an RL environment: an id such as LunarLander-v2 or
	// ALE/Breakout-v5, or the simulator suites.
	envMentionRe = regexp.MustCompile(`\b[A-Z][A-Za-z0-9]*(?:/[A-Za-z0-9]+)?-v\d+\b|(?i:\b(?:gymnasium|gym|mujoco|dm_control|deepmind control|atari|box2d|pybullet|isaac ?gym|procgen|minigrid|pettingzoo|metaworld|robosuite|vizdoom)\b)`)
)

// localObjectRe is the object of "read from ...", "loaded from ..." when
// it is a place on the user's disk, which says nothing of the source.
var localObjectRe = regexp.MustCompile(`(?i)^[` + "`" + `"'(\[]*(?:\.{1,2}/|/|~|\$|<|\{|your\b|you\b|disk\b|local\b|locally\b|folder\b|directory\b|dir\b|path\b|memory\b|cache\b|files?\b|here\b|there\b|it\b|them\b|this\b|that\b|default\b|hand\b)`)

// prose returns the README's text outside fenced code blocks, with each
// paragraph's lines joined, for the sentence patterns.
func prose(text string) string {
	var b strings.Builder
	fence := ""
	for _, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		if fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = t[:3]
			continue
		}
		if t == "" {
			b.WriteString("\n")
			continue
		}
		b.WriteString(t)
		b.WriteString(" ")
	}
	return b.String()
}

// namesDataInProse reports whether the README's sentences say where the
// data comes from.
func namesDataInProse(text string) bool {
	pr := prose(text)
	for _, m := range wellKnownDatasetRe.FindAllStringSubmatchIndex(pr, -1) {
		if !pretrainedNameRe.MatchString(pr[m[3]:]) {
			return true
		}
	}
	for _, m := range sourceSentenceRe.FindAllStringSubmatch(pr, -1) {
		if obj := m[1]; obj != "" && !localObjectRe.MatchString(obj) && !localPath(obj) {
			return true
		}
	}
	return loaderRe.MatchString(text) || autoDownloadRe.MatchString(pr) || storeRe.MatchString(pr) || generatedDataRe.MatchString(pr) || noDataNeededRe.MatchString(pr)
}

// localPath reports a relative path of the repository's or the user's
// ("data/raw", "`images/`").
func localPath(obj string) bool {
	o := strings.Trim(obj, "`\"'()[]")
	head, _, found := strings.Cut(o, "/")
	return found && localDirWords[strings.ToLower(head)] || fileExtRe.MatchString(o) && !strings.Contains(o, "://")
}
