package agent

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/git-repro/git-repro/internal/gitcli"
)

// DefaultName is the custom transfer name lfs setup configures.
const DefaultName = "repro"

// ConfigLines returns the git config settings that make git-lfs use the
// agent at exe (git-repro-lfs) for storeURL, as key/value pairs in order:
//
//	lfs.standalonetransferagent = <name>
//	lfs.customtransfer.<name>.path = <exe>
//	lfs.customtransfer.<name>.args = agent --store '<url>'
//	lfs.customtransfer.<name>.concurrent = true
//
// git-lfs runs path and args through a shell, so the URL is single-quoted.
func ConfigLines(name, exe, storeURL string) [][2]string {
	return [][2]string{
		{"lfs.standalonetransferagent", name},
		{"lfs.customtransfer." + name + ".path", exe},
		{"lfs.customtransfer." + name + ".args", "agent --store " + shellQuote(storeURL)},
		{"lfs.customtransfer." + name + ".concurrent", "true"},
	}
}

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// CheckURL validates a store URL's form without opening the store.
func CheckURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("invalid store URL %q: %v", raw, err)
	}
	switch u.Scheme {
	case "file":
		if u.Host != "" && u.Host != "localhost" || !filepath.IsAbs(u.Path) {
			return fmt.Errorf("invalid store URL %q: want an absolute local path, as file:///srv/lfs", raw)
		}
	case "s3":
		if u.Host == "" {
			return fmt.Errorf("invalid store URL %q: want s3://bucket/prefix?endpoint=host:port", raw)
		}
	default:
		return fmt.Errorf("unsupported store URL scheme %q in %q: want file:// or s3://", u.Scheme, raw)
	}
	return nil
}

// Setup writes ConfigLines into the git repository at dir (its local
// config) with git config.
func Setup(ctx context.Context, dir, name, exe, storeURL string) error {
	if err := CheckURL(storeURL); err != nil {
		return err
	}
	g := gitcli.Git{Dir: dir}
	for _, kv := range ConfigLines(name, exe, storeURL) {
		if err := g.Run(ctx, "config", "--local", kv[0], kv[1]); err != nil {
			return err
		}
	}
	return nil
}

// LFSTempDir returns the git-lfs temporary directory of the repository at
// dir (<git-common-dir>/lfs/tmp), where downloads must land so git-lfs
// can rename them into its object directory.
func LFSTempDir(ctx context.Context, dir string) (string, error) {
	out, err := gitcli.Git{Dir: dir}.Output(ctx, "rev-parse", "--path-format=absolute", "--git-common-dir")
	if err != nil {
		return "", fmt.Errorf("find the git directory: %w", err)
	}
	return filepath.Join(strings.TrimSpace(string(out)), "lfs", "tmp"), nil
}
