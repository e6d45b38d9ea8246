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
//	reader ──block──┬──> sha256 (one goroutine, in order)
//	                └──> cutter ──batch──> hashers (GOMAXPROCS, BLAKE3) ──> sink (in order)
//
// Blocks are 1 MiB reads (a read() costs microseconds; small reads would
// dominate). The cutter copies each block behind the unfinished tail of
// the previous one so a chunk is always contiguous in one batch buffer.

const blockSize = 1 << 20

// chunkRef is one chunk inside a batch buffer.
type chunkRef struct {
	off, n int
	id     ChunkID
}

// batch is a run of whole chunks, contiguous in buf.
type batch struct {
	buf    []byte
	chunks []chunkRef
	done   chan struct{} // closed when every chunk's id is set
}

type block struct {
	buf  []byte
	refs atomic.Int32
}

var blockPool = sync.Pool{New: func() any { return &block{buf: make([]byte, blockSize)} }}

func (b *block) release() {
	if b.refs.Add(-1) == 0 {
		blockPool.Put(b)
	}
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

	toSHA := make(chan *blockView, 4)
	toCut := make(chan *blockView, 4)
	toHash := make(chan *batch, 8)
	toSink := make(chan *batch, 16)
	var wg sync.WaitGroup
	var total int64

	// reader
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(toSHA)
		defer close(toCut)
		for {
			if ctx.Err() != nil {
				return
			}
			b := blockPool.Get().(*block)
			n, err := io.ReadFull(r, b.buf)
			if n > 0 {
				if total+int64(n) > limit {
					blockPool.Put(b)
					fail(errTooLong)
					return
				}
				total += int64(n)
				b.refs.Store(2)
				select {
				case toSHA <- sliceBlock(b, n):
				case <-ctx.Done():
					return
				}
				select {
				case toCut <- sliceBlock(b, n):
				case <-ctx.Done():
					return
				}
			} else {
				blockPool.Put(b)
			}
			if err == io.EOF || err == io.ErrUnexpectedEOF {
				return
			}
			if err != nil {
				fail(err)
				return
			}
		}
	}()

	// sha256
	shaDone := make(chan struct{})
	go func() {
		defer close(shaDone)
		h := sha256.New()
		for v := range toSHA {
			h.Write(v.data())
			v.release()
		}
		h.Sum(sum[:0])
	}()

	// cutter
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(toHash)
		defer close(toSink)
		var carry, carryBuf []byte
		max := ch.Max()
		emit := func(buf []byte, final bool) []byte {
			bt := &batch{buf: buf, done: make(chan struct{})}
			off := 0
			for {
				rest := buf[off:]
				if len(rest) == 0 || (!final && len(rest) < max) {
					break
				}
				n := ch.Cut(rest)
				bt.chunks = append(bt.chunks, chunkRef{off: off, n: n})
				off += n
			}
			// Copy the unfinished tail first: once the batch is sent, the
			// sink may recycle buf.
			carryBuf = append(carryBuf[:0], buf[off:]...)
			select {
			case toSink <- bt:
			case <-ctx.Done():
				return nil
			}
			select {
			case toHash <- bt:
			case <-ctx.Done():
				return nil
			}
			return carryBuf
		}
		for v := range toCut {
			d := v.data()
			buf := getBatchBuf(len(carry)+len(d), max+blockSize)
			copy(buf, carry)
			copy(buf[len(carry):], d)
			v.release()
			carry = emit(buf, false)
			if ctx.Err() != nil {
				for v := range toCut {
					v.release()
				}
				return
			}
		}
		if len(carry) > 0 && ctx.Err() == nil {
			buf := getBatchBuf(len(carry), max+blockSize)
			copy(buf, carry)
			emit(buf, true)
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
					c.id = blake3.Sum256(bt.buf[c.off : c.off+c.n])
				}
				close(bt.done)
			}
		}()
	}

	// sink, on this goroutine, in order
	var sinkErr error
	for bt := range toSink {
		if sinkErr != nil || ctx.Err() != nil {
			continue
		}
		select {
		case <-bt.done:
		case <-ctx.Done():
			continue
		}
		for _, c := range bt.chunks {
			if err := sink(bt.buf[c.off:c.off+c.n], c); err != nil {
				sinkErr = err
				fail(err)
				break
			}
		}
		putBatchBuf(bt.buf)
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

// blockView is a reference to the first n bytes of a pooled block.
type blockView struct {
	b *block
	n int
}

func sliceBlock(b *block, n int) *blockView { return &blockView{b, n} }
func (v *blockView) data() []byte           { return v.b.buf[:v.n] }
func (v *blockView) release()               { v.b.release() }

var batchPool sync.Pool

func getBatchBuf(n, capacity int) []byte {
	if p, ok := batchPool.Get().(*[]byte); ok && cap(*p) >= n {
		return (*p)[:n]
	}
	return make([]byte, n, max(n, capacity))
}

func putBatchBuf(b []byte) { batchPool.Put(&b) }
