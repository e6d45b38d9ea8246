package hub

import (
	"fmt"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/python"
)

// check judges one load and returns its finding, if any.
func (c *checker) check(fn *python.Func, k int, l load) (finding, bool) {
	call := l.call
	id := c.r.resolve(c.f, fn, k, l.id)
	if !id.ok {
		if l.kind == kindFile && !id.none {
			return c.unknownFile(fn, k, l)
		}
		return finding{}, false // a local path as much as a Hub id
	}
	from := ""
	if id.from != "" {
		from = " (" + id.from + ")"
	}
	pos, ref := c.f.At(call.Pos), c.f.CellRef(call.Pos)
	report := func(p pin, msg string) (finding, bool) {
		rule := "REPRO-DEP-144"
		if p == movable {
			rule = "REPRO-DEP-145"
		}
		return finding{rule: rule, diag: checks.Diag{Pos: pos, Message: ref + msg}}, true
	}
	switch l.kind {
	case kindTorchHub:
		repo, tag, hasRef := strings.Cut(id.s, ":")
		if owner, name, ok := strings.Cut(repo, "/"); !ok || !idPart().MatchString(owner) || !idPart().MatchString(name) || strings.Contains(name, "/") {
			return finding{}, false
		}
		p, why := classify(strValue{s: tag, ok: true}, hasRef, true)
		switch {
		case p == pinned:
			return finding{}, false
		case !hasRef:
			return report(p, fmt.Sprintf("%q runs hubconf.py from the default branch of the GitHub repository %q%s (no \":ref\"), as it is the day it is first downloaded; pin a release tag or a commit: %q", call.Callee, repo, from, repo+":<tag>"))
		case p == unpinned:
			return report(p, fmt.Sprintf("%q runs hubconf.py from %q%s, %s of the GitHub repository, as it is the day it is first downloaded; pin a release tag or a commit: %q", call.Callee, id.s, from, why, repo+":<tag>"))
		}
		return report(p, fmt.Sprintf("%q loads %q%s: %q is %s; pin a release tag or a commit: %q", call.Callee, id.s, from, tag, why, repo+":<tag>"))
	case kindTimm:
		name, ok := strings.CutPrefix(id.s, "hf-hub:")
		if !ok {
			return finding{}, false // a timm architecture, with timm's own weights
		}
		repo, rev, hasRev := strings.Cut(name, "@")
		if !c.hubID(repo, kindModel) {
			return finding{}, false
		}
		p, why := classify(strValue{s: rev, ok: true}, hasRev, false)
		switch p {
		case pinned:
			return finding{}, false
		case unpinned:
			if why != "" {
				why = " (@" + rev + " is " + why + ")"
			}
			return report(p, fmt.Sprintf("%q loads the Hub model %q%s without a pinned revision%s, so it gets whatever the repository holds on the day it runs; pin the commit: %q", call.Callee, repo, from, why, "hf-hub:"+repo+"@<commit id>"))
		}
		return report(p, fmt.Sprintf("%q loads the Hub model %q%s at %q, %s; pin the full commit id: %q", call.Callee, repo, from, rev, why, "hf-hub:"+repo+"@<commit id>"))
	}
	if !c.hubID(id.s, l.kind) {
		return finding{}, false
	}
	if v, ok := call.Keyword("local_files_only"); ok && v == "True" {
		return finding{}, false // offline: reads what was downloaded (and reported) elsewhere
	}
	what := "model"
	switch l.kind {
	case kindDataset:
		what = "dataset"
	case kindFile:
		if rt, ok := call.Keyword("repo_type"); ok {
			if v := c.r.resolve(c.f, fn, k, rt); v.ok && (v.s == "dataset" || v.s == "space") {
				what = map[string]string{"dataset": "dataset", "space": "Space"}[v.s]
			}
		}
	}
	revExpr, given := call.Keyword("revision")
	rev := c.r.resolve(c.f, fn, k, revExpr)
	p, why := classify(rev, given, false)
	code := ""
	if v, ok := call.Keyword("trust_remote_code"); ok && v == "True" {
		code = ", and runs the code it holds (trust_remote_code=True)"
	}
	fix := `pin it: revision="<commit id>" (40 hex characters)`
	switch {
	case p == pinned:
		return finding{}, false
	case p == movable:
		return report(p, fmt.Sprintf("%q loads the Hub %s %q%s at revision %q, %s%s; pin the full commit id (40 hex characters) instead", call.Callee, what, id.s, from, rev.s, why, code))
	case !given:
		return report(p, fmt.Sprintf("%q loads the Hub %s %q%s without revision=, so it gets whatever the repository holds on the day it runs%s; %s", call.Callee, what, id.s, from, code, fix))
	case rev.none:
		src := ""
		if rev.from != "" {
			src = " (" + rev.from + ")"
		}
		return report(p, fmt.Sprintf("%q loads the Hub %s %q%s with revision=%s, which is None%s, so it gets whatever the repository holds on the day it runs%s; %s", call.Callee, what, id.s, from, revExpr, src, code, fix))
	}
	return report(p, fmt.Sprintf("%q loads the Hub %s %q%s at revision %q, %s, so it gets whatever that branch holds on the day it runs%s; %s", call.Callee, what, id.s, from, rev.s, why, code, fix))
}

// unknownFile judges hf_hub_download and snapshot_download whose id the
// code does not spell out: read from a config file, given on the command
// line, passed in by the caller. Unlike from_pretrained and load_dataset,
// which also read local directories, these take only Hub repository ids,
// so whatever the id is, a download without revision= gets whatever the
// repository holds on the day it runs. A revision that is given and not
// a literal None or branch (a variable, an argparse option) is taken to be
// pinned where it comes from, as for a known id.
func (c *checker) unknownFile(fn *python.Func, k int, l load) (finding, bool) {
	call := l.call
	if v, ok := call.Keyword("local_files_only"); ok && v == "True" {
		return finding{}, false
	}
	revExpr, given := call.Keyword("revision")
	rev := c.r.resolve(c.f, fn, k, revExpr)
	if given && rev.opt != "" {
		return finding{}, false // an option: the command line may pin it
	}
	p, why := classify(rev, given, false)
	if p == pinned {
		return finding{}, false
	}
	what := "repository"
	if rt, ok := call.Keyword("repo_type"); ok {
		if v := c.r.resolve(c.f, fn, k, rt); v.ok && (v.s == "dataset" || v.s == "space") {
			what = map[string]string{"dataset": "dataset repository", "space": "Space"}[v.s]
		}
	}
	short := call.Callee[strings.LastIndexByte(call.Callee, '.')+1:]
	state := "without revision="
	switch {
	case given && rev.none && strings.TrimSpace(revExpr) == "None":
		state = "with revision=None"
	case given && rev.none:
		state = fmt.Sprintf("with revision=%s, which is None", strings.TrimSpace(revExpr))
	case given:
		state = fmt.Sprintf("at revision %q, %s", rev.s, why)
	}
	msg := fmt.Sprintf("%q downloads the Hub %s named by %s %s: whatever the id is, it names a Hub repository (%s reads no local path), so the download gets whatever the repository holds on the day it runs; %s",
		call.Callee, what, strings.TrimSpace(l.id), state, short, pinAdvice(l.id))
	rule := "REPRO-DEP-144"
	if p == movable {
		rule = "REPRO-DEP-145"
		msg = fmt.Sprintf("%q downloads the Hub %s named by %s %s; pin the full commit id (40 hex characters) instead", call.Callee, what, strings.TrimSpace(l.id), state)
	}
	return finding{rule: rule, diag: checks.Diag{Pos: c.f.At(call.Pos), Message: c.f.CellRef(call.Pos) + msg}}, true
}

// itemRe matches an id read from a mapping: cfg["model"]["repo_id"].
var itemRe = lazyre.New(`^(.+)\[\s*(?:"[^"]*"|'[^']*')\s*\]$`)

// pinAdvice says where the commit of an id the code reads from elsewhere
// belongs: beside the id, where it comes from.
func pinAdvice(idExpr string) string {
	idExpr = strings.TrimSpace(idExpr)
	const commit = `(a commit id, 40 hex characters)`
	if m := itemRe().FindStringSubmatch(idExpr); m != nil {
		return fmt.Sprintf(`keep the commit beside the id where it is read from and pass it: revision=%s["revision"] %s`, m[1], commit)
	}
	if obj, attr, ok := strings.Cut(idExpr, "."); ok && isName(obj) && isName(attr) {
		return fmt.Sprintf(`give the commit with the id (an option such as --revision) and pass it: revision=%s.revision %s`, obj, commit)
	}
	return `pass revision="<commit id>" (40 hex characters), given with the id where it comes from`
}
