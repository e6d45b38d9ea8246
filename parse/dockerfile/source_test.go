package dockerfile

import (
	"regexp"
	"testing"
)

// continuationRe is the Docker parser's line-continuation pattern for an
// escape token, which continued replaced: the test holds them equal.
func continuationRe(escape rune) *regexp.Regexp {
	e := regexp.QuoteMeta(string(escape))
	return regexp.MustCompile(`([^` + e + `])` + e + `[ \t]*$|^` + e + `[ \t]*$`)
}

// byPattern is what logicalLine did with the pattern: a match continues
// the line and keeps what comes before the escape token.
func byPattern(re *regexp.Regexp, line string) (string, bool) {
	loc := re.FindStringSubmatchIndex(line)
	if loc == nil {
		return line, false
	}
	if loc[2] >= 0 {
		return line[:loc[3]], true
	}
	return "", true
}

// TestContinuedMatchesPattern compares continued with the pattern on every
// line of up to five characters from an alphabet of both escape tokens,
// blanks, a letter, a multibyte rune and a byte that is not UTF-8, and on
// a few longer lines.
func TestContinuedMatchesPattern(t *testing.T) {
	alphabet := []string{"a", `\`, "`", " ", "\t", "é", "\xff"}
	lines := []string{"RUN pip install \\", "RUN echo `  ", "  && x \\\\", "\\\\\\", "é\\\t \t", "RUN a \\ # not a comment"}
	var grow func(prefix string, n int)
	grow = func(prefix string, n int) {
		lines = append(lines, prefix)
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			grow(prefix+c, n-1)
		}
	}
	grow("", 5)
	for _, escape := range []rune{'\\', '`'} {
		re := continuationRe(escape)
		for _, line := range lines {
			wantText, wantCont := byPattern(re, line)
			gotText, gotCont := continued(line, escape)
			if gotText != wantText || gotCont != wantCont {
				t.Fatalf("continued(%q, %q) = %q, %v; the pattern says %q, %v", line, escape, gotText, gotCont, wantText, wantCont)
			}
		}
	}
}
