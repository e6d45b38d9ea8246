package seeds

import (
	"github.com/git-repro/git-repro/parse/python"
	"github.com/git-repro/git-repro/rules/internal/pyfile"
)

// libName resolves a dotted name through the module's imports: with
// `import numpy as np`, "np.random.seed" is "numpy.random.seed"; a name
// no import binds is "<local>." plus the name (pyfile.LibName).
func libName(m *python.Module, dotted string) string {
	return pyfile.LibName(m, dotted)
}
