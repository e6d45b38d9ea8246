package workflow

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// PositionMap maps the lines and columns of a run: script (1-based, as
// a shell parser of run.Value counts them) to the workflow file: the file
// line is the script line plus the returned offset.
func PositionMap(run *yaml.Node, src []byte) (int, func(line, col int) int) {
	if run.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
		// One-line plain or quoted scalar: the script starts at the node.
		shift := 0
		if run.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0 {
			shift = 1
		}
		return run.Line - 1, func(line, col int) int {
			if line == 1 {
				return run.Column + shift + col - 1
			}
			return col
		}
	}
	// Block scalar: content starts on the next line, indented.
	indent := 0
	lines := strings.Split(string(src), "\n")
	for i := run.Line; i < len(lines); i++ {
		l := strings.TrimRight(lines[i], "\r")
		if strings.TrimSpace(l) == "" {
			continue
		}
		indent = len(l) - len(strings.TrimLeft(l, " \t"))
		break
	}
	return run.Line, func(line, col int) int { return indent + col }
}
