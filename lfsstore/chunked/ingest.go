package chunked

import (
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/git-repro/git-repro/lfsstore/cdc"
	"github.com/zeebo/blake3"
)

// The ingest pipeline. SHA-256 of the whole object is inherently serial,
// and on this hardware it is the slowest step (~1.6 GB/s with SHA-NI);
// chunking (~2 GB/s) and BLAKE3 (~3 GB/s) together are slower still if
// they run on the same core. So they run on different goroutines:
//
//	cutter (reads 1 MiB) ──┬──> sha256 (one goroutine, in order)
//	                       └──> hashers (GOMAXPROCS, BLAKE3) ──> sink (in order)
//
// Reads are 1 MiB (a read() costs microseconds; small reads would
// dominate). The cutter reads each block straight into a buffer behind the
// unfinished tail of the previous one, so a chunk is always contiguous and
// the bytes are copied once, by the read itself. A buffer is shared by the
// SHA-256 goroutine, the sink and the cutter (for the tail), and goes back
// to the pool when all three are done with it.

const blockSize = 1 << 20

// chunkRef is one chunk inside a batch buffer.
type chunkRef struct {
	off, n int
	id     ChunkID
}

// batch is a run of whole chunks, contiguous in buf.
type batch struct {
	ref    *bufRef
	chunks []chunkRef
	done   chan struct{} // closed when every chunk's id is set
}

// bufRef is a pooled, reference-counted buffer.
type bufRef struct {
	buf  []byte
	refs atomic.Int32
}

var bufPool sync.Pool

func getBuf(capacity, refs int) *bufRef {
	b, ok := bufPool.Get().(*bufRef)
	if !ok || cap(b.buf) < capacity {
		b = &bufRef{buf: make([]byte, capacity)}
	}
	b.buf = b.buf[:cap(b.buf)]
	b.refs.Store(int32(refs))
	return b
}

func (b *bufRef) release() {
	if b.refs.Add(-1) == 0 {
		bufPool.Put(b)
	}
}

// shaView is newly read data for the SHA-256 goroutine.
type shaView struct {
	ref  *bufRef
	data []byte
}

// errTooLong reports that the reader produced more than the limit.
var errTooLong = errors.New("more data than declared")

// ingest reads at most limit bytes from r (returning errTooLong if there
// are more), cutting them into chunks with ch and hashing every chunk with
// BLAKE3 and the whole stream with SHA-256. sink receives the chunks in
// stream order on the calling goroutine; the chunk bytes are valid only
// during the call. It returns the byte count and the SHA-256.
func ingest(ctx context.Context, r io.Reader, limit int64, ch *cdc.Chunker, sink func(data []byte, c chunkRef) error) (int64, [32]byte, error) {
	var sum [32]byte
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	fail := func(err error) { cancel(err) }

	toSHA := make(chan shaView, 4)
	toHash := make(chan *batch, 8)
	toSink := make(chan *batch, 16)
	var wg sync.WaitGroup
	var total int64

	// sha256
	shaDone := make(chan struct{})
	go func() {
		defer close(shaDone)
		h := sha256.New()
		for v := range toSHA {
			h.Write(v.data)
			v.ref.release()
		}
		h.Sum(sum[:0])
	}()

	// cutter: reads, cuts, hands out
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(toSHA)
		defer close(toHash)
		defer close(toSink)
		max := ch.Max()
		var prev *bufRef // holds the carry; the cutter's reference
		var carry []byte
		defer func() {
			if prev != nil {
				prev.release()
			}
		}()
		for {
			if ctx.Err() != nil {
				return
			}
			// Three references: SHA-256, the sink, and the cutter itself
			// until the tail has been copied into the next buffer.
			cur := getBuf(max+blockSize, 3)
			buf := cur.buf
			cl := copy(buf, carry)
			n, rerr := io.ReadFull(r, buf[cl:cl+blockSize])
			if prev != nil {
				prev.release()
			}
			prev, carry = cur, nil
			if total+int64(n) > limit {
				fail(errTooLong)
				cur.release() // sink's
				cur.release() // sha's
				return
			}
			total += int64(n)
			final := rerr == io.EOF || rerr == io.ErrUnexpectedEOF
			if rerr != nil && !final {
				fail(rerr)
				cur.release()
				cur.release()
				return
			}
			data := buf[:cl+n]
			if n > 0 {
				select {
				case toSHA <- shaView{cur, data[cl:]}:
				case <-ctx.Done():
					cur.release()
					cur.release()
					return
				}
			} else {
				cur.release()
			}
			bt := &batch{ref: cur, done: make(chan struct{})}
			off := 0
			for {
				rest := data[off:]
				if len(rest) == 0 || (!final && len(rest) < max) {
					break
				}
				c := ch.Cut(rest)
				bt.chunks = append(bt.chunks, chunkRef{off: off, n: c})
				off += c
			}
			carry = data[off:]
			select {
			case toSink <- bt:
			case <-ctx.Done():
				cur.release()
				return
			}
			select {
			case toHash <- bt:
			case <-ctx.Done():
				return
			}
			if final {
				return
			}
		}
	}()

	// hashers
	for i := 0; i < runtime.GOMAXPROCS(0); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for bt := range toHash {
				for j := range bt.chunks {
					c := &bt.chunks[j]
					c.id = blake3.Sum256(bt.ref.buf[c.off : c.off+c.n])
				}
				close(bt.done)
			}
		}()
	}

	// sink, on this goroutine, in order
	var sinkErr error
	for bt := range toSink {
		if sinkErr == nil && ctx.Err() == nil {
			select {
			case <-bt.done:
				for _, c := range bt.chunks {
					if err := sink(bt.ref.buf[c.off:c.off+c.n], c); err != nil {
						sinkErr = err
						fail(err)
						break
					}
				}
			case <-ctx.Done():
			}
		}
		bt.ref.release()
	}
	wg.Wait()
	<-shaDone
	if sinkErr != nil {
		return total, sum, sinkErr
	}
	if err := context.Cause(ctx); err != nil {
		return total, sum, err
	}
	return total, sum, nil
}
