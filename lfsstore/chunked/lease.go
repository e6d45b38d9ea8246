package chunked

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"time"
)

// Leases let gc run while uploads are in flight without collecting what
// they use. An upload reads its body without holding the store lock (a
// stalled client must not hold up gc), so gc cannot wait for it; instead
// the upload names, in a lease blob, every pack it deduplicates against or
// writes, before it reads from or writes to that pack, and gc keeps the
// packs of every live lease. The upload takes the shared lock for a moment
// each time its lease grows (so gc either sees the new packs or is done
// before the upload reads from them) and to commit, when it checks that
// every pack its manifest names is still there (commit in store.go).
//
// A lease is live while its holder runs. On a local directory the holder
// keeps an flock on a companion file, so a killed process's lease is dead
// at once. On other backends the holder rewrites the lease with its clock
// every lockRefresh and a lease whose written time is older than
// lockStale is dead; if a rewrite fails, or none succeeds for lockStale/2,
// the holder's context is cancelled and the upload fails before anyone
// could take its lease for dead.
//
// Encoding (text): "git-repro-lease 1\n", "time <RFC 3339 UTC>\n", then
// one "pack <id>\n" per pack.

const leaseMagic = "git-repro-lease 1\n"

// heldSuffix names the companion file whose flock says a lease's holder
// runs (Dir on Unix).
const heldSuffix = ".held"

// holder is implemented by backends that can tell whether the process
// that wrote a blob still runs (Dir: flock on "<name>.held").
type holder interface {
	hold(name string) (release func(), err error)
	held(name string) (bool, error)
}

type lease struct {
	s    *Store
	name string
	ctx  context.Context // cancelled when the lease lapsed

	mu    sync.Mutex
	packs []PackID
	have  map[PackID]bool // on the lease; false if found gone when leased

	stop    func() // ends refreshing and releases the hold
	written time.Time
}

func newLeaseName() string {
	var rnd [12]byte
	rand.Read(rnd[:])
	return "leases/" + hex.EncodeToString(rnd[:])
}

// lease starts a lease for an upload. Its context is ctx, cancelled
// when the lease lapses.
func (s *Store) lease(ctx context.Context) (*lease, error) {
	l := &lease{s: s, name: newLeaseName(), have: map[PackID]bool{}}
	if err := s.b.PutBytes(ctx, l.name, l.encode(s.now())); err != nil {
		return nil, fmt.Errorf("start upload lease: %w", err)
	}
	if h, ok := s.b.(holder); ok {
		release, err := h.hold(l.name)
		if err != nil {
			s.b.Delete(context.WithoutCancel(ctx), l.name)
			return nil, fmt.Errorf("start upload lease: %w", err)
		}
		l.ctx, l.stop = ctx, release
		return l, nil
	}
	l.ctx, l.stop = keepFresh(ctx, func(ctx context.Context) error {
		l.mu.Lock()
		b := l.encode(s.now())
		l.mu.Unlock()
		return s.b.PutBytes(ctx, l.name, b)
	})
	return l, nil
}

func (l *lease) encode(now time.Time) []byte {
	var b bytes.Buffer
	b.WriteString(leaseMagic)
	b.WriteString("time " + now.UTC().Format(time.RFC3339Nano) + "\n")
	for _, p := range l.packs {
		b.WriteString("pack " + p.String() + "\n")
	}
	return b.Bytes()
}

// add puts a pack the upload writes on the lease, and returns once the
// lease blob names it.
func (l *lease) add(p PackID) error {
	_, err := l.put(p, false)
	return err
}

// use puts a pack the upload reads from (deduplicates against) on the
// lease and reports whether the pack is still there: gc may have removed
// it since the upload synced the index. The answer is remembered.
func (l *lease) use(p PackID) (bool, error) {
	return l.put(p, true)
}

func (l *lease) put(p PackID, check bool) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if exists, ok := l.have[p]; ok {
		return exists, nil
	}
	if err := l.ctx.Err(); err != nil {
		return false, fmt.Errorf("upload lease lapsed: %w", context.Cause(l.ctx))
	}
	// Under the shared lock, so that gc (exclusive) either sees the pack
	// on the lease or has finished removing what it removes before the
	// pack's existence is checked here.
	ctx, unlock, err := l.s.lock(l.ctx, false)
	if err != nil {
		return false, err
	}
	defer unlock()
	l.packs = append(l.packs, p)
	if err := l.s.b.PutBytes(ctx, l.name, l.encode(l.s.now())); err != nil {
		l.packs = l.packs[:len(l.packs)-1]
		return false, fmt.Errorf("extend upload lease: %w", err)
	}
	exists := true
	if check {
		if _, err := l.s.b.Stat(ctx, packName(p)); errors.Is(err, fs.ErrNotExist) {
			exists = false
		} else if err != nil {
			return false, err
		}
	}
	l.have[p] = exists
	if l.s.onLease != nil {
		l.s.onLease(l.ctx, append([]PackID(nil), l.packs...))
	}
	return exists, nil
}

func (l *lease) release() {
	l.stop()
	l.s.b.Delete(context.WithoutCancel(l.ctx), l.name)
}

// removeLease removes a dead lease and its companion file.
func removeLease(ctx context.Context, b Backend, name string) error {
	for _, n := range []string{name, name + heldSuffix} {
		if err := b.Delete(ctx, n); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove lease %s: %w", n, err)
		}
	}
	return nil
}

func parseLease(b []byte) (time.Time, []PackID, error) {
	rest, ok := bytes.CutPrefix(b, []byte(leaseMagic))
	if !ok {
		return time.Time{}, nil, errors.New("not a lease")
	}
	var t time.Time
	var packs []PackID
	for i, line := range strings.Split(string(rest), "\n") {
		if line == "" {
			continue
		}
		k, v, _ := strings.Cut(line, " ")
		switch {
		case i == 0 && k == "time":
			var err error
			if t, err = time.Parse(time.RFC3339Nano, v); err != nil {
				return t, nil, fmt.Errorf("lease time: %v", err)
			}
		case i > 0 && k == "pack":
			p, ok := parsePackID(v)
			if !ok {
				return t, nil, fmt.Errorf("lease line %d: bad pack id %q", i+2, v)
			}
			packs = append(packs, p)
		default:
			return t, nil, fmt.Errorf("lease line %d: unexpected %q", i+2, truncate(line))
		}
	}
	if t.IsZero() {
		return t, nil, errors.New("lease without a time")
	}
	return t, packs, nil
}

func truncate(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}

// leaseInfo is one lease as gc and fsck see it.
type leaseInfo struct {
	Blob
	live  bool
	packs []PackID
}

// leases lists the lease blobs and decides which are live: held (Dir),
// or written less than lockStale ago by their holder's clock. A lease
// that does not parse is live while its blob is younger than lockStale.
func (s *Store) leases(ctx context.Context) ([]leaseInfo, error) {
	var out []leaseInfo
	err := s.b.List(ctx, "leases/", func(bl Blob) error {
		if strings.HasSuffix(bl.Name, heldSuffix) {
			return nil
		}
		out = append(out, leaseInfo{Blob: bl})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list upload leases: %w", err)
	}
	h, native := s.b.(holder)
	now := s.now()
	for i := range out {
		li := &out[i]
		raw, err := readBlob(ctx, s.b, li.Name)
		if errors.Is(err, fs.ErrNotExist) {
			continue // released since the listing
		}
		if err != nil {
			return nil, err
		}
		t, packs, perr := parseLease(raw)
		li.packs = packs
		switch {
		case native:
			if li.live, err = h.held(li.Name); err != nil {
				return nil, err
			}
		case perr != nil:
			li.live = now.Sub(li.ModTime) < lockStale
		default:
			li.live = now.Sub(t) < lockStale
		}
	}
	return out, nil
}

// keepFresh calls write every lockRefresh, each call limited to
// lockRefresh/2, until stop is called. The returned context is ctx,
// cancelled (with the write's error as cause) when a write fails or when
// none has succeeded for lockStale/2 (a process stalled or suspended
// must not go on as if it still held what others now take for dead).
func keepFresh(ctx context.Context, write func(context.Context) error) (context.Context, func()) {
	held, cancel := context.WithCancelCause(ctx)
	lapse := time.AfterFunc(lockStale/2, func() {
		cancel(fmt.Errorf("not refreshed for %v", lockStale/2))
	})
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(lockRefresh)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-held.Done():
				return
			case <-t.C:
			}
			wctx, wcancel := context.WithTimeout(context.WithoutCancel(held), lockRefresh/2)
			err := write(wctx)
			wcancel()
			if err != nil {
				cancel(fmt.Errorf("refresh failed: %w", err))
				return
			}
			lapse.Reset(lockStale / 2)
		}
	}()
	var once sync.Once
	return held, func() {
		once.Do(func() {
			close(done)
			wg.Wait()
			lapse.Stop()
			cancel(context.Canceled)
		})
	}
}
