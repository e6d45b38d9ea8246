package gc

import (
	"bytes"
	"strconv"

	"github.com/git-repro/git-repro/lfsstore"
)

// MaxPointerSize: git-lfs never writes a pointer this large or larger.
const MaxPointerSize = 1024

var versionLines = [][]byte{
	[]byte("version https://git-lfs.github.com/spec/v1"),
	[]byte("version https://hawser.github.com/spec/v1"), // pre-release pointers
}

// ParsePointer parses a Git LFS pointer file (git-lfs docs/spec.md):
//
//	version https://git-lfs.github.com/spec/v1
//	oid sha256:<64 hex>
//	size <bytes>
//
// with optional ext-* lines. It reports ok=false for anything else.
func ParsePointer(b []byte) (oid lfsstore.OID, size int64, ok bool) {
	if len(b) >= MaxPointerSize || len(b) == 0 || b[len(b)-1] != '\n' {
		return oid, 0, false
	}
	lines := bytes.Split(b[:len(b)-1], []byte{'\n'})
	known := false
	for _, v := range versionLines {
		if bytes.Equal(lines[0], v) {
			known = true
		}
	}
	if !known {
		return oid, 0, false
	}
	var haveOID, haveSize bool
	for _, l := range lines[1:] {
		k, v, found := bytes.Cut(l, []byte{' '})
		if !found {
			return oid, 0, false
		}
		switch {
		case string(k) == "oid":
			h, isSHA := bytes.CutPrefix(v, []byte("sha256:"))
			if !isSHA || haveOID {
				return oid, 0, false
			}
			o, err := lfsstore.ParseOID(string(h))
			if err != nil {
				return oid, 0, false
			}
			oid, haveOID = o, true
		case string(k) == "size":
			n, err := strconv.ParseInt(string(v), 10, 64)
			if err != nil || n < 0 || haveSize || (len(v) > 1 && v[0] == '0') {
				return oid, 0, false
			}
			size, haveSize = n, true
		case bytes.HasPrefix(k, []byte("ext-")):
		default:
			return oid, 0, false
		}
	}
	return oid, size, haveOID && haveSize
}
