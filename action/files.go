package action

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// SummaryLimit is the most a step may write to $GITHUB_STEP_SUMMARY
// (1 MiB); we stay a little under it.
const SummaryLimit = 1<<20 - 4096

// CommentLimit is GitHub's limit on a comment body, in characters
// (65,536). We count bytes, which is never fewer.
const CommentLimit = 65536

// Output is one step output.
type Output struct{ Name, Value string }

// WriteOutputs appends outputs to the $GITHUB_OUTPUT file in the
// multi-line form "name<<DELIM\nvalue\nDELIM\n" with a random delimiter
// that does not occur in the value, so no value can forge another output.
func WriteOutputs(path string, outs []Output) error {
	if path == "" {
		return nil
	}
	var b bytes.Buffer
	for _, o := range outs {
		if o.Name == "" || strings.ContainsAny(o.Name, "<\r\n=") {
			return fmt.Errorf("bad output name %q", o.Name)
		}
		delim, err := delimiter(o.Value)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s<<%s\n%s\n%s\n", o.Name, delim, o.Value, delim)
	}
	return appendFile(path, b.Bytes())
}

func delimiter(value string) (string, error) {
	for {
		var r [16]byte
		if _, err := rand.Read(r[:]); err != nil {
			return "", err
		}
		d := "ghadelimiter_" + hex.EncodeToString(r[:])
		if !strings.Contains(value, d) {
			return d, nil
		}
	}
}

func appendFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// AppendSummary adds markdown to the job summary file, cut to
// SummaryLimit at a line boundary when it is larger.
func AppendSummary(path, markdown string) error {
	if path == "" {
		return errors.New("GITHUB_STEP_SUMMARY is not set")
	}
	if len(markdown) > SummaryLimit {
		cut := strings.LastIndexByte(markdown[:SummaryLimit-200], '\n')
		if cut < 0 {
			cut = SummaryLimit - 200
		}
		markdown = strings.ToValidUTF8(markdown[:cut], "") + "\n\n*The report was cut to fit the job summary's 1 MiB limit; run `git repro report` locally for all of it.*\n"
	}
	if !strings.HasSuffix(markdown, "\n") {
		markdown += "\n"
	}
	return appendFile(path, []byte(markdown))
}

// WriteFile writes data to path, creating parent directories.
func WriteFile(path string, data []byte) error {
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	return os.WriteFile(path, data, 0o644)
}

// Redactor is a writer that replaces secrets with "***" before they reach
// the underlying writer. It holds back a partial line (a secret could be
// split across writes) until a newline or Flush.
type Redactor struct {
	mu      sync.Mutex
	w       io.Writer
	secrets []string
	buf     []byte
}

// NewRedactor wraps w; empty secrets are ignored.
func NewRedactor(w io.Writer, secrets ...string) *Redactor {
	r := &Redactor{w: w}
	for _, s := range secrets {
		if s != "" {
			r.secrets = append(r.secrets, s)
		}
	}
	return r
}

// Redact replaces the secrets in s.
func (r *Redactor) Redact(s string) string {
	for _, sec := range r.secrets {
		s = strings.ReplaceAll(s, sec, "***")
	}
	return s
}

func (r *Redactor) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.buf = append(r.buf, p...)
	if i := bytes.LastIndexByte(r.buf, '\n'); i >= 0 {
		out := r.Redact(string(r.buf[:i+1]))
		r.buf = append(r.buf[:0], r.buf[i+1:]...)
		if _, err := io.WriteString(r.w, out); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// Flush writes what is held back.
func (r *Redactor) Flush() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.buf) == 0 {
		return nil
	}
	out := r.Redact(string(r.buf))
	r.buf = r.buf[:0]
	_, err := io.WriteString(r.w, out)
	return err
}
