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
// writes locks/<kind>-<random> and refreshes it while it holds the lock;
// a lock blob older than lockStale is left from a crashed process and
// ignored. With a strongly consistent backend (S3 is), a writer and gc
// that start together both see each other's blob and one of them backs
// off, so they never both proceed.
type objectLocker struct {
	b Backend
}

var (
	lockRefresh = time.Minute
	lockStale   = 5 * time.Minute
)

func (l *objectLocker) Lock(ctx context.Context, exclusive bool) (func(), error) {
	kind := "shared"
	if exclusive {
		kind = "exclusive"
	}
	var rnd [12]byte
	rand.Read(rnd[:])
	name := "locks/" + kind + "-" + hex.EncodeToString(rnd[:])
	delay := 5 * time.Millisecond
	for {
		if err := l.b.PutBytes(ctx, name, []byte(time.Now().UTC().Format(time.RFC3339Nano))); err != nil {
			return nil, fmt.Errorf("lock store: %w", err)
		}
		conflict, err := l.conflicts(ctx, name, exclusive)
		if err != nil {
			l.b.Delete(context.WithoutCancel(ctx), name)
			return nil, err
		}
		if !conflict {
			break
		}
		l.b.Delete(context.WithoutCancel(ctx), name)
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("lock store: %w", ctx.Err())
		case <-time.After(delay + time.Duration(rnd[0])*time.Millisecond/8):
		}
		delay = min(delay*2, time.Second)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(lockRefresh)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				l.b.PutBytes(context.Background(), name, []byte(time.Now().UTC().Format(time.RFC3339Nano)))
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			close(stop)
			wg.Wait()
			l.b.Delete(context.Background(), name)
		})
	}, nil
}

// conflicts reports whether another live lock blob excludes ours: any
// other lock if we are exclusive, an exclusive one if we are shared.
func (l *objectLocker) conflicts(ctx context.Context, self string, exclusive bool) (bool, error) {
	conflict := false
	stale := time.Now().Add(-lockStale)
	err := l.b.List(ctx, "locks/", func(bl Blob) error {
		if bl.Name == self || bl.ModTime.Before(stale) {
			return nil
		}
		if exclusive || strings.HasPrefix(bl.Name, "locks/exclusive-") {
			conflict = true
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("lock store: list locks: %w", err)
	}
	return conflict, nil
}
