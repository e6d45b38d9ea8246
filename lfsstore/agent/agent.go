package agent

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sync"
	"time"

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/chunked"
)

// Error codes in complete and init replies. git-lfs shows the message;
// the codes follow HTTP where one fits.
const (
	codeBadRequest = 400
	codeNotFound   = 404
	codeMismatch   = 409
	codeInternal   = 500
)

// Agent serves one git-lfs agent session.
type Agent struct {
	// OpenStore opens the store at init, so a bad store URL is reported
	// to git-lfs as an init error with its message.
	OpenStore func(ctx context.Context) (lfsstore.Store, error)
	// TempDir receives downloaded files; git-lfs renames them into its
	// object directory, so it must be on the same filesystem (the
	// repository's .git/lfs/tmp). Default: os.TempDir().
	TempDir string
	// Log, when set, receives one line per transfer (never stdout: that
	// is the protocol channel).
	Log io.Writer
	// ProgressEvery is the minimum interval between progress events.
	// Default: 100ms.
	ProgressEvery time.Duration

	store lfsstore.Store
	out   *json.Encoder
	flush func() error
	outMu sync.Mutex
}

// Serve reads requests from in and writes replies to out until terminate
// or end of input. It returns an error only when the protocol stream
// itself fails; transfer failures are reported to git-lfs per object.
func (a *Agent) Serve(ctx context.Context, in io.Reader, out io.Writer) error {
	bw := bufio.NewWriter(out)
	a.out = json.NewEncoder(bw)
	flush := func() error { return bw.Flush() }
	a.flush = flush
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		line := sc.Bytes()
		if len(line) == 0 {
			continue
		}
		var req request
		if err := json.Unmarshal(line, &req); err != nil {
			return fmt.Errorf("agent: bad request line %q: %v", truncate(string(line)), err)
		}
		switch req.Event {
		case "init":
			if err := a.send(a.init(ctx, &req)); err != nil {
				return err
			}
		case "upload":
			if err := a.send(a.upload(ctx, &req)); err != nil {
				return err
			}
		case "download":
			if err := a.send(a.download(ctx, &req)); err != nil {
				return err
			}
		case "terminate":
			return nil
		default:
			// Unknown events get an error reply so git-lfs is not left
			// waiting.
			if err := a.send(complete{Event: "complete", OID: req.OID, Error: &Error{codeBadRequest, fmt.Sprintf("unknown event %q: want init, upload, download or terminate", req.Event)}}); err != nil {
				return err
			}
		}
	}
	return sc.Err()
}

func (a *Agent) send(v any) error {
	a.outMu.Lock()
	defer a.outMu.Unlock()
	if err := a.out.Encode(v); err != nil {
		return err
	}
	return a.flush()
}

func (a *Agent) logf(format string, args ...any) {
	if a.Log != nil {
		fmt.Fprintf(a.Log, "git-repro-lfs agent: "+format+"\n", args...)
	}
}

func (a *Agent) init(ctx context.Context, req *request) initReply {
	if req.Operation != "upload" && req.Operation != "download" {
		return initReply{&Error{codeBadRequest, fmt.Sprintf("unknown operation %q: want upload or download", req.Operation)}}
	}
	if a.store == nil {
		s, err := a.OpenStore(ctx)
		if err != nil {
			return initReply{&Error{codeInternal, fmt.Sprintf("open store: %v", err)}}
		}
		a.store = s
	}
	return initReply{}
}

func fail(oid string, code int, format string, args ...any) complete {
	return complete{Event: "complete", OID: oid, Error: &Error{code, fmt.Sprintf(format, args...)}}
}

func (a *Agent) upload(ctx context.Context, req *request) complete {
	if a.store == nil {
		return fail(req.OID, codeBadRequest, "upload before init")
	}
	oid, err := lfsstore.ParseOID(req.OID)
	if err != nil {
		return fail(req.OID, codeBadRequest, "%v", err)
	}
	if size, err := a.store.Stat(ctx, oid); err == nil && size == req.Size && a.touch(ctx, oid) {
		a.sendProgress(req.OID, req.Size, req.Size)
		a.logf("upload %s: already stored", oid)
		return complete{Event: "complete", OID: req.OID}
	}
	f, err := os.Open(req.Path)
	if err != nil {
		return fail(req.OID, codeBadRequest, "open %q: %v", req.Path, err)
	}
	defer f.Close()
	pr := &progressReader{r: f, a: a, oid: req.OID, every: a.every()}
	defer pr.stop()
	start := time.Now()
	detail := ""
	if cs, ok := a.store.(*chunked.Store); ok {
		var res chunked.PutResult
		res, err = cs.PutStats(ctx, oid, req.Size, pr)
		detail = fmt.Sprintf(" (%d chunks, %d new: %d bytes stored)", res.Chunks, res.NewChunks, res.NewBytes)
	} else {
		err = a.store.Put(ctx, oid, req.Size, pr)
	}
	if err != nil {
		code := codeInternal
		if errors.Is(err, lfsstore.ErrHashMismatch) || errors.Is(err, lfsstore.ErrSizeMismatch) {
			code = codeMismatch
		}
		return fail(req.OID, code, "store %s: %v", oid, err)
	}
	pr.final()
	a.logf("upload %s: %d bytes in %v%s", oid, req.Size, time.Since(start).Round(time.Millisecond), detail)
	return complete{Event: "complete", OID: req.OID}
}

// touch refreshes an object that is already stored, where the store
// supports that, so gc's grace period covers this push. If that fails (a
// pack the object needs is gone, or the store is unreachable), the object
// is uploaded again instead of being reported as sent.
func (a *Agent) touch(ctx context.Context, oid lfsstore.OID) bool {
	t, ok := a.store.(interface {
		Touch(context.Context, lfsstore.OID) error
	})
	if !ok {
		return true
	}
	if err := t.Touch(ctx, oid); err != nil {
		a.logf("upload %s: refresh failed (%v); uploading it again", oid, err)
		return false
	}
	return true
}

func (a *Agent) download(ctx context.Context, req *request) complete {
	if a.store == nil {
		return fail(req.OID, codeBadRequest, "download before init")
	}
	oid, err := lfsstore.ParseOID(req.OID)
	if err != nil {
		return fail(req.OID, codeBadRequest, "%v", err)
	}
	o, err := a.store.Open(ctx, oid)
	if errors.Is(err, fs.ErrNotExist) {
		return fail(req.OID, codeNotFound, "object %s is not in the store", oid)
	}
	if err != nil {
		return fail(req.OID, codeInternal, "open %s: %v", oid, err)
	}
	defer o.Close()
	if req.Size > 0 && o.Size() != req.Size {
		return fail(req.OID, codeMismatch, "object %s is %d bytes in the store, the pointer says %d", oid, o.Size(), req.Size)
	}
	dir := a.TempDir
	if dir == "" {
		dir = os.TempDir()
	}
	f, err := os.CreateTemp(dir, "git-repro-download-"+oid.String()[:16]+"-*")
	if err != nil {
		return fail(req.OID, codeInternal, "create download file: %v", err)
	}
	ok := false
	defer func() {
		if !ok {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	// The store checks each chunk and, on this whole sequential read,
	// the SHA-256; verifyWriter checks again here, so no store can hand
	// git-lfs a file that does not match its oid.
	vw := newVerifyWriter(f)
	pw := &progressWriter{w: vw, a: a, oid: req.OID, every: a.every()}
	defer pw.stop()
	buf := make([]byte, 1<<20)
	n, err := io.CopyBuffer(pw, o, buf)
	if err != nil {
		return fail(req.OID, codeInternal, "read %s: %v", oid, err)
	}
	if n != o.Size() {
		return fail(req.OID, codeMismatch, "read %d bytes of %s, want %d", n, oid, o.Size())
	}
	if got := vw.sum(); got != oid {
		return fail(req.OID, codeMismatch, "object %s read back with SHA-256 %s: the store is damaged; run git repro lfs fsck", oid, got)
	}
	pw.final()
	if err := f.Close(); err != nil {
		return fail(req.OID, codeInternal, "write download file: %v", err)
	}
	ok = true
	a.logf("download %s: %d bytes", oid, n)
	return complete{Event: "complete", OID: req.OID, Path: f.Name()}
}

func (a *Agent) every() time.Duration {
	if a.ProgressEvery > 0 {
		return a.ProgressEvery
	}
	return 100 * time.Millisecond
}

func (a *Agent) sendProgress(oid string, soFar, sinceLast int64) {
	// A failed progress write shows up on the next complete.
	_ = a.send(progress{Event: "progress", OID: oid, BytesSoFar: soFar, BytesSinceLast: sinceLast})
}

func truncate(s string) string {
	if len(s) > 200 {
		return s[:200] + "..."
	}
	return s
}
