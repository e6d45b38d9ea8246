package lockfile

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math"
	"math/rand"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/internal/testenv"
)

func TestPyFloatReprKnown(t *testing.T) {
	for f, want := range map[float64]string{
		1: "1.0", 3.1: "3.1", 0.1: "0.1", 1e16: "1e+16", 1234567890123456: "1234567890123456.0",
		0.0001: "0.0001", 0.00001: "1e-05", -2.5e-7: "-2.5e-07", 1.5e300: "1.5e+300",
		math.Inf(1): "Infinity", math.NaN(): "NaN", 100: "100.0", 123.456: "123.456",
	} {
		if got := PyFloatRepr(f); got != want {
			t.Errorf("PyFloatRepr(%v) = %q, want %q", f, got, want)
		}
	}
}

func TestPyJSONKnown(t *testing.T) {
	v := map[string]any{"b": []any{int64(1), 2.0, nil, true}, "a": "é\"\\\n\x01\x7f😀", "": map[string]any{}}
	got, err := PyJSON(v, PyDefault)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"": {}, "a": "\u00e9\"\\\n\u0001\u007f\ud83d\ude00", "b": [1, 2.0, null, true]}`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// randValue builds a random JSON-able value: unicode and control
// characters in keys and strings, ints, floats of every magnitude, nesting.
func randValue(r *rand.Rand, depth int) any {
	k := r.Intn(8)
	if depth > 3 && k >= 6 {
		k = r.Intn(6)
	}
	switch k {
	case 0:
		return nil
	case 1:
		return r.Intn(2) == 0
	case 2:
		return int64(r.Intn(2000000) - 1000000)
	case 3:
		switch r.Intn(4) {
		case 0:
			return math.Float64frombits(r.Uint64()&^(0x7ff<<52) | uint64(r.Intn(2046)+1)<<52)
		case 1:
			return float64(r.Intn(1000)) / 100
		case 2:
			return r.NormFloat64() * math.Pow(10, float64(r.Intn(40)-20))
		default:
			return float64(r.Intn(100000))
		}
	case 4, 5:
		return randString(r)
	case 6:
		n := r.Intn(5)
		a := make([]any, n)
		for i := range a {
			a[i] = randValue(r, depth+1)
		}
		return a
	default:
		n := r.Intn(5)
		m := map[string]any{}
		for i := 0; i < n; i++ {
			m[randString(r)] = randValue(r, depth+1)
		}
		return m
	}
}

func randString(r *rand.Rand) string {
	alphabet := []rune("abcXYZ019 -_.\"\\/\n\t\r\b\f\x00\x1f\x7f~éß中😀\u2028\ufeff")
	n := r.Intn(8)
	var b strings.Builder
	for i := 0; i < n; i++ {
		if r.Intn(10) == 0 {
			b.WriteRune(rune(r.Intn(0x10ffff-0xe000) + 0xe000))
			continue
		}
		b.WriteRune(alphabet[r.Intn(len(alphabet))])
	}
	return b.String()
}

// wire wraps floats so that Python reads them back as floats exactly.
func wire(v any) any {
	switch x := v.(type) {
	case float64:
		return map[string]any{"$f": strconv.FormatFloat(x, 'g', -1, 64)}
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = wire(e)
		}
		return out
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			out[k] = wire(e)
		}
		return out
	}
	return v
}

const pyDumps = `
import json, sys
def hook(pairs):
    d = dict(pairs)
    if list(d) == ["$f"]:
        return float(d["$f"])
    return d
for line in sys.stdin:
    v = json.loads(line, object_pairs_hook=hook)
    print(json.dumps(v, sort_keys=True))
    print(json.dumps(v, sort_keys=True, separators=(",", ":")))
`

// TestPyJSONAgainstPython compares the encoder with CPython's json.dumps
// on generated values, in both separator styles.
func TestPyJSONAgainstPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		testenv.Missing(t, "python3 not installed")
	}
	r := rand.New(rand.NewSource(1))
	n := 3000
	if testing.Short() {
		n = 300
	}
	var in bytes.Buffer
	vals := make([]any, n)
	for i := range vals {
		vals[i] = randValue(r, 0)
		b, err := json.Marshal(wire(vals[i]))
		if err != nil {
			t.Fatal(err)
		}
		in.Write(b)
		in.WriteByte('\n')
	}
	cmd := exec.Command(py, "-c", pyDumps)
	cmd.Stdin = &in
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for i, v := range vals {
		for _, o := range []JSONOptions{PyDefault, PyCompact} {
			if !sc.Scan() {
				t.Fatalf("python output ended at value %d", i)
			}
			got, err := PyJSON(v, o)
			if err != nil {
				t.Fatal(err)
			}
			if got != sc.Text() {
				t.Fatalf("value %d differs:\n go: %s\n py: %s", i, got, sc.Text())
			}
		}
	}
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
