package hub

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/python"
)

// Loads of one repository in one function (a pipeline's tokenizer, text
// encoder, VAE, UNet and scheduler) that pin it unevenly: when some pass
// revision= and another leaves it out, that one gets the default branch
// whatever revision the others are given, even where the id itself comes
// from the caller and is not resolved.

// sibling is one Hub load of a function.
type sibling struct {
	l        load
	k        int  // its event index
	reported bool // the load has a finding already
}

// siblings reports the loads of fn that leave out the revision= that
// other loads of the same id expression pass.
func (c *checker) siblings(fn *python.Func, loads []sibling) []finding {
	var out []finding
	for _, s := range loads {
		if s.reported || !revisionKind(s.l.kind) {
			continue
		}
		if _, ok := s.l.call.Keyword("revision"); ok {
			continue
		}
		if v, ok := s.l.call.Keyword("local_files_only"); ok && v == "True" {
			continue
		}
		if id := c.r.resolve(c.f, fn, s.k, s.l.id); id.ok && !c.hubID(id.s, s.l.kind) {
			continue // a local path
		}
		var lines []string
		revExpr := ""
		for _, o := range loads {
			if o.l.call == s.l.call || o.l.kind != s.l.kind || strings.TrimSpace(o.l.id) != strings.TrimSpace(s.l.id) {
				continue
			}
			if r, ok := o.l.call.Keyword("revision"); ok && r != "None" {
				lines = append(lines, strconv.Itoa(c.f.At(o.l.call.Pos).Line))
				revExpr = r
			}
		}
		if len(lines) == 0 {
			continue
		}
		at := "line " + lines[0]
		if len(lines) > 1 {
			at = "lines " + strings.Join(lines, ", ")
		}
		pos, ref := c.f.At(s.l.call.Pos), c.f.CellRef(s.l.call.Pos)
		out = append(out, finding{rule: "REPRO-DEP-144", diag: checks.Diag{Pos: pos, Message: fmt.Sprintf(
			"%s%q loads the repository given by %s without revision=, while the loads of the same repository at %s pass revision=%s: it gets the default branch whatever revision they are given; pass revision=%s here too",
			ref, s.l.call.Callee, s.l.id, at, revExpr, revExpr)}})
	}
	return out
}

// revisionKind reports the loads that take revision= (not torch.hub or
// timm, which pin in the id).
func revisionKind(k kind) bool { return k == kindModel || k == kindDataset || k == kindFile }
