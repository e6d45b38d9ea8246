package chunked

import (
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

// objectLocker implements the store lock with lock blobs, for backends
// such as S3 that have no native locks (the scheme restic uses): a holder
// writes locks/<kind>-<random> holding the time by its own clock, and
// rewrites it every lockRefresh while it holds the lock; a lock blob whose
// written time is older than lockStale is left from a crashed process and
// ignored. The age is judged by the time written in the blob, not by the
// object store's modification time, so an object store whose clock is
// off cannot make a live lock look stale (the clocks of the machines
// sharing a store must agree to well within lockStale, as NTP keeps them).
//
// A holder whose refresh fails, or that has not refreshed for lockStale/2,
// loses the lock: the context Lock returned is cancelled, so the holder
// stops before anyone could take its lock for dead.
//
// With a strongly consistent backend (S3 is), a writer and gc that start
// together both see each other's blob and one of them backs off, so they
// never both proceed.
type objectLocker struct {
	b   Backend
	now func() time.Time
}

var (
	lockRefresh = time.Minute
	lockStale   = 5 * time.Minute
)

func (l *objectLocker) stamp() []byte {
	return []byte(l.now().UTC().Format(time.RFC3339Nano))
}

func (l *objectLocker) Lock(ctx context.Context, exclusive bool) (context.Context, func(), error) {
	kind := "shared"
	if exclusive {
		kind = "exclusive"
	}
	var rnd [12]byte
	rand.Read(rnd[:])
	name := "locks/" + kind + "-" + hex.EncodeToString(rnd[:])
	delay := 5 * time.Millisecond
	for {
		if err := l.b.PutBytes(ctx, name, l.stamp()); err != nil {
			return nil, nil, fmt.Errorf("lock store: %w", err)
		}
		conflict, err := l.conflicts(ctx, name, exclusive)
		if err != nil {
			l.b.Delete(context.WithoutCancel(ctx), name)
			return nil, nil, err
		}
		if !conflict {
			break
		}
		l.b.Delete(context.WithoutCancel(ctx), name)
		select {
		case <-ctx.Done():
			return nil, nil, fmt.Errorf("lock store: %w", ctx.Err())
		case <-time.After(delay + time.Duration(rnd[0])*time.Millisecond/8):
		}
		delay = min(delay*2, time.Second)
	}
	held, stop := keepFresh(ctx, func(ctx context.Context) error {
		return l.b.PutBytes(ctx, name, l.stamp())
	})
	var once sync.Once
	return held, func() {
		once.Do(func() {
			stop()
			l.b.Delete(context.WithoutCancel(ctx), name)
		})
	}, nil
}

// conflicts reports whether another live lock blob excludes ours: any
// other lock if we are exclusive, an exclusive one if we are shared.
func (l *objectLocker) conflicts(ctx context.Context, self string, exclusive bool) (bool, error) {
	var others []Blob
	err := l.b.List(ctx, "locks/", func(bl Blob) error {
		if bl.Name != self && (exclusive || strings.HasPrefix(bl.Name, "locks/exclusive-")) {
			others = append(others, bl)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("lock store: list locks: %w", err)
	}
	now := l.now()
	for _, bl := range others {
		raw, err := readBlob(ctx, l.b, bl.Name)
		if errors.Is(err, fs.ErrNotExist) {
			continue // released
		}
		if err != nil {
			return false, fmt.Errorf("lock store: read %s: %w", bl.Name, err)
		}
		if t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(string(raw))); err == nil {
			if now.Sub(t) < lockStale {
				return true, nil
			}
		} else if time.Since(bl.ModTime) < lockStale {
			return true, nil // not ours to judge by content: by the blob's age
		}
	}
	return false, nil
}
