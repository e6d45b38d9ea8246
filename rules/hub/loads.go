package hub

import (
	"strings"

	"github.com/git-repro/git-repro/parse/python"
	"github.com/git-repro/git-repro/rules/internal/pyfile"
)

// What loads from the Hub: which calls, which argument holds the
// repository id, and what kind of repository it is.

// hubLibraries are the packages whose from_pretrained loads from the Hub.
var hubLibraries = map[string]bool{"transformers": true, "diffusers": true, "peft": true, "sentence_transformers": true,
	"optimum": true, "setfit": true, "huggingface_hub": true, "trl": true, "span_marker": true, "gliner": true}

// kind is what a load fetches.
type kind int

const (
	kindModel kind = iota
	kindDataset
	kindFile // hf_hub_download / snapshot_download: a model repository unless repo_type= says otherwise
	kindTorchHub
	kindTimm // timm.create_model("hf-hub:org/name@revision")
)

// load is one call that loads a Hub repository.
type load struct {
	call *python.Call
	kind kind
	// id is the argument that holds the repository id (as written)
	id string
}

// hubLoad reports whether call c of module m loads from the Hub, and
// where its repository id is.
func hubLoad(m *python.Module, c *python.Call) (load, bool) {
	resolved := pyfile.LibName(m, c.Callee)
	last := resolved[strings.LastIndexByte(resolved, '.')+1:]
	head, _, _ := strings.Cut(resolved, ".")
	l := load{call: c}
	switch {
	case last == "from_pretrained" && (hubLibraries[head] || head == "<local>" && hubClass(m, c.Callee)):
		l.id = arg(c, 0, "pretrained_model_name_or_path")
		if head == "peft" && !strings.HasPrefix(resolved, "peft.AutoPeft") && !strings.Contains(resolved, "Config.") {
			// PeftModel.from_pretrained(base_model, model_id)
			l.id = arg(c, 1, "model_id")
		}
	case resolved == "transformers.pipeline":
		l.id = arg(c, 1, "model")
	case resolved == "sentence_transformers.SentenceTransformer" || resolved == "sentence_transformers.CrossEncoder" ||
		resolved == "sentence_transformers.cross_encoder.CrossEncoder":
		l.id = arg(c, 0, "model_name_or_path")
		if l.id == "" {
			l.id = arg(c, -1, "model_name")
		}
	case resolved == "datasets.load_dataset" || resolved == "datasets.load_dataset_builder":
		l.kind = kindDataset
		l.id = arg(c, 0, "path")
	case resolved == "huggingface_hub.hf_hub_download" || resolved == "huggingface_hub.snapshot_download":
		l.kind = kindFile
		l.id = arg(c, 0, "repo_id")
	case resolved == "torch.hub.load":
		if src, _ := c.Keyword("source"); strings.Contains(src, "local") {
			return l, false
		}
		l.kind = kindTorchHub
		l.id = arg(c, 0, "repo_or_dir")
	case resolved == "timm.create_model":
		l.kind = kindTimm
		l.id = arg(c, 0, "model_name")
	default:
		return l, false
	}
	return l, l.id != ""
}

// arg returns positional argument i (i < 0: none) or keyword kw.
func arg(c *python.Call, i int, kw string) string {
	if v, ok := c.Keyword(kw); ok {
		return v
	}
	if i >= 0 && i < len(c.Args) && !strings.HasPrefix(c.Args[i], "*") {
		return c.Args[i]
	}
	return ""
}

// hubClass reports whether a call like MyModel.from_pretrained names a
// class of the module that derives from a class of a Hub library
// (class MyModel(PreTrainedModel), class Pipe(DiffusionPipeline)).
func hubClass(m *python.Module, callee string) bool {
	seen := map[string]bool{}
	var derives func(class string) bool
	derives = func(class string) bool {
		if seen[class] || !m.Classes[class] {
			return false
		}
		seen[class] = true
		for _, b := range m.Bases[class] {
			head, _, _ := strings.Cut(pyfile.LibName(m, b), ".")
			if hubLibraries[head] || head == "<local>" && derives(b) {
				return true
			}
		}
		return false
	}
	class, _, _ := strings.Cut(callee, ".")
	return derives(class)
}
