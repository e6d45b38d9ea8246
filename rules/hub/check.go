package hub

import (
	"fmt"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/python"
)

// check judges one load and returns its finding, if any.
func (c *checker) check(fn *python.Func, k int, l load) (finding, bool) {
	call := l.call
	id := c.r.resolve(c.f, fn, k, l.id)
	if !id.ok {
		return finding{}, false
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
