package gc

import (
	"context"
	"errors"
	"time"

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/chunked"
)

// DefaultGrace is how long a new object is kept even if no ref names it.
const DefaultGrace = 7 * 24 * time.Hour

// Options configure Run.
type Options struct {
	// Repos are the git repositories whose refs decide what is live.
	// At least one is required.
	Repos       []string
	Grace       time.Duration // 0 means DefaultGrace; use a negative value for none
	DryRun      bool
	RepackBelow float64 // see chunked.GCOptions
	Now         func() time.Time
}

// Report is what Run found and did.
type Report struct {
	chunked.GCReport
	Repos     int
	Reachable int // distinct objects named by reachable pointers
}

// Run marks the objects reachable from the repositories and sweeps the
// rest (older than the grace period) out of the store.
func Run(ctx context.Context, s *chunked.Store, o Options) (Report, error) {
	var r Report
	if len(o.Repos) == 0 {
		return r, errors.New("gc: no repositories given: name every repository whose objects live in the store, or gc would remove them all")
	}
	live := map[lfsstore.OID]bool{}
	for _, repo := range o.Repos {
		ptrs, err := Pointers(ctx, repo)
		if err != nil {
			return r, err // never collect on partial reachability
		}
		for oid := range ptrs {
			live[oid] = true
		}
		r.Repos++
	}
	r.Reachable = len(live)
	grace := o.Grace
	switch {
	case grace == 0:
		grace = DefaultGrace
	case grace < 0:
		grace = 0
	}
	rep, err := s.Collect(ctx, chunked.GCOptions{
		Live:        func(oid lfsstore.OID) bool { return live[oid] },
		Grace:       grace,
		DryRun:      o.DryRun,
		RepackBelow: o.RepackBelow,
		Now:         o.Now,
	})
	r.GCReport = rep
	return r, err
}
