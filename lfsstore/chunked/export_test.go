package chunked

import (
	"context"
	"time"
)

// SetLockTiming shortens the lock and lease refresh and staleness periods
// for the external tests (s3lock_test.go); it returns a function that
// restores them.
func SetLockTiming(refresh, stale time.Duration) (restore func()) {
	r, s := lockRefresh, lockStale
	lockRefresh, lockStale = refresh, stale
	return func() { lockRefresh, lockStale = r, s }
}

// OnLease sets the hook called when an upload's lease names more packs,
// with the lease's context (done when the lease lapses).
func (s *Store) OnLease(f func(context.Context, []PackID)) { s.onLease = f }

// ManifestPacks lists the packs an object's manifest names.
func (s *Store) ManifestPacks(oid [32]byte) ([]PackID, error) {
	m, err := s.readManifest(context.Background(), oid)
	if err != nil {
		return nil, err
	}
	var ps []PackID
	for _, e := range m.Entries {
		ps = append(ps, e.Pack)
	}
	return ps, nil
}

// ReadBack fails the test unless c reads back from s whole.
var ReadBack = readBack
