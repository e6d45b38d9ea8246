package wording

import (
	"fmt"
	"strings"

	"github.com/git-repro/git-repro/snapshot"
)

// Plural counts a noun: "1 file", "3 files".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Noun picks the singular or the plural form for a count, without the
// count: Noun(2, "dependency", "dependencies") is "dependencies".
func Noun(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// QuoteList quotes up to max items, then says how many more there are:
// "\"a\", \"b\", and 3 more".
func QuoteList(items []string, max int) string {
	var q []string
	for i, s := range items {
		if i == max {
			q = append(q, fmt.Sprintf("and %d more", len(items)-max))
			break
		}
		q = append(q, fmt.Sprintf("%q", s))
	}
	return strings.Join(q, ", ")
}

// AppendToIgnore is the shell command that adds entry to the ignore file:
// "echo X >> .gitignore", or, when the file does not end in a newline
// (echo would glue X to its last pattern), "printf '\nX\n' >> .gitignore".
func AppendToIgnore(tree snapshot.Tree, ignoreFile, entry string) string {
	if b, err := tree.ReadFile(ignoreFile); err == nil && len(b) > 0 && b[len(b)-1] != '\n' && !strings.ContainsAny(entry, "'%\\") {
		return fmt.Sprintf("printf '\\n%s\\n' >> %s", entry, ignoreFile)
	}
	return fmt.Sprintf("echo %q >> %s", entry, ignoreFile)
}
