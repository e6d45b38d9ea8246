package scorecard

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/rules/modelcard"
	"github.com/git-repro/git-repro/snapshot"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// pinRule stands in for the pip family so that these goldens do not move
// when that family's messages change: it flags requirement lines of
// requirements.txt without "==".
var pinRule = &checks.Rule{
	ID: "TEST-PIN-001", Category: checks.CatDeps, Severity: checks.Error, Title: "unpinned requirement",
	Remediation: "pin the version with ==",
	Run: func(p *checks.Pass) {
		for _, f := range p.TargetsWhere(func(s string) bool { return s == "requirements.txt" }) {
			b, _ := p.Tree.ReadFile(f.Path)
			for i, l := range strings.Split(string(b), "\n") {
				l = strings.TrimSpace(l)
				if l != "" && !strings.HasPrefix(l, "#") && !strings.Contains(l, "==") {
					p.Reportf(checks.Pos{Path: f.Path, Line: i + 1, Col: 1}, "requirement %q is not pinned to one version", regexp.MustCompile(`^[A-Za-z0-9_.-]+`).FindString(l))
				}
			}
		}
	},
}

var warnRule = &checks.Rule{
	ID: "TEST-SEED-001", Category: checks.CatSeeds, Severity: checks.Warning, Title: "unseeded randomness",
	Run: func(p *checks.Pass) {
		for _, f := range p.TargetsWhere(func(s string) bool { return strings.HasSuffix(s, ".py") }) {
			b, _ := p.Tree.ReadFile(f.Path)
			for i, l := range strings.Split(string(b), "\n") {
				if strings.Contains(l, "random.random()") && !strings.Contains(string(b), "random.seed") {
					p.Reportf(checks.Pos{Path: f.Path, Line: i + 1, Col: 1}, "%q draws random numbers but \"random\" is never seeded", "random.random")
				}
			}
		}
	},
}

const lfsPointer = "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 438123456\n"

func baseFiles() map[string]string {
	return map[string]string{
		"requirements.txt":         "torch==2.0.1\nnumpy>=1.24\nscikit-learn==1.3.0\n",
		".python-version":          "3.10\n",
		"Dockerfile":               "FROM python:3.10-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n",
		"README.md":                "# Demo\n\n## Setup\n\n    pip install -r requirements.txt\n\n## Data\n\nThe dataset is downloaded from Zenodo by scripts/download_data.sh.\n",
		"scripts/download_data.sh": "#!/bin/sh\ncurl -LO https://zenodo.example/data.zip\n",
		"train.py":                 "import random\nrandom.seed(0)\nprint(random.random())\n",
		"configs/train.yaml":       "lr: 0.1\n",
		".gitignore":               "data/\n",
	}
}

func headFiles() map[string]string {
	m := baseFiles()
	m["requirements.txt"] = "torch==2.1.0\nnumpy==1.26.4\nscikit-learn==1.3.0\npandas\n"
	m["Dockerfile"] = "FROM python:3.11-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
	m[".dockerignore"] = ".git\ndata/\n.env\n"
	m["models/classifier.safetensors"] = lfsPointer
	m["models/MODEL_CARD.md"] = "# Classifier\n\n## Intended use\n\nDemo.\n"
	m["eval.py"] = "import random\nprint(random.random())\n"
	return m
}

func side(t *testing.T, files map[string]string) *Side {
	t.Helper()
	s, errs, err := Evaluate(&snapshot.MapTree{Content: files}, nil, []*checks.Rule{pinRule, warnRule})
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	return s
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./scorecard -update, then review):\n%s", name, got)
	}
}

var meta = Meta{Version: "v0.0.0-test", Commit: "1111111111111111111111111111111111111111",
	Base: "main", BaseCommit: "2222222222222222222222222222222222222222", Command: "git repro report --base main"}

func deltaReport(t *testing.T) *Report {
	return Build(side(t, headFiles()), side(t, baseFiles()), meta)
}

func TestDeltaReportGolden(t *testing.T) {
	r := deltaReport(t)
	if len(r.Delta.New) != 2 || len(r.Delta.Fixed) != 1 || len(r.Delta.Unchanged) != 0 {
		t.Fatalf("delta: new %v fixed %v unchanged %v", r.Delta.New, r.Delta.Fixed, r.Delta.Unchanged)
	}
	golden(t, "delta.md", []byte(r.Markdown(MarkdownOptions{})))
	var txt bytes.Buffer
	r.Text(&txt)
	golden(t, "delta.txt", txt.Bytes())
	var js bytes.Buffer
	r.WriteJSON(&js)
	golden(t, "delta.json", js.Bytes())
	var html bytes.Buffer
	if err := r.HTML(&html); err != nil {
		t.Fatal(err)
	}
	golden(t, "delta.html", html.Bytes())
}

func TestFullReportGolden(t *testing.T) {
	r := Build(side(t, headFiles()), nil, Meta{Version: "v0.0.0-test", Commit: meta.Commit, Command: "git repro report"})
	golden(t, "full.md", []byte(r.Markdown(MarkdownOptions{})))
	var txt bytes.Buffer
	r.Text(&txt)
	golden(t, "full.txt", txt.Bytes())
}

func TestEnvDiff(t *testing.T) {
	e := deltaReport(t).Env
	want := map[string]DepChange{
		"torch":  {Name: "torch", File: "requirements.txt", Change: Changed, Before: "==2.0.1", After: "==2.1.0"},
		"numpy":  {Name: "numpy", File: "requirements.txt", Change: Changed, Before: ">=1.24", After: "==1.26.4"},
		"pandas": {Name: "pandas", File: "requirements.txt", Change: Added},
	}
	if len(e.Deps) != len(want) {
		t.Errorf("deps: %+v", e.Deps)
	}
	for _, d := range e.Deps {
		if d != want[d.Name] {
			t.Errorf("dep %s = %+v, want %+v", d.Name, d, want[d.Name])
		}
	}
	if len(e.Python) != 1 || e.Python[0].Before != "3.10-slim" || e.Python[0].After != "3.11-slim" {
		t.Errorf("python: %+v", e.Python)
	}
	if len(e.BaseImages) != 1 || e.BaseImages[0].Before != "python:3.10-slim" || e.BaseImages[0].After != "python:3.11-slim" {
		t.Errorf("base images: %+v", e.BaseImages)
	}
	if len(e.Artifacts) != 1 || e.Artifacts[0] != (ArtifactChange{Path: "models/classifier.safetensors", Kind: "lfs", Model: true, Change: Added, BeforeSize: -1, AfterSize: 438123456}) {
		t.Errorf("artifacts: %+v", e.Artifacts)
	}
	if len(e.ModelCards) != 1 || e.ModelCards[0] != (FileChange{Path: "models/MODEL_CARD.md", Change: Added}) {
		t.Errorf("model cards: %+v", e.ModelCards)
	}
}

func TestScoreDelta(t *testing.T) {
	r := deltaReport(t)
	if r.Score.Percent <= r.BaseScore.Percent {
		t.Errorf("score %d%%, base %d%%: adding .dockerignore should raise it", r.Score.Percent, r.BaseScore.Percent)
	}
	status := map[string]Status{}
	for _, it := range r.Checklist {
		status[it.ID] = it.Status
	}
	for id, want := range map[string]Status{"pinned-deps": Fail, "seeds": Fail, "python-version": Pass, "dockerignore": Pass,
		"data-sources": Pass, "sample-data": Pass, "readme-setup": Pass, "ci": Fail, "config-files": Pass, "version-control": Pass,
		"model-cards": Pass, "no-secrets": Pass, "docker": Pass, "environment-file": Pass, "hardware": Fail} {
		if status[id] != want {
			t.Errorf("item %s = %s, want %s", id, status[id], want)
		}
	}
	if len(r.Checklist) != len(ItemIDs()) {
		t.Errorf("%d items", len(r.Checklist))
	}
}

func TestScoreRounding(t *testing.T) {
	for _, c := range []struct {
		pass, fail, na, want int
	}{{0, 0, 3, 100}, {1, 2, 0, 33}, {2, 1, 5, 67}, {1, 1, 0, 50}, {16, 0, 0, 100}} {
		var items []Item
		for i := 0; i < c.pass; i++ {
			items = append(items, Item{Status: Pass})
		}
		for i := 0; i < c.fail; i++ {
			items = append(items, Item{Status: Fail})
		}
		for i := 0; i < c.na; i++ {
			items = append(items, Item{Status: NA})
		}
		if got := scoreOf(items).Percent; got != c.want {
			t.Errorf("%+v: %d%%", c, got)
		}
	}
}

func TestMarkdownBudget(t *testing.T) {
	head := headFiles()
	base := baseFiles()
	// Many unchanged findings and many new ones.
	var req, breq strings.Builder
	for i := 0; i < 400; i++ {
		req.WriteString("pkg" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + "-" + itoa3(i) + ">=1\n")
	}
	for i := 0; i < 200; i++ {
		breq.WriteString("pkg" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + "-" + itoa3(i) + ">=1\n")
	}
	head["requirements.txt"] = req.String()
	base["requirements.txt"] = breq.String()
	r := Build(side(t, head), side(t, base), meta)
	full := r.Markdown(MarkdownOptions{})
	for _, max := range []int{len(full) + 1, len(full) / 2, 20000, 8000, 3000, 1500} {
		md := r.Markdown(MarkdownOptions{MaxBytes: max, FullReport: "[the job summary](https://example.invalid/run/1)"})
		if len(md) > max {
			t.Errorf("MaxBytes %d: %d bytes", max, len(md))
		}
		if !strings.HasPrefix(md, "### ❌ Reproducibility: 201 new problems") {
			t.Errorf("MaxBytes %d: status line lost:\n%.200s", max, md)
		}
		if max < len(full) && !strings.Contains(md, "the job summary") {
			t.Errorf("MaxBytes %d: no pointer to the full report", max)
		}
		if max < len(full) && strings.Contains(md, "Unchanged findings (") {
			t.Errorf("MaxBytes %d: unchanged findings kept while cutting", max)
		}
		if !strings.Contains(md, "<sub>git-repro v0.0.0-test") {
			t.Errorf("MaxBytes %d: footer lost", max)
		}
	}
	if md := r.Markdown(MarkdownOptions{MaxBytes: 3000, Marker: "git-repro-report"}); !strings.HasPrefix(md, "<!-- git-repro-report -->\n### ") || len(md) > 3000 {
		t.Errorf("marker: %.80q (%d bytes)", md, len(md))
	}
	if md := r.Markdown(MarkdownOptions{MaxBytes: 10}); len(md) > 10 {
		t.Errorf("tiny budget: %d bytes", len(md))
	}
}

func itoa3(i int) string {
	return string([]byte{byte('0' + i/100%10), byte('0' + i/10%10), byte('0' + i%10)})
}

func TestMarkdownEscapes(t *testing.T) {
	f := checks.Finding{Rule: "R", Category: checks.CatDeps, Severity: checks.Error, Path: "a|b.txt", Line: 1,
		Message: "bad <script> | *x* _y_ `z` [l](u)", Fingerprint: "f"}
	r := Build(&Side{Tree: &snapshot.MapTree{}, Findings: []checks.Finding{f}}, nil, Meta{})
	md := r.Markdown(MarkdownOptions{})
	if strings.Contains(md, "<script>") || !strings.Contains(md, `bad &lt;script&gt; \| \*x\* \_y\_ \`+"`z\\`"+` \[l\](u)`) {
		t.Errorf("not escaped:\n%s", md)
	}
}

func TestJSONShape(t *testing.T) {
	var js bytes.Buffer
	deltaReport(t).WriteJSON(&js)
	var m map[string]any
	if err := json.Unmarshal(js.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	counts := m["counts"].(map[string]any)
	if counts["new"].(map[string]any)["total"].(float64) != 2 || counts["fixed"].(map[string]any)["total"].(float64) != 1 {
		t.Errorf("counts: %v", counts)
	}
	if m["version"].(float64) != 1 || m["score"] == nil || m["base_score"] == nil || m["environment"] == nil {
		t.Errorf("shape: %v", m)
	}
}

func TestBadge(t *testing.T) {
	svg := string(Badge(75, BadgeOptions{}))
	for _, want := range []string{`<svg xmlns="http://www.w3.org/2000/svg"`, "reproducibility: 75%", "#97ca00", "</svg>"} {
		if !strings.Contains(svg, want) {
			t.Errorf("badge lacks %q:\n%s", want, svg)
		}
	}
	if !strings.Contains(string(Badge(10, BadgeOptions{Label: "a<b"})), "a&lt;b") {
		t.Error("label not escaped")
	}
	golden(t, "badge.svg", Badge(62, BadgeOptions{}))
}

// TestDocsListEveryItem keeps docs/report.md in step with the checklist.
func TestDocsListEveryItem(t *testing.T) {
	b, err := os.ReadFile("../docs/report.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range itemTitles {
		if !strings.Contains(string(b), "| "+it.title+" (`"+it.id+"`) |") {
			t.Errorf("docs/report.md does not describe item %q (%s)", it.title, it.id)
		}
	}
}

// BenchmarkChecklist100k judges a 100,000-file snapshot (findings aside).
func BenchmarkChecklist100k(b *testing.B) {
	files := make([]snapshot.FileInfo, 0, 100000)
	for i := 0; i < 100000; i++ {
		ext := []string{".py", ".txt", ".json", ".md"}[i%4]
		files = append(files, snapshot.FileInfo{Path: "pkg" + itoa3(i/1000) + "/sub/f" + itoa3(i%1000) + ext, Size: 20})
	}
	s := &Side{Tree: &snapshot.MapTree{Content: map[string]string{}}, Files: files, VersionControlled: true}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Checklist(s)
	}
}

func TestBaseImagesStages(t *testing.T) {
	tree := &snapshot.MapTree{Content: map[string]string{
		"Dockerfile": "ARG BASE=python:3.11-slim\nFROM ${BASE} AS build\nRUN true\nFROM build AS test\nFROM nvidia/cuda:12.1.0-runtime-ubuntu22.04\n",
	}}
	files, _ := tree.Files()
	got := baseImages(tree, files)
	want := map[string]string{
		"Dockerfile (stage build)": "python:3.11-slim",
		"Dockerfile (stage 3)":     "nvidia/cuda:12.1.0-runtime-ubuntu22.04",
	}
	if len(got) != len(want) {
		t.Errorf("baseImages = %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("baseImages[%q] = %q, want %q", k, got[k], v)
		}
	}
	if py := pythonVersions(tree, files); py["Dockerfile (stage build image)"] != "3.11-slim" {
		t.Errorf("python from FROM: %v", py)
	}
}

// checkItem judges one checklist item of a snapshot made of files.
func checkItem(t *testing.T, files map[string]string, id string) Item {
	t.Helper()
	for _, it := range Checklist(side(t, files)) {
		if it.ID == id {
			return it
		}
	}
	t.Fatalf("no item %q", id)
	return Item{}
}

func TestSampleDataScripts(t *testing.T) {
	code := "print(1)\n"
	for _, tc := range []struct {
		name   string
		files  map[string]string
		status Status
		detail string
	}{
		{"fetch_ named after the dataset", map[string]string{"scripts/fetch_era5.py": code}, Pass, "download script scripts/fetch_era5.py"},
		{"get_ shell script", map[string]string{"get_imagenet.sh": "curl -O x\n"}, Pass, "download script get_imagenet.sh"},
		{"download_ anywhere", map[string]string{"tools/download_coco.py": code}, Pass, "download script tools/download_coco.py"},
		{"get_ module in a package", map[string]string{"src/pkg/__init__.py": "", "src/pkg/get_config.py": code}, Fail, ""},
		{"fetch-like name that is not a script", map[string]string{"docs/fetching.md": "# x\n", "train.py": code}, Fail, ""},
		{"named in the README's data section",
			map[string]string{"tools/pull.py": code, "README.md": "# P\n\n## Data\n\n`tools/pull.py` downloads the sample into `data/`.\n\n## Training\n\nrun it\n"},
			Pass, "script named in the README's data section: tools/pull.py"},
		{"a command in a code block of the data section",
			map[string]string{"tools/pull.sh": "x\n", "README.md": "# P\n\n## 数据\n\n```bash\nbash ./tools/pull.sh\n```\n"},
			Pass, "script named in the README's data section: tools/pull.sh"},
		{"named in another section", map[string]string{"tools/pull.py": code, "README.md": "# P\n\n## Data\n\nFrom ERA5.\n\n## Training\n\n`tools/pull.py`\n"}, Fail, ""},
		{"a data section naming a missing script", map[string]string{"train.py": code, "README.md": "## Data\n\nrun `scripts/fetch.py`\n"}, Fail, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			it := checkItem(t, tc.files, "sample-data")
			if it.Status != tc.status || tc.detail != "" && it.Detail != tc.detail {
				t.Errorf("got %v %q, want %v %q", it.Status, it.Detail, tc.status, tc.detail)
			}
		})
	}
}

func TestModelCardsItem(t *testing.T) {
	dvcYAML := "stages:\n  train:\n    cmd: python src/train.py\n    deps:\n      - src/train.py\n    outs:\n      - models/model.joblib\n"
	code := "print(1)\n"
	for _, tc := range []struct {
		name   string
		files  map[string]string
		status Status
		detail string
	}{
		{"DVC-tracked model with a card",
			map[string]string{"dvc.yaml": dvcYAML, "src/train.py": code, "models/MODEL_CARD.md": "# Model\n\n## Intended use\n\nDemo.\n"},
			Pass, "models/MODEL_CARD.md"},
		{"card in a parent directory",
			map[string]string{"checkpoints/run1/model.safetensors": "x", "MODEL_CARD.md": "# Model\n"},
			Pass, "MODEL_CARD.md"},
		{"only a test fixture", map[string]string{"tests/fixtures/tiny_resnet.pt": "x", "src/train.py": code}, NA, "no model artifacts"},
		{"artifact whose card the rules did not ask for", map[string]string{"weights/net.onnx": "x"}, Pass, "no model-card findings for 1 model artifact(s)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			it := checkItem(t, tc.files, "model-cards")
			if it.Status != tc.status || it.Detail != tc.detail {
				t.Errorf("got %v %q, want %v %q", it.Status, it.Detail, tc.status, tc.detail)
			}
		})
	}
}

func TestPinnedDepsNamesLocks(t *testing.T) {
	pipCompile := "#\n# This file is autogenerated by pip-compile with Python 3.11\n# by the following command:\n#\n#    pip-compile --output-file=requirements.txt pyproject.toml\n#\nnumpy==1.26.4\n"
	uvCompile := "# This file was autogenerated by uv via the following command:\n#    uv pip compile requirements.in -o requirements.txt\nnumpy==1.26.4\n"
	pyproject := "[project]\nname = \"x\"\nversion = \"0.1\"\ndependencies = [\"numpy>=1.26\"]\n"
	for _, tc := range []struct {
		name   string
		files  map[string]string
		detail string
	}{
		{"pixi", map[string]string{"pyproject.toml": pyproject, "pixi.lock": "version: 5\n"},
			"no unpinned dependency in pyproject.toml; lock file pixi.lock"},
		{"requirements compiled from pyproject", map[string]string{"pyproject.toml": pyproject, "requirements.txt": pipCompile},
			"no unpinned dependency in pyproject.toml; lock file requirements.txt (pip-compile)"},
		{"pip-tools inputs are not listed", map[string]string{"requirements.in": "numpy\n", "requirements.txt": uvCompile, "constraints.txt": "numpy==1.26.4\n"},
			"no unpinned dependency in constraints.txt; lock file requirements.txt (uv)"},
		{"hand-pinned requirements", map[string]string{"requirements.txt": "numpy==1.26.4\n"},
			"no unpinned dependency in requirements.txt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if it := checkItem(t, tc.files, "pinned-deps"); it.Status != Pass || it.Detail != tc.detail {
				t.Errorf("got %v %q, want %q", it.Status, it.Detail, tc.detail)
			}
		})
	}
}

// The README checks agree with the docs family's Chinese, Japanese and
// Korean headings.
func TestChecklistCJKHeadings(t *testing.T) {
	for _, tc := range []struct {
		id, readme string
	}{
		{"data-sources", "# 项目\n\n## 数据集\n\n来自公开的语音命令数据。\n"},
		{"data-sources", "# プロジェクト\n\n## データ\n\n公開されているものを使う。\n"},
		{"data-sources", "# 프로젝트\n\n## 데이터\n\n공개 자료.\n"},
		{"readme-setup", "# 项目\n\n## 环境配置\n\n见 environment.yml。\n"},
		{"readme-setup", "# プロジェクト\n\n## インストール\n\nenvironment.yml を見よ。\n"},
		{"hardware", "# 项目\n\n## 硬件\n\n一块 24 GB 显存的显卡。\n"},
	} {
		t.Run(tc.id, func(t *testing.T) {
			if it := checkItem(t, map[string]string{"README.md": tc.readme, "train.py": "print(1)\n"}, tc.id); it.Status != Pass {
				t.Errorf("%q: got %v %q, want pass", tc.readme, it.Status, it.Detail)
			}
		})
	}
	if it := checkItem(t, map[string]string{"README.md": "# 项目\n\n一个模型。\n", "train.py": "print(1)\n"}, "data-sources"); it.Status != Fail {
		t.Errorf("no data heading: got %v %q, want fail", it.Status, it.Detail)
	}
}

// TestEnvDiffModelsAreTheModelCardRulesModels: the environment diff lists
// the model files committed to git, and marks models, as the model-card
// and large-files rules tell them (rules/artifact and the model-card
// artifact globs): a pickle of features or an HDF5 data file is not a
// model, a .bin in a model directory and a configured glob are.
func TestEnvDiffModelsAreTheModelCardRulesModels(t *testing.T) {
	cfg, err := checks.ParseConfig(checks.ConfigFile, []byte("model-card:\n  artifacts: [\"exports/**/*.bin\"]\n"), []checks.Family{modelcard.Family})
	if err != nil {
		t.Fatal(err)
	}
	mk := func(files map[string]string) *Side {
		s, errs, err := Evaluate(&snapshot.MapTree{Content: files}, cfg, []*checks.Rule{pinRule})
		if err != nil || len(errs) > 0 {
			t.Fatal(err, errs)
		}
		return s
	}
	base := mk(map[string]string{"train.py": "print(1)\n"})
	head := mk(map[string]string{
		"train.py":                    "print(1)\n",
		"models/ranker/weights.bin":   "w", // a model directory's .bin
		"exports/v2/ranker.bin":       "w", // model-card.artifacts
		"flax_model.msgpack":          "w", // Flax weights
		"deploy/googlenet.caffemodel": "w", // Caffe
		"data/features.pkl":           "d", // data, not a model
		"data/raw/measurements.h5":    "d", // HDF5 data
		"app/label_encoder.pickle":    "d", // an app's pickle
		"data.dvc":                    "outs:\n- md5: 0123456789abcdef0123456789abcdef\n  size: 10\n  path: data/train.csv\n",
	})
	var got []string
	for _, a := range DiffEnv(base, head).Artifacts {
		got = append(got, fmt.Sprintf("%s %s model=%v", a.Path, a.Kind, a.Model))
	}
	want := "data/train.csv dvc model=false|deploy/googlenet.caffemodel git model=true|exports/v2/ranker.bin git model=true|flax_model.msgpack git model=true|models/ranker/weights.bin git model=true"
	if strings.Join(got, "|") != want {
		t.Errorf("artifacts:\n got %s\nwant %s", strings.Join(got, "|"), want)
	}
}
