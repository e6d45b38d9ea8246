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

type setupOptions struct {
	store, name, path string
}

var setupCommand = &Command{
	Name:  "setup",
	Usage: "setup --store URL [--name NAME] [--path EXE]",
	Short: "configure this repository to use git-repro-lfs agent as its LFS transfer agent",
	Long: `Write the git config lines that make git-lfs hand every transfer of this
repository to "git-repro-lfs agent --store URL" (a standalone transfer
agent: no LFS server needed):

  lfs.standalonetransferagent = NAME
  lfs.customtransfer.NAME.path = EXE
  lfs.customtransfer.NAME.args = agent --store 'URL'
  lfs.customtransfer.NAME.concurrent = true

EXE is the git-repro-lfs that runs this command (by its PATH name when that
is the same file), so the agent git-lfs starts is the binary that serves
it.

Tracked patterns stay with "git lfs track". S3 credentials are read from the
environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), never stored in git
config.`,
	SetFlags: func(fs *pflag.FlagSet) any {
		o := &setupOptions{}
		fs.StringVar(&o.store, "store", "", "store URL: file:///abs/dir or s3://bucket/prefix?endpoint=host:port (required)")
		fs.StringVar(&o.name, "name", agent.DefaultName, "custom transfer name")
		fs.StringVar(&o.path, "path", "", "agent executable (default: this git-repro-lfs, by its PATH name if that is the same file)")
		return o
	},
	Run: runSetup,
}

func runSetup(c *CLI, opts any, args []string) int {
	o := opts.(*setupOptions)
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
		var err error
		if exe, err = agentExecutable(); err != nil {
			return c.fail(err)
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

// agentExecutable is the running git-repro-lfs: the binary that serves
// the agent protocol. Its PATH name is preferred when it is the same file
// (stable across upgrades that replace the file, unlike a resolved path
// into a versioned install directory).
func agentExecutable() (string, error) {
	self, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("cannot find the git-repro-lfs executable: pass --path (%v)", err)
	}
	if p, err := exec.LookPath("git-repro-lfs"); err == nil {
		a, err1 := os.Stat(p)
		b, err2 := os.Stat(self)
		if err1 == nil && err2 == nil && os.SameFile(a, b) {
			return p, nil
		}
	}
	return self, nil
}
