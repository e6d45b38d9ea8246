package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/pflag"

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/agent"
)

type agentOptions struct {
	store   string
	verbose bool
}

var agentCommand = &Command{
	Name:  "agent",
	Usage: "agent --store URL",
	Short: "standalone Git LFS transfer agent that stores into a store URL (run by git-lfs)",
	Long: `A Git LFS standalone custom transfer agent. git-lfs starts it and speaks
line-delimited JSON on stdin/stdout; objects go straight into the store at
--store, with no LFS server:

  file:///srv/lfs                        chunked, deduplicating store in a directory
  file:///srv/lfs?format=plain           one file per object
  s3://bucket/prefix?endpoint=host:port  chunked store on S3-compatible storage
                                         (&region=..., &insecure=true for http;
                                         credentials from AWS_ACCESS_KEY_ID and
                                         AWS_SECRET_ACCESS_KEY)

Configure a repository with "git repro lfs setup --store URL", which writes:

  git config lfs.standalonetransferagent repro
  git config lfs.customtransfer.repro.path /path/to/git-repro-lfs
  git config lfs.customtransfer.repro.args "agent --store 'URL'"
  git config lfs.customtransfer.repro.concurrent true`,
	SetFlags: func(fs *pflag.FlagSet) any {
		o := &agentOptions{}
		fs.StringVar(&o.store, "store", "", "store URL (required)")
		fs.BoolVarP(&o.verbose, "verbose", "v", false, "log each transfer on stderr (git-lfs shows it with GIT_TRACE=1)")
		return o
	},
	Run: runAgent,
}

func runAgent(c *CLI, opts any, args []string) int {
	o := opts.(*agentOptions)
	if len(args) > 0 {
		return c.fail(usageErrorf("unexpected arguments %q: agent takes only flags", args))
	}
	if o.store == "" {
		return c.fail(usageErrorf("missing --store: name the store URL, as file:///srv/lfs"))
	}
	if err := agent.CheckURL(o.store); err != nil {
		return c.fail(usageErrorf("%v", err))
	}
	getenv := c.getenv()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	a := &agent.Agent{
		OpenStore: func(ctx context.Context) (lfsstore.Store, error) {
			return agent.OpenURL(ctx, o.store, getenv)
		},
	}
	if dir, err := agent.LFSTempDir(ctx, "."); err == nil {
		if os.MkdirAll(dir, 0o755) == nil {
			a.TempDir = dir
		}
	}
	if o.verbose {
		a.Log = c.Stderr
	}
	var in io.Reader = c.Stdin
	if err := a.Serve(ctx, in, c.Stdout); err != nil {
		return c.fail(err)
	}
	return ExitClean
}
