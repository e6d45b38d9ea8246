package hooks

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// ZeroOID is the object name git uses for "no object" in pre-push input
// (a new remote branch, or a deleted one).
const ZeroOID = "0000000000000000000000000000000000000000"

// PushRef is one line of a pre-push hook's standard input:
// "<local ref> <local oid> <remote ref> <remote oid>".
type PushRef struct {
	LocalRef, LocalOID, RemoteRef, RemoteOID string
}

// Deletes reports whether the line deletes the remote ref.
func (p PushRef) Deletes() bool { return isZero(p.LocalOID) }

// NewBranch reports whether the remote ref does not exist yet.
func (p PushRef) NewBranch() bool { return isZero(p.RemoteOID) }

func isZero(oid string) bool { return strings.Trim(oid, "0") == "" }

// ParsePushRefs reads a pre-push hook's standard input. Blank lines are
// skipped; a malformed line is an error naming its line number.
func ParsePushRefs(r io.Reader) ([]PushRef, error) {
	var refs []PushRef
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 4096), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 4 || !isHex(f[1]) || !isHex(f[3]) {
			return nil, fmt.Errorf("pre-push input line %d: want \"<local ref> <local oid> <remote ref> <remote oid>\", got %q", n, line)
		}
		refs = append(refs, PushRef{LocalRef: f[0], LocalOID: f[1], RemoteRef: f[2], RemoteOID: f[3]})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("pre-push input: %w", err)
	}
	return refs, nil
}

// isHex accepts SHA-1 and SHA-256 object names.
func isHex(s string) bool {
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}
