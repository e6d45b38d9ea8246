package seeds

import (
	"strings"

	"github.com/git-repro/git-repro/parse/python"
)

// fastai. Its notebooks import everything with a star (from
// fastai.vision.all import *), which binds fastai's API and the modules
// fastai itself imports (np, pd, torch, nn, F, random) without naming
// them; libName resolves those names through the star import. fastai
// re-exports each name from many modules, so a fastai name resolves to
// one canonical module whichever module it was imported from.
//
// What fastai draws: every DataLoaders factory (ImageDataLoaders.from_*,
// TextDataLoaders.from_*, ..., and the dataloaders() of a DataBlock,
// Datasets or TabularPandas) builds a DataLoader whose shuffling
// random.Random is seeded from Python's global random at construction; a
// RandomSplitter without seed= (the default valid_pct split of most
// factories, and DataBlock's default splitter) draws the split from
// torch.randperm, while a seed= makes it call torch.manual_seed(seed)
// first; a learner factory (vision_learner, text_classifier_learner,
// tabular_learner, ...) initialises a new model or head with torch's
// RNG, and fine_tune and fit_one_cycle train it (dropout). set_seed(s,
// reproducible=True) seeds random, numpy and torch and sets cuDNN
// deterministic.

// fastaiExports are the names a fastai star import binds, with the
// module each stands for.
var fastaiExports = map[string]string{
	// modules fastai imports for its users
	"np": "numpy", "pd": "pandas", "torch": "torch", "nn": "torch.nn", "F": "torch.nn.functional",
	"random": "random", "plt": "matplotlib.pyplot",
	// seeding
	"set_seed": "fastai.torch_core.set_seed",
	// data
	"DataLoaders":             "fastai.data.core.DataLoaders",
	"ImageDataLoaders":        "fastai.vision.data.ImageDataLoaders",
	"SegmentationDataLoaders": "fastai.vision.data.SegmentationDataLoaders",
	"TextDataLoaders":         "fastai.text.data.TextDataLoaders",
	"TabularDataLoaders":      "fastai.tabular.data.TabularDataLoaders",
	"CollabDataLoaders":       "fastai.collab.CollabDataLoaders",
	"DataBlock":               "fastai.data.block.DataBlock",
	"Datasets":                "fastai.data.core.Datasets",
	"TfmdLists":               "fastai.data.core.TfmdLists",
	"TabularPandas":           "fastai.tabular.core.TabularPandas",
	"RandomSplitter":          "fastai.data.transforms.RandomSplitter",
	// learners
	"Learner":                 "fastai.learner.Learner",
	"vision_learner":          "fastai.vision.learner.vision_learner",
	"cnn_learner":             "fastai.vision.learner.cnn_learner",
	"unet_learner":            "fastai.vision.learner.unet_learner",
	"text_classifier_learner": "fastai.text.learner.text_classifier_learner",
	"language_model_learner":  "fastai.text.learner.language_model_learner",
	"tabular_learner":         "fastai.tabular.learner.tabular_learner",
	"collab_learner":          "fastai.collab.collab_learner",
	"load_learner":            "fastai.learner.load_learner",
}

// fastaiStar reports whether the module star-imports fastai (or fastbook,
// which star-imports fastai.vision.all).
func fastaiStar(m *python.Module) bool {
	for _, im := range m.Imports {
		if im.Name == "*" && (im.Module == "fastbook" || im.Module == "fastai" || strings.HasPrefix(im.Module, "fastai.")) {
			return true
		}
	}
	return false
}

// fastaiName rewrites a name a fastai star import binds (np.random.rand,
// set_seed, TextDataLoaders.from_folder) to what it stands for, and a
// fastai name imported from any module to its canonical one; "" for
// another name.
func fastaiName(m *python.Module, dotted, resolved string) string {
	head, rest, _ := strings.Cut(dotted, ".")
	if rest != "" {
		rest = "." + rest
	}
	if strings.HasPrefix(resolved, "<local>.") {
		target, ok := fastaiExports[head]
		if !ok || m.Funcs[head] != nil || m.Classes[head] || !fastaiStar(m) {
			return ""
		}
		return target + rest
	}
	if !strings.HasPrefix(resolved, "fastai.") {
		return ""
	}
	// fastai.vision.all.set_seed -> fastai.torch_core.set_seed
	parts := strings.Split(resolved, ".")
	for i := 1; i < len(parts); i++ {
		if target, ok := fastaiExports[parts[i]]; ok && strings.HasPrefix(target, "fastai.") {
			if i+1 < len(parts) {
				return target + "." + strings.Join(parts[i+1:], ".")
			}
			return target
		}
	}
	return ""
}

// fastaiDataLoaders are fastai's DataLoaders classes with from_* factories.
var fastaiDataLoaders = setOf("DataLoaders", "ImageDataLoaders", "SegmentationDataLoaders", "TextDataLoaders",
	"TabularDataLoaders", "CollabDataLoaders")

// fastaiLearners build a new model (or a new head on a pretrained body).
var fastaiLearners = setOf("vision_learner", "cnn_learner", "unet_learner", "text_classifier_learner",
	"language_model_learner", "tabular_learner", "collab_learner")

// drawUse is one draw of a call from a global source.
type drawUse struct {
	source string
	kind   drawKind
}

// fastaiDraws lists what a fastai call draws, and whether it seeds torch
// itself (a random split given seed=).
func fastaiDraws(resolved string, c *python.Call) (uses []drawUse, seedsTorch bool) {
	if !strings.HasPrefix(resolved, "fastai.") {
		return nil, false
	}
	parts := strings.Split(resolved, ".")
	last := parts[len(parts)-1]
	class := ""
	if len(parts) > 1 {
		class = parts[len(parts)-2]
	}
	seed, seeded := c.Keyword("seed")
	seeded = seeded && seed != "None"
	switch {
	case fastaiDataLoaders[class] && strings.HasPrefix(last, "from_"):
		// the training loader's order: a random.Random seeded from random
		uses = append(uses, drawUse{"random", drawOrder})
		if randomSplit(class, last, c) {
			if seeded {
				return uses, true
			}
			uses = append(uses, drawUse{"torch", drawData})
		}
	case last == "dataloaders" && class != "" && isClassName(class):
		// DataBlock(...).dataloaders(src), to.dataloaders(bs=64)
		uses = append(uses, drawUse{"random", drawOrder})
	case last == "DataBlock":
		if _, ok := c.Keyword("splitter"); !ok && !c.StarStar {
			uses = append(uses, drawUse{"torch", drawData}) // its default RandomSplitter()
		}
	case last == "RandomSplitter":
		if seeded {
			return nil, true
		}
		if !c.StarStar {
			uses = append(uses, drawUse{"torch", drawData})
		}
	case fastaiLearners[last]:
		uses = append(uses, drawUse{"torch", drawInit})
	}
	return uses, false
}

// randomSplit reports whether a DataLoaders factory splits off its
// validation set at random: from_folder only with valid_pct=, the others
// (valid_pct=0.2 by default) unless a valid_col= or valid_idx= names it.
// TabularDataLoaders takes valid_idx and splits nothing at random.
func randomSplit(class, method string, c *python.Call) bool {
	if class == "TabularDataLoaders" || class == "DataLoaders" {
		return false
	}
	if v, ok := c.Keyword("valid_pct"); ok {
		return v != "None" && v != "0"
	}
	if method == "from_folder" || method == "from_dsets" || method == "from_dblock" {
		return false
	}
	for _, k := range []string{"valid_col", "valid_idx", "splitter"} {
		if v, ok := c.Keyword(k); ok && v != "None" {
			return false
		}
	}
	return !c.StarStar
}

// fastaiTrains are the fastai Learner methods that train.
var fastaiTrains = setOf("fine_tune", "fit_one_cycle", "fit_flat_cos", "fit_sgdr", "fit_flat_one")

// fastaiLearner reports a method call on a learner a fastai learner
// factory built in the frame (learn = vision_learner(...); learn.fine_tune(1)).
func fastaiLearner(fr *frame, c *python.Call) bool {
	recv, _, ok := cutLast(c.Callee)
	if !ok {
		return false
	}
	g := fr.lookup(recv)
	if g == nil || g.ctor == nil {
		return false
	}
	r := libName(fr.f.Mod, g.ctor.Callee)
	return strings.HasPrefix(r, "fastai.") && (fastaiLearners[lastPart(r)] || lastPart(r) == "Learner")
}
