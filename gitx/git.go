package gitx

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"sync"
)

// runGit runs git in dir and returns its stdout.
func runGit(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", strings.Join(args, " "), msg)
	}
	return out, nil
}

// splitZ splits NUL-terminated output.
func splitZ(b []byte) []string {
	if len(b) == 0 {
		return nil
	}
	parts := strings.Split(string(b), "\x00")
	if parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	return parts
}

// catFile is a long-running "git cat-file --batch-command" process: one
// process serves every object lookup and read of a run.
type catFile struct {
	dir  string
	mu   sync.Mutex
	cmd  *exec.Cmd
	in   io.WriteCloser
	out  *bufio.Reader
	fail error
}

// errMissing is returned for objects cat-file reports missing.
var errMissing = errors.New("object missing")

func (c *catFile) start() error {
	if c.cmd != nil || c.fail != nil {
		return c.fail
	}
	cmd := exec.Command("git", "cat-file", "--batch-command")
	cmd.Dir = c.dir
	in, err := cmd.StdinPipe()
	if err != nil {
		c.fail = err
		return err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		c.fail = err
		return err
	}
	if err := cmd.Start(); err != nil {
		c.fail = fmt.Errorf("git cat-file: %w", err)
		return c.fail
	}
	c.cmd, c.in, c.out = cmd, in, bufio.NewReaderSize(out, 1<<20)
	return nil
}

// objInfo is what cat-file says about an object.
type objInfo struct {
	hash string
	typ  string
	size int64
}

// header sends one command and parses the reply header.
func (c *catFile) header(cmd, spec string) (objInfo, error) {
	if err := c.start(); err != nil {
		return objInfo{}, err
	}
	if strings.ContainsAny(spec, "\n\x00") {
		return objInfo{}, errMissing
	}
	if _, err := io.WriteString(c.in, cmd+" "+spec+"\n"); err != nil {
		return objInfo{}, err
	}
	line, err := c.out.ReadString('\n')
	if err != nil {
		c.fail = fmt.Errorf("git cat-file: %w", err)
		return objInfo{}, c.fail
	}
	f := strings.Fields(line)
	if len(f) != 3 {
		return objInfo{}, errMissing // "<spec> missing" / "ambiguous"
	}
	size, err := strconv.ParseInt(f[2], 10, 64)
	if err != nil {
		return objInfo{}, fmt.Errorf("git cat-file: bad header %q", line)
	}
	return objInfo{hash: f[0], typ: f[1], size: size}, nil
}

// info looks up an object ("<hash>", ":<path>" in the index, or
// "<commit>:<path>") without reading it.
func (c *catFile) info(spec string) (objInfo, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.header("info", spec)
}

// read returns the type and content of the object named by spec.
func (c *catFile) read(spec string) (objInfo, []byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	oi, err := c.header("contents", spec)
	if err != nil {
		return oi, nil, err
	}
	buf := make([]byte, oi.size+1) // content plus trailing LF
	if _, err := io.ReadFull(c.out, buf); err != nil {
		c.fail = fmt.Errorf("git cat-file: %w", err)
		return oi, nil, c.fail
	}
	return oi, buf[:oi.size], nil
}

func (c *catFile) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cmd != nil {
		c.in.Close()
		_ = c.cmd.Wait()
		c.cmd = nil
	}
}

// batchSizes returns the sizes of the given object hashes with one
// "git cat-file --batch-check" process, fed concurrently with reading.
func batchSizes(dir string, hashes []string) (map[string]int64, error) {
	cmd := exec.Command("git", "cat-file", "--batch-check=%(objectname) %(objectsize)")
	cmd.Dir = dir
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		w := bufio.NewWriterSize(in, 1<<16)
		for _, h := range hashes {
			w.WriteString(h)
			w.WriteByte('\n')
		}
		w.Flush()
		in.Close()
	}()
	sizes := make(map[string]int64, len(hashes))
	sc := bufio.NewScanner(out)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 2 {
			if n, err := strconv.ParseInt(f[1], 10, 64); err == nil {
				sizes[f[0]] = n
			}
		}
	}
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("git cat-file --batch-check: %w", err)
	}
	return sizes, nil
}

// batchContents reads the given objects with one "git cat-file --batch"
// process, writing requests from a goroutine while reading replies, and
// calls fn with each object's index and content.
func batchContents(dir string, hashes []string, fn func(i int, b []byte)) error {
	if len(hashes) == 0 {
		return nil
	}
	cmd := exec.Command("git", "cat-file", "--batch")
	cmd.Dir = dir
	in, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() {
		w := bufio.NewWriterSize(in, 1<<16)
		for _, h := range hashes {
			w.WriteString(h)
			w.WriteByte('\n')
		}
		w.Flush()
		in.Close()
	}()
	r := bufio.NewReaderSize(out, 1<<20)
	var buf []byte
	for i := range hashes {
		header, err := r.ReadString('\n')
		if err != nil {
			cmd.Wait()
			return fmt.Errorf("git cat-file --batch: %w", err)
		}
		f := strings.Fields(header)
		if len(f) != 3 {
			continue // "<hash> missing"
		}
		size, err := strconv.Atoi(f[2])
		if err != nil || size < 0 {
			cmd.Wait()
			return fmt.Errorf("git cat-file --batch: bad header %q", header)
		}
		if cap(buf) < size+1 {
			buf = make([]byte, size+1)
		}
		buf = buf[:size+1]
		if _, err := io.ReadFull(r, buf); err != nil {
			cmd.Wait()
			return fmt.Errorf("git cat-file --batch: %w", err)
		}
		fn(i, buf[:size])
	}
	return cmd.Wait()
}

// Run runs git in dir and returns its stdout; a failure's error carries
// git's own message. For the few callers outside gitx that drive git
// plumbing (the Action's history fetches).
func Run(dir string, args ...string) ([]byte, error) { return runGit(dir, args...) }
