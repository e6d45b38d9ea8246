package agent

import (
	"crypto/sha256"
	"hash"
	"io"
	"sync"
	"time"

	"github.com/git-repro/git-repro/lfsstore"
)

// meter emits progress events at most every interval, plus a final one.
// Bytes that arrive within an interval of the last event are reported
// when it ends, even if no more arrive (a transfer that stalls still shows
// how far it got).
type meter struct {
	a     *Agent
	oid   string
	every time.Duration

	mu       sync.Mutex
	soFar    int64
	reported int64
	last     time.Time
	timer    *time.Timer
	done     bool
}

func (m *meter) add(n int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.soFar += int64(n)
	if wait := m.every - time.Since(m.last); wait <= 0 {
		m.report()
	} else if m.timer == nil && m.soFar > m.reported {
		m.timer = time.AfterFunc(wait, m.flush)
	}
}

// report sends what is new. Call with m.mu held.
func (m *meter) report() {
	m.last = time.Now()
	if m.soFar > m.reported {
		m.a.sendProgress(m.oid, m.soFar, m.soFar-m.reported)
		m.reported = m.soFar
	}
}

func (m *meter) flush() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.timer = nil
	if !m.done {
		m.report()
	}
}

// end ends the meter, reporting what is left with report: no progress
// event may follow the transfer's complete event.
func (m *meter) end(report bool) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.timer != nil {
		m.timer.Stop()
		m.timer = nil
	}
	if report && !m.done {
		m.report()
	}
	m.done = true
}

type progressReader struct {
	r     io.Reader
	a     *Agent
	oid   string
	every time.Duration
	m     *meter
}

func (p *progressReader) Read(b []byte) (int, error) {
	if p.m == nil {
		p.m = &meter{a: p.a, oid: p.oid, every: p.every}
	}
	n, err := p.r.Read(b)
	p.m.add(n)
	return n, err
}

func (p *progressReader) final() { p.m.end(true) }

// stop ends the meter without a last event (the transfer failed).
func (p *progressReader) stop() { p.m.end(false) }

type progressWriter struct {
	w     io.Writer
	a     *Agent
	oid   string
	every time.Duration
	m     *meter
}

func (p *progressWriter) Write(b []byte) (int, error) {
	if p.m == nil {
		p.m = &meter{a: p.a, oid: p.oid, every: p.every}
	}
	n, err := p.w.Write(b)
	p.m.add(n)
	return n, err
}

func (p *progressWriter) final() { p.m.end(true) }

func (p *progressWriter) stop() { p.m.end(false) }

type verifyWriter struct {
	w io.Writer
	h hash.Hash
}

func newVerifyWriter(w io.Writer) *verifyWriter { return &verifyWriter{w: w, h: sha256.New()} }

func (v *verifyWriter) Write(b []byte) (int, error) {
	v.h.Write(b)
	return v.w.Write(b)
}

func (v *verifyWriter) sum() lfsstore.OID {
	var o lfsstore.OID
	v.h.Sum(o[:0])
	return o
}
