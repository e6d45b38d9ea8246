package seeds

import (
	"fmt"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/python"
	"github.com/git-repro/git-repro/rules/internal/pyfile"
	"github.com/git-repro/git-repro/rules/internal/wording"
)

// DataLoaders (REPRO-SEED-006): loaders whose order is drawn from torch's
// global RNG, and whether some program that runs or imports them seeds it.

// loaderSite is a DataLoader whose order is drawn from torch's global RNG:
// shuffle=True without generator=, or a random sampler without one.
type loaderSite struct {
	f       *pyfile.File
	c       *python.Call
	what    string // how it draws, for the message
	sampler bool   // the draw is the sampler's: generator= goes there
}

var randomSamplers = setOf("RandomSampler", "WeightedRandomSampler", "SubsetRandomSampler")

func isRandomSampler(resolved string) bool {
	return (strings.HasPrefix(resolved, "torch.utils.data.") && strings.Count(resolved, ".") == 3 ||
		strings.HasPrefix(resolved, "torch.utils.data.sampler.") && strings.Count(resolved, ".") == 4) &&
		randomSamplers[lastPart(resolved)]
}

// loaderSites finds the DataLoaders of f that draw their order from
// torch's global RNG. A loader without shuffle=True and without a random
// sampler (a validation or test loader) draws no order and is not one,
// whatever its num_workers: each worker seeds random, numpy and torch
// from a base seed that the loader draws from the same RNG.
func loaderSites(f *pyfile.File) []loaderSite {
	m := f.Mod
	funcs := pyfile.Funcs(m)
	var out []loaderSite
	for _, fn := range funcs {
		for _, e := range fn.Events {
			c := e.Call
			if c == nil || c.StarStar || !isDataLoader(libName(m, c.Callee)) {
				continue
			}
			if v, _ := c.Keyword("shuffle"); v == "True" {
				if !hasGenerator(c) {
					out = append(out, loaderSite{f: f, c: c, what: "shuffles (shuffle=True) without generator=,"})
				}
				continue
			}
			for _, k := range []string{"sampler", "batch_sampler"} {
				if v, ok := c.Keyword(k); ok && samplerDraws(m, fn, v) {
					out = append(out, loaderSite{f: f, c: c, sampler: true,
						what: fmt.Sprintf("takes its order from %s=%s (a random sampler without generator=),", k, v)})
					break
				}
			}
		}
	}
	return out
}

// samplerDraws reports whether a sampler= value is a random sampler built
// without generator=: a call written in place, or a name where the same
// function builds one.
func samplerDraws(m *python.Module, fn *python.Func, v string) bool {
	if name, args, ok := strings.Cut(v, "("); ok {
		return isRandomSampler(libName(m, strings.TrimSpace(name))) && !strings.Contains(args, "generator=")
	}
	for _, e := range fn.Events {
		if c := e.Call; c != nil && isRandomSampler(libName(m, c.Callee)) && !hasGenerator(c) {
			return true
		}
	}
	return false
}

// checkLoaders reports REPRO-SEED-006 for the loaders whose order nobody
// seeds. A loader that a program builds on its path from the entry point
// is fine when the program seeds torch before it; one the program does not
// call itself (a LightningDataModule's train_dataloader, called by the
// Trainer) is fine when a program that imports its module seeds torch. A
// loader no program imports is library code, not reported on its own.
func checkLoaders(p *checks.Pass, sites []loaderSite, add func(string, checks.Diag)) {
	if len(sites) == 0 {
		return
	}
	progs := seedPrograms(p, sites)
	traces := make([]*progTrace, len(progs))
	reachedBy := map[loaderKey][]int{}
	loadsBy := map[string][]int{}
	for i, prog := range progs {
		traces[i] = traceProgram(p, prog)
		for k := range traces[i].loaders {
			reachedBy[k] = append(reachedBy[k], i)
		}
		for f := range traces[i].loads {
			loadsBy[f] = append(loadsBy[f], i)
		}
	}
	for _, s := range sites {
		var reachedBad, loadedBy []string
		var badProc *procInfo // the first bad program's, when a runner's fresh process builds it
		reachedOK, loadedOK := false, false
		k := loaderKey{s.f, s.c.Pos}
		reached := map[int]bool{}
		for _, i := range reachedBy[k] {
			reached[i] = true
			if traces[i].loaders[k] {
				reachedOK = true
			} else {
				if n, ok := traces[i].loaderProcs[k]; ok && len(reachedBad) == 0 {
					badProc = &traces[i].procs[n]
				}
				reachedBad = append(reachedBad, progs[i].Path)
			}
		}
		for _, i := range loadsBy[s.f.Path] {
			if !reached[i] {
				loadedBy = append(loadedBy, progs[i].Path)
				loadedOK = loadedOK || traces[i].seedsTorch
			}
		}
		var why string
		switch {
		case badProc != nil:
			why = fmt.Sprintf("torch's RNG is not seeded before it in %q, which %s (from %q; seeds set outside it do not reach those processes)", badProc.fn, badProc.how, reachedBad[0])
		case len(reachedBad) > 0:
			why = fmt.Sprintf("torch's RNG is not seeded before it on the way from %q", reachedBad[0])
		case reachedOK || loadedOK || len(loadedBy) == 0:
			continue
		case len(loadedBy) == 1 && loadedBy[0] == s.f.Path:
			why = "the program never seeds torch's RNG"
		default:
			why = fmt.Sprintf("no program that imports this module seeds torch's RNG (%s)", wording.QuoteList(loadedBy, 3))
		}
		workers := ""
		if v, ok := s.c.Keyword("num_workers"); ok && v != "0" {
			workers = fmt.Sprintf(" (and so do the seeds its num_workers=%s workers give random, numpy and torch)", v)
		}
		where := ""
		if s.sampler {
			where = " to the sampler"
		}
		add("REPRO-SEED-006", checks.Diag{Pos: s.f.At(s.c.Pos), Message: s.f.CellRef(s.c.Pos) + fmt.Sprintf(
			"%q %s and %s, so its order changes between runs%s; pass generator=torch.Generator().manual_seed(seed)%s or seed torch before it (torch.manual_seed(seed), or seed_everything(seed, workers=True) with Lightning)",
			s.c.Callee, s.what, why, workers, where)})
	}
}
