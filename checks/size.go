package checks

import (
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/git-repro/git-repro/internal/bytesize"
)

// Size is a .repro.yaml setting that counts bytes: a number, or a string
// with a unit as internal/bytesize reads it ("5MiB", "500KB", "1G"). Every
// family's size setting is one, so they all accept the same units and
// reject the same mistakes with the same message, naming the line.
type Size int64

// UnmarshalYAML reads a number of bytes or a string with a unit.
func (s *Size) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: a size must be a number or a string such as \"5MiB\"", n.Line)
	}
	v, err := bytesize.Parse(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %v", n.Line, err)
	}
	*s = Size(v)
	return nil
}
