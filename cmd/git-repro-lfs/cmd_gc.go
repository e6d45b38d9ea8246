package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/agent"
	"github.com/git-repro/git-repro/lfsstore/chunked"
	"github.com/git-repro/git-repro/lfsstore/gc"
)

type gcOptions struct {
	store       string
	repos       []string
	grace       time.Duration
	dryRun      bool
	repackBelow float64
	stats       bool
	verify      bool
	repair      bool
	ledger      string
}

var gcCommand = &Command{
	Name:  "gc",
	Usage: "gc --store URL --repo PATH [--repo PATH...] [flags]",
	Short: "remove LFS objects no ref points at (after a grace period) and repack the chunked store",
	Long: `Collect garbage in a chunked LFS store (file:// or s3:// URL, as for lfs agent).

An object is kept if an LFS pointer to it is reachable from any ref of any
--repo (all branches, tags and history), or if it was uploaded within
--grace, so a push that has uploaded its objects but not yet updated its
refs never loses them. Everything else goes: first the objects' manifests,
then every pack none of whose chunks is still used; packs that are mostly
garbage are rewritten with only their live chunks. If any --repo cannot be
read, nothing is removed. gc never waits for an upload that is still
receiving its bytes, and keeps every pack such an upload uses; uploads that
are committing wait for gc, downloads never do. What killed uploads left
(spool files, packs without an index, dead leases) goes too.

Name every repository whose objects live in the store.`,
	SetFlags: func(fs *pflag.FlagSet) any {
		o := &gcOptions{}
		fs.StringVar(&o.store, "store", "", "store URL: file:///abs/dir or s3://bucket/prefix?endpoint=host:port (required)")
		fs.StringArrayVar(&o.repos, "repo", nil, "git repository (bare or not) whose refs keep objects alive; repeat for each (required)")
		fs.DurationVar(&o.grace, "grace", gc.DefaultGrace, "keep objects uploaded less than this long ago")
		fs.BoolVarP(&o.dryRun, "dry-run", "n", false, "report what would be freed, change nothing")
		fs.Float64Var(&o.repackBelow, "repack-below", 0.5, "rewrite packs whose live fraction is below this")
		fs.StringVar(&o.ledger, "quota-ledger", "", "the server's quota ledger (JSON): credit removed objects back to the repositories' usage")
		fs.BoolVar(&o.stats, "stats", false, "only print the store's deduplication statistics (no --repo needed)")
		fs.BoolVar(&o.repair, "repair", false, "only check every chunk; remove damaged objects so clients upload them again, and drop corrupt chunks from the index (no --repo needed)")
		fs.BoolVar(&o.verify, "verify", false, "only re-read every object, checking each chunk's BLAKE3 and the SHA-256, and report damaged ones (no --repo needed)")
		return o
	},
	Run: runGC,
}

func runGC(c *CLI, opts any, args []string) int {
	o := opts.(*gcOptions)
	if len(args) > 0 {
		return c.fail(usageErrorf("unexpected arguments %q: gc takes only flags", args))
	}
	if o.store == "" {
		return c.fail(usageErrorf("missing --store: name the store URL, as file:///srv/lfs"))
	}
	if len(o.repos) == 0 && !o.stats && !o.verify && !o.repair {
		return c.fail(usageErrorf("missing --repo: name every repository whose objects live in the store, or gc would remove them all"))
	}
	if o.grace < 0 {
		return c.fail(usageErrorf("invalid --grace %q: want a non-negative duration such as 168h", o.grace))
	}
	if o.repackBelow < 0 || o.repackBelow > 1 {
		return c.fail(usageErrorf("invalid --repack-below %v: want a fraction between 0 and 1", o.repackBelow))
	}
	if err := agent.CheckURL(o.store); err != nil {
		return c.fail(usageErrorf("%v", err))
	}
	getenv := c.getenv()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	st, err := agent.OpenURL(ctx, o.store, getenv)
	if err != nil {
		return c.fail(err)
	}
	s, ok := st.(*chunked.Store)
	if !ok {
		return c.fail(usageErrorf("store %q is not a chunked store: gc works on chunked stores (drop ?format=plain)", o.store))
	}
	if o.stats {
		return printStats(c, ctx, s)
	}
	if o.repair {
		rep, err := s.Repair(ctx)
		if err != nil {
			return c.fail(err)
		}
		for _, oid := range rep.Damaged {
			fmt.Fprintf(c.Stdout, "removed damaged object %s: upload it again (git lfs push --object-id)\n", oid)
		}
		fmt.Fprintf(c.Stdout, "checked %d objects: %d damaged and removed, %d corrupt chunks dropped from %d indexes\n",
			rep.Objects, len(rep.Damaged), rep.CorruptChunks, rep.IndexesFixed)
		if len(rep.Damaged) > 0 {
			return ExitFindings
		}
		return ExitClean
	}
	if o.verify {
		damaged := 0
		n, err := s.Verify(ctx, func(oid lfsstore.OID, err error) {
			damaged++
			fmt.Fprintf(c.Stdout, "damaged: %s: %v\n", oid, err)
		})
		if err != nil {
			return c.fail(err)
		}
		fmt.Fprintf(c.Stdout, "verified %d objects: %d damaged\n", n, damaged)
		if damaged > 0 {
			return ExitFindings
		}
		return ExitClean
	}
	grace := o.grace
	if grace == 0 {
		grace = -1 // gc.Options: negative means no grace period
	}
	rep, err := gc.Run(ctx, s, gc.Options{Repos: o.repos, Grace: grace, DryRun: o.dryRun, RepackBelow: o.repackBelow})
	if err != nil {
		return c.fail(err)
	}
	if o.ledger != "" && !o.dryRun && len(rep.Removed) > 0 {
		q, err := gc.NewQuota(o.ledger, nil)
		if err != nil {
			return c.fail(err)
		}
		if err := q.Forget(rep.Removed); err != nil {
			return c.fail(fmt.Errorf("credit removed objects to the quota ledger %q: %w", o.ledger, err))
		}
	}
	verb := "freed"
	if o.dryRun {
		verb = "would free"
	}
	fmt.Fprintf(c.Stdout, "repositories: %d, reachable objects: %d\n", rep.Repos, rep.Reachable)
	fmt.Fprintf(c.Stdout, "objects: %d stored, %d reachable, %d kept by the %v grace period, %d removed (%d logical bytes)\n",
		rep.Objects, rep.ObjectsReachable, rep.ObjectsInGrace, o.grace, rep.ObjectsRemoved, rep.LogicalRemoved)
	fmt.Fprintf(c.Stdout, "packs: %d stored, %d removed, %d repacked into %d, %d unreferenced but recent, %d kept for uploads in flight\n",
		rep.Packs, rep.PacksRemoved, rep.PacksRepacked, rep.PacksWritten, rep.PacksInGrace, rep.PacksLeased)
	if rep.SpoolRemoved > 0 || rep.LeasesRemoved > 0 {
		fmt.Fprintf(c.Stdout, "left by interrupted uploads: %d spool files and %d leases removed\n", rep.SpoolRemoved, rep.LeasesRemoved)
	}
	fmt.Fprintf(c.Stdout, "chunks removed: %d; stored bytes %d -> %d: %s %d bytes\n",
		rep.ChunksRemoved, rep.StoredBefore, rep.StoredAfter, verb, rep.Freed())
	if !o.dryRun {
		if code := printStats(c, ctx, s); code != ExitClean {
			return code
		}
	}
	for _, d := range rep.Damaged {
		fmt.Fprintf(c.Stderr, "git-repro: damaged: %s\n", d)
	}
	if len(rep.Damaged) > 0 {
		return ExitFindings
	}
	return ExitClean
}

// printStats prints logical bytes (what plain LFS would store), stored
// bytes (packs) and chunk counts.
func printStats(c *CLI, ctx context.Context, s *chunked.Store) int {
	st, err := s.Stats(ctx)
	if err != nil {
		return c.fail(err)
	}
	fmt.Fprintf(c.Stdout, "store: %d objects, %d logical bytes, %d stored bytes in %d packs (%.1f%%), %d chunks, %d metadata bytes\n",
		st.Objects, st.LogicalBytes, st.StoredBytes, st.Packs, 100*st.Ratio(), st.Chunks, st.MetaBytes)
	return ExitClean
}
