package gitcli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// Object is what git cat-file says about one object.
type Object struct {
	Name string // the object's full hex name
	Type string // blob, tree, commit or tag
	Size int64
}

// ErrMissing is returned for an object git reports missing (or ambiguous).
var ErrMissing = errors.New("object missing")

// ErrObjectTooLarge is returned by CatFile.Read for an object above the
// caller's limit; the object is not read.
var ErrObjectTooLarge = errors.New("object too large")

// ParseHeader parses one reply header of "git cat-file --batch",
// "--batch-check" or "--batch-command" in the default format:
// "<name> <type> <size>", or "<spec> missing" / "<spec> ambiguous"
// (ErrMissing; the spec may contain spaces). Anything else is a protocol
// error.
func ParseHeader(line string) (Object, error) {
	line = strings.TrimSuffix(line, "\n")
	if strings.HasSuffix(line, " missing") || strings.HasSuffix(line, " ambiguous") {
		return Object{}, ErrMissing
	}
	f := strings.Split(line, " ")
	if len(f) != 3 || !isHexName(f[0]) {
		return Object{}, fmt.Errorf("malformed cat-file header %q", line)
	}
	switch f[1] {
	case "blob", "tree", "commit", "tag":
	default:
		return Object{}, fmt.Errorf("malformed cat-file header %q: unknown type", line)
	}
	size, err := strconv.ParseInt(f[2], 10, 64)
	if err != nil || size < 0 || f[2][0] == '+' {
		return Object{}, fmt.Errorf("malformed cat-file header %q: bad size", line)
	}
	return Object{Name: f[0], Type: f[1], Size: size}, nil
}

// isHexName accepts SHA-1 and SHA-256 object names in lowercase hex.
func isHexName(s string) bool {
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// CatFile is a long-running "git cat-file --batch-command" process: one
// process serves every object lookup and read of a run. It starts on first
// use, and is safe for concurrent use.
type CatFile struct {
	git Git
	ctx context.Context

	mu   sync.Mutex
	p    *Proc
	fail error // sticky: a protocol error or a failed start
}

// CatFile returns a batch process for g, started on first use and killed
// when ctx ends.
func (g Git) CatFile(ctx context.Context) *CatFile { return &CatFile{git: g, ctx: ctx} }

// Start starts the process now (callers overlap its start-up with other
// work); errors are reported again by the next call.
func (c *CatFile) Start() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.start()
}

func (c *CatFile) start() error {
	if c.fail != nil || c.p != nil {
		return c.fail
	}
	if err := c.ctx.Err(); err != nil {
		return err
	}
	p, err := c.git.Start(c.ctx, "cat-file", "--batch-command")
	if err != nil {
		c.fail = err
		return err
	}
	c.p = p
	return nil
}

// broken kills the process after a protocol error and keeps the error for
// every later call.
func (c *CatFile) broken(err error) error {
	c.fail = c.p.Abort(err)
	c.p = nil
	return c.fail
}

// header sends one command and parses the reply header.
func (c *CatFile) header(cmd, spec string) (Object, error) {
	if strings.ContainsAny(spec, "\n\x00") || spec == "" {
		return Object{}, ErrMissing // not expressible in the protocol
	}
	if err := c.start(); err != nil {
		return Object{}, err
	}
	if _, err := io.WriteString(c.p.Stdin, cmd+" "+spec+"\n"); err != nil {
		return Object{}, c.broken(err)
	}
	line, err := c.p.Stdout.ReadString('\n')
	if err != nil {
		if werr := c.p.Wait(); werr != nil {
			err = werr
		}
		return Object{}, c.broken(err)
	}
	o, err := ParseHeader(line)
	if err != nil && !errors.Is(err, ErrMissing) {
		return Object{}, c.broken(err)
	}
	return o, err
}

// Info looks an object up ("<hash>", "<rev>:<path>", "HEAD^{tree}")
// without reading it.
func (c *CatFile) Info(spec string) (Object, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.header("info", spec)
}

// Read returns an object and its content. An object larger than limit is
// not read: Read returns ErrObjectTooLarge (with the object's header) and
// restarts the process on the next call, which is cheaper than draining a
// large blob through the pipe.
func (c *CatFile) Read(spec string, limit int64) (Object, []byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	o, err := c.header("contents", spec)
	if err != nil {
		return o, nil, err
	}
	if o.Size > limit {
		c.p.Kill()
		_ = c.p.Wait()
		c.p = nil
		return o, nil, ErrObjectTooLarge
	}
	buf := make([]byte, o.Size+1) // content plus a trailing LF
	if _, err := io.ReadFull(c.p.Stdout, buf); err != nil {
		return o, nil, c.broken(fmt.Errorf("reading %s: %w", o.Name, err))
	}
	if buf[o.Size] != '\n' {
		return o, nil, c.broken(fmt.Errorf("reading %s: no newline after %d bytes", o.Name, o.Size))
	}
	return o, buf[:o.Size], nil
}

// Close stops the process.
func (c *CatFile) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.p == nil {
		return nil
	}
	err := c.p.Wait()
	c.p = nil
	if c.fail == nil {
		c.fail = errors.New("git cat-file: closed")
	}
	return err
}

// pipeline starts a cat-file batch mode, writes names to it from a
// goroutine while fn reads the replies, and kills the process as soon as
// fn fails: a writer blocked on a full pipe then fails too, instead of the
// reader waiting for a process that waits for it.
func (g Git) pipeline(ctx context.Context, mode string, names []string, fn func(r *bufio.Reader, i int) error) error {
	if len(names) == 0 {
		return nil
	}
	p, err := g.Start(ctx, "cat-file", mode)
	if err != nil {
		return err
	}
	written := make(chan struct{})
	go func() {
		defer close(written)
		w := bufio.NewWriterSize(p.Stdin, 1<<16)
		for _, n := range names {
			if strings.ContainsAny(n, "\n\x00") {
				n = "" // an empty line: git answers " missing"
			}
			if _, err := w.WriteString(n + "\n"); err != nil {
				return // the process is gone; the reader says why
			}
		}
		if w.Flush() == nil {
			p.Stdin.Close()
		}
	}()
	for i := range names {
		if err := fn(p.Stdout, i); err != nil {
			err = p.Abort(err)
			<-written
			return err
		}
	}
	err = p.Wait()
	<-written
	return err
}

// readHeader reads the header of reply i of n; a missing object is the
// zero Object and no error.
func readHeader(r *bufio.Reader, i, n int) (Object, error) {
	line, err := r.ReadString('\n')
	if err != nil {
		return Object{}, fmt.Errorf("reply %d of %d: %w", i+1, n, err)
	}
	o, err := ParseHeader(line)
	if errors.Is(err, ErrMissing) {
		return Object{}, nil
	}
	return o, err
}

// ReadObjects reads the named objects with one "git cat-file --batch" and
// calls fn, in order, with each object present; missing ones are skipped.
// Objects larger than maxSize are drained and passed with nil content. An
// error from fn, or a malformed reply, kills git and is returned.
func (g Git) ReadObjects(ctx context.Context, names []string, maxSize int64, fn func(i int, o Object, content []byte) error) error {
	var buf []byte
	return g.pipeline(ctx, "--batch", names, func(r *bufio.Reader, i int) error {
		o, err := readHeader(r, i, len(names))
		if err != nil || o.Name == "" {
			return err
		}
		var content []byte
		if o.Size > maxSize {
			if _, err := io.CopyN(io.Discard, r, o.Size); err != nil {
				return fmt.Errorf("reading %s: %w", o.Name, err)
			}
		} else {
			if int64(cap(buf)) < o.Size {
				buf = make([]byte, o.Size)
			}
			content = buf[:o.Size]
			if _, err := io.ReadFull(r, content); err != nil {
				return fmt.Errorf("reading %s: %w", o.Name, err)
			}
		}
		if b, err := r.ReadByte(); err != nil || b != '\n' {
			return fmt.Errorf("reading %s: no newline after %d bytes", o.Name, o.Size)
		}
		return fn(i, o, content)
	})
}

// ObjectSizes returns the sizes of the named objects with one
// "git cat-file --batch-check"; missing objects are absent from the map.
func (g Git) ObjectSizes(ctx context.Context, names []string) (map[string]int64, error) {
	sizes := make(map[string]int64, len(names))
	err := g.pipeline(ctx, "--batch-check", names, func(r *bufio.Reader, i int) error {
		o, err := readHeader(r, i, len(names))
		if err == nil && o.Name != "" {
			sizes[o.Name] = o.Size
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return sizes, nil
}
