package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"sync"
	"time"

	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/git-repro/git-repro/lfsstore"
)

type fsckOptions struct {
	root, store     string
	quarantine      bool
	removeLeftovers bool
	progress        string
}

var fsckCommand = &Command{
	Name:  "fsck",
	Usage: "fsck --root DIR [flags]",
	Short: "re-hash every stored LFS object and report or quarantine corrupt ones",
	Long: `Re-read every object under --root and check that its content hashes to its
object id. Corrupt objects are reported; with --quarantine they are moved to
<root>/quarantine so the server stops serving them and clients can upload
them again. Uploads in progress (or abandoned by a crash) live in <root>/tmp
and are never objects; fsck lists them.

Exit status: 0 all objects intact, 1 corrupt objects found, 3 fsck failed.`,
	SetFlags: func(fs *pflag.FlagSet) any {
		o := &fsckOptions{}
		fs.StringVar(&o.root, "root", "", "the server's --root directory (required)")
		fs.StringVar(&o.store, "store", "", "check this store URL instead of the store under --root (as lfs serve --store)")
		fs.BoolVar(&o.quarantine, "quarantine", false, "move corrupt objects to <root>/quarantine (chunked stores: remove them and drop their damaged chunks)")
		fs.BoolVar(&o.removeLeftovers, "remove-leftovers", false, "remove what killed uploads left (temporary and spool files, unreferenced packs, dead leases); never what a running upload uses")
		fs.StringVar(&o.progress, "progress", "auto", "progress display on stderr: auto (on a terminal), always or never")
		return o
	},
	Run: runFsck,
}

func runFsck(c *CLI, opts any, args []string) int {
	o := opts.(*fsckOptions)
	if len(args) > 0 {
		return c.fail(usageErrorf("unexpected arguments %q: fsck takes only flags", args))
	}
	if o.root == "" {
		return c.fail(usageErrorf("missing --root: name the server's object directory"))
	}
	if _, err := os.Stat(o.root); err != nil {
		return c.fail(usageErrorf("--root %q: %v", o.root, err))
	}
	var show bool
	switch o.progress {
	case "auto":
		f, ok := c.Stderr.(*os.File)
		show = ok && term.IsTerminal(int(f.Fd()))
	case "always":
		show = true
	case "never":
	default:
		return c.fail(usageErrorf("invalid --progress %q: want auto, always or never", o.progress))
	}
	getenv := c.getenv()
	store, err := openStore(o.root, o.store, getenv)
	if err != nil {
		return c.fail(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	fo := lfsstore.FsckOptions{Quarantine: o.quarantine, RemoveLeftovers: o.removeLeftovers}
	var mu sync.Mutex
	var last time.Time
	if show {
		fo.Progress = func(p lfsstore.FsckProgress) {
			mu.Lock()
			defer mu.Unlock()
			if now := time.Now(); now.Sub(last) >= 100*time.Millisecond || p.Objects == p.TotalObjects {
				last = now
				fmt.Fprintf(c.Stderr, "\rchecking objects: %d/%d, %s/%s", p.Objects, p.TotalObjects, mib(p.Bytes), mib(p.TotalBytes))
				if p.Objects == p.TotalObjects {
					fmt.Fprintln(c.Stderr)
				}
			}
		}
	}
	start := time.Now()
	rep, err := lfsstore.Fsck(ctx, store, fo)
	if err != nil {
		return c.fail(fmt.Errorf("fsck %q: %w", o.root, err))
	}
	for _, cr := range rep.Corrupt {
		switch {
		case cr.MovedTo != "":
			fmt.Fprintf(c.Stdout, "corrupt object %s (size %d): %s; moved to %q\n", cr.OID, cr.Size, cr.Problem, cr.MovedTo)
		case cr.Removed:
			fmt.Fprintf(c.Stdout, "corrupt object %s (size %d): %s; removed; the next push uploads it again\n", cr.OID, cr.Size, cr.Problem)
		case o.quarantine:
			fmt.Fprintf(c.Stdout, "corrupt object %s (size %d): %s; it reads back whole now (uploaded again since the check)\n", cr.OID, cr.Size, cr.Problem)
		default:
			fmt.Fprintf(c.Stdout, "corrupt object %s (size %d): %s; run with --quarantine to stop serving it\n", cr.OID, cr.Size, cr.Problem)
		}
	}
	for _, l := range rep.Leftovers {
		desc := fmt.Sprintf("%s %q (%d bytes, last written %s)", l.Kind, l.Name, l.Size, l.ModTime.UTC().Format(time.RFC3339))
		switch {
		case l.Removed:
			fmt.Fprintf(c.Stdout, "removed: %s, left by an interrupted upload\n", desc)
		case l.InProgress:
			fmt.Fprintf(c.Stdout, "note: %s belongs to an upload in progress\n", desc)
		default:
			fmt.Fprintf(c.Stdout, "note: %s was left by an interrupted upload; --remove-leftovers removes it\n", desc)
		}
	}
	secs := time.Since(start).Seconds()
	fmt.Fprintf(c.Stdout, "checked %d objects, %s in %.1fs: %d corrupt\n", rep.Objects, mib(rep.Bytes), secs, len(rep.Corrupt))
	if len(rep.Corrupt) > 0 {
		return ExitFindings
	}
	return ExitClean
}

func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }
