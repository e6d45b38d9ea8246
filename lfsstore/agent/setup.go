package agent

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
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
	for _, kv := range ConfigLines(name, exe, storeURL) {
		cmd := exec.CommandContext(ctx, "git", "config", "--local", kv[0], kv[1])
		cmd.Dir = dir
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("git config %s: %v: %s", kv[0], err, strings.TrimSpace(stderr.String()))
		}
	}
	return nil
}

// LFSTempDir returns the git-lfs temporary directory of the repository at
// dir (<git-common-dir>/lfs/tmp), where downloads must land so git-lfs
// can rename them into its object directory.
func LFSTempDir(ctx context.Context, dir string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", "rev-parse", "--path-format=absolute", "--git-common-dir")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("find the git directory: %v", err)
	}
	return filepath.Join(strings.TrimSpace(string(out)), "lfs", "tmp"), nil
}
