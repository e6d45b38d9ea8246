package gc

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/storetest"
)

func info(name string, size int64) lfsstore.Info {
	return lfsstore.Info{OID: storetest.Object([]byte(name)), Size: size}
}

func usage(t *testing.T, q *Quota, repo string) int64 {
	t.Helper()
	n, err := q.Usage(repo)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestQuotaCheckAndCredit(t *testing.T) {
	ledger := filepath.Join(t.TempDir(), "quota.ledger")
	limit := func(repo string) (int64, bool) { return 1000, repo == "ml/models" }
	server, err := NewQuota(ledger, limit)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	until := time.Now().Add(time.Hour)
	a, b := info("a", 600), info("b", 600)
	if err := server.Reserve(ctx, "ml/models", []lfsstore.Info{a}, until); err != nil {
		t.Fatal(err)
	}
	for range 2 { // counted once
		if err := server.Stored(ctx, "ml/models", a); err != nil {
			t.Fatal(err)
		}
	}
	err = server.Reserve(ctx, "ml/models", []lfsstore.Info{a, b}, until)
	if err == nil || !strings.Contains(err.Error(), b.OID.String()) || strings.Contains(err.Error(), a.OID.String()) {
		t.Fatalf("over quota: %v; want a message naming only the object that does not fit", err)
	}
	if err := server.Reserve(ctx, "other/repo", []lfsstore.Info{b, b, b}, until); err != nil {
		t.Errorf("a repository without a quota was refused: %v", err)
	}

	// gc, another process, credits a removed object back; the server
	// sees it on its next check.
	gcSide, err := NewQuota(ledger, limit)
	if err != nil {
		t.Fatal(err)
	}
	if n := usage(t, gcSide, "ml/models"); n != 600 {
		t.Fatalf("a second reader of the ledger sees %d bytes used, want 600", n)
	}
	if err := gcSide.Forget([]lfsstore.OID{a.OID}); err != nil {
		t.Fatal(err)
	}
	if n := usage(t, server, "ml/models"); n != 0 {
		t.Errorf("server still counts %d bytes after gc credited them back", n)
	}
	if err := server.Reserve(ctx, "ml/models", []lfsstore.Info{b}, until); err != nil {
		t.Errorf("after the credit, b should fit: %v", err)
	}
	// A reopened ledger keeps what was written.
	if err := server.Stored(ctx, "ml/models", b); err != nil {
		t.Fatal(err)
	}
	again, err := NewQuota(ledger, limit)
	if err != nil || usage(t, again, "ml/models") != 600 {
		t.Errorf("reopened ledger: %v", err)
	}
	if repos, err := again.Repos(); err != nil || strings.Join(repos, ",") != "ml/models" {
		t.Errorf("repos %q, %v", repos, err)
	}
}

// The security review: two pushes checked at the same moment each fitted
// on its own and together passed the quota. Reservations add up, across
// processes: of ten batches of 300 bytes against 1000, racing from two
// processes, three get through. A lapsed or released reservation frees
// its room.
func TestQuotaReservationsAddUp(t *testing.T) {
	ledger := filepath.Join(t.TempDir(), "quota.ledger")
	limit := func(string) (int64, bool) { return 1000, true }
	now := time.Now()
	clock := func() time.Time { return now }
	var qs []*Quota
	for range 2 {
		q, err := NewQuota(ledger, limit)
		if err != nil {
			t.Fatal(err)
		}
		q.Now = clock
		qs = append(qs, q)
	}
	ctx := context.Background()
	until := now.Add(time.Hour)
	var mu sync.Mutex
	var ok []lfsstore.Info
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Go(func() {
			o := info(fmt.Sprint(i), 300)
			if qs[i%2].Reserve(ctx, "ml/models", []lfsstore.Info{o}, until) == nil {
				mu.Lock()
				ok = append(ok, o)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(ok) != 3 {
		t.Fatalf("%d parallel batches of 300 bytes got through a 1000-byte quota, want 3", len(ok))
	}
	// One upload is refused for its content: its room is free again.
	if err := qs[0].Release(ctx, "ml/models", ok[0]); err != nil {
		t.Fatal(err)
	}
	if err := qs[1].Reserve(ctx, "ml/models", []lfsstore.Info{info("x", 300)}, until); err != nil {
		t.Fatalf("after a release: %v", err)
	}
	if err := qs[1].Reserve(ctx, "ml/models", []lfsstore.Info{info("y", 300)}, until); err == nil {
		t.Fatal("a fourth 300-byte reservation fitted in 1000 bytes")
	}
	// The rest are stored; usage counts them once.
	for _, o := range ok[1:] {
		if err := qs[0].Stored(ctx, "ml/models", o); err != nil {
			t.Fatal(err)
		}
	}
	if n := usage(t, qs[1], "ml/models"); n != 600 {
		t.Errorf("usage %d, want 600", n)
	}
	// Once the upload links expired, an unused reservation is no room.
	now = until.Add(time.Second)
	if err := qs[1].Reserve(ctx, "ml/models", []lfsstore.Info{info("y", 300)}, now.Add(time.Hour)); err != nil {
		t.Errorf("an expired reservation still takes room: %v", err)
	}
}

// Every change appends a line to the ledger instead of rewriting every
// repository's usage; a line torn by a crash is dropped; a ledger grown to
// many times its live content is rewritten with one line per record.
func TestQuotaLedgerAppendsAndCompacts(t *testing.T) {
	ledger := filepath.Join(t.TempDir(), "quota.ledger")
	q, err := NewQuota(ledger, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := q.Stored(ctx, "ml/a", info("a", 1)); err != nil {
		t.Fatal(err)
	}
	first, _ := os.ReadFile(ledger)
	ino := func() uint64 {
		fi, err := os.Stat(ledger)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Sys().(*syscall.Stat_t).Ino
	}
	before := ino()
	if err := q.Stored(ctx, "", info("b", 2)); err != nil {
		t.Fatal(err)
	}
	second, _ := os.ReadFile(ledger)
	want := string(first) + "+ / " + info("b", 2).OID.String() + " 2\n"
	if string(second) != want || ino() != before {
		t.Fatalf("ledger after one more upload:\n%s\nwant the old content plus one line, in place:\n%s", second, want)
	}
	// A crash mid-append leaves half a line.
	f, _ := os.OpenFile(ledger, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("+ ml/a 0123")
	f.Close()
	other, err := NewQuota(ledger, nil)
	if err != nil || usage(t, other, "ml/a") != 1 {
		t.Fatalf("reading past a torn line: %v", err)
	}
	if err := other.Stored(ctx, "ml/a", info("c", 4)); err != nil {
		t.Fatal(err)
	}
	if n := usage(t, q, "ml/a"); n != 5 {
		t.Fatalf("after an append over the torn line: usage %d, want 5", n)
	}
	// Churn: store and forget 2000 objects; the ledger is compacted.
	for i := range 2000 {
		o := info(fmt.Sprint("churn", i), 10)
		if err := q.Stored(ctx, "ml/a", o); err != nil {
			t.Fatal(err)
		}
		if err := q.Forget([]lfsstore.OID{o.OID}); err != nil {
			t.Fatal(err)
		}
	}
	b, _ := os.ReadFile(ledger)
	if lines := strings.Count(string(b), "\n"); lines > 1100 {
		t.Errorf("ledger has %d lines after churn; compaction should keep it near its 3 live records", lines)
	}
	if n := usage(t, other, "ml/a"); n != 5 {
		t.Errorf("another process after compaction: usage %d, want 5", n)
	}
	if n := usage(t, other, ""); n != 2 {
		t.Errorf("root repository: usage %d, want 2", n)
	}
}

func TestQuotaLegacyJSON(t *testing.T) {
	ledger := filepath.Join(t.TempDir(), "quota.json")
	a := info("a", 600)
	os.WriteFile(ledger, []byte(fmt.Sprintf(`{"ml/models": {%q: 600}}`, a.OID)), 0o644)
	q, err := NewQuota(ledger, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := usage(t, q, "ml/models"); n != 600 {
		t.Fatalf("legacy ledger: usage %d", n)
	}
	if b, _ := os.ReadFile(ledger); !strings.HasPrefix(string(b), quotaHeader) {
		t.Errorf("legacy ledger not converted:\n%s", b)
	}
}

// The ledger's write errors reach the caller (they used to be dropped, so
// usage silently went uncounted).
func TestQuotaWriteErrorsReturned(t *testing.T) {
	ledger := filepath.Join(t.TempDir(), "quota.ledger")
	q, err := NewQuota(ledger, nil)
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(ledger)
	if err := os.Mkdir(ledger, 0o755); err != nil { // something no append can write to
		t.Fatal(err)
	}
	if err := q.Stored(context.Background(), "ml/a", info("a", 1)); err == nil {
		t.Fatal("Stored into an unwritable ledger reported success")
	}
}

// FuzzQuotaLedger: the ledger is read from disk; whatever it holds, no
// panic, and a ledger that loads keeps loading after an append.
func FuzzQuotaLedger(f *testing.F) {
	a := info("a", 1).OID
	f.Add(quotaHeader + "+ ml/a " + a.String() + " 5\n- " + a.String() + "\n")
	f.Add(quotaHeader + "r / " + a.String() + " 5 99\nx / " + a.String() + "\n+ x")
	f.Add(`{"ml/a": {"` + a.String() + `": 3}}`)
	f.Fuzz(func(t *testing.T, content string) {
		ledger := filepath.Join(t.TempDir(), "quota.ledger")
		os.WriteFile(ledger, []byte(content), 0o644)
		q, err := NewQuota(ledger, func(string) (int64, bool) { return 100, true })
		if err != nil {
			return
		}
		if err := q.Stored(context.Background(), "ml/a", info("b", 1)); err != nil {
			t.Fatalf("append to a ledger that loaded: %v", err)
		}
		if _, err := NewQuota(ledger, nil); err != nil {
			t.Fatalf("reload after an append: %v", err)
		}
	})
}
