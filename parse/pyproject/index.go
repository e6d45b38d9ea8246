package pyproject

import (
	"errors"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// Index maps a key path to the 1-based line where it is written. Paths
// join keys and array indices with "\x00" ("project\x00dependencies\x000"
// is the first element of [project] dependencies). Build keys with Path.
type Index map[string]int

// Path joins key parts into an Index key.
func Path(parts ...string) string { return strings.Join(parts, "\x00") }

// Line returns the line of the path, or of its closest written ancestor,
// or 0.
func (ix Index) Line(parts ...string) int {
	for n := len(parts); n > 0; n-- {
		if l, ok := ix[Path(parts[:n]...)]; ok {
			return l
		}
	}
	return 0
}

// Error is a TOML syntax error with its position.
type Error struct {
	Line, Col int
	Msg       string
}

func (e *Error) Error() string { return "line " + strconv.Itoa(e.Line) + ": " + e.Msg }

// Decode parses TOML into a generic document (tables as map[string]any,
// arrays as []any, integers int64, floats float64) and its line index.
func Decode(data []byte) (map[string]any, Index, error) {
	doc := map[string]any{}
	if err := toml.Unmarshal(data, &doc); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, col := de.Position()
			return nil, nil, &Error{Line: row, Col: col, Msg: de.Error()}
		}
		return nil, nil, &Error{Line: 1, Msg: err.Error()}
	}
	return doc, BuildIndex(data), nil
}

// BuildIndex records the line of every key, array element and table header
// in data. It is best effort: on a syntax error it returns what it has.
func BuildIndex(data []byte) Index {
	ix := Index{}
	var p unstable.Parser
	p.Reset(data)
	lines := newLineTable(data)
	var prefix []string
	arrayCount := map[string]int{}
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table:
			prefix = resolveArrays(keyParts(e.Key()), arrayCount)
			if kl := keyLine(&p, lines, e.Key()); kl > 0 {
				setOnce(ix, Path(prefix...), kl)
			}
		case unstable.ArrayTable:
			raw := keyParts(e.Key())
			if len(raw) == 0 {
				continue
			}
			// The parents resolve to their last element; the array itself
			// gets a new one.
			parts := append(resolveArrays(raw[:len(raw)-1], arrayCount), raw[len(raw)-1])
			k := Path(parts...)
			n := arrayCount[k]
			arrayCount[k] = n + 1
			prefix = append(parts, strconv.Itoa(n))
			if kl := keyLine(&p, lines, e.Key()); kl > 0 {
				setOnce(ix, Path(parts...), kl)
				ix[Path(prefix...)] = kl
			}
		case unstable.KeyValue:
			indexKeyValue(&p, lines, ix, prefix, e)
		}
	}
	return ix
}

// resolveArrays inserts, after every prefix of parts that names an array
// of tables, the index of its last element: "[package.metadata]" after
// the third "[[package]]" is package.2.metadata.
func resolveArrays(parts []string, arrayCount map[string]int) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p)
		if n := arrayCount[Path(out...)]; n > 0 {
			out = append(out, strconv.Itoa(n-1))
		}
	}
	return out
}

func setOnce(ix Index, k string, l int) {
	if _, ok := ix[k]; !ok {
		ix[k] = l
	}
}

func indexKeyValue(p *unstable.Parser, lines lineTable, ix Index, prefix []string, e *unstable.Node) {
	parts := append(append([]string(nil), prefix...), keyParts(e.Key())...)
	kl := keyLine(p, lines, e.Key())
	// Intermediate dotted keys ("a.b = 1" defines a) get the line too.
	for i := len(prefix) + 1; i <= len(parts); i++ {
		setOnce(ix, Path(parts[:i]...), kl)
	}
	indexValue(p, lines, ix, parts, e.Value(), kl)
}

func indexValue(p *unstable.Parser, lines lineTable, ix Index, parts []string, v *unstable.Node, fallback int) {
	switch v.Kind {
	case unstable.Array:
		i := 0
		for it := v.Children(); it.Next(); {
			c := it.Node()
			if c.Kind == unstable.Comment {
				continue
			}
			sub := append(append([]string(nil), parts...), strconv.Itoa(i))
			l := nodeLine(p, lines, c)
			if l == 0 {
				l = fallback
			}
			ix[Path(sub...)] = l
			indexValue(p, lines, ix, sub, c, l)
			i++
		}
	case unstable.InlineTable:
		for it := v.Children(); it.Next(); {
			c := it.Node()
			if c.Kind == unstable.KeyValue {
				indexKeyValue(p, lines, ix, parts, c)
			}
		}
	}
}

// nodeLine is the line of a value node, or of its first child that has a
// position (arrays carry none themselves).
func nodeLine(p *unstable.Parser, lines lineTable, n *unstable.Node) int {
	if n.Raw.Length > 0 || n.Kind == unstable.InlineTable {
		return lines.line(int(n.Raw.Offset))
	}
	for it := n.Children(); it.Next(); {
		if l := nodeLine(p, lines, it.Node()); l > 0 {
			return l
		}
	}
	return 0
}

func keyParts(it unstable.Iterator) []string {
	var parts []string
	for it.Next() {
		parts = append(parts, string(it.Node().Data))
	}
	return parts
}

func keyLine(p *unstable.Parser, lines lineTable, it unstable.Iterator) int {
	if it.Next() {
		return lines.line(int(it.Node().Raw.Offset))
	}
	return 0
}

// lineTable maps byte offsets to 1-based lines.
type lineTable []int

func newLineTable(data []byte) lineTable {
	t := lineTable{0}
	for i, c := range data {
		if c == '\n' {
			t = append(t, i+1)
		}
	}
	return t
}

func (t lineTable) line(off int) int {
	lo, hi := 0, len(t)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if t[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1
}
