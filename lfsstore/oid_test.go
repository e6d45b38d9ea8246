package lfsstore

import (
	"strings"
	"testing"
)

func TestParseOID(t *testing.T) {
	good := "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	o, err := ParseOID(good)
	if err != nil || o.String() != good {
		t.Fatalf("ParseOID(%q) = %s, %v", good, o, err)
	}
	for _, bad := range []string{
		"", good[:63], good + "0", strings.ToUpper(good), good[:63] + "g",
		"../../../../etc/passwd" + good[22:], good[:32] + "/" + good[33:], " " + good[1:],
	} {
		if _, err := ParseOID(bad); err == nil {
			t.Errorf("ParseOID(%q) succeeded, want an error", bad)
		}
	}
}

func FuzzParseOID(f *testing.F) {
	f.Add("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
	f.Add("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")
	f.Add("../x")
	f.Fuzz(func(t *testing.T, s string) {
		o, err := ParseOID(s)
		if err != nil {
			return
		}
		if o.String() != s {
			t.Fatalf("ParseOID(%q) round-trips to %q", s, o.String())
		}
	})
}
