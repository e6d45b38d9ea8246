package agent

import (
	"crypto/sha256"
	"hash"
	"io"
	"time"

	"github.com/git-repro/git-repro/lfsstore"
)

// meter emits progress events at most every interval, plus a final one.
type meter struct {
	a        *Agent
	oid      string
	every    time.Duration
	soFar    int64
	reported int64
	last     time.Time
}

func (m *meter) add(n int) {
	m.soFar += int64(n)
	if now := time.Now(); now.Sub(m.last) >= m.every {
		m.last = now
		m.a.sendProgress(m.oid, m.soFar, m.soFar-m.reported)
		m.reported = m.soFar
	}
}

func (m *meter) final() {
	if m.soFar > m.reported {
		m.a.sendProgress(m.oid, m.soFar, m.soFar-m.reported)
		m.reported = m.soFar
	}
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

func (p *progressReader) final() {
	if p.m != nil {
		p.m.final()
	}
}

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

func (p *progressWriter) final() {
	if p.m != nil {
		p.m.final()
	}
}

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
