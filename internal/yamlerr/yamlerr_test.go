package yamlerr

import (
	"fmt"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestOf(t *testing.T) {
	for src, want := range map[string]string{
		"k: v\nbad: [1, 2\nother: 3\n": `2: did not find expected ',' or ']'`, // a parser error: 0-based in yaml.v3
		"- a\nb: 1\n":                  `2: did not find expected '-' indicator`,
		"k: v\n  x: 1\n":               `2: mapping values are not allowed in this context`, // a scanner error: 1-based
		"k: v\n\n\nj: @x\n":            `4: found character that cannot start any token`,
		"a: b: c\n":                    `1: mapping values are not allowed in this context`, // no line: the top
		"k: v\nj: *nope\n":             `1: unknown anchor 'nope' referenced`,
	} {
		var n yaml.Node
		err := yaml.Unmarshal([]byte(src), &n)
		if err == nil {
			t.Fatalf("%q parsed", src)
		}
		line, msg := Of(err)
		if got := fmt.Sprintf("%d: %s", line, msg); got != want {
			t.Errorf("%q: %s, want %s", src, got, want)
		}
	}
	var v struct{ A int }
	err := yaml.Unmarshal([]byte("x: 1\na: [1]\n"), &v)
	if line, msg := Of(err); line != 2 || msg != "cannot unmarshal !!seq into int" {
		t.Errorf("type error: %d %q", line, msg)
	}
}
