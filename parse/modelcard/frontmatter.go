package modelcard

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/git-repro/git-repro/internal/yamlerr"
)

// FrontMatter is the YAML metadata block at the top of a card.
type FrontMatter struct {
	// Start and End are the 1-based lines of the opening and closing
	// "---" (End is 0 when the block is never closed).
	Start, End int
	// Root is the top-level mapping with node lines rewritten to file
	// lines; nil when the block is empty or invalid.
	Root *yaml.Node
	// Err is set when the block cannot be read as a YAML mapping.
	Err *Error
}

// Error is a problem at a 1-based line of the card.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// maxYAMLNodes bounds alias expansion in hostile front matter.
const maxYAMLNodes = 100000

// parseFrontMatter reads a "---" block starting on the first line. It
// returns nil when the document has no front matter, and the 0-based index
// of the first line after it.
func parseFrontMatter(lines []string) (*FrontMatter, int) {
	if len(lines) == 0 || strings.TrimRight(lines[0], " \t") != "---" {
		return nil, 0
	}
	fm := &FrontMatter{Start: 1}
	end := -1
	for i := 1; i < len(lines); i++ {
		if t := strings.TrimRight(lines[i], " \t"); t == "---" || t == "..." {
			end = i
			break
		}
	}
	if end < 0 {
		fm.Err = &Error{Line: 1, Msg: `front matter opened with "---" is never closed by a "---" line`}
		return fm, len(lines)
	}
	fm.End = end + 1
	src := strings.Join(lines[1:end], "\n")
	root, err := parseYAML(src, 1)
	if err != nil {
		fm.Err = err
	} else {
		fm.Root = root
	}
	return fm, end + 1
}

// ParseFrontMatter parses YAML metadata text (without the "---" lines)
// whose first line is line offset+1 of the file. It returns nil, nil for
// an empty document.
func ParseFrontMatter(src string, offset int) (*yaml.Node, *Error) {
	return parseYAML(src, offset)
}

func parseYAML(src string, offset int) (root *yaml.Node, perr *Error) {
	defer func() {
		// yaml.v3 has panicked on hostile input in the past; a card must
		// never crash the run.
		if v := recover(); v != nil {
			root, perr = nil, &Error{Line: offset + 1, Msg: fmt.Sprintf("front matter is not valid YAML: %v", v)}
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		return nil, yamlError(err, offset)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil
	}
	n := doc.Content[0]
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil, nil
	}
	count := 0
	var dup *Error
	if !shiftLines(n, offset, map[*yaml.Node]bool{}, &count, &dup) {
		return nil, &Error{Line: offset + 1, Msg: "front matter is too large or too deeply aliased"}
	}
	if dup != nil {
		return nil, dup
	}
	if n.Kind != yaml.MappingNode {
		return nil, &Error{Line: n.Line, Msg: fmt.Sprintf("front matter is a %s, not a mapping of metadata keys", kindName(n))}
	}
	return n, nil
}

func yamlError(err error, offset int) *Error {
	line, msg := yamlerr.Of(err)
	return &Error{Line: line + offset, Msg: "front matter is not valid YAML: " + msg}
}

// shiftLines rewrites node lines to file lines, visiting each node once.
func shiftLines(n *yaml.Node, offset int, seen map[*yaml.Node]bool, count *int, dupErr **Error) bool {
	if n == nil || seen[n] {
		return true
	}
	seen[n] = true
	*count++
	if *count > maxYAMLNodes {
		return false
	}
	n.Line += offset
	if n.Kind == yaml.MappingNode {
		keys := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				continue
			}
			if first, dup := keys[k.Value]; dup && *dupErr == nil {
				*dupErr = &Error{Line: k.Line + offset, Msg: fmt.Sprintf("front matter is not valid YAML: key %q is already defined at line %d", k.Value, first)}
			} else if !dup {
				keys[k.Value] = k.Line + offset
			}
		}
	}
	for _, c := range n.Content {
		if !shiftLines(c, offset, seen, count, dupErr) {
			return false
		}
	}
	if n.Alias != nil {
		return shiftLines(n.Alias, offset, seen, count, dupErr)
	}
	return true
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "mapping"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "null"
		}
		return "scalar"
	case yaml.AliasNode:
		return "alias"
	}
	return "document"
}

// Lookup returns the value node of key in mapping n, and the key node.
func Lookup(n *yaml.Node, key string) (val, k *yaml.Node) {
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return resolve(n.Content[i+1]), n.Content[i]
		}
	}
	return nil, nil
}

// resolve follows aliases (bounded, so a cycle cannot loop).
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 16; i++ {
		n = n.Alias
	}
	if n != nil && n.Kind == yaml.AliasNode {
		return nil
	}
	return n
}

// StringValue returns the value of key when it is a non-empty string.
func StringValue(n *yaml.Node, key string) string {
	v, _ := Lookup(n, key)
	if isString(v) {
		return v.Value
	}
	return ""
}

func isString(n *yaml.Node) bool {
	return n != nil && n.Kind == yaml.ScalarNode && (n.Tag == "!!str" || n.Tag == "")
}

func isNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}
