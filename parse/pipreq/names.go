package pipreq

import (
	"path"
	"strings"
)

// IsRequirementsName reports whether a path names a requirements or
// constraints file by convention: *requirements*.txt, *constraints*.txt,
// any .txt in a "requirements" or "reqs" directory (not its README or
// LICENSE), and the pip-tools inputs (*.in) of the same names. MANIFEST.in,
// Makefile.in and the like are not.
func IsRequirementsName(p string) bool {
	base := strings.ToLower(path.Base(p))
	ext := path.Ext(base)
	if ext != ".txt" && ext != ".in" {
		return false
	}
	if strings.Contains(base, "requirements") || strings.Contains(base, "constraints") {
		return true
	}
	dir := strings.ToLower(path.Base(path.Dir(p)))
	if dir != "requirements" && dir != "reqs" {
		return false
	}
	for _, doc := range []string{"readme", "license", "changelog", "notes"} {
		if strings.HasPrefix(base, doc) {
			return false
		}
	}
	return true
}
