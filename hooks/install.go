package hooks

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/git-repro/git-repro/internal/atomicfile"
	"github.com/git-repro/git-repro/internal/gitcli"
)

// Dir returns the absolute hooks directory of the repository containing
// dir, honouring core.hooksPath (git resolves a relative hooksPath against
// the worktree's top directory, and "~/").
func Dir(ctx context.Context, dir string) (string, error) {
	out, err := gitcli.Git{Dir: dir}.Output(ctx, "rev-parse", "--path-format=absolute", "--git-path", "hooks")
	if err != nil {
		return "", fmt.Errorf("find the hooks directory: %w", err)
	}
	d := strings.TrimSpace(string(out))
	if d == "" {
		return "", errors.New("find the hooks directory: git printed nothing")
	}
	return filepath.Clean(d), nil
}

// Options configures Install.
type Options struct {
	// Dir is the hooks directory (see Dir).
	Dir string
	// Hooks to install: a subset of Names.
	Hooks []string
	// Binary is the absolute path of git-repro to record in the scripts.
	Binary string
}

// Change describes what Install or Uninstall did to one hook.
type Change struct {
	Hook   string
	Path   string
	Action string // see the Action* constants
	// Chained is the path of the foreign hook that runs after ours, if any.
	Chained string
}

// Actions reported in Change.Action.
const (
	ActionInstalled = "installed"     // written where there was no hook
	ActionChained   = "chained"       // written; the foreign hook moved aside and runs after ours
	ActionUpdated   = "updated"       // ours, rewritten (e.g. a new binary path)
	ActionUnchanged = "unchanged"     // ours, already identical
	ActionRemoved   = "removed"       // ours removed, nothing to restore
	ActionRestored  = "restored"      // ours removed, the chained hook put back
	ActionAbsent    = "not installed" // uninstall: nothing of ours there
	ActionForeign   = "left alone"    // uninstall: the hook is no longer ours
)

func (c Change) String() string {
	s := fmt.Sprintf("%s: %s (%s)", c.Hook, c.Action, c.Path)
	if c.Chained != "" {
		s += fmt.Sprintf("; runs %s after the check", filepath.Base(c.Chained))
	}
	return s
}

func checkName(h string) error {
	for _, n := range Names {
		if h == n {
			return nil
		}
	}
	return fmt.Errorf("unknown hook %q (valid: %s)", h, strings.Join(Names, ", "))
}

// Install writes git-repro's hooks into o.Dir. A hook that is not ours is
// moved aside to <hook>.repro-chained and runs after our check. Installing
// again only refreshes our scripts.
func Install(o Options) ([]Change, error) {
	for _, h := range o.Hooks {
		if err := checkName(h); err != nil {
			return nil, err
		}
	}
	created := false
	if _, err := os.Stat(o.Dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(o.Dir, 0o755); err != nil {
			return nil, err
		}
		created = true
	} else if err != nil {
		return nil, err
	}
	var changes []Change
	for _, h := range o.Hooks {
		c, err := installOne(o, h, created)
		if err != nil {
			return changes, err
		}
		changes = append(changes, c)
	}
	return changes, nil
}

func installOne(o Options, hook string, createdNow bool) (Change, error) {
	path := filepath.Join(o.Dir, hook)
	chain := path + ChainSuffix
	c := Change{Hook: hook, Path: path}
	so := ScriptOptions{Hook: hook, Binary: o.Binary, CreatedDir: createdNow}

	cur, err := readHook(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		c.Action = ActionInstalled
	case err != nil:
		return c, err
	case IsOurs(cur):
		so.CreatedDir = so.CreatedDir || createdDir(cur)
		c.Action = ActionUpdated
		if bytes.Equal(cur, Script(so)) {
			c.Action = ActionUnchanged
		}
	default:
		// A foreign hook: move it aside, unless a chained hook is already
		// there (someone replaced our script after we chained theirs).
		if _, err := os.Lstat(chain); err == nil {
			return c, fmt.Errorf("%s is not git-repro's hook and %s already exists: "+
				"merge them by hand or remove one, then run \"git repro install\" again", path, chain)
		}
		if err := os.Rename(path, chain); err != nil {
			return c, err
		}
		c.Action = ActionChained
	}
	if _, err := os.Lstat(chain); err == nil {
		c.Chained = chain
	}
	if c.Action == ActionUnchanged {
		return c, nil
	}
	if err := atomicfile.WriteFile(path, Script(so), 0o755); err != nil {
		if c.Action == ActionChained {
			_ = os.Rename(chain, path) // put theirs back
		}
		return c, err
	}
	return c, nil
}

// maxHook caps what is read of a hook file: ours is a few KiB.
const maxHook = 1 << 20

// readHook reads a hook file; a symlink is read through (a foreign hook
// that is a symlink is moved aside as a symlink by Rename). Anything but a
// regular file (a FIFO, a device: core.hooksPath may point into the
// repository) and anything larger than maxHook is foreign and not read.
func readHook(path string) ([]byte, error) {
	st, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s is a directory, not a hook", path)
	}
	st, err = os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return []byte{}, nil // a dangling symlink: foreign, keep it
	}
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() || st.Size() > maxHook {
		return []byte{}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxHook))
}

// Uninstall removes git-repro's hooks from dir and puts back the hooks
// they chained, byte for byte. A hook file that is no longer ours is left
// alone. Uninstalling again changes nothing.
func Uninstall(dir string, hooks []string) ([]Change, error) {
	if len(hooks) == 0 {
		hooks = Names
	}
	var changes []Change
	removeDir := false
	for _, h := range hooks {
		if err := checkName(h); err != nil {
			return nil, err
		}
		path := filepath.Join(dir, h)
		chain := path + ChainSuffix
		c := Change{Hook: h, Path: path}
		_, chainErr := os.Lstat(chain)
		hasChain := chainErr == nil
		cur, err := readHook(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			c.Action = ActionAbsent
			if hasChain { // our script vanished; still restore theirs
				if err := os.Rename(chain, path); err != nil {
					return changes, err
				}
				c.Action = ActionRestored
			}
		case err != nil:
			return changes, err
		case IsOurs(cur):
			removeDir = removeDir || createdDir(cur)
			if hasChain {
				if err := os.Rename(chain, path); err != nil {
					return changes, err
				}
				c.Action = ActionRestored
			} else {
				if err := os.Remove(path); err != nil {
					return changes, err
				}
				c.Action = ActionRemoved
			}
		default:
			c.Action = ActionForeign
			if hasChain {
				// Something replaced our script (e.g. "git lfs update
				// --force"); drop our copy of theirs if it is identical.
				if old, err := readHook(chain); err == nil && bytes.Equal(old, cur) {
					if err := os.Remove(chain); err != nil {
						return changes, err
					}
				} else {
					c.Chained = chain
				}
			}
		}
		changes = append(changes, c)
	}
	if removeDir {
		if ents, err := os.ReadDir(dir); err == nil && len(ents) == 0 {
			_ = os.Remove(dir)
		}
	}
	return changes, nil
}

// Status reports, for each of Names, whether our hook is installed in dir
// and which hook it chains.
func Status(dir string) []Change {
	var out []Change
	for _, h := range Names {
		path := filepath.Join(dir, h)
		c := Change{Hook: h, Path: path, Action: ActionAbsent}
		if cur, err := readHook(path); err == nil {
			if IsOurs(cur) {
				c.Action = ActionInstalled
				if _, err := os.Lstat(path + ChainSuffix); err == nil {
					c.Chained = path + ChainSuffix
				}
			} else {
				c.Action = ActionForeign
			}
		}
		out = append(out, c)
	}
	return out
}
