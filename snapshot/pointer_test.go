package snapshot

import (
	"strings"
	"testing"
)

func TestParseLFSPointer(t *testing.T) {
	oid := strings.Repeat("ab", 32)
	good := "version https://git-lfs.github.com/spec/v1\noid sha256:" + oid + "\nsize 12345\n"
	p := ParseLFSPointer([]byte(good))
	if p == nil || p.OID != oid || p.Size != 12345 {
		t.Fatalf("ParseLFSPointer(good) = %+v", p)
	}
	if string(p.Encode()) != good {
		t.Errorf("Encode = %q", p.Encode())
	}
	for _, ok := range []string{
		"version https://git-lfs.github.com/spec/v1\next-0-foo sha256:" + strings.Repeat("0", 64) + "\noid sha256:" + oid + "\nsize 0\n", // an extension
		"version https://git-lfs.github.com/spec/v1\noid sha256:" + oid + "\nsize 12",                                                    // no final newline (git-lfs reads it)
		"version https://hawser.github.com/spec/v1\noid sha256:" + oid + "\nsize 12\n",                                                   // pre-release
	} {
		if p := ParseLFSPointer([]byte(ok)); p == nil || p.OID != oid {
			t.Errorf("ParseLFSPointer(%q) = %+v, want a pointer", ok, p)
		}
	}
	for _, bad := range []string{
		"",
		"version https://git-lfs.github.com/spec/v1\noid sha256:" + oid + "\n",              // no size
		"version https://git-lfs.github.com/spec/v1\nsize 1\noid sha256:" + oid + "\n",      // out of order
		"version https://git-lfs.github.com/spec/v1\noid sha256:" + oid + "\nsize 1\nx y\n", // trailing key
		"version https://example.com/v9\noid sha256:" + oid + "\nsize 1\n",                  // unknown version
		"version https://git-lfs.github.com/spec/v1\noid sha256:" + oid + "\nsize +1\n",     // sign
		"version https://git-lfs.github.com/spec/v1\n",                                      // no oid
		"version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 1\n",              // short oid
		"version https://git-lfs.github.com/spec/v1\noid md5:" + oid + "\nsize 1\n",
		"version https://git-lfs.github.com/spec/v1\noid sha256:" + oid + "\nsize -1\n",
		"version https://git-lfs.github.com/spec/v1\noid sha256:" + oid + "\nsize 1\n" + strings.Repeat("x", 1024),
		"print('version https://git-lfs.github.com/spec/v1')\n",
		"version https://git-lfs.github.com/spec/v1\noid sha256:" + strings.Repeat("z", 64) + "\nsize 1\n",
		"version https://git-lfs.github.com/spec/v1\noid sha256:" + strings.ToUpper(oid) + "\nsize 1\n",
		"version https://git-lfs.github.com/spec/v1\noid sha256:" + oid + "\nsize 99999999999999999999999\n",
	} {
		if p := ParseLFSPointer([]byte(bad)); p != nil {
			t.Errorf("ParseLFSPointer(%q) = %+v, want nil", bad, p)
		}
	}
}

// FuzzParseLFSPointer: never panics, and whatever it accepts re-encodes to
// a pointer it accepts again with the same object.
func FuzzParseLFSPointer(f *testing.F) {
	f.Add([]byte("version https://git-lfs.github.com/spec/v1\noid sha256:" + strings.Repeat("0", 64) + "\nsize 0\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p := ParseLFSPointer(b)
		if p == nil {
			return
		}
		q := ParseLFSPointer(p.Encode())
		if q == nil || *q != *p {
			t.Fatalf("%+v re-encoded to %q, parsed as %+v", p, p.Encode(), q)
		}
	})
}
