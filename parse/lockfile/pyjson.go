package lockfile

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// JSONOptions are the json.dumps arguments that matter for hashing. Keys
// are always sorted (sort_keys=True) and non-ASCII text is always escaped
// (ensure_ascii=True, the default), as both Poetry and pipenv do.
type JSONOptions struct {
	ItemSep, KeySep string
}

// Python's default separators: json.dumps(v) writes ", " and ": ".
var (
	PyDefault = JSONOptions{ItemSep: ", ", KeySep: ": "}
	// PyCompact is separators=(",", ":"), as pipenv uses.
	PyCompact = JSONOptions{ItemSep: ",", KeySep: ":"}
)

// PyJSON encodes v as Python's json.dumps(v, sort_keys=True,
// separators=...) would: maps with string keys, slices, strings, bools,
// nil, integers and floats (repr form: "1.0", "1e+16", "NaN"). Values
// Python's json cannot encode (TOML dates and times) are an error, as they
// are for the real tools.
func PyJSON(v any, o JSONOptions) (string, error) {
	var b strings.Builder
	if err := encode(&b, v, o, 0); err != nil {
		return "", err
	}
	return b.String(), nil
}

const maxDepth = 1000 // Python's default recursion limit stops near here

func encode(b *strings.Builder, v any, o JSONOptions, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("json: nesting deeper than %d", maxDepth)
	}
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		if x {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case string:
		writePyString(b, x)
	case int:
		b.WriteString(strconv.Itoa(x))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case uint64:
		b.WriteString(strconv.FormatUint(x, 10))
	case float64:
		b.WriteString(PyFloatRepr(x))
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys) // byte order of UTF-8 == code point order, as Python sorts str
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteString(o.ItemSep)
			}
			writePyString(b, k)
			b.WriteString(o.KeySep)
			if err := encode(b, x[k], o, depth+1); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(o.ItemSep)
			}
			if err := encode(b, e, o, depth+1); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case []map[string]any:
		items := make([]any, len(x))
		for i, e := range x {
			items[i] = e
		}
		return encode(b, items, o, depth)
	default:
		return fmt.Errorf("json: object of type %s is not JSON serializable", reflect.TypeOf(v))
	}
	return nil
}

const hexDigits = "0123456789abcdef"

// writePyString writes s as json.dumps(s) with ensure_ascii=True: only
// printable ASCII (space to '~') is written as is; everything else is a
// short escape or \uXXXX (lower-case hex, surrogate pairs above the BMP).
func writePyString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch c {
			case '"':
				b.WriteString(`\"`)
			case '\\':
				b.WriteString(`\\`)
			case '\n':
				b.WriteString(`\n`)
			case '\r':
				b.WriteString(`\r`)
			case '\t':
				b.WriteString(`\t`)
			case '\b':
				b.WriteString(`\b`)
			case '\f':
				b.WriteString(`\f`)
			default:
				if c < 0x20 || c == 0x7f {
					writeU(b, rune(c))
				} else {
					b.WriteByte(c)
				}
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r >= 0x10000 {
			r -= 0x10000
			writeU(b, 0xd800|(r>>10)&0x3ff)
			writeU(b, 0xdc00|r&0x3ff)
			continue
		}
		writeU(b, r)
	}
	b.WriteByte('"')
}

func writeU(b *strings.Builder, r rune) {
	b.WriteString(`\u`)
	b.WriteByte(hexDigits[r>>12&0xf])
	b.WriteByte(hexDigits[r>>8&0xf])
	b.WriteByte(hexDigits[r>>4&0xf])
	b.WriteByte(hexDigits[r&0xf])
}

// PyFloatRepr formats f as Python's repr(float) (and so json.dumps): the
// shortest round-tripping digits, positional notation with ".0" when the
// decimal exponent is in [-4, 16), else "d.ddde+XX"; NaN and infinities as
// json.dumps writes them.
func PyFloatRepr(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	if f == 0 {
		if math.Signbit(f) {
			return "-0.0"
		}
		return "0.0"
	}
	s := strconv.FormatFloat(f, 'e', -1, 64) // -d.ddde±XX
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	mant, expStr, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(expStr)
	digits := strings.Replace(mant, ".", "", 1)
	decpt := exp + 1 // value = 0.digits * 10^decpt
	var out strings.Builder
	if neg {
		out.WriteByte('-')
	}
	if decpt <= -4 || decpt > 16 {
		out.WriteByte(digits[0])
		if len(digits) > 1 {
			out.WriteByte('.')
			out.WriteString(digits[1:])
		}
		e := decpt - 1
		out.WriteByte('e')
		if e < 0 {
			out.WriteByte('-')
			e = -e
		} else {
			out.WriteByte('+')
		}
		if e < 10 {
			out.WriteByte('0')
		}
		out.WriteString(strconv.Itoa(e))
		return out.String()
	}
	switch {
	case decpt <= 0:
		out.WriteString("0.")
		out.WriteString(strings.Repeat("0", -decpt))
		out.WriteString(digits)
	case decpt >= len(digits):
		out.WriteString(digits)
		out.WriteString(strings.Repeat("0", decpt-len(digits)))
		out.WriteString(".0")
	default:
		out.WriteString(digits[:decpt])
		out.WriteByte('.')
		out.WriteString(digits[decpt:])
	}
	return out.String()
}
