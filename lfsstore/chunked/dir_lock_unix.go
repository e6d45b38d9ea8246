//go:build unix

package chunked

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/git-repro/git-repro/lfsstore/internal/inflight"
)

// Lock implements Locker with flock(2) on root/lock. flock locks belong
// to an open file description, so each call opens its own descriptor and
// locks taken by goroutines of one process conflict like those of
// different processes.
func (d *Dir) Lock(ctx context.Context, exclusive bool) (context.Context, func(), error) {
	f, err := os.OpenFile(filepath.Join(d.root, "lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, nil, err
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	delay := time.Millisecond
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if err == nil {
			return ctx, func() { f.Close() }, nil // closing the descriptor releases the lock
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			f.Close()
			return nil, nil, fmt.Errorf("lock store: %w", err)
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, nil, fmt.Errorf("lock store: %w", ctx.Err())
		case <-time.After(delay):
		}
		delay = min(delay*2, 100*time.Millisecond)
	}
}

// hold implements holder: it takes an flock on "<name>.held" until
// release, which also removes the file.
func (d *Dir) hold(name string) (func(), error) {
	p, err := d.path(name + heldSuffix)
	if err != nil {
		return nil, err
	}
	release, err := inflight.Hold(p)
	if err != nil {
		return nil, fmt.Errorf("hold %s: %w", name, err)
	}
	return func() {
		os.Remove(p)
		release()
	}, nil
}

// held implements holder: is the flock on "<name>.held" taken? A lease
// whose companion file is gone (its holder released it, or has not taken
// it yet and so names no pack) is not held.
func (d *Dir) held(name string) (bool, error) {
	p, err := d.path(name + heldSuffix)
	if err != nil {
		return false, err
	}
	return inflight.Held(p)
}

var (
	_ Locker = (*Dir)(nil)
	_ holder = (*Dir)(nil)
)
