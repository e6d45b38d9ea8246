package server

import (
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"
)

// Limits keep slow and greedy clients from holding the server's
// resources. A request body that stalls, or a download whose client
// stops reading, used to hold a connection, a file and buffers forever
// (on the chunked store, the store's shared lock too). Deadlines are
// progress-based, not a total time, so a 20 GB upload over a slow but
// steady link survives: every Window, a transfer must move at least
// MinRate × Window bytes, else the connection is closed and nothing of
// the upload is stored.
type Limits struct {
	// MinRate is the lowest average rate, in bytes per second, a request
	// body or a response must keep over each Window. 0 means only that
	// some byte must move in every Window.
	MinRate int64
	// Window is the period MinRate is measured over. Default: 1 minute.
	Window time.Duration
	// MaxClientTransfers is how many uploads and downloads one client
	// (remote IP address) may have in flight; more get 429 Too Many
	// Requests with Retry-After, which git-lfs honours. Default 32; -1
	// means no limit. (Behind a reverse proxy every client has the
	// proxy's address: raise it or set -1.)
	MaxClientTransfers int
	// MaxTransfers is how many uploads and downloads the server runs at
	// once; more get 503 with Retry-After. Default 512; -1: no limit.
	MaxTransfers int
}

// DefaultLimits are the limits of a server whose Config leaves them zero.
var DefaultLimits = Limits{MinRate: 16 << 10, Window: time.Minute, MaxClientTransfers: 32, MaxTransfers: 512}

func (l Limits) withDefaults() Limits {
	if l.Window <= 0 {
		l.Window = DefaultLimits.Window
	}
	if l.MinRate < 0 {
		l.MinRate = 0
	}
	if l.MaxClientTransfers == 0 {
		l.MaxClientTransfers = DefaultLimits.MaxClientTransfers
	}
	if l.MaxTransfers == 0 {
		l.MaxTransfers = DefaultLimits.MaxTransfers
	}
	return l
}

// quota is the number of bytes that must move in each window.
func (l Limits) quota() int64 {
	return max(1, int64(float64(l.MinRate)*l.Window.Seconds()))
}

// progressDeadline moves a connection's read or write deadline forward
// each time a window's quota of bytes has moved. It starts with the first
// byte (a response is not due while the request body still arrives).
type progressDeadline struct {
	set     func(time.Time) error
	window  time.Duration
	quota   int64
	moved   int64 // bytes since the window started
	started bool
	off     bool // the connection has no deadlines (tests' recorders)
}

func newProgressDeadline(set func(time.Time) error, l Limits) *progressDeadline {
	return &progressDeadline{set: set, window: l.Window, quota: l.quota()}
}

// begin sets the first deadline, before the first transfer.
func (d *progressDeadline) begin() {
	if !d.started {
		d.started = true
		d.off = d.set(time.Now().Add(d.window)) != nil
	}
}

func (d *progressDeadline) add(n int) {
	if d.off {
		return
	}
	d.moved += int64(n)
	if d.moved >= d.quota {
		d.moved = 0
		d.set(time.Now().Add(d.window))
	}
}

// end clears the deadline, so that it does not fire on a connection kept
// alive for the next request (or, for reads, on the server's own
// background read while a response streams).
func (d *progressDeadline) end() {
	if d.started && !d.off {
		d.set(time.Time{})
	}
	d.off = true
}

// deadlineBody is a request body read under a progress deadline.
type deadlineBody struct {
	io.ReadCloser
	d       *progressDeadline
	eof     bool
	tooSlow bool // a read failed because the window passed
}

// cutOff reports whether r's body was cut off for being too slow (the
// store may report only that the request's context ended).
func cutOff(r *http.Request) bool {
	b, ok := r.Body.(*deadlineBody)
	return ok && b.tooSlow
}

// done ends the body's deadline when the handler returns. A body not read
// to its end gets a deadline in the past: the server would otherwise try
// to read the rest of a stalled body (to reuse the connection) with no
// deadline at all.
func (b *deadlineBody) done() {
	if b.eof {
		return
	}
	b.d.started = true
	b.d.set(time.Now())
	b.d.off = true
}

func (b *deadlineBody) Read(p []byte) (int, error) {
	b.d.begin()
	n, err := b.ReadCloser.Read(p)
	b.d.add(n)
	switch {
	case err == io.EOF:
		b.eof = true
		b.d.end()
	case err != nil && errors.Is(err, os.ErrDeadlineExceeded):
		b.tooSlow = true
		err = errTooSlow
	}
	return n, err
}

var errTooSlow = errors.New("the client sent too slowly (less than the minimum rate over a whole window)")

// deadlineWriter writes a response under a progress deadline. Its
// ReadFrom copies in segments so that sendfile keeps working and the
// deadline moves between segments.
type deadlineWriter struct {
	http.ResponseWriter
	d *progressDeadline
}

func (w *deadlineWriter) Write(p []byte) (int, error) {
	w.d.begin()
	n, err := w.ResponseWriter.Write(p)
	w.d.add(n)
	return n, err
}

const sendSegment = 1 << 20

func (w *deadlineWriter) ReadFrom(src io.Reader) (int64, error) {
	w.d.begin()
	// io.CopyN hands a *io.LimitedReader of the file; sendfile looks
	// through one such wrapper, so keep it one deep.
	file, limit := src, int64(-1)
	if lr, ok := src.(*io.LimitedReader); ok {
		file, limit = lr.R, lr.N
	}
	var total int64
	for limit != 0 {
		seg := int64(sendSegment)
		if limit > 0 {
			seg = min(seg, limit)
		}
		n, err := io.Copy(w.ResponseWriter, &io.LimitedReader{R: file, N: seg})
		total += n
		if limit > 0 {
			limit -= n
		}
		w.d.add(int(n))
		if err != nil {
			return total, err
		}
		if n < seg {
			break // end of the source
		}
	}
	if lr, ok := src.(*io.LimitedReader); ok {
		lr.N = limit
	}
	return total, nil
}

func (w *deadlineWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// gate counts transfers in flight, per client and in all.
type gate struct {
	l      Limits
	mu     sync.Mutex
	total  int
	client map[string]int
	left   func() // tests: a transfer left
}

// enter admits a transfer, or writes 429/503 and returns false. The
// caller must call the returned leave when the transfer ends.
func (g *gate) enter(w http.ResponseWriter, r *http.Request, s *Server) (leave func(), ok bool) {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	g.mu.Lock()
	switch {
	case g.l.MaxClientTransfers > 0 && g.client[host] >= g.l.MaxClientTransfers:
		g.mu.Unlock()
		w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
		s.errorf(w, r, http.StatusTooManyRequests, "too many transfers in flight from %s (at most %d): retry later", host, g.l.MaxClientTransfers)
		return nil, false
	case g.l.MaxTransfers > 0 && g.total >= g.l.MaxTransfers:
		g.mu.Unlock()
		w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
		s.errorf(w, r, http.StatusServiceUnavailable, "the server is running its maximum of %d transfers: retry later", g.l.MaxTransfers)
		return nil, false
	}
	g.total++
	g.client[host]++
	g.mu.Unlock()
	return func() {
		g.mu.Lock()
		g.total--
		if g.client[host]--; g.client[host] == 0 {
			delete(g.client, host)
		}
		g.mu.Unlock()
		if g.left != nil {
			g.left()
		}
	}, true
}

// retryAfter is the Retry-After, in seconds, of a refused transfer.
const retryAfter = 2

// LimitListener caps the connections one client (remote IP address) may
// hold open at once: a connection beyond perClient is closed as soon as it
// is accepted. It bounds what idle or slow connections (each a file
// descriptor) one client can pin, below the per-request limits. perClient
// <= 0 means no cap.
func LimitListener(ln net.Listener, perClient int) net.Listener {
	if perClient <= 0 {
		return ln
	}
	return &limitListener{Listener: ln, max: perClient, open: map[string]int{}}
}

type limitListener struct {
	net.Listener
	max  int
	mu   sync.Mutex
	open map[string]int
}

func (l *limitListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		host, _, err := net.SplitHostPort(c.RemoteAddr().String())
		if err != nil {
			host = c.RemoteAddr().String()
		}
		l.mu.Lock()
		if l.open[host] >= l.max {
			l.mu.Unlock()
			c.Close()
			continue
		}
		l.open[host]++
		l.mu.Unlock()
		return &limitConn{Conn: c, release: func() {
			l.mu.Lock()
			defer l.mu.Unlock()
			if l.open[host]--; l.open[host] == 0 {
				delete(l.open, host)
			}
		}}, nil
	}
}

type limitConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitConn) Close() error {
	c.once.Do(c.release)
	return c.Conn.Close()
}
