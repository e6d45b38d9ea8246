package artifact

import (
	"slices"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/snapshot"
)

func TestModelFramework(t *testing.T) {
	for p, want := range map[string]bool{
		"models/classifier.pkl":               true,
		"model.pkl":                           true, // "model" in the name
		"data/sample.pkl":                     false,
		"checkpoints/epoch=3.ckpt":            true,
		"bert_model/pytorch_model.bin":        true,
		"pytorch_model.bin":                   true,
		"firmware/blob.bin":                   false,
		"export/saved_model.pb":               true,
		"graph.pb":                            true,
		"weights/yolo.weights":                true,
		"app/model.tflite":                    true,
		"x.gguf":                              true,
		"Model.MLModel":                       true,
		"data/raw/measurements.h5":            false, // HDF5 data
		"models/data/encoder.h5":              true,  // a model directory wins
		"keras/encoder.h5":                    true,
		"src/model.py":                        false,
		"models/README.md":                    false,
		"artifacts/clf.joblib":                false,
		"trained_models/clf.joblib":           true,
		"exp/run-model-weights/w.safetensors": true,
		"deploy/bvlc_googlenet.caffemodel":    true,
		"models/resnet-0000.params":           true, // MXNet, in a model directory
		"config/train.params":                 false,
		"flax_model.msgpack":                  true, // Flax weights: "model" in the name
		"cache/responses.msgpack":             false,
	} {
		if _, got := ModelFramework(p); got != want {
			t.Errorf("ModelFramework(%q) = %v, want %v", p, got, want)
		}
	}
	// The framework named in messages: a .bin is PyTorch only under the
	// name transformers gives it (KenLM, fastText and word2vec write .bin
	// files too).
	for p, want := range map[string]string{
		"bert/pytorch_model.bin":                "PyTorch (Hugging Face .bin)",
		"bert/pytorch_model-00001-of-00002.bin": "PyTorch (Hugging Face .bin)",
		"models/kenlm_4gram.bin":                "binary weights",
		"models/cc.en.300.bin":                  "binary weights",
		"models/classifier.pkl":                 "pickle",
		"models/resnet.pt":                      "PyTorch",
	} {
		if got, _ := ModelFramework(p); got != want {
			t.Errorf("ModelFramework(%q) framework = %q, want %q", p, got, want)
		}
	}
}

func TestModelExtensionsAndDir(t *testing.T) {
	exts := ModelExtensions()
	for _, e := range []string{".pt", ".safetensors", ".onnx", ".gguf", ".caffemodel"} {
		if !slices.Contains(exts, e) {
			t.Errorf("ModelExtensions() lacks %s: %v", e, exts)
		}
	}
	for _, e := range []string{".bin", ".pkl", ".msgpack", ".params"} {
		if slices.Contains(exts, e) {
			t.Errorf("ModelExtensions() has %s, a model only in a model directory", e)
		}
	}
	if !slices.IsSorted(exts) {
		t.Errorf("ModelExtensions() is not sorted: %v", exts)
	}
	for p, want := range map[string]string{
		"models/bert/pytorch_model.bin": "models", "src/checkpoints/x/e.ckpt": "src/checkpoints",
		"bert_model/w.bin": "bert_model", "model.pkl": "", "src/train.py": "",
	} {
		if got, _ := ModelDir(p); got != want {
			t.Errorf("ModelDir(%q) = %q, want %q", p, got, want)
		}
	}
}

func TestIsDataFormat(t *testing.T) {
	for p, want := range map[string]bool{
		"data/train.csv": true, "x.parquet": true, "a.NPY": true, "m.pt": true,
		"README.md": false, "src/main.py": false, "img/logo.png": false,
	} {
		if got := IsDataFormat(p); got != want {
			t.Errorf("IsDataFormat(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestMatcherGlobs(t *testing.T) {
	m := NewMatcher([]string{"exports/**/*.bin", "*.model.json"})
	for p, want := range map[string]bool{
		"exports/v1/ranker.bin": true, "xgb.model.json": true, "other/a.bin": false, "m.onnx": true,
	} {
		if _, got := m.Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestDVCTrackedAndArtifacts(t *testing.T) {
	tree := &snapshot.MapTree{Content: map[string]string{
		"data.dvc":            "outs:\n- md5: abc.dir\n  path: data\n",
		"results/big.csv.dvc": "outs:\n- md5: abc\n  path: big.csv\n",
		"dvc.yaml": "stages:\n  train:\n    cmd: python train.py\n    outs:\n    - models/clf.pkl\n    - metrics.json:\n        cache: false\n" +
			"artifacts:\n  ranker:\n    path: exports/ranker.joblib\n    type: model\n",
		"sub/dvc.yaml":   "stages:\n  s:\n    cmd: x\n    wdir: ..\n    outs:\n    - out/thing.npy\n",
		"models.dvc":     "outs:\n- md5: d.dir\n  path: models\n",
		"train.py":       "",
		"weights/a.onnx": "raw",
	}}
	for p, want := range map[string]string{
		"data/x/y.csv":      "data.dvc",
		"results/big.csv":   "results/big.csv.dvc",
		"models/clf.pkl":    "dvc.yaml",
		"metrics.json":      "", // cache: false: git tracks it
		"out/thing.npy":     "", // sub/dvc.yaml writes it via wdir, but is not in its directories
		"sub/out/thing.npy": "",
		"train.py":          "",
	} {
		got, _ := DVCTracked(tree, p)
		if p == "models/clf.pkl" {
			// models.dvc tracks the models directory too; either answer is right.
			if got != "dvc.yaml" && got != "models.dvc" {
				t.Errorf("DVCTracked(%q) = %q", p, got)
			}
			continue
		}
		if got != want {
			t.Errorf("DVCTracked(%q) = %q, want %q", p, got, want)
		}
	}
	files, _ := tree.Files()
	var got []string
	for _, a := range ModelArtifacts(tree, files, nil) {
		got = append(got, a.Path+"@"+a.Pos().Path)
	}
	want := "exports/ranker.joblib@dvc.yaml,models@models.dvc,models/clf.pkl@dvc.yaml,weights/a.onnx@weights/a.onnx"
	if strings.Join(got, ",") != want {
		t.Errorf("ModelArtifacts = %q\nwant %q", strings.Join(got, ","), want)
	}
}
