package snapshot

import (
	"errors"
	"strings"
	"testing"
)

// endless reads zeros forever, like /dev/zero.
type endless struct{ read int64 }

func (e *endless) Read(p []byte) (int, error) {
	clear(p)
	e.read += int64(len(p))
	return len(p), nil
}

func TestReadAll(t *testing.T) {
	if b, err := ReadAll(strings.NewReader("12345"), 5); err != nil || string(b) != "12345" {
		t.Errorf("exactly the cap: %q, %v", b, err)
	}
	if b, err := ReadAll(strings.NewReader("123456"), 5); !errors.Is(err, ErrTooLarge) || b != nil {
		t.Errorf("one byte over the cap: %q, %v", b, err)
	}
	z := &endless{}
	if _, err := ReadAll(z, 1<<20); !errors.Is(err, ErrTooLarge) {
		t.Errorf("an endless stream: %v", err)
	}
	if z.read > 1<<20+64<<10 {
		t.Errorf("read %d bytes of an endless stream under a 1 MiB cap", z.read)
	}
}
