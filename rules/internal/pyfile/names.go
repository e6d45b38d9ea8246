package pyfile

import (
	"sort"
	"strings"

	"github.com/git-repro/git-repro/parse/python"
)

// LibName resolves a dotted name through the module's imports: with
// `import numpy as np`, "np.random.seed" is "numpy.random.seed". A name
// whose first part no import binds (a local variable called random, a
// class of the module) is not a library name: it resolves to "<local>."
// plus the name.
func LibName(m *python.Module, dotted string) string {
	head, _, _ := strings.Cut(dotted, ".")
	if _, ok := m.Binding(head); !ok {
		return "<local>." + dotted
	}
	return m.Resolve(dotted)
}

// ArgDest returns the attribute an argparse add_argument call stores its
// option in, and the option as written: "--random-seed" -> random_seed (or
// dest=). A positional argument (no leading '-') gives "".
func ArgDest(c *python.Call) (dest, flag string) {
	for _, a := range c.Args {
		s, ok := python.StringValue(a)
		if !ok || !strings.HasPrefix(s, "-") {
			continue
		}
		if flag == "" || strings.HasPrefix(s, "--") && !strings.HasPrefix(flag, "--") {
			flag = s
		}
	}
	if flag == "" {
		return "", ""
	}
	if v, ok := c.Keyword("dest"); ok {
		s, _ := python.StringValue(v)
		return s, flag
	}
	return strings.ReplaceAll(strings.TrimLeft(flag, "-"), "-", "_"), flag
}

// Funcs lists a module's code in a stable order: its top level, its
// __main__ block, then its functions by qualified name.
func Funcs(m *python.Module) []*python.Func {
	funcs := []*python.Func{m.Top}
	if m.Main != nil {
		funcs = append(funcs, m.Main)
	}
	names := make([]string, 0, len(m.Funcs))
	for n := range m.Funcs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		funcs = append(funcs, m.Funcs[n])
	}
	return funcs
}
