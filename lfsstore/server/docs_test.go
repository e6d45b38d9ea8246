package server

import (
	"os"
	"regexp"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

// TestDocsAuthExample keeps the users file example in docs/lfs.md valid
// and meaning what the text says.
func TestDocsAuthExample(t *testing.T) {
	b, err := os.ReadFile("../../docs/lfs.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindSubmatch(b)
	if m == nil {
		t.Fatal("docs/lfs.md has no yaml example")
	}
	a, err := ParseAuth(m[1])
	if err != nil {
		t.Fatalf("docs/lfs.md users file example: %v", err)
	}
	if !a.Authenticate("alice", "example-alice") || !a.Authenticate("ci", "example-ci") {
		t.Error("example hashes do not match the passwords example-alice and example-ci")
	}
	for _, c := range []struct {
		user, repo string
		want       Access
	}{
		{"alice", "ml/models", AdminAccess}, {"alice", "ml/data", WriteAccess}, {"alice", "other/x", ReadAccess},
		{"alice", "", ReadAccess}, {"ci", "ml/data", ReadAccess}, {"ci", "ml/secret", NoAccess},
		{"ci", "other/x", NoAccess}, {"", "public/x", ReadAccess}, {"", "ml/data", NoAccess},
	} {
		if got := a.AccessFor(c.user, c.repo); got != c.want {
			t.Errorf("example: %q on %q = %s, want %s", c.user, c.repo, got, c.want)
		}
	}
}

// TestHtpasswdHashes: the docs offer "htpasswd -nbB", which writes $2y$
// hashes (the same algorithm as $2a$ under another name).
func TestHtpasswdHashes(t *testing.T) {
	h, err := bcrypt.GenerateFromPassword([]byte("pw"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	y := "$2y$" + string(h[4:])
	a, err := ParseAuth([]byte("users:\n  - name: u\n    password: \"" + y + "\"\n    access: {\"*\": read}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !a.Authenticate("u", "pw") || a.Authenticate("u", "px") {
		t.Error("$2y$ hash not checked correctly")
	}
}
