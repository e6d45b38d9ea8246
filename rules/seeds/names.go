package seeds

import (
	"strings"

	"github.com/git-repro/git-repro/parse/python"
	"github.com/git-repro/git-repro/rules/internal/pyfile"
)

// libName resolves a dotted name through the module's imports: with
// `import numpy as np`, "np.random.seed" is "numpy.random.seed"; a name
// no import binds is "<local>." plus the name (pyfile.LibName), unless a
// star import of a library the family knows binds it (fastai.go, sb3.go).
func libName(m *python.Module, dotted string) string {
	r := pyfile.LibName(m, dotted)
	if strings.HasPrefix(r, "<local>.") || strings.HasPrefix(r, "fastai.") {
		if f := fastaiName(m, dotted, r); f != "" {
			return f
		}
	}
	if strings.HasPrefix(r, "<local>.") {
		if s := sb3StarName(m, dotted); s != "" {
			return s
		}
	}
	return r
}
