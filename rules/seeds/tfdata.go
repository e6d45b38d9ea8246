package seeds

import (
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/python"
	"github.com/git-repro/git-repro/rules/internal/pyfile"
)

// tf.data and TensorFlow Datasets. Dataset.shuffle(buffer) without seed=
// draws its order from TensorFlow's global seed (tf.random.set_seed fixes
// it, as it fixes tf.random.*), so it is a use of that source.
// tfds.load(..., shuffle_files=True) without read_config= shuffles the
// files from no seed and, as the TFDS docs say, then turns deterministic
// interleaving off: no global seed fixes that order, so it is reported as
// a generator without a seed (REPRO-SEED-003).

// datasetProducers make a tf.data.Dataset (resolved names, by prefix).
var datasetProducers = []string{"tensorflow.data.", "tensorflow_datasets.load", "tensorflow.keras.utils.image_dataset_from_directory",
	"tensorflow.keras.utils.text_dataset_from_directory", "tensorflow.keras.utils.audio_dataset_from_directory",
	"tensorflow.keras.utils.timeseries_dataset_from_array", "keras.utils.image_dataset_from_directory",
	"keras.utils.text_dataset_from_directory"}

// datasetMethods return a dataset from a dataset.
var datasetMethods = setOf("map", "batch", "padded_batch", "repeat", "cache", "prefetch", "filter", "take", "skip",
	"shard", "unbatch", "flat_map", "interleave", "apply", "with_options", "concatenate", "zip", "shuffle",
	"as_dataset", "rebatch", "ignore_errors", "enumerate", "window")

// tfDataShuffles finds, once per file, the Dataset.shuffle calls that pass
// no seed: on a chain that starts at a dataset producer
// (tfds.load(...).shuffle(10_000)), or on a name bound to a dataset
// (ds = tf.data.Dataset.from_tensor_slices(x); ds = ds.shuffle(1000)).
func tfDataShuffles(p *checks.Pass, f *pyfile.File) map[*python.Call]bool {
	return p.Memo("seeds:tfdata:"+f.Path, func() any {
		out := map[*python.Call]bool{}
		m := f.Mod
		if !m.Imported("tensorflow") && !m.Imported("tensorflow_datasets") && !m.Imported("keras") {
			return out
		}
		for _, fn := range pyfile.Funcs(m) {
			datasets := map[string]bool{}
			chainDS := false // the chain being read is a dataset
			var root *python.Call
			for _, e := range fn.Events {
				c := e.Call
				if c == nil {
					if a := e.Assign; a != nil && root == nil {
						delete(datasets, a.Target)
					}
					continue
				}
				method := lastPart(c.Callee)
				if strings.HasPrefix(c.Callee, ".") {
					// a link of the current chain
					if root == nil || !chainDS || !datasetMethods[method] {
						chainDS = false
						continue
					}
				} else {
					root = c
					recv, _, _ := cutLast(c.Callee)
					resolved := libName(m, c.Callee)
					chainDS = isDatasetProducer(resolved) || datasets[recv] && datasetMethods[method]
					if c.Target != "" {
						delete(datasets, c.Target)
					}
				}
				if chainDS && method == "shuffle" && !shuffleSeeded(c) {
					out[c] = true
				}
				if chainDS && root.Target != "" && !strings.Contains(root.Target, ",") {
					datasets[root.Target] = true
				}
			}
		}
		return out
	}).(map[*python.Call]bool)
}

func isDatasetProducer(resolved string) bool {
	for _, pre := range datasetProducers {
		if strings.HasPrefix(resolved, pre) {
			return true
		}
	}
	return false
}

// shuffleSeeded reports whether Dataset.shuffle(buffer_size, seed=None,
// ...) is given a seed.
func shuffleSeeded(c *python.Call) bool {
	if v, ok := c.Keyword("seed"); ok {
		return v != "None"
	}
	return len(c.Args) > 1 && c.Args[1] != "None"
}

// tfdsShufflesFiles reports tfds.load(..., shuffle_files=True) or a
// builder's as_dataset(..., shuffle_files=True) without read_config=.
func tfdsShufflesFiles(m *python.Module, resolved string, c *python.Call) bool {
	if v, ok := c.Keyword("shuffle_files"); !ok || v != "True" {
		return false
	}
	if _, ok := c.Keyword("read_config"); ok || c.StarStar {
		return false
	}
	return resolved == "tensorflow_datasets.load" ||
		lastPart(resolved) == "as_dataset" && m.Imported("tensorflow_datasets")
}
