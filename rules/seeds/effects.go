package seeds

import (
	"strings"

	"github.com/git-repro/git-repro/parse/python"
)

// What a call tells about the program that makes it: that it trains a
// model (so dropout draws and every initial weight matter), that it loads
// weights (so the random initialisation they replace does not), or that
// it writes results somewhere (so it is more than a display-only demo).

// trainsCall reports whether a call is a sign of training: a backward
// pass, an optimizer, a fit or train loop, or a module put in training
// mode.
func trainsCall(resolved string, c *python.Call) bool {
	last := lastPart(resolved)
	switch last {
	case "backward", "fit":
		// loss.backward(), accelerator.backward(loss), fabric.backward(loss),
		// trainer.fit(model), keras model.fit(...)
		return true
	case "train":
		// model.train(), trainer.train(); model.train(False) is eval mode
		mode, ok := c.Keyword("mode")
		return len(c.Args) == 0 && (!ok || mode == "True") || len(c.Args) == 1 && c.Args[0] == "True"
	}
	switch resolved {
	case "flwr.simulation.start_simulation", "flwr.simulation.run_simulation":
		// a federated simulation trains the clients' models
		return true
	}
	return isOptimizer(resolved)
}

// isOptimizer reports torch.optim.AdamW and friends (also bitsandbytes'
// and other libraries' optim packages), not their lr schedulers.
func isOptimizer(resolved string) bool {
	parts := strings.Split(resolved, ".")
	if len(parts) < 3 || parts[0] == "<local>" {
		return false
	}
	last := parts[len(parts)-1]
	if last == "" || last[0] < 'A' || last[0] > 'Z' || strings.Contains(resolved, "lr_scheduler") {
		return false
	}
	for _, p := range parts[1 : len(parts)-1] {
		if p == "optim" || p == "optimizers" {
			return true
		}
	}
	return false
}

// weightLoaders are the calls (by the last part of their resolved name)
// that put stored weights into a model.
var weightLoaders = setOf("load_state_dict", "from_pretrained", "load_weights", "load_checkpoint", "load_model",
	"load_checkpoint_and_dispatch", "load_checkpoint_in_model", "load_state", "load_from_checkpoint",
	"load_pretrained", "from_single_file")

// notWeights are the from_pretrained classes that load no weights: a
// tokenizer, a config, a processor.
var notWeights = []string{"Tokenizer", "Config", "Processor", "FeatureExtractor"}

// loadsWeights reports whether a call loads pretrained or trained weights.
func loadsWeights(resolved string, c *python.Call) bool {
	last := lastPart(resolved)
	switch {
	case last == "from_pretrained":
		class := lastPart(strings.TrimSuffix(resolved, ".from_pretrained"))
		for _, n := range notWeights {
			if strings.Contains(class, n) {
				return false
			}
		}
		return true
	case weightLoaders[last]:
		return true
	case resolved == "torch.hub.load":
		// hubconf entry points take weights= or pretrained=
		if v, ok := c.Keyword("weights"); ok {
			return v != "None"
		}
		if v, ok := c.Keyword("pretrained"); ok {
			return v != "False"
		}
		return true
	case resolved == "torch.jit.load", resolved == "clip.load", resolved == "open_clip.create_model_from_pretrained",
		strings.HasSuffix(resolved, "keras.models.load_model"), strings.HasSuffix(resolved, "keras.saving.load_model"):
		return true
	case resolved == "open_clip.create_model_and_transforms", resolved == "open_clip.create_model",
		resolved == "timm.create_model", strings.HasPrefix(resolved, "torchvision.models."):
		if v, ok := c.Keyword("pretrained"); ok {
			return v != "False" && v != "None" && v != `""`
		}
		if v, ok := c.Keyword("weights"); ok {
			return v != "None"
		}
	case strings.HasPrefix(resolved, "<local>.") && last == "copy_" &&
		(strings.Contains(c.Callee, ".weight") || strings.Contains(c.Callee, ".bias")):
		return true // head.weight.data.copy_(features)
	}
	return false
}

// loadTarget returns the model a loading call fills: the object a
// load_state_dict or load_weights is called on, or the first argument of
// a library function such as load_checkpoint(model, path). "" if none.
func loadTarget(callee, resolved string, c *python.Call) string {
	last := lastPart(resolved)
	if !weightLoaders[last] || last == "from_pretrained" || last == "from_single_file" {
		return ""
	}
	if v, ok := c.Keyword("strict"); ok && v != "True" {
		return "" // a partial load leaves the rest of the model as it was
	}
	if strings.HasPrefix(resolved, "<local>.") {
		return strings.TrimSuffix(callee, "."+last)
	}
	if len(c.Args) > 0 {
		return c.Args[0]
	}
	return ""
}

// paramWrite reports a call that overwrites one parameter of a layer
// deterministically: head.weight.data.copy_(w), fc.bias.zero_(),
// nn.init.zeros_(fc.bias). It returns the layer ("head") and the
// parameter ("weight" or "bias").
func paramWrite(callee, resolved string, c *python.Call) (layer, param string) {
	target := ""
	switch last := lastPart(resolved); {
	case strings.HasPrefix(resolved, "<local>.") && (last == "copy_" || last == "fill_" || last == "zero_"):
		target = strings.TrimSuffix(callee, "."+last)
	case strings.HasPrefix(resolved, "torch.nn.init.") && deterministicInit[last] && len(c.Args) > 0:
		target = c.Args[0]
	default:
		return "", ""
	}
	target = strings.TrimSuffix(target, ".data")
	for _, p := range []string{"weight", "bias"} {
		if l, ok := strings.CutSuffix(target, "."+p); ok {
			return l, p
		}
	}
	return "", ""
}

// persistCalls write results somewhere: a display-only demo makes none.
var persistCalls = setOf("save", "save_pretrained", "savefig", "imsave", "imwrite", "write", "writelines", "dump",
	"to_csv", "to_json", "to_parquet", "to_pickle", "to_excel", "save_image", "push_to_hub", "log_metrics",
	"log_metric", "add_scalar", "add_scalars", "add_image", "savez", "savez_compressed", "savetxt", "save_model",
	"save_checkpoint", "save_state", "save_weights", "write_text", "write_bytes", "export")

// readCalls read data or weights from files: a __main__ block that makes
// them does real work, it is not a smoke test on made-up inputs.
var readCalls = setOf("load", "open", "read_csv", "read_json", "read_parquet", "read_table", "read_excel",
	"read_pickle", "load_dataset", "load_from_disk", "imread", "loadtxt", "genfromtxt", "memmap", "fromfile",
	"read_text", "read_bytes", "safe_open", "load_file", "ImageFolder", "DatasetFolder")

// datasetLoaders are the data set classes and functions of the libraries
// that download or read a named data set (torchvision.datasets.CIFAR10,
// keras.datasets.mnist.load_data, sklearn.datasets.fetch_openml).
var datasetLoaders = []string{"torchvision.datasets.", "torchaudio.datasets.", "torchtext.datasets.", "torch_geometric.datasets.",
	"tensorflow_datasets.", "tensorflow.keras.datasets.", "keras.datasets.", "sklearn.datasets.fetch_", "sklearn.datasets.load_",
	"ogb.", "datasets.load_dataset"}

// readsData reports whether a call reads data or weights from files.
func readsData(resolved string, c *python.Call) bool {
	for _, pre := range datasetLoaders {
		if strings.HasPrefix(resolved, pre) {
			return true
		}
	}
	return readCalls[lastPart(resolved)] || loadsWeights(resolved, c)
}

// persists reports whether a call writes the program's results to a file
// or a tracker.
func persists(resolved string, c *python.Call) bool {
	if head, _, _ := strings.Cut(resolved, "."); head == "wandb" || head == "mlflow" {
		return true
	}
	if resolved == "open" && len(c.Args) > 1 {
		return strings.ContainsAny(c.Args[1], "wax")
	}
	if v, ok := c.Keyword("mode"); ok && resolved == "open" {
		return strings.ContainsAny(v, "wax")
	}
	return persistCalls[lastPart(resolved)]
}
