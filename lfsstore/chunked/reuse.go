package chunked

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"time"
)

// An upload that deduplicates against a stored chunk is acknowledged only
// if that stored copy is readable: otherwise a flipped bit in a pack, or
// a pack gc removed, turns every later upload sharing the chunk into an
// object that was accepted but cannot be read back. So Put compares every
// reused chunk's stored bytes with the bytes it just received, and when
// they differ (or the pack is gone) it stores the received bytes again in
// its own new pack and points the manifest there.
//
// Reading back costs a read of the reused bytes. It is skipped for copies
// this process itself wrote or checked less than trustGood (10 minutes)
// ago: a long-running server does not re-read what it stored a minute
// earlier (on a local disk that read would come from the page cache and
// prove nothing anyway), while older copies, and every copy another
// process wrote, are read back.
// The reads are sequential: a miss fetches a segment of the pack from the
// chunk on (readahead grows from 1 MiB to maxSegment while the reused
// chunks keep following each other, as in the next version of a
// checkpoint), and the chunks that follow are compared from it.

// trustGood is how long a copy this process wrote or read back counts as
// good without another read.
var trustGood = 10 * time.Minute

const minReadahead = 1 << 20

// reuseCheck compares reused chunks with their stored copies for one Put.
type reuseCheck struct {
	s   *Store
	ctx context.Context
	now int64 // unix ns at the start of the Put

	pack      PackID
	start     int64  // pack offset of seg[0]
	seg       []byte // cached bytes of pack
	readahead int64

	read, checked, skipped, bad int64 // bytes read; chunks compared, trusted, found bad
}

func newReuseCheck(ctx context.Context, s *Store) *reuseCheck {
	return &reuseCheck{s: s, ctx: ctx, now: time.Now().UnixNano(), readahead: minReadahead}
}

// good reports whether the stored copy at sl holds data. A copy known to
// be good is not read. An error means the store could not be read (not
// that the copy is bad).
func (v *reuseCheck) good(id ChunkID, sl slot, data []byte) (bool, error) {
	if sl.good != 0 && v.now-sl.good < int64(trustGood) {
		v.skipped++
		return true, nil
	}
	v.checked++
	loc := sl.Location
	end := loc.Offset + int64(loc.Length)
	if v.pack != loc.Pack || loc.Offset < v.start || end > v.start+int64(len(v.seg)) {
		if err := v.fill(loc); err != nil {
			return false, err
		}
	}
	var stored []byte
	if loc.Offset >= v.start && end <= v.start+int64(len(v.seg)) {
		stored = v.seg[loc.Offset-v.start : end-v.start]
	}
	if !bytes.Equal(stored, data) {
		v.bad++
		v.s.forget(id, loc)
		return false, nil
	}
	v.s.markGood(id, loc, v.now)
	return true, nil
}

// fill reads the segment of loc's pack that starts at loc. A pack that is
// gone or shorter than its index leaves the segment short, so the chunks
// it lacks compare as bad.
func (v *reuseCheck) fill(loc Location) error {
	if v.pack == loc.Pack && loc.Offset == v.start+int64(len(v.seg)) {
		v.readahead = min(2*v.readahead, maxSegment) // sequential: read further ahead
	} else {
		v.readahead = minReadahead
	}
	length := max(int64(loc.Length), min(v.readahead, v.s.packEnd(loc.Pack)-loc.Offset))
	v.pack, v.start = loc.Pack, loc.Offset
	if int64(cap(v.seg)) < length {
		v.seg = make([]byte, 0, max(length, maxSegment))
	}
	v.seg = v.seg[:length]
	rc, err := v.s.b.Get(v.ctx, packName(loc.Pack), loc.Offset, length)
	if errors.Is(err, fs.ErrNotExist) {
		v.seg = v.seg[:0]
		return nil
	}
	if err != nil {
		v.seg = v.seg[:0]
		return fmt.Errorf("read back pack %s: %w", loc.Pack, err)
	}
	n, err := io.ReadFull(rc, v.seg)
	rc.Close()
	v.seg = v.seg[:n]
	v.read += int64(n)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		v.seg = v.seg[:0]
		return fmt.Errorf("read back pack %s: %w", loc.Pack, err)
	}
	return nil
}

// packEnd is the end of the last chunk the loaded index of p lists.
func (s *Store) packEnd(p PackID) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	es := s.packs[p]
	if len(es) == 0 {
		return 0
	}
	last := es[len(es)-1] // every writer lists a pack's chunks in offset order
	return last.Offset + int64(last.Length)
}

// markGood records that the copy of id at loc was just found good.
func (s *Store) markGood(id ChunkID, loc Location, now int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sl, ok := s.idx[id]; ok && sl.Location == loc {
		sl.good = now
		s.idx[id] = sl
	}
}

// forget drops a copy found bad from the in-memory index, so that this
// process stops deduplicating against it; the upload that found it stores
// the chunk again and its new pack takes the slot.
func (s *Store) forget(id ChunkID, loc Location) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sl, ok := s.idx[id]; ok && sl.Location == loc {
		delete(s.idx, id)
	}
}
