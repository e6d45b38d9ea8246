// Package bytesize reads and writes byte counts the way git-repro's users
// write them in .repro.yaml and on the command line: "123", "500KB",
// "5MiB", "1.5 GB", "1G". It is the one parser and formatter of sizes in
// git-repro, so every option and message agrees on what a unit means:
//
//   - KB, MB, GB, TB are powers of 1000 (SI);
//   - KiB, MiB, GiB, TiB are powers of 1024 (IEC);
//   - a bare K, M, G, T is a power of 1024, as in Docker's and Compose's
//     sizes (shm_size: 1G);
//   - units are case-insensitive and may follow the number after spaces.
//
// It imports only the standard library.
package bytesize

import (
	"fmt"
	"strconv"
	"strings"
)

// Max is the largest size Parse accepts (4 EiB), far above any file or
// quota, so that arithmetic on sizes cannot overflow int64.
const Max = 1 << 62

var units = map[string]float64{
	"": 1, "b": 1,
	"k": 1 << 10, "kib": 1 << 10, "kb": 1e3,
	"m": 1 << 20, "mib": 1 << 20, "mb": 1e6,
	"g": 1 << 30, "gib": 1 << 30, "gb": 1e9,
	"t": 1 << 40, "tib": 1 << 40, "tb": 1e12,
}

// Parse reads a non-negative byte count with an optional unit.
func Parse(s string) (int64, error) {
	t := strings.TrimSpace(s)
	i := 0
	for i < len(t) && (t[i] >= '0' && t[i] <= '9' || t[i] == '.') {
		i++
	}
	num, unit := t[:i], strings.ToLower(strings.TrimSpace(t[i:]))
	mult, ok := units[unit]
	v, err := strconv.ParseFloat(num, 64)
	if !ok || err != nil || strings.Count(num, ".") > 1 || num[0] == '.' || num[len(num)-1] == '.' {
		return 0, fmt.Errorf("size %q is not a number of bytes with an optional unit: B, KB, MB, GB, TB (powers of 1000) or KiB, MiB, GiB, TiB (powers of 1024; K, M, G, T too)", s)
	}
	if v*mult > Max {
		return 0, fmt.Errorf("size %q is too large", s)
	}
	return int64(v * mult), nil
}

// Format writes a byte count with binary units for messages: "512 B",
// "3.4 KiB", "1.2 GiB".
func Format(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 5; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

// FormatWhole is Format with whole KiB below one MiB ("4 KiB" where Format
// writes "3.9 KiB"). The large-file messages use it: they set a size
// beside a limit that .repro.yaml writes in whole units ("is 4 KiB, over
// the 2 KiB limit"), where a decimal adds nothing.
func FormatWhole(n int64) string {
	if n >= 1<<10 && n < 1<<20 {
		return fmt.Sprintf("%.0f KiB", float64(n)/(1<<10))
	}
	return Format(n)
}
