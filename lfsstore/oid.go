package lfsstore

import (
	"encoding/hex"
	"fmt"
)

// OID is a Git LFS object id: the SHA-256 of the object's content. It is a
// fixed-size value, so a parsed OID can never carry path separators or
// other surprises into a file name or URL.
type OID [32]byte

// ParseOID parses the 64-character lowercase hexadecimal form used by Git
// LFS pointers and the Batch API. Uppercase digits, other lengths and any
// other characters are refused.
func ParseOID(s string) (OID, error) {
	var o OID
	if len(s) != 64 {
		return o, fmt.Errorf("invalid oid %q: want 64 lowercase hex characters, got %d characters", truncate(s), len(s))
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return o, fmt.Errorf("invalid oid %q: character %d is %q, want lowercase hex [0-9a-f]", truncate(s), i, c)
		}
	}
	if _, err := hex.Decode(o[:], []byte(s)); err != nil {
		return o, fmt.Errorf("invalid oid %q: %v", truncate(s), err)
	}
	return o, nil
}

// String returns the 64-character lowercase hexadecimal form.
func (o OID) String() string { return hex.EncodeToString(o[:]) }

// MarshalText implements encoding.TextMarshaler.
func (o OID) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler using ParseOID.
func (o *OID) UnmarshalText(b []byte) error {
	p, err := ParseOID(string(b))
	if err != nil {
		return err
	}
	*o = p
	return nil
}

func truncate(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}
