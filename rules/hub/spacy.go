package hub

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/ini"
	"github.com/git-repro/git-repro/rules/internal/pyfile"
	"gopkg.in/yaml.v3"
)

// spaCy training configs (config.cfg, read as thinc reads them: INI with
// case-kept keys and JSON values) name the transformer a pipeline starts
// from.
//
//   - spacy-transformers' TransformerModel and Tok2VecTransformer
//     (v1-v3) load `name` with transformers' from_pretrained when training
//     starts. They have no setting that pins the weights: tokenizer_config
//     and transformer_config go to AutoTokenizer and AutoConfig, and the
//     weights are loaded with AutoModel.from_pretrained(name,
//     config=config), without a revision. The fix is to download the model
//     at a commit into the project and name that directory, or to move to
//     spacy-curated-transformers, whose loaders take a revision.
//   - spacy-curated-transformers' HFTransformerEncoderLoader and
//     HFPieceEncoderLoader (under [initialize]) take name and revision,
//     whose default is "main".
//
// A config beside a meta.json is a trained pipeline's (model-best/,
// packages/...): spaCy loads its weights from that directory, not from
// the Hub.

// curatedLoaders are the spacy-curated-transformers loaders that fetch
// from the Hub, under their names before and after the package's rename.
var curatedLoaders = map[string]bool{
	"spacy-curated-transformers.HFTransformerEncoderLoader.v1": true, "spacy-curated-transformers.HFPieceEncoderLoader.v1": true,
	"curated-transformers.HFTransformerEncoderLoader.v1": true, "curated-transformers.HFPieceEncoderLoader.v1": true,
}

// spacyDirs are the directories of spaCy's project template (spacy project
// assets downloads into assets/, spacy train writes training/).
var spacyDirs = map[string]bool{"assets": true, "corpus": true, "training": true, "packages": true}

// isSpacyConfig reports the files that may be spaCy training configs.
func isSpacyConfig(p string) bool {
	return strings.HasSuffix(p, ".cfg") && path.Base(p) != "setup.cfg"
}

// thincValue reads a config value as thinc does: JSON (a quoted string,
// null), a whole-value "${section.key}" reference, or else the text as a
// string. ok is false for null, a reference that does not resolve and
// anything not a string.
func thincValue(f *ini.File, raw string, depth int) (s string, from string, ok bool) {
	raw = strings.TrimSpace(raw)
	if ref, found := strings.CutPrefix(raw, "${"); found && strings.HasSuffix(ref, "}") && depth < 4 {
		ref = strings.TrimSuffix(ref, "}")
		i := strings.LastIndexByte(ref, '.')
		if i <= 0 {
			return "", "", false
		}
		sec := f.Section(ref[:i])
		if sec == nil {
			return "", "", false
		}
		o := sec.Option(ref[i+1:])
		if o == nil {
			return "", "", false
		}
		s, _, ok = thincValue(f, o.Value(), depth+1)
		return s, fmt.Sprintf("[%s] %s at line %d", sec.Name, o.Key, o.Line), ok
	}
	if strings.HasPrefix(raw, `"`) {
		err := json.Unmarshal([]byte(raw), &s)
		return s, "", err == nil
	}
	if raw == "" || raw == "null" || strings.ContainsAny(raw[:1], `[{0123456789-`) || raw == "true" || raw == "false" || strings.Contains(raw, "${") {
		return "", "", false
	}
	return raw, "", true
}

// checkSpacyConfig reports the Hub models a spaCy config loads without a
// pinned revision.
func checkSpacyConfig(p *checks.Pass, fp string) []finding {
	fi, err := p.Tree.Stat(fp)
	if err != nil || fi.LFS != nil || fi.Size > 1<<20 {
		return nil
	}
	b, err := p.Tree.ReadFile(fp)
	if err != nil || !bytes.Contains(b, []byte("transformers.")) {
		return nil
	}
	if pyfile.Exists(p, path.Join(path.Dir(fp), "meta.json")) {
		return nil // a trained pipeline: its weights are in its directory
	}
	f := ini.Parse(string(b), ini.Thinc)
	c := &checker{p: p, f: &pyfile.File{Path: fp}, r: resolver{p: p}, saved: repoSaved(p, fp)}
	var dirs map[string]bool // the spaCy project's own directories, read on first use
	local := func(name string) bool {
		if !c.hubID(name, kindModel) {
			return true
		}
		if dirs == nil {
			dirs = projectDirs(p, fp)
		}
		first, _, _ := strings.Cut(name, "/")
		return strings.Contains(name, "/") && (dirs[first] || spacyDirs[first]) || dirs[name]
	}
	var out []finding
	for _, s := range f.Sections {
		kind := ""
		for _, key := range []string{"@architectures", "@model_loaders"} {
			if o := s.Option(key); o != nil {
				kind, _, _ = thincValue(f, o.Value(), 0)
			}
		}
		trf := strings.HasPrefix(kind, "spacy-transformers.") && !strings.Contains(kind, "Listener")
		if !trf && !curatedLoaders[kind] {
			continue
		}
		o := s.Option("name")
		if o == nil || len(o.Lines) == 0 {
			continue
		}
		name, from, ok := thincValue(f, o.Value(), 0)
		if !ok || local(name) {
			continue
		}
		if from != "" {
			from = " (" + from + ")"
		}
		pos := checks.Pos{Path: fp, Line: o.Line, Col: o.Col()}
		arch := kind[strings.IndexByte(kind, '.')+1:]
		if trf {
			note := ""
			for _, sub := range []struct{ section, reaches string }{{"tokenizer_config", "the tokenizer"}, {"transformer_config", "the model's config"}} {
				if ss := f.Section(s.Name + "." + sub.section); ss != nil && ss.Option("revision") != nil {
					note = fmt.Sprintf(" (the revision in [%s.%s] reaches %s only, not the weights)", s.Name, sub.section, sub.reaches)
				}
			}
			dir := "assets/" + path.Base(name)
			out = append(out, finding{rule: "REPRO-DEP-144", diag: checks.Diag{Pos: pos,
				Message: fmt.Sprintf("spacy-transformers' %s in [%s] loads the Hub model %q%s with from_pretrained when training starts, and has no setting that pins the weights%s, so it gets whatever the repository holds on the day it runs",
					arch, s.Name, name, from, note),
				Hint: fmt.Sprintf(`download the model at a commit into the project and name that directory: huggingface-cli download %s --revision <commit id> --local-dir %s (e.g. a command of project.yml, run before training), then name = %q; or move to spacy-curated-transformers, whose HFTransformerEncoderLoader.v1 and HFPieceEncoderLoader.v1 take revision = "<commit id>"`,
					name, dir, dir),
			}})
			continue
		}
		ro := s.Option("revision")
		rev := strValue{s: "main", ok: true} // the loaders' default
		if ro != nil {
			if v, _, ok := thincValue(f, ro.Value(), 0); ok {
				rev = strValue{s: v, ok: true}
			} else {
				rev = strValue{} // a reference we do not read: taken to be pinned there
			}
			pos = checks.Pos{Path: fp, Line: ro.Line, Col: ro.Col()}
		}
		pin, why := classify(rev, true, false)
		hint := fmt.Sprintf(`set revision = "<commit id>" (40 hex characters) in [%s]; the commit is on the repository's "Files and versions" page, or HfApi().model_info(%q).sha`, s.Name, name)
		switch {
		case pin == pinned:
			continue
		case ro == nil:
			out = append(out, finding{rule: "REPRO-DEP-144", diag: checks.Diag{Pos: pos, Hint: hint,
				Message: fmt.Sprintf("%s in [%s] loads the Hub model %q%s without a revision (its default is \"main\"), so it gets whatever the repository holds on the day it runs", arch, s.Name, name, from)}})
		case pin == unpinned:
			out = append(out, finding{rule: "REPRO-DEP-144", diag: checks.Diag{Pos: pos, Hint: hint,
				Message: fmt.Sprintf("%s in [%s] loads the Hub model %q%s at revision %q, %s, so it gets whatever that branch holds on the day it runs", arch, s.Name, name, from, rev.s, why)}})
		default:
			out = append(out, finding{rule: "REPRO-DEP-145", diag: checks.Diag{Pos: pos, Hint: hint,
				Message: fmt.Sprintf("%s in [%s] loads the Hub model %q%s at revision %q, %s; pin the full commit id (40 hex characters) instead", arch, s.Name, name, from, rev.s, why)}})
		}
	}
	return out
}

// projectDirs returns the local directories of the spaCy project a config
// belongs to: its project.yml's directories and the first part of each
// asset's dest (the config's directory, then its parents up to the root).
func projectDirs(p *checks.Pass, cfg string) map[string]bool {
	dirs := map[string]bool{}
	for dir := path.Dir(cfg); ; dir = path.Dir(dir) {
		proj := path.Join(dir, "project.yml")
		if pyfile.Exists(p, proj) {
			b, err := p.Tree.ReadFile(proj)
			if err != nil {
				return dirs
			}
			var doc struct {
				Directories []string `yaml:"directories"`
				Assets      []struct {
					Dest string `yaml:"dest"`
				} `yaml:"assets"`
			}
			if yaml.Unmarshal(b, &doc) != nil {
				return dirs
			}
			for _, d := range doc.Directories {
				dirs[strings.Trim(d, "./")] = true
			}
			for _, a := range doc.Assets {
				first, _, _ := strings.Cut(strings.TrimPrefix(a.Dest, "./"), "/")
				dirs[first] = true
				dirs[strings.TrimPrefix(a.Dest, "./")] = true
			}
			return dirs
		}
		if dir == "." || dir == "/" {
			return dirs
		}
	}
}
