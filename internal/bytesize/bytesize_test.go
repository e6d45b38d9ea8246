package bytesize

import (
	"math"
	"strconv"
	"testing"
)

func TestParse(t *testing.T) {
	for in, want := range map[string]int64{
		"0": 0, "123": 123, "12 B": 12, "500KB": 500_000, "500kb": 500_000, "5MiB": 5 << 20,
		"1.5 GB": 1_500_000_000, "1G": 1 << 30, "1g": 1 << 30, "2TiB": 2 << 40, " 10 M ": 10 << 20,
		"1.5KiB": 1536,
	} {
		got, err := Parse(in)
		if err != nil || got != want {
			t.Errorf("Parse(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "MB", "-1", "+1", "1e9", "1.2.3", ".5MB", "5.MB", "5 XB", "0x10", "NaN", "Inf", "5 MiBs", "9999999TB"} {
		if got, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) = %d, want an error", bad, got)
		}
	}
}

func TestFormat(t *testing.T) {
	for n, want := range map[int64]string{
		0: "0 B", 1023: "1023 B", 1024: "1.0 KiB", 3500: "3.4 KiB", 5 << 20: "5.0 MiB",
		1288490189: "1.2 GiB", math.MaxInt64: "8.0 EiB",
	} {
		if got := Format(n); got != want {
			t.Errorf("Format(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestFormatWhole(t *testing.T) {
	for n, want := range map[int64]string{
		200: "200 B", 3001: "3 KiB", 4000: "4 KiB", 5780: "6 KiB", 1048575: "1024 KiB", 50 << 20: "50.0 MiB", 5 << 30: "5.0 GiB",
	} {
		if got := FormatWhole(n); got != want {
			t.Errorf("FormatWhole(%d) = %q, want %q", n, got, want)
		}
	}
}

// FuzzParse: never panics, never returns a negative or oversized value,
// and what it accepts is stable under re-parsing its plain-bytes form.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"5MiB", "1.5 GB", "1G", "123", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Parse(s)
		if err != nil {
			return
		}
		if n < 0 || n > Max {
			t.Fatalf("Parse(%q) = %d", s, n)
		}
		if m, err := Parse(strconv.FormatInt(n, 10)); err != nil || m != n {
			t.Fatalf("Parse(%d) = %d, %v", n, m, err)
		}
	})
}
