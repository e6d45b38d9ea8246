package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/git-repro/git-repro/lfsstore/agent"
)

type lfsSetupOptions struct {
	store, name, path string
}

var lfsSetupCommand = &Command{
	Name:  "setup",
	Usage: "setup --store URL [--name NAME] [--path EXE]",
	Short: "configure this repository to use git repro lfs agent as its LFS transfer agent",
	Long: `Write the git config lines that make git-lfs hand every transfer of this
repository to "git repro lfs agent --store URL" (a standalone transfer agent:
no LFS server needed):

  lfs.standalonetransferagent = NAME
  lfs.customtransfer.NAME.path = EXE
  lfs.customtransfer.NAME.args = lfs agent --store 'URL'
  lfs.customtransfer.NAME.concurrent = true

Tracked patterns stay with "git lfs track". S3 credentials are read from the
environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), never stored in git
config.`,
	SetFlags: func(fs *pflag.FlagSet) any {
		o := &lfsSetupOptions{}
		fs.StringVar(&o.store, "store", "", "store URL: file:///abs/dir or s3://bucket/prefix?endpoint=host:port (required)")
		fs.StringVar(&o.name, "name", agent.DefaultName, "custom transfer name")
		fs.StringVar(&o.path, "path", "", "agent executable (default: git-repro on PATH, else this executable)")
		return o
	},
	Run: runLFSSetup,
}

func runLFSSetup(c *CLI, opts any, args []string) int {
	o := opts.(*lfsSetupOptions)
	if len(args) > 0 {
		return c.fail(usageErrorf("unexpected arguments %q: setup takes only flags", args))
	}
	if o.store == "" {
		return c.fail(usageErrorf("missing --store: name the store URL, as file:///srv/lfs"))
	}
	if err := agent.CheckURL(o.store); err != nil {
		return c.fail(usageErrorf("%v", err))
	}
	exe := o.path
	if exe == "" {
		if p, err := exec.LookPath("git-repro"); err == nil {
			exe = p
		} else if p, err := os.Executable(); err == nil {
			exe = p
		} else {
			return c.fail(fmt.Errorf("cannot find the git-repro executable: pass --path"))
		}
	}
	if abs, err := filepath.Abs(exe); err == nil {
		exe = abs
	}
	if err := agent.Setup(context.Background(), ".", o.name, exe, o.store); err != nil {
		return c.fail(err)
	}
	for _, kv := range agent.ConfigLines(o.name, exe, o.store) {
		fmt.Fprintf(c.Stdout, "%s = %s\n", kv[0], kv[1])
	}
	return ExitClean
}
