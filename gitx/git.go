package gitx

import (
	"strings"
)

// run runs git in the repository's top directory and returns its stdout.
func (r *Repo) run(args ...string) ([]byte, error) { return r.git.Output(r.ctx, args...) }

// splitZ splits NUL-terminated output.
func splitZ(b []byte) []string {
	if len(b) == 0 {
		return nil
	}
	parts := strings.Split(string(b), "\x00")
	if parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	return parts
}
