package gc

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/storetest"
)

func TestQuotaCheckAndCredit(t *testing.T) {
	ledger := filepath.Join(t.TempDir(), "quota.json")
	limit := func(repo string) (int64, bool) { return 1000, repo == "ml/models" }
	server, err := NewQuota(ledger, limit)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	a := lfsstore.Info{OID: storetest.Object([]byte("a")), Size: 600}
	b := lfsstore.Info{OID: storetest.Object([]byte("b")), Size: 600}
	if err := server.CheckUpload(ctx, "ml/models", []lfsstore.Info{a}); err != nil {
		t.Fatal(err)
	}
	server.Stored(ctx, "ml/models", a)
	server.Stored(ctx, "ml/models", a) // counted once
	err = server.CheckUpload(ctx, "ml/models", []lfsstore.Info{a, b})
	if err == nil || !strings.Contains(err.Error(), b.OID.String()) || strings.Contains(err.Error(), a.OID.String()) {
		t.Fatalf("over quota: %v; want a message naming only the object that does not fit", err)
	}
	if err := server.CheckUpload(ctx, "other/repo", []lfsstore.Info{b, b, b}); err != nil {
		t.Errorf("a repository without a quota was refused: %v", err)
	}

	// gc, another process, credits a removed object back; the server
	// sees it on its next check.
	gcSide, err := NewQuota(ledger, limit)
	if err != nil {
		t.Fatal(err)
	}
	if gcSide.Usage("ml/models") != 600 {
		t.Fatalf("a second reader of the ledger sees %d bytes used, want 600", gcSide.Usage("ml/models"))
	}
	if err := gcSide.Forget([]lfsstore.OID{a.OID}); err != nil {
		t.Fatal(err)
	}
	if u := server.Usage("ml/models"); u != 0 {
		t.Errorf("server still counts %d bytes after gc credited them back", u)
	}
	if err := server.CheckUpload(ctx, "ml/models", []lfsstore.Info{b}); err != nil {
		t.Errorf("after the credit, b should fit: %v", err)
	}
	// A reopened ledger keeps what was written.
	server.Stored(ctx, "ml/models", b)
	again, err := NewQuota(ledger, limit)
	if err != nil || again.Usage("ml/models") != 600 {
		t.Errorf("reopened ledger: %d, %v", again.Usage("ml/models"), err)
	}
}
