package gitcli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// Git runs git commands in one directory. The zero value runs "git" from
// PATH in the current directory with this process's environment.
type Git struct {
	// Dir is the directory git runs in.
	Dir string
	// Env, when non-nil, is git's whole environment.
	Env []string
	// Path is the git executable; empty means "git" looked up in PATH.
	Path string
}

// waitDelay bounds how long Wait waits for output pipes after git exits or
// is killed: a grandchild outside the process group could hold them open.
const waitDelay = 5 * time.Second

// maxStderr bounds the standard error kept for error messages (its tail:
// git's "fatal:" line comes last).
const maxStderr = 16 << 10

// Error is a failed git run.
type Error struct {
	Args     []string // git's arguments
	Stderr   string   // the tail of git's standard error, trimmed
	ExitCode int      // -1 when git did not exit by itself
	Err      error    // the cause: *exec.ExitError, the context's error, a protocol error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("git ")
	b.WriteString(strings.Join(e.Args, " "))
	b.WriteString(": ")
	switch {
	case e.Stderr != "" && e.ExitCode >= 0:
		b.WriteString(e.Stderr)
	case e.Stderr != "":
		fmt.Fprintf(&b, "%v (%s)", e.Err, e.Stderr)
	default:
		fmt.Fprint(&b, e.Err)
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// ExitCode returns the exit code of the git run that caused err, or -1.
func ExitCode(err error) int {
	var e *Error
	if errors.As(err, &e) {
		return e.ExitCode
	}
	return -1
}

// Stderr returns git's standard error from the run that caused err.
func Stderr(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Stderr
	}
	return ""
}

func (g Git) command(ctx context.Context, args []string) *exec.Cmd {
	path := g.Path
	if path == "" {
		path = "git"
	}
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Dir = g.Dir
	cmd.Env = g.Env
	cmd.WaitDelay = waitDelay
	setProcessGroup(cmd)
	return cmd
}

// Output runs git and returns its standard output.
func (g Git) Output(ctx context.Context, args ...string) ([]byte, error) {
	cmd := g.command(ctx, args)
	var stdout bytes.Buffer
	stderr := &tailBuffer{max: maxStderr}
	cmd.Stdout, cmd.Stderr = &stdout, stderr
	err := cmd.Run()
	if err != nil {
		return stdout.Bytes(), wrap(ctx, args, stderr, err)
	}
	return stdout.Bytes(), nil
}

// Run runs git and discards its standard output.
func (g Git) Run(ctx context.Context, args ...string) error {
	_, err := g.Output(ctx, args...)
	return err
}

// CombinedOutput runs git and returns its standard output and error
// interleaved, as a terminal would show them (for tests and logs).
func (g Git) CombinedOutput(ctx context.Context, args ...string) ([]byte, error) {
	cmd := g.command(ctx, args)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return out.Bytes(), wrap(ctx, args, &tailBuffer{max: maxStderr, b: tail(out.Bytes(), maxStderr)}, err)
	}
	return out.Bytes(), nil
}

// wrap turns a failed run into an *Error.
func wrap(ctx context.Context, args []string, stderr *tailBuffer, err error) error {
	e := &Error{Args: args, Stderr: stderr.String(), ExitCode: -1, Err: err}
	if errors.Is(err, exec.ErrWaitDelay) {
		return nil // git succeeded; a grandchild held a pipe open
	}
	if cerr := ctx.Err(); cerr != nil {
		e.Err = fmt.Errorf("killed: %w", cerr)
		return e
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		e.ExitCode = ee.ExitCode()
	}
	return e
}

// Proc is a running git process with pipes to its standard input and
// output. Kill it on any error; Wait for it when done.
type Proc struct {
	// Stdin feeds git; Wait closes it.
	Stdin io.WriteCloser
	// Stdout reads git's output, buffered.
	Stdout *bufio.Reader

	ctx    context.Context
	cancel context.CancelFunc
	cmd    *exec.Cmd
	args   []string
	stderr *tailBuffer

	waitOnce sync.Once
	waitErr  error
}

// Start starts git with pipes. The process is killed when ctx ends or
// Kill is called.
func (g Git) Start(ctx context.Context, args ...string) (*Proc, error) {
	ctx, cancel := context.WithCancel(ctx)
	cmd := g.command(ctx, args)
	p := &Proc{ctx: ctx, cancel: cancel, cmd: cmd, args: args, stderr: &tailBuffer{max: maxStderr}}
	cmd.Stderr = p.stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		cancel()
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		cancel()
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		cancel()
		return nil, &Error{Args: args, ExitCode: -1, Err: err}
	}
	p.Stdin, p.Stdout = in, bufio.NewReaderSize(out, 1<<20)
	return p, nil
}

// Kill kills the process (and, on Unix, its process group). It does not
// wait for it.
func (p *Proc) Kill() { p.cancel() }

// Wait closes git's standard input and waits for it to exit. It returns an
// *Error when git failed or was killed.
func (p *Proc) Wait() error {
	p.waitOnce.Do(func() {
		p.Stdin.Close()
		err := p.cmd.Wait()
		if err != nil {
			// A context we cancelled ourselves (Kill) is reported as
			// killed too: the caller asked for it and has its own cause.
			p.waitErr = wrap(p.ctx, p.args, p.stderr, err)
		}
		p.cancel()
	})
	return p.waitErr
}

// Abort kills the process, waits for it, and returns cause as an *Error
// naming the command (with git's standard error, if it said anything).
func (p *Proc) Abort(cause error) error {
	p.Kill()
	_ = p.Wait()
	return &Error{Args: p.args, Stderr: p.stderr.String(), ExitCode: -1, Err: cause}
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if len(t.b) > 2*t.max {
		t.b = append(t.b[:0], tail(t.b, t.max)...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.TrimSpace(string(tail(t.b, t.max)))
}

func tail(b []byte, max int) []byte {
	if len(b) > max {
		return b[len(b)-max:]
	}
	return b
}
