package snapshot

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// MaxPointerSize: git-lfs never reads a blob this large or larger as a
// pointer (its blobSizeCutoff).
const MaxPointerSize = 1024

// LFSPointer is the parsed content of a Git LFS pointer file.
type LFSPointer struct {
	OID  string // lowercase hex sha256
	Size int64  // size of the real object
}

// pointerVersions are the version lines git-lfs reads as spec v1.
var pointerVersions = []string{
	"https://git-lfs.github.com/spec/v1", // public launch
	"https://hawser.github.com/spec/v1",  // pre-release
	"http://git-media.io/v/2",            // alpha
}

// Encode returns the pointer file's text (spec v1).
func (p *LFSPointer) Encode() []byte {
	return []byte(fmt.Sprintf("version https://git-lfs.github.com/spec/v1\noid sha256:%s\nsize %d\n", p.OID, p.Size))
}

// ParseLFSPointer recognises a Git LFS pointer the way git-lfs does
// (docs/spec.md and its decoder): smaller than MaxPointerSize; "version"
// first with one of the v1 version URLs; then optional "ext-N-name"
// extension lines; then "oid sha256:<64 lowercase hex>" and "size <n>",
// in that order, nothing after; blank lines are skipped. It returns nil
// for anything else, including a pointer without a size.
func ParseLFSPointer(b []byte) *LFSPointer {
	if len(b) == 0 || len(b) >= MaxPointerSize || !bytes.HasPrefix(b, []byte("version ")) {
		return nil
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	const (
		wantVersion = iota
		wantOID     // ext-* lines may come first
		wantSize
		done
	)
	state := wantVersion
	var p LFSPointer
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			continue
		}
		k, v, ok := strings.Cut(line, " ")
		if !ok {
			return nil
		}
		switch {
		case state == wantVersion && k == "version":
			known := false
			for _, s := range pointerVersions {
				known = known || v == s
			}
			if !known {
				return nil
			}
			state = wantOID
		case state == wantOID && strings.HasPrefix(k, "ext-"):
		case state == wantOID && k == "oid":
			oid, found := strings.CutPrefix(v, "sha256:")
			if !found || !isLowerHex64(oid) {
				return nil
			}
			p.OID, state = oid, wantSize
		case state == wantSize && k == "size":
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 0 || v[0] == '+' {
				return nil
			}
			p.Size, state = n, done
		default:
			return nil // out of order, unknown, repeated or trailing key
		}
	}
	if state != done {
		return nil
	}
	return &p
}

func isLowerHex64(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
